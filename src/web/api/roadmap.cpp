// The common roadmap of a territory over the API: the filtered and sorted
// list, one action with its notes, addition, change from the version read,
// deletion as a recorded version, progress notes and the history.
#include "steering/roadmap.hpp"
#include "web/api/convention_body.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/roadmap_query.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

constexpr std::initializer_list<const char*> kCreateMembers = {
    "title",  "description",    "priority",  "lead",   "partners", "commitments",    "indicators",   "milestones",
    "status", "abandon_reason", "starts_on", "due_on", "progress", "planned_budget", "spent_budget", "co_built"};
constexpr std::initializer_list<const char*> kChangeMembers = {
    "version",     "title",      "description",    "priority",     "lead",           "partners",
    "commitments", "indicators", "milestones",     "status",       "abandon_reason", "starts_on",
    "due_on",      "progress",   "planned_budget", "spent_budget", "co_built"};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

core::Status merge_action(const nlohmann::json& body, steering::ActionInput& input)
{
    BOUSSOLE_TRY(read_text(body, "title", input.title));
    BOUSSOLE_TRY(read_text(body, "description", input.description));
    BOUSSOLE_TRY(read_text(body, "priority", input.priority));
    BOUSSOLE_TRY(read_text(body, "lead", input.lead));
    BOUSSOLE_TRY(read_texts(body, "partners", input.partners));
    BOUSSOLE_TRY(read_texts(body, "indicators", input.indicators));
    BOUSSOLE_TRY(read_text(body, "status", input.status));
    BOUSSOLE_TRY(read_text(body, "abandon_reason", input.abandon_reason));
    BOUSSOLE_TRY(read_text(body, "starts_on", input.starts_on));
    BOUSSOLE_TRY(read_text(body, "due_on", input.due_on));
    BOUSSOLE_TRY(read_integer(body, "progress", input.progress));
    BOUSSOLE_TRY(read_number(body, "planned_budget", input.planned_budget));
    BOUSSOLE_TRY(read_number(body, "spent_budget", input.spent_budget));
    if (auto co_built = optional_bool(body, "co_built"); !co_built.ok())
        return std::move(co_built).error();
    else if (*co_built)
        input.co_built = **co_built;
    if (auto found = body.find("commitments"); found != body.end() && !found->is_null()) {
        if (!found->is_array())
            return invalid_parameter("commitments",
                                     "Champ « commitments » : un tableau de numéros d'engagements est "
                                     "attendu (ex. [12, 14]).");
        input.commitments.clear();
        for (const auto& id : *found) {
            if (!id.is_number_integer() || id.get<std::int64_t>() <= 0)
                return invalid_parameter("commitments",
                                         "Champ « commitments » : des numéros d'engagements positifs sont attendus.");
            input.commitments.push_back(id.get<std::int64_t>());
        }
    }
    if (auto found = body.find("milestones"); found != body.end() && !found->is_null()) {
        if (!found->is_array())
            return invalid_parameter("milestones",
                                     "Champ « milestones » : un tableau de jalons est attendu "
                                     "([{\"title\": …, \"date\": \"2026-12-15\", \"done\": false}]).");
        input.milestones.clear();
        for (const auto& item : *found) {
            if (!item.is_object() || !item.value("title", nlohmann::json()).is_string() ||
                !item.value("date", nlohmann::json()).is_string() ||
                (item.contains("done") && !item["done"].is_boolean()))
                return invalid_parameter("milestones",
                                         "Champ « milestones » : chaque jalon a un intitulé « title », "
                                         "une date « date » et, au besoin, « done » (booléen).");
            input.milestones.push_back(
                {item["title"].get<std::string>(), item["date"].get<std::string>(), item.value("done", false)});
        }
    }
    return {};
}

core::Result<steering::SteeredTerritory> territory_of(AppState& state, storage::Connection& connection,
                                                      const http::Request& request)
{
    auto territory = steering::steered_territory(connection, state.registry, request.path_param("key"));
    if (!territory.ok())
        return territory;
    BOUSSOLE_TRY(steering::may_read(principal_of(request), *territory));
    return territory;
}

