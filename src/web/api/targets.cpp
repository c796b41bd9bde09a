// Targets of the indicators over the API: the list with filters, one target,
// creation, change with the version read, deletion (a recorded version) and
// the history. The rules, the scope checks included, are the domain's
// (targets/targets.hpp); this file only reads the request and shapes the
// answer.
#include "targets/targets.hpp"

#include "core/text.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

constexpr std::initializer_list<const char*> kCreateMembers = {
    "indicator", "territory", "scope", "baseline_period", "baseline_value", "target_period", "target_value", "comment"};
constexpr std::initializer_list<const char*> kChangeMembers = {"version",       "indicator",       "territory",
                                                               "scope",         "baseline_period", "baseline_value",
                                                               "target_period", "target_value",    "comment"};

// A number member: absent or null leaves into as it is.
core::Status read_number(const nlohmann::json& body, const char* member, std::optional<double>& into)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return {};
    if (!found->is_number())
        return invalid_parameter(
            member, std::string("Champ « ") + member + " » : un nombre JSON est attendu (ex. 12.5, sans guillemets).");
    into = found->get<double>();
    return {};
}

core::Status read_text(const nlohmann::json& body, const char* member, std::string& into)
{
    auto found = body.find(member);
    if (found != body.end() && found->is_null())
        return {};
    auto text = optional_string(body, member);
    if (!text.ok())
        return std::move(text).error();
    if (*text)
        into = **text;
    return {};
}

// Applies the members present in body onto input.
core::Status merge(const nlohmann::json& body, targets::TargetInput& input)
{
    BOUSSOLE_TRY(read_text(body, "indicator", input.indicator));
    BOUSSOLE_TRY(read_text(body, "territory", input.territory));
    BOUSSOLE_TRY(read_text(body, "scope", input.scope));
    BOUSSOLE_TRY(read_text(body, "baseline_period", input.baseline_period));
    BOUSSOLE_TRY(read_number(body, "baseline_value", input.baseline_value));
    BOUSSOLE_TRY(read_text(body, "target_period", input.target_period));
    BOUSSOLE_TRY(read_number(body, "target_value", input.target_value));
    return read_text(body, "comment", input.comment);
}

targets::TargetInput input_of(const targets::Target& target)
{
    return {target.indicator,
            target.territory.to_string(),
            targets::to_string(target.scope),
            target.baseline_period.to_string(),
            target.baseline_value,
            target.target_period.to_string(),
            target.target_value,
            target.comment};
}

nlohmann::json version_json(const targets::TargetVersion& version)
{
    return {{"version", version.version},
            {"action", version.action},
            {"action_label", targets::action_label(version.action)},
            {"baseline_period", version.baseline_period.to_string()},
            {"baseline_value", version.baseline_value},
            {"target_period", version.target_period.to_string()},
            {"target_value", version.target_value},
            {"comment", version.comment},
            {"changed_at", core::to_iso8601(version.changed_at)},
            {"changed_by", version.changed_by}};
}

core::Result<targets::TargetFilter> filter_of(AppState& state, const http::Request& request)
{
    targets::TargetFilter filter;
    auto indicator = text_query(request, "indicator", 100);
    if (!indicator.ok())
        return std::move(indicator).error();
    if (!indicator->empty()) {
        auto known = state.database.read([&](storage::Connection& connection) {
            return catalogue::Catalogue::load(connection).find_indicator(*indicator) != nullptr;
        });
        if (!known)
            return invalid_parameter(
                "indicator", "Indicateur « " + *indicator + " » inconnu : vérifiez son code sur la page Catalogue.",
                *indicator);
        filter.indicator = *indicator;
    }
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return std::move(territory).error();
    if (!territory->empty()) {
        auto resolved = state.registry.resolve(*territory);
        if (!resolved.ok())
            return invalid_parameter("territory", resolved.error().message, *territory);
        filter.territory = (*resolved)->key;
    }
    auto scope = text_query(request, "scope", 20);
    if (!scope.ok())
        return std::move(scope).error();
    if (!scope->empty()) {
        auto parsed = targets::parse_target_scope(*scope);
        if (!parsed.ok())
            return invalid_parameter("scope", parsed.error().message, *scope);
        filter.scope = *parsed;
    }
    return filter;
}

