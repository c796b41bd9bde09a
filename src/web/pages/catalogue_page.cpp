// The indicator catalogue for everyone: the three axes, their eleven
// priorities and the indicators that follow them; one page per indicator and
// per data element, in words rather than codes. National administrators find
// there the links to the edit forms (catalogue_edit.cpp).
#include "catalogue/catalogue.hpp"
#include "catalogue/formula.hpp"
#include "catalogue/validation.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "web/pages/catalogue_views.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

using catalogue::Catalogue;

nlohmann::json indicator_summary(const catalogue::Indicator& indicator, const Catalogue& catalogue)
{
    return {{"code", indicator.code},
            {"name", indicator.name},
            {"href", indicator_href(indicator.code)},
            {"definition", indicator.definition},
            {"formula", formula_in_words(indicator, catalogue)},
            {"unit", indicator.unit},
            {"direction", catalogue::label(indicator.direction)},
            {"periodicity", periodicity_adjective(indicator.periodicity)},
            {"source", source_name(indicator.source_code, catalogue)},
            {"badge", status_badge(indicator)},
            {"equity", indicator.kind == catalogue::IndicatorKind::Equity}};
}

// Both the formulas' element codes, in order, without repeats.
std::vector<std::string> cited_elements(const catalogue::Indicator& indicator)
{
    std::vector<std::string> codes;
    for (const auto* text : {&indicator.numerator, &indicator.denominator})
        if (auto parsed = catalogue::Formula::try_parse(*text); parsed.formula)
            for (auto& code : parsed.formula->element_codes())
                if (std::find(codes.begin(), codes.end(), code) == codes.end())
                    codes.push_back(std::move(code));
    return codes;
}

core::Error unknown_entry(const std::string& what, std::string_view code)
{
    return core::Error::not_found(what + " « " + std::string(core::is_valid_utf8(code) ? code.substr(0, 80) : "") +
                                  " » n'est pas dans le catalogue. Revenez à la page Catalogue pour le retrouver.");
}

http::Response overview(AppState& state, http::Request& request)
{
    auto [loaded, framework] = state.database.read([](storage::Connection& connection) {
        return std::pair(Catalogue::load(connection), framework::load_framework(connection));
    });
    nlohmann::json axes = nlohmann::json::array();
    for (const auto& axis : framework.axes) {
        nlohmann::json priorities = nlohmann::json::array();
        for (const auto* priority : framework.priorities_of(axis.code)) {
            nlohmann::json indicators = nlohmann::json::array();
            for (const auto* indicator : loaded.indicators_of_priority(priority->code))
                indicators.push_back(indicator_summary(*indicator, loaded));
            priorities.push_back({{"code", priority->code},
                                  {"number", priority->position},
                                  {"title", priority->title},
                                  {"indicators", indicators},
                                  {"empty", indicators.empty()}});
        }
        axes.push_back(
            {{"code", axis.code}, {"number", axis.position}, {"title", axis.title}, {"priorities", priorities}});
    }
    nlohmann::json elements = nlohmann::json::array();
    for (const auto& element : loaded.elements())
        elements.push_back({{"code", element.code},
                            {"name", element.name},
                            {"href", element_href(element.code)},
                            {"unit", element.unit},
                            {"period", per_period(element.period_type)},
                            {"source", source_name(element.source_code, loaded)},
                            {"collected", element.collected}});
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& source : loaded.sources())
        sources.push_back({{"code", source.code},
                           {"name", source.name},
                           {"producer", source.producer},
                           {"description", source.description},
                           {"url", source.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(source.url)}});
    nlohmann::json context{{"axes", axes},
                           {"elements", elements},
                           {"sources", sources},
                           {"indicator_count", loaded.indicators().size()},
                           {"element_count", loaded.elements().size()},
                           {"source_count", loaded.sources().size()},
                           {"empty", loaded.indicators().empty()}};
    PageMeta meta;
    meta.title = "Catalogue des indicateurs";
    meta.section = "catalogue";
    return render_page(state, request, "catalogue", context, meta);
}

