// GET /api/v1/territories, GET /api/v1/territories/{key}: the nation, regions
// and departments, with population. Public reference data.
#include "access/secrets.hpp"
#include "web/api/json_views.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"

#include <map>
#include <memory>

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

nlohmann::json territory_resource(const AppState& state, const territory::Territory& territory)
{
    auto body = territory_json(territory);
    nlohmann::json children = nlohmann::json::array();
    for (const auto* child : state.registry.children(territory.key))
        children.push_back({{"key", child->key.to_string()}, {"name", child->name}});
    body["children"] = children;
    body["population"] = population_json(state.population, territory.key);
    return body;
}

// The territories and their population are loaded once and never change
// while the program runs: each resource is serialised once, at start, with
// its ETag, and every request answers with the same bytes.
struct CachedResource {
    std::string body;
    std::string etag;
};
using TerritoryCache = std::map<territory::TerritoryKey, CachedResource>;

std::shared_ptr<const TerritoryCache> build_cache(const AppState& state)
{
    auto cache = std::make_shared<TerritoryCache>();
    auto add = [&](const territory::Territory& territory) {
        auto body = territory_resource(state, territory).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        auto etag = "\"" + access::sha256_hex(body).substr(0, 16) + "\"";
        cache->emplace(territory.key, CachedResource{std::move(body), std::move(etag)});
    };
    add(state.registry.nation());
    for (const auto* region : state.registry.regions())
        add(*region);
    for (const auto* department : state.registry.departments())
        add(*department);
    return cache;
}

http::Response get_territory(const TerritoryCache& cache, AppState& state, http::Request& request)
{
    auto found = state.registry.resolve(request.path_param("key"));
    if (!found.ok())
        return problem_response(found.error(), request);
    const auto& resource = cache.at((*found)->key);
    auto response = request.header("If-None-Match") == std::optional<std::string_view>(resource.etag)
                        ? http::Response::empty(304)
                        : http::Response::text(200, resource.body);
    if (response.status == 200)
        response.set_header("Content-Type", "application/json");
    response.set_header("ETag", resource.etag);
    // Reference data changes only with a new release of the files.
    response.set_header("Cache-Control", "public, max-age=300");
    return response;
}

}  // namespace

void register_territory_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/territories", [&state](http::Request& request) { return list_territories(state, request); });
    auto cache = build_cache(state);
    router.get("/api/v1/territories/{key}",
               [&state, cache](http::Request& request) { return get_territory(*cache, state, request); });
}

}  // namespace boussole::web::api
