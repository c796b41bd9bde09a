// Completeness over the API: the grid of one data element (departments ×
// periods) and, for one period, the summary of every collected element.
// Signed-in callers only: which department is late is the network's
// business, not yet the public's.
#include "collection/completeness.hpp"
#include "access/policy.hpp"
#include "web/api/data_value_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

core::Result<std::optional<territory::TerritoryKey>> territory_filter(const AppState& state,
                                                                      const http::Request& request)
{
    auto text = text_query(request, "territory", 20);
    if (!text.ok())
        return std::move(text).error();
    if (text->empty())
        return std::optional<territory::TerritoryKey>{};
    auto resolved = state.registry.resolve(*text);
    if (!resolved.ok())
        return invalid_parameter("territory", resolved.error().message, *text);
    return std::optional<territory::TerritoryKey>{(*resolved)->key};
}

http::Response get_grid(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    collection::CompletenessQuery query;
    query.now = core::now();
    auto element = text_query(request, "element", 100);
    if (!element.ok())
        return problem_response(element.error(), request);
    if (element->empty())
        return problem_response(invalid_parameter("element", "obligatoire : le code d'un élément de donnée"), request);
    query.element = *element;
    for (auto [name, target] : {std::pair{"from", &query.from}, std::pair{"to", &query.to}}) {
        auto text = text_query(request, name, 20);
        if (!text.ok())
            return problem_response(text.error(), request);
        *target = *text;
    }
    auto within = territory_filter(state, request);
    if (!within.ok())
        return problem_response(within.error(), request);
    query.within = *within;
    auto grid = state.database.read([&](storage::Connection& connection) {
        auto catalogue = catalogue::Catalogue::load(connection);
        if (const auto* known = catalogue.find_element(query.element);
            known && (query.from.empty() || query.to.empty())) {
            auto [first, last] = collection::recent_periods(known->period_type, core::now());
            if (query.from.empty())
                query.from = first.to_string();
            if (query.to.empty())
                query.to = last.to_string();
        }
        return collection::completeness_grid(connection, state.registry, catalogue, query);
    });
    if (!grid.ok())
        return problem_response(grid.error(), request);
    return http::Response::json(200, completeness_grid_json(*grid));
}

http::Response get_summary(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto period = text_query(request, "period", 20);
    if (!period.ok())
        return problem_response(period.error(), request);
    if (period->empty())
        return problem_response(invalid_parameter("period", "obligatoire : 2025, 2025-T3 ou 2025-07"), request);
    auto within = territory_filter(state, request);
    if (!within.ok())
        return problem_response(within.error(), request);
    auto summary = state.database.read([&](storage::Connection& connection) {
        auto catalogue = catalogue::Catalogue::load(connection);
        return collection::completeness_summary(connection, state.registry, catalogue, *period, *within, core::now());
    });
    if (!summary.ok())
        return problem_response(summary.error(), request);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : *summary)
        items.push_back({{"element", entry.element},
                         {"name", entry.name},
                         {"due", iso_date(entry.due)},
                         {"reported", entry.reported},
                         {"on_time", entry.on_time},
                         {"expected", entry.expected},
                         {"summary", collection::reported_out_of(entry.reported, entry.expected)}});
    nlohmann::json answer{{"items", items}};
    add_period(answer, *core::Period::parse(*period));
    return http::Response::json(200, answer);
}

}  // namespace

void register_completeness_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/completeness", [&state](http::Request& request) { return get_grid(state, request); });
    router.get("/api/v1/completeness/summary",
               [&state](http::Request& request) { return get_summary(state, request); });
}

}  // namespace boussole::web::api
