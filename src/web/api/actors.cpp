// The actors of the branch and their partners: the directory (search, filters,
// sorting), one actor by id or slug, the actors present in a territory, the
// types with their counts, a national administrator creating a partner, and
// the contact details kept up to date by the actor's own territory.
#include "actors/organisation.hpp"
#include "actors/organisation_changes.hpp"
#include "core/text.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <charconv>

namespace boussole::web::api {

namespace {

// "/actors/12" or "/actors/ars-75". Text that cannot be a slug is refused here,
// before it reaches the database (PostgreSQL rejects malformed UTF-8).
core::Result<actors::Organisation> find_actor(storage::Connection& connection, std::string_view id_or_slug)
{
    std::int64_t id = 0;
    auto parsed = std::from_chars(id_or_slug.data(), id_or_slug.data() + id_or_slug.size(), id);
    if (parsed.ec == std::errc() && parsed.ptr == id_or_slug.data() + id_or_slug.size() && id > 0)
        return actors::find_organisation(connection, id);
    if (id_or_slug.empty() || id_or_slug.size() > 100 || !core::is_valid_utf8(id_or_slug))
        return core::Error::not_found(
            "Acteur introuvable : donnez son identifiant numérique ou son code (ex. "
            "ars-75, mdph-33).");
    return actors::find_organisation_by_slug(connection, id_or_slug);
}

core::Result<actors::OrganisationQuery> directory_query(const AppState& state, const http::Request& request)
{
    actors::OrganisationQuery query;
    auto search = text_query(request, "q");
    if (!search.ok())
        return std::move(search).error();
    query.search = *search;

    auto type = text_query(request, "type", 40);
    if (!type.ok())
        return std::move(type).error();
    if (!type->empty()) {
        auto known = actors::find_organisation_type(*type);
        if (!known.ok())
            return core::Error::invalid(known.error().message, {{"type", "type inconnu", std::nullopt, *type}});
        query.type = *type;
    }

    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return std::move(territory).error();
    if (!territory->empty()) {
        auto found = state.registry.resolve(*territory);
        if (!found.ok())
            return core::Error::invalid(found.error().message,
                                        {{"territory", "territoire inconnu ou mal écrit", std::nullopt, *territory}});
        query.territory = (*found)->key;
    }

    auto sort = text_query(request, "sort", 20);
    if (!sort.ok())
        return std::move(sort).error();
    if (*sort == "type")
        query.sort = actors::OrganisationSort::Type;
    else if (!sort->empty() && *sort != "name")
        return invalid_parameter("sort", "attendu name (par nom) ou type (par type puis nom)", *sort);

    auto page = page_parameters(request);
    if (!page.ok())
        return std::move(page).error();
    query.page = *page;
    return query;
}

http::Response list_actors(AppState& state, http::Request& request)
{
    auto query = directory_query(state, request);
    if (!query.ok())
        return problem_response(query.error(), request);
    auto page = state.database.read(
        [&](storage::Connection& connection) { return actors::search_organisations(connection, *query); });
    if (!page.ok())
        return problem_response(page.error(), request);
    return http::Response::json(200, page_json(*page, [&](const actors::Organisation& actor) {
                                    return organisation_json(actor, state.registry);
                                }));
}

http::Response get_actor(AppState& state, http::Request& request)
{
    auto actor = state.database.read(
        [&](storage::Connection& connection) { return find_actor(connection, request.path_param("id")); });
    if (!actor.ok())
        return problem_response(actor.error(), request);
    return http::Response::json(200, organisation_json(*actor, state.registry));
}

http::Response create_actor(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto known = only_members(*body, {"slug", "type", "name", "short_name", "territories"}); !known.ok())
        return problem_response(known.error(), request);
    actors::NewOrganisation input;
    auto slug = required_string(*body, "slug");
    if (!slug.ok())
        return problem_response(slug.error(), request);
    auto type = required_string(*body, "type");
    if (!type.ok())
        return problem_response(type.error(), request);
    auto name = required_string(*body, "name");
    if (!name.ok())
        return problem_response(name.error(), request);
    auto short_name = optional_string(*body, "short_name");
    if (!short_name.ok())
        return problem_response(short_name.error(), request);
    auto territories = optional_string_array(*body, "territories");
    if (!territories.ok())
        return problem_response(territories.error(), request);
    input.slug = *slug;
    input.type = *type;
    input.name = *name;
    input.short_name = short_name->value_or("");
    input.territories = territories->value_or(std::vector<std::string>{});