http::Response list_roadmap(AppState& state, http::Request& request)
{
    auto query = roadmap_query(request);
    if (!query.ok())
        return problem_response(query.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto today = steering::today();
        auto items = nlohmann::json::array();
        for (const auto& action :
             steering::list_actions(connection, *territory, query->filter, query->sort, query->descending, today))
            items.push_back(steering::to_json(action, today));
        return nlohmann::json{
            {"territory", territory->key.to_string()},
            {"territory_name", territory->name},
            {"convention_id", territory->convention_id ? nlohmann::json(*territory->convention_id) : nlohmann::json()},
            {"actions", items}};
    });
    return json_or_problem(answer, request);
}

http::Response get_action(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto action = steering::find_action(connection, *territory, *id);
        if (!action || action->deleted)
            return core::Error::not_found("Action n° " + std::to_string(*id) + " introuvable.");
        auto json = steering::to_json(*action, steering::today());
        json["notes"] = nlohmann::json::array();
        for (const auto& note : steering::list_notes(connection, *id))
            json["notes"].push_back(steering::to_json(note));
        return json;
    });
    return json_or_problem(answer, request);
}

http::Response action_history(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        if (!steering::find_action(connection, *territory, *id))
            return core::Error::not_found("Action n° " + std::to_string(*id) + " introuvable.");
        auto versions = nlohmann::json::array();
        for (const auto& entry : steering::action_history(connection, *id))
            versions.push_back({{"version", entry.version},
                                {"change", entry.change},
                                {"action", entry.snapshot},
                                {"recorded_at", core::to_iso8601(entry.recorded_at)},
                                {"recorded_by", entry.recorded_by}});
        return nlohmann::json{{"id", *id}, {"versions", versions}};
    });
    return json_or_problem(answer, request);
}

http::Response add_action(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kCreateMembers); !read.ok())
        return problem_response(read.error(), request);
    steering::ActionInput input;
    if (auto read = merge_action(*body, input); !read.ok())
        return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto catalogue = catalogue::Catalogue::load(connection);
        return steering::add_action(connection, principal_of(request), catalogue, *territory, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(steering::to_json(*saved, steering::today()),
                   "/api/v1/territories/" + saved->territory + "/roadmap/" + std::to_string(saved->id));
}

http::Response change_action(AppState& state, http::Request& request)
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
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto current = steering::find_action(connection, *territory, *id);
        if (!current || current->deleted)
            return core::Error::not_found("Action n° " + std::to_string(*id) + " introuvable.");
        auto input = steering::input_of(*current);
        BOUSSOLE_TRY(merge_action(*body, input));
        auto catalogue = catalogue::Catalogue::load(connection);
        return steering::change_action(connection, principal_of(request), catalogue, *territory, *id, *version, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, steering::to_json(*saved, steering::today()));
}

http::Response delete_action(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto version = version_query(request);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto deleted = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::delete_action(connection, principal_of(request), *territory, *id, *version);
    });
    if (!deleted.ok())
        return problem_response(deleted.error(), request);
    return http::Response::empty(204);
}

http::Response add_note(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"version", "written_on", "text", "progress"}); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    std::string written_on, text;
    std::optional<int> progress;
    for (auto read : {read_text(*body, "written_on", written_on), read_text(*body, "text", text),
                      read_integer(*body, "progress", progress)})
        if (!read.ok())
            return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::add_note(connection, principal_of(request), *territory, *id, *version, written_on, text,
                                  progress);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(steering::to_json(*saved, steering::today()),
                   "/api/v1/territories/" + saved->territory + "/roadmap/" + std::to_string(saved->id));
}

}  // namespace

void register_roadmap_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/territories/{key}/roadmap",
               [&state](http::Request& request) { return list_roadmap(state, request); });
    router.post("/api/v1/territories/{key}/roadmap",
                [&state](http::Request& request) { return add_action(state, request); });
    router.get("/api/v1/territories/{key}/roadmap/{id}",
               [&state](http::Request& request) { return get_action(state, request); });
    router.patch("/api/v1/territories/{key}/roadmap/{id}",
                 [&state](http::Request& request) { return change_action(state, request); });
    router.del("/api/v1/territories/{key}/roadmap/{id}",
               [&state](http::Request& request) { return delete_action(state, request); });
    router.get("/api/v1/territories/{key}/roadmap/{id}/history",
               [&state](http::Request& request) { return action_history(state, request); });
    router.post("/api/v1/territories/{key}/roadmap/{id}/notes",
                [&state](http::Request& request) { return add_note(state, request); });
}

}  // namespace boussole::web::api
