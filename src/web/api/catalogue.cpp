// The indicator catalogue over the API: the whole of it grouped by axis and
// priority, the sources, and the check of a formula without saving it. Data
// elements and indicators are in catalogue_entries.cpp.
#include "catalogue/catalogue_json.hpp"
#include "catalogue/formula.hpp"
#include "catalogue/validation.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "web/api/catalogue_api.hpp"
#include "web/api/catalogue_writes.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

using catalogue::Catalogue;

http::Response get_catalogue(AppState& state, http::Request&)
{
    auto [loaded, framework] = state.database.read([](storage::Connection& connection) {
        return std::pair(Catalogue::load(connection), framework::load_framework(connection));
    });
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& source : loaded.sources())
        sources.push_back(catalogue::to_json(source));
    nlohmann::json elements = nlohmann::json::array();
    for (const auto& element : loaded.elements())
        elements.push_back(element_view(element, loaded));
    nlohmann::json axes = nlohmann::json::array();
    for (const auto& axis : framework.axes) {
        nlohmann::json priorities = nlohmann::json::array();
        for (const auto* priority : framework.priorities_of(axis.code)) {
            nlohmann::json indicators = nlohmann::json::array();
            for (const auto* indicator : loaded.indicators_of_priority(priority->code))
                indicators.push_back(indicator_view(*indicator));
            priorities.push_back({{"code", priority->code},
                                  {"position", priority->position},
                                  {"title", priority->title},
                                  {"indicators", indicators}});
        }
        axes.push_back(
            {{"code", axis.code}, {"position", axis.position}, {"title", axis.title}, {"priorities", priorities}});
    }
    return http::Response::json(200, {{"sources", sources},
                                      {"data_elements", elements},
                                      {"axes", axes},
                                      {"counts",
                                       {{"sources", loaded.sources().size()},
                                        {"data_elements", loaded.elements().size()},
                                        {"indicators", loaded.indicators().size()}}}});
}

http::Response list_sources(AppState& state, http::Request& request)
{
    auto page = page_parameters(request);
    if (!page.ok())
        return problem_response(page.error(), request);
    auto loaded = load_catalogue(state);
    auto sliced = slice_page(loaded.sources(), *page);
    return http::Response::json(
        200, page_json(sliced, [](const catalogue::Source& source) { return catalogue::to_json(source); }));
}

http::Response get_source(AppState& state, http::Request& request)
{
    auto code = code_parameter(request);
    if (!code.ok())
        return problem_response(code.error(), request);
    auto loaded = load_catalogue(state);
    const auto* source = loaded.find_source(*code);
    if (!source)
        return problem_response(core::Error::not_found("Source « " + *code +
                                                       " » inconnue : la liste des sources est "
                                                       "à l'adresse /api/v1/sources."),
                                request);
    return http::Response::json(200, catalogue::to_json(*source));
}

// 422 with the position of each problem, so that an editor can put the
// cursor on it.
http::Response formula_problems(const std::string& text, const std::vector<catalogue::FormulaProblem>& problems,
                                const http::Request& request)
{
    auto error = catalogue::formula_error("formula", "Formule", text, problems);
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& problem : problems) {
        nlohmann::json entry{{"field", "formula"}, {"message", problem.message}, {"value", text}};
        if (problem.position)
            entry["position"] = *problem.position;
        errors.push_back(std::move(entry));
    }
    nlohmann::json extra{{"code", "invalid"}, {"request_id", request.request_id}, {"errors", errors}};
    if (problems.front().position)
        extra["position"] = *problems.front().position;
    return http::Response::problem(422, std::string(http::status_title(422)), error.message, extra);
}

http::Response check_formula(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto known = only_members(*body, {"formula", "periodicity", "indicator"}); !known.ok())
        return problem_response(known.error(), request);
    auto text = required_string(*body, "formula");
    if (!text.ok())
        return problem_response(text.error(), request);
    auto periodicity_text = optional_string(*body, "periodicity");
    if (!periodicity_text.ok())
        return problem_response(periodicity_text.error(), request);
    auto periodicity = core::parse_period_type(periodicity_text->value_or("year"));
    if (!periodicity.ok())
        return problem_response(
            invalid_parameter("periodicity", periodicity.error().message, periodicity_text->value_or("")), request);
    auto owner = optional_string(*body, "indicator");
    if (!owner.ok())
        return problem_response(owner.error(), request);

    auto loaded = load_catalogue(state);
    auto problems = catalogue::check_formula(
        *text,
        {&loaded, *periodicity, catalogue::is_valid_code(owner->value_or("")) ? owner->value_or("") : std::string()});
    if (!problems.empty())
        return formula_problems(*text, problems, request);
    auto formula = catalogue::Formula::parse(*text);
    auto leaf = [](const catalogue::Node& node) {
        return node.kind == catalogue::NodeKind::Indicator ? "ind:" + node.code : node.code;
    };
    auto words = [&](const catalogue::Node& node) {
        if (node.kind == catalogue::NodeKind::Indicator)
            return loaded.find_indicator(node.code)->name;
        return loaded.find_element(node.code)->name;
    };
    nlohmann::json result{{"valid", true},
                          {"formula", catalogue::format_formula(formula->root(), leaf)},
                          {"in_words", catalogue::format_formula(formula->root(), words, {true, true})},
                          {"periodicity", core::to_string(*periodicity)},
                          {"data_elements", formula->element_codes()},
                          {"indicators", formula->indicator_codes()}};
    if (auto constant = formula->constant_value())
        result["constant"] = *constant;
    return http::Response::json(200, result);
}

}  // namespace

void register_catalogue_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/catalogue", [&state](http::Request& request) { return get_catalogue(state, request); });
    router.get("/api/v1/sources", [&state](http::Request& request) { return list_sources(state, request); });
    router.post("/api/v1/sources", [&state](http::Request& request) {
        return create_entry<catalogue::Source>(state, request, {"code", "name"}, "/api/v1/sources/",
                                               catalogue::create_source);
    });
    router.get("/api/v1/sources/{code}", [&state](http::Request& request) { return get_source(state, request); });
    router.patch("/api/v1/sources/{code}", [&state](http::Request& request) {
        return patch_entry<catalogue::Source>(
            state, request, "Source",
            [](const Catalogue& loaded, const std::string& code) { return loaded.find_source(code); },
            catalogue::update_source);
    });
    router.post("/api/v1/formulas/check", [&state](http::Request& request) { return check_formula(state, request); });
    register_catalogue_entry_routes(router, state);
}

}  // namespace boussole::web::api