http::Response list_targets(AppState& state, http::Request& request)
{
    auto filter = filter_of(state, request);
    if (!filter.ok())
        return problem_response(filter.error(), request);
    auto page = page_parameters(request);
    if (!page.ok())
        return problem_response(page.error(), request);
    auto found = state.database.read(
        [&](storage::Connection& connection) { return targets::find_targets(connection, *filter); });
    return http::Response::json(200, page_json(slice_page(std::move(found), *page),
                                               [](const targets::Target& target) { return targets::to_json(target); }));
}

core::Error not_found(std::int64_t id)
{
    return core::Error::not_found("Cible " + std::to_string(id) +
                                  " introuvable ou supprimée : son historique reste à " + "/api/v1/targets/" +
                                  std::to_string(id) + "/history si elle a existé.");
}

http::Response get_target(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto target =
        state.database.read([&](storage::Connection& connection) { return targets::find_target(connection, *id); });
    if (!target || target->deleted)
        return problem_response(not_found(*id), request);
    return http::Response::json(200, targets::to_json(*target));
}

http::Response create_target(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    targets::TargetInput input;
    if (auto read = only_members(*body, kCreateMembers); !read.ok())
        return problem_response(read.error(), request);
    if (auto read = merge(*body, input); !read.ok())
        return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        auto catalogue = catalogue::Catalogue::load(connection);
        return targets::set_target(connection, request_context(request).principal, state.registry, catalogue, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(targets::to_json(*saved), "/api/v1/targets/" + std::to_string(saved->id));
}

// The indicator, the territory and the scope name a target: a change of one
// of them is another target.
core::Status same_identity(const targets::TargetInput& before, const targets::TargetInput& after)
{
    for (auto [field, old_value, new_value] : {std::tuple{"indicator", &before.indicator, &after.indicator},
                                               std::tuple{"territory", &before.territory, &after.territory},
                                               std::tuple{"scope", &before.scope, &after.scope}})
        if (core::trim(*new_value) != *old_value)
            return invalid_parameter(field,
                                     std::string("Champ « ") + field +
                                         " » : ne se modifie pas, il désigne la cible. Supprimez-la et créez-en une "
                                         "autre si besoin.",
                                     *new_value);
    return {};
}

http::Response change_target(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kChangeMembers); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<targets::Target> {
        auto current = targets::find_target(connection, *id);
        if (!current || current->deleted)
            return not_found(*id);
        auto before = input_of(*current);
        auto after = before;
        BOUSSOLE_TRY(merge(*body, after));
        BOUSSOLE_TRY(same_identity(before, after));
        auto catalogue = catalogue::Catalogue::load(connection);
        return targets::set_target(connection, request_context(request).principal, state.registry, catalogue, after,
                                   *version);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, targets::to_json(*saved));
}

http::Response delete_target(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto version = version_query(request);
    if (!version.ok())
        return problem_response(version.error(), request);
    std::optional<int> expected = *version;
    auto deleted = state.database.write([&](storage::Connection& connection) {
        return targets::delete_target(connection, request_context(request).principal, *id, expected);
    });
    if (!deleted.ok())
        return problem_response(deleted.error(), request);
    return http::Response::empty(204);
}

http::Response target_history(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto versions = targets::target_history(connection, *id);
        if (!versions.ok())
            return std::move(versions).error();
        auto current = targets::find_target(connection, *id);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& version : *versions)
            items.push_back(version_json(version));
        return nlohmann::json{{"target", current ? targets::to_json(*current) : nlohmann::json(nullptr)},
                              {"versions", items}};
    });
    return json_or_problem(answer, request);
}

}  // namespace

void register_target_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/targets", [&state](http::Request& request) { return list_targets(state, request); });
    router.post("/api/v1/targets", [&state](http::Request& request) { return create_target(state, request); });
    router.get("/api/v1/targets/{id}", [&state](http::Request& request) { return get_target(state, request); });
    router.patch("/api/v1/targets/{id}", [&state](http::Request& request) { return change_target(state, request); });
    router.del("/api/v1/targets/{id}", [&state](http::Request& request) { return delete_target(state, request); });
    router.get("/api/v1/targets/{id}/history",
               [&state](http::Request& request) { return target_history(state, request); });
}

}  // namespace boussole::web::api