http::Response indicator_page(AppState& state, http::Request& request)
{
    auto code = std::string(request.path_param("code"));
    auto [loaded, framework] = state.database.read([](storage::Connection& connection) {
        return std::pair(Catalogue::load(connection), framework::load_framework(connection));
    });
    const auto* indicator = loaded.find_indicator(code);
    if (!indicator)
        return error_page(state, request, unknown_entry("L'indicateur", code));

    auto view = indicator_summary(*indicator, loaded);
    nlohmann::json priorities = nlohmann::json::array();
    for (const auto& priority : framework.priorities)
        if (std::find(indicator->priorities.begin(), indicator->priorities.end(), priority.code) !=
            indicator->priorities.end())
            priorities.push_back({{"label", std::to_string(priority.position) + ". " + priority.title},
                                  {"href", "/catalogue#priorite-" + priority.code}});
    nlohmann::json elements = nlohmann::json::array();
    for (const auto& element_code : cited_elements(*indicator)) {
        const auto* element = loaded.find_element(element_code);
        if (!element)
            continue;
        elements.push_back({{"code", element->code},
                            {"name", element->name},
                            {"href", element_href(element->code)},
                            {"unit", element->unit},
                            {"period", per_period(element->period_type)},
                            {"source", source_name(element->source_code, loaded)}});
    }
    nlohmann::json base = nullptr;
    if (const auto* other = loaded.find_indicator(indicator->base_indicator_code))
        base = {{"name", other->name}, {"href", indicator_href(other->code)}};
    const auto* source = loaded.find_source(indicator->source_code);
    view["numerator"] = indicator->numerator;
    view["denominator"] =
        indicator->denominator.empty() ? nlohmann::json(nullptr) : nlohmann::json(indicator->denominator);
    view["factor"] = catalogue::format_number(indicator->factor);
    view["decimals"] = indicator->decimals;
    view["reference_note"] =
        indicator->reference_note.empty() ? nlohmann::json(nullptr) : nlohmann::json(indicator->reference_note);
    view["priorities"] = priorities;
    view["elements"] = elements;
    view["has_elements"] = !elements.empty();
    view["base"] = base;
    view["source_url"] = source && !source->url.empty() ? nlohmann::json(source->url) : nlohmann::json(nullptr);
    view["version"] = indicator->version;
    view["can_edit"] = request_context(request).principal.is_national_admin();
    view["edit_href"] = indicator_href(indicator->code) + "/modifier";
    view["values_href"] = "/indicateurs/" + indicator->code;
    PageMeta meta;
    meta.title = indicator->name;
    meta.section = "catalogue";
    meta.breadcrumbs = {{"Catalogue", "/catalogue"}, {indicator->name, ""}};
    return render_page(state, request, "catalogue_indicator", view, meta);
}

http::Response element_page(AppState& state, http::Request& request)
{
    auto code = std::string(request.path_param("code"));
    auto loaded = state.database.read([](storage::Connection& connection) { return Catalogue::load(connection); });
    const auto* element = loaded.find_element(code);
    if (!element)
        return error_page(state, request, unknown_entry("La donnée", code));
    nlohmann::json users = nlohmann::json::array();
    for (const auto& indicator : loaded.indicators()) {
        auto cited = cited_elements(indicator);
        if (std::find(cited.begin(), cited.end(), element->code) != cited.end())
            users.push_back({{"name", indicator.name},
                             {"href", indicator_href(indicator.code)},
                             {"badge", status_badge(indicator)}});
    }
    const auto* source = loaded.find_source(element->source_code);
    std::string due = element->due_days == 0
                          ? "Sans objet"
                          : "Attendue " + std::to_string(element->due_days) + " jours après la fin de la période.";
    nlohmann::json context{{"code", element->code},
                           {"name", element->name},
                           {"description", element->description},
                           {"unit", element->unit},
                           {"period", per_period(element->period_type)},
                           {"territory_rule", territory_rule(*element, loaded)},
                           {"time_rule", time_rule(*element)},
                           {"rules", validation_rules(*element, loaded)},
                           {"due", element->collected ? due : "Sans objet : calculée par Boussole."},
                           {"collected", element->collected},
                           {"source", source_name(element->source_code, loaded)},
                           {"source_url", source && !source->url.empty() ? nlohmann::json(source->url) : nullptr},
                           {"indicators", users},
                           {"has_indicators", !users.empty()},
                           {"version", element->version},
                           {"can_edit", request_context(request).principal.is_national_admin()},
                           {"edit_href", element_href(element->code) + "/modifier"}};
    PageMeta meta;
    meta.title = element->name;
    meta.section = "catalogue";
    meta.breadcrumbs = {{"Catalogue", "/catalogue"}, {element->name, ""}};
    return render_page(state, request, "catalogue_element", context, meta);
}

}  // namespace

void register_catalogue_routes(http::Router& router, AppState& state)
{
    router.get("/catalogue", [&state](http::Request& request) { return overview(state, request); });
    router.get("/catalogue/indicateurs/{code}",
               [&state](http::Request& request) { return indicator_page(state, request); });
    router.get("/catalogue/donnees/{code}", [&state](http::Request& request) { return element_page(state, request); });
    register_catalogue_edit_routes(router, state);
}

}  // namespace boussole::web::pages
