// The completeness grid: for one data element, which departments reported
// each period, on time or late, with the totals per period ("87/101
// départements"), for the whole country or one region. An accessible table:
// every cell says its state in words; the colour of its badge only repeats it.
#include "collection/completeness.hpp"
#include "collection/value_checks.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <cctype>

namespace boussole::web::pages {

namespace {

// A page shows at most two years of months; the API goes further.
constexpr std::size_t kLargestPageGrid = 24;

const char* badge_of(collection::Timeliness timeliness)
{
    switch (timeliness) {
    case collection::Timeliness::OnTime: return "success";
    case collection::Timeliness::Late: return "warning";
    case collection::Timeliness::Missing: return "error";
    case collection::Timeliness::NotYetDue: return "info";
    }
    return "info";
}

nlohmann::json grid_view(const collection::CompletenessGrid& grid)
{
    nlohmann::json periods = nlohmann::json::array();
    nlohmann::json totals = nlohmann::json::array();
    for (const auto& period : grid.periods) {
        periods.push_back({{"label", period.period.label()}, {"due", core::format_date(period.due)}});
        totals.push_back(
            {{"summary", collection::reported_out_of(period.reported, period.expected)}, {"on_time", period.on_time}});
    }
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t d = 0; d < grid.departments.size(); ++d) {
        nlohmann::json cells = nlohmann::json::array();
        for (const auto& cell : grid.cells[d]) {
            std::string text = collection::label(cell.timeliness);
            text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
            cells.push_back(
                {{"text", text},
                 {"badge", badge_of(cell.timeliness)},
                 {"status", cell.reported ? nlohmann::json(collection::label(cell.status)) : nlohmann::json(nullptr)}});
        }
        rows.push_back({{"label", grid.departments[d]->label()}, {"cells", cells}});
    }
    return {{"element_name", grid.element_name},
            {"periods", periods},
            {"totals", totals},
            {"rows", rows},
            {"summary", collection::reported_out_of(grid.reported, grid.expected)},
            {"reported", grid.reported},
            {"expected", grid.expected},
            {"on_time", grid.on_time}};
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir la complétude des données"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    std::string element_code(core::trim(request.query_param("element").value_or("")));
    std::string from(core::trim(request.query_param("debut").value_or("")));
    std::string to(core::trim(request.query_param("fin").value_or("")));
    std::string region(core::trim(request.query_param("region").value_or("")));

    std::optional<core::Error> error;
    std::optional<territory::TerritoryKey> within;
    if (!region.empty()) {
        auto found = state.registry.resolve(region);
        if (found.ok() && (*found)->key.level() == territory::Level::Region)
            within = (*found)->key;
        else
            error = field_error("region", "Région inconnue : choisissez-la dans la liste.");
    }
    auto context = state.database.read([&](storage::Connection& connection) {
        auto catalogue = catalogue::Catalogue::load(connection);
        nlohmann::json elements = nlohmann::json::array();
        const catalogue::DataElement* chosen = nullptr;
        for (const auto& element : catalogue.elements()) {
            if (!element.collected)
                continue;
            if (!chosen && (element_code.empty() || element.code == element_code))
                chosen = &element;
            elements.push_back({{"value", element.code},
                                {"label", element.name + " (" + core::label(element.period_type) + ")"},
                                {"selected", chosen == &element}});
        }
        nlohmann::json grid = nullptr;
        if (!chosen && !element_code.empty())
            error = field_error("element", "Élément inconnu : choisissez-le dans la liste.");
        if (chosen && (from.empty() || to.empty())) {
            auto [first, last] = collection::recent_periods(chosen->period_type, core::now());
            from = from.empty() ? first.to_string() : from;
            to = to.empty() ? last.to_string() : to;
        }
        if (chosen && !error) {
            auto result = collection::completeness_grid(connection, state.registry, catalogue,
                                                        {chosen->code, from, to, within, core::now()});
            if (!result.ok())
                error = result.error();
            else if (result->periods.size() > kLargestPageGrid)
                error = field_error("to",
                                    "Plage trop longue pour une page : 24 périodes au plus. Réduisez-la, ou "
                                    "utilisez l'API pour une grille plus large.");
            else
                grid = grid_view(*result);
        }
        nlohmann::json regions = nlohmann::json::array();
        for (const auto* candidate : state.registry.regions())
            regions.push_back({{"value", candidate->key.to_string()},
                               {"label", candidate->name},
                               {"selected", within && candidate->key == *within}});
        return nlohmann::json{{"tabs", data_tabs("completude")},
                              {"elements", elements},
                              {"regions", regions},
                              {"from", from},
                              {"to", to},
                              {"grid", grid}};
    });
    FieldIds ids{{"element", "completude-element"},
                 {"from", "completude-debut"},
                 {"to", "completude-fin"},
                 {"region", "completude-region"}};
    context["errors"] = error ? error_view(*error, ids) : nlohmann::json{{"any", false}};
    PageMeta meta;
    meta.title = title_with_errors("Complétude des données", error.has_value());
    meta.section = kDataSection;
    meta.breadcrumbs = {{"Données", "/donnees/saisie"}, {"Complétude", ""}};
    if (error)
        meta.status = 422;
    return render_page(state, request, "data_completeness", context, meta);
}

}  // namespace

void register_data_completeness_routes(http::Router& router, AppState& state)
{
    router.get("/donnees/completude", [&state](http::Request& request) { return show(state, request); });
}

}  // namespace boussole::web::pages