    auto actor = state.database.write([&](storage::Connection& connection) {
        return actors::create_organisation(connection, request_context(request).principal, state.registry, input);
    });
    if (!actor.ok())
        return problem_response(actor.error(), request);
    return created(organisation_json(*actor, state.registry), "/api/v1/actors/" + std::to_string(actor->id));
}

http::Response patch_actor(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto known = only_members(*body, {"description", "website", "email", "phone", "address", "version"});
        !known.ok())
        return problem_response(known.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    actors::ContactChanges changes;
    for (auto [member, target] : {std::pair{"description", &changes.description},
                                  std::pair{"website", &changes.website}, std::pair{"email", &changes.email},
                                  std::pair{"phone", &changes.phone}, std::pair{"address", &changes.address}}) {
        auto value = optional_string(*body, member);
        if (!value.ok())
            return problem_response(value.error(), request);
        *target = *value;
    }

    auto actor = state.database.write([&](storage::Connection& connection) -> core::Result<actors::Organisation> {
        auto found = find_actor(connection, request.path_param("id"));
        if (!found.ok())
            return found;
        return actors::update_contact(connection, request_context(request).principal, found->id, *version, changes);
    });
    if (!actor.ok())
        return problem_response(actor.error(), request);
    return http::Response::json(200, organisation_json(*actor, state.registry));
}

http::Response list_actor_types(AppState& state, http::Request&)
{
    auto counts =
        state.database.read([](storage::Connection& connection) { return actors::count_by_type(connection); });
    nlohmann::json items = nlohmann::json::array();
    for (const auto& type : actors::organisation_types()) {
        std::int64_t count = 0;
        for (const auto& [code, n] : counts)
            if (code == type.code)
                count = n;
        items.push_back({{"code", type.code},
                         {"label", type.label},
                         {"plural", type.plural},
                         {"family", type.family == actors::Family::Branch ? "branch" : "partner"},
                         {"count", count}});
    }
    return http::Response::json(200, {{"items", items}, {"total", items.size()}});
}

http::Response list_territory_actors(AppState& state, http::Request& request)
{
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return problem_response(territory.error(), request);
    auto page_request = page_parameters(request);
    if (!page_request.ok())
        return problem_response(page_request.error(), request);
    auto present = state.database.read([&](storage::Connection& connection) {
        return actors::organisations_in_territory(connection, (*territory)->key);
    });
    auto page = slice_page(std::move(present), *page_request);
    auto body =
        page_json(page, [&](const actors::Organisation& actor) { return organisation_json(actor, state.registry); });
    body["territory"] = territory_json(**territory);
    return http::Response::json(200, body);
}

}  // namespace

void register_actor_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/actors", [&state](http::Request& request) { return list_actors(state, request); });
    router.post("/api/v1/actors", [&state](http::Request& request) { return create_actor(state, request); });
    router.get("/api/v1/actors/{id}", [&state](http::Request& request) { return get_actor(state, request); });
    router.patch("/api/v1/actors/{id}", [&state](http::Request& request) { return patch_actor(state, request); });
    router.get("/api/v1/actor-types", [&state](http::Request& request) { return list_actor_types(state, request); });
    router.get("/api/v1/territories/{key}/actors",
               [&state](http::Request& request) { return list_territory_actors(state, request); });
}

}  // namespace boussole::web::api
