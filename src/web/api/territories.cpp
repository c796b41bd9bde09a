// GET /api/v1/territories, GET /api/v1/territories/{key}: the nation, regions
// and departments, with population. Public reference data.
#include "web/api/json_views.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"

namespace boussole::web::api {

namespace {

http::Response list_territories(AppState& state, http::Request& request)
{
    std::optional<territory::Level> level;
    if (auto text = request.query_param("level")) {
        auto parsed = territory::parse_level(*text);
        if (!parsed.ok())
            return problem_response(parsed.error(), request);
        level = *parsed;
    }
    std::optional<territory::TerritoryKey> within;
    if (auto text = request.query_param("within")) {
        auto parsed = state.registry.resolve(*text);
        if (!parsed.ok())
            return problem_response(parsed.error(), request);
        within = (*parsed)->key;
    }
    nlohmann::json items = nlohmann::json::array();
    auto consider = [&](const territory::Territory& territory) {
        if (level && territory.key.level() != *level)
            return;
        if (within && !state.registry.contains(*within, territory.key))
            return;
        items.push_back(territory_json(territory));
    };
    consider(state.registry.nation());
    for (const auto* region : state.registry.regions())
        consider(*region);
    for (const auto* department : state.registry.departments())
        consider(*department);
    // Reference data: 120 entries at most, returned in one page.
    auto total = items.size();
    return http::Response::json(200, {{"items", std::move(items)}, {"total", total}});
}

http::Response get_territory(AppState& state, http::Request& request)
{
    auto found = state.registry.resolve(request.path_param("key"));
    if (!found.ok())
        return problem_response(found.error(), request);
    const territory::Territory& territory = **found;
    auto body = territory_json(territory);
    nlohmann::json children = nlohmann::json::array();
    for (const auto* child : state.registry.children(territory.key))
        children.push_back({{"key", child->key.to_string()}, {"name", child->name}});
    body["children"] = children;
    body["population"] = population_json(state.population, territory.key);
    auto response = http::Response::json(200, body);
    // Reference data changes only with a new release of the files.
    response.set_header("Cache-Control", "public, max-age=300");
    return response;
}

}  // namespace

void register_territory_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/territories", [&state](http::Request& request) { return list_territories(state, request); });
    router.get("/api/v1/territories/{key}", [&state](http::Request& request) { return get_territory(state, request); });
}

}  // namespace boussole::web::api
