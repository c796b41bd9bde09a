// The ITA of a territory over the API: its view (members, meetings,
// decisions, its convention and the roadmap's summary), and adding members,
// meetings and decisions, changing them from the version read, removing a
// member and deleting a decision (a recorded version, in its history).
#include "steering/ita.hpp"
#include "conventions/convention.hpp"
#include "steering/roadmap.hpp"
#include "web/api/convention_body.hpp"
#include "web/api/ita_view.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
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

core::Status read_ids(const nlohmann::json& body, const char* member, std::vector<std::int64_t>& into)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return {};
    if (!found->is_array())
        return invalid_parameter(member, std::string("Champ « ") + member + " » : un tableau de numéros est attendu.");
    into.clear();
    for (const auto& id : *found) {
        if (!id.is_number_integer() || id.get<std::int64_t>() <= 0)
            return invalid_parameter(member,
                                     std::string("Champ « ") + member + " » : des numéros positifs sont attendus.");
        into.push_back(id.get<std::int64_t>());
    }
    return {};
}

http::Response get_ita(AppState& state, http::Request& request)
{
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return ita_view(connection, *territory, steering::today());
    });
    return json_or_problem(answer, request);
}

template <typename Work>
http::Response write_in_territory(AppState& state, http::Request& request, Work&& work)
{
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return work(connection, *territory);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(*saved, "/api/v1/territories/" + std::string(request.path_param("key")) + "/ita");
}

core::Status read_member(const nlohmann::json& body, steering::MemberInput& input)
{
    BOUSSOLE_TRY(read_text(body, "organisation", input.organisation));
    BOUSSOLE_TRY(read_text(body, "person", input.person));
    BOUSSOLE_TRY(read_text(body, "role", input.role));
    BOUSSOLE_TRY(read_text(body, "starts_on", input.starts_on));
    return read_text(body, "ends_on", input.ends_on);
}

http::Response add_member(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"organisation", "person", "role", "starts_on", "ends_on"}); !read.ok())
        return problem_response(read.error(), request);
    steering::MemberInput input;
    if (auto read = read_member(*body, input); !read.ok())
        return problem_response(read.error(), request);
    return write_in_territory(state, request,
                              [&](storage::Connection& connection,
                                  const steering::SteeredTerritory& territory) -> core::Result<nlohmann::json> {
                                  auto member =
                                      steering::add_member(connection, principal_of(request), territory, input);
                                  if (!member.ok())
                                      return std::move(member).error();
                                  return steering::to_json(*member);
                              });
}

core::Status read_meeting(const nlohmann::json& body, steering::MeetingInput& input)
{
    BOUSSOLE_TRY(read_text(body, "held_on", input.held_on));
    BOUSSOLE_TRY(read_text(body, "agenda", input.agenda));
    BOUSSOLE_TRY(read_texts(body, "attendees", input.attendees));
    return read_text(body, "minutes", input.minutes);
}

http::Response add_meeting(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"held_on", "agenda", "attendees", "minutes"}); !read.ok())
        return problem_response(read.error(), request);
    steering::MeetingInput input;
    if (auto read = read_meeting(*body, input); !read.ok())
        return problem_response(read.error(), request);
    return write_in_territory(state, request,
                              [&](storage::Connection& connection,
                                  const steering::SteeredTerritory& territory) -> core::Result<nlohmann::json> {
                                  auto meeting =
                                      steering::add_meeting(connection, principal_of(request), territory, input);
                                  if (!meeting.ok())
                                      return std::move(meeting).error();
                                  return steering::to_json(*meeting);
                              });
}

http::Response change_meeting(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"version", "held_on", "agenda", "attendees", "minutes"}); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Meeting> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        steering::MeetingInput input;
        for (const auto& meeting : steering::list_meetings(connection, *territory))
            if (meeting.id == *id)
                input = {meeting.held_on, meeting.agenda, meeting.attendees, meeting.minutes};
        BOUSSOLE_TRY(read_meeting(*body, input));
        return steering::change_meeting(connection, principal_of(request), *territory, *id, *version, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, steering::to_json(*saved));
}

// Reads the members present; those absent keep the input's values.
core::Status read_decision(const nlohmann::json& body, steering::DecisionInput& input)
{
    if (body.contains("meeting_id")) {
        auto meeting = optional_id(body, "meeting_id");
        if (!meeting.ok())
            return std::move(meeting).error();
        input.meeting_id = *meeting;
    }
    if (body.contains("amendment")) {
        input.amendment.reset();
        BOUSSOLE_TRY(read_integer(body, "amendment", input.amendment));
    }
    BOUSSOLE_TRY(read_text(body, "decided_on", input.decided_on));
    BOUSSOLE_TRY(read_text(body, "text", input.text));
    return read_ids(body, "actions", input.actions);
}

http::Response add_decision(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"meeting_id", "decided_on", "text", "actions", "amendment"}); !read.ok())
        return problem_response(read.error(), request);
    steering::DecisionInput input;
    if (auto read = read_decision(*body, input); !read.ok())
        return problem_response(read.error(), request);
    return write_in_territory(state, request,
                              [&](storage::Connection& connection,
                                  const steering::SteeredTerritory& territory) -> core::Result<nlohmann::json> {
                                  auto decision =
                                      steering::add_decision(connection, principal_of(request), territory, input);
                                  if (!decision.ok())
                                      return std::move(decision).error();
                                  return steering::to_json(*decision);
                              });
}

http::Response change_member(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"version", "organisation", "person", "role", "starts_on", "ends_on"});
        !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Member> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        steering::MemberInput input;
        if (auto current = steering::find_member(connection, *territory, *id))
            input = {current->organisation, current->person, steering::to_string(current->role), current->starts_on,
                     current->ends_on};
        BOUSSOLE_TRY(read_member(*body, input));
        return steering::change_member(connection, principal_of(request), *territory, *id, *version, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, steering::to_json(*saved));
}

http::Response remove_member(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto version = version_query(request);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto removed = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Member> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::remove_member(connection, principal_of(request), *territory, *id, *version);
    });
    if (!removed.ok())
        return problem_response(removed.error(), request);
    return http::Response::empty(204);
}

nlohmann::json history_json(const std::vector<steering::DecisionVersion>& history)
{
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& entry : history)
        versions.push_back({{"version", entry.version},
                            {"change", entry.change},
                            {"decision", entry.snapshot},
                            {"recorded_at", core::to_iso8601(entry.recorded_at)},
                            {"recorded_by", entry.recorded_by}});
    return versions;
}

http::Response get_decision(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto decision = steering::find_decision(connection, *territory, *id);
        if (!decision)
            return core::Error::not_found("Décision n° " + std::to_string(*id) + " introuvable dans l'ITA de " +
                                          territory->name + ".");
        auto json = steering::to_json(*decision);
        json["versions"] = history_json(steering::decision_history(connection, *territory, *id));
        return json;
    });
    return json_or_problem(answer, request);
}

http::Response change_decision(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"version", "meeting_id", "decided_on", "text", "actions", "amendment"});
        !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Decision> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        steering::DecisionInput input;
        if (auto current = steering::find_decision(connection, *territory, *id))
            input = {current->meeting_id, current->decided_on, current->text, current->actions, current->amendment};
        BOUSSOLE_TRY(read_decision(*body, input));
        return steering::change_decision(connection, principal_of(request), *territory, *id, *version, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, steering::to_json(*saved));
}

http::Response delete_decision(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto version = version_query(request);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto deleted = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Decision> {
        auto territory = territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::delete_decision(connection, principal_of(request), *territory, *id, *version);
    });
    if (!deleted.ok())
        return problem_response(deleted.error(), request);
    return http::Response::empty(204);
}

}  // namespace

void register_ita_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/territories/{key}/ita", [&state](http::Request& request) { return get_ita(state, request); });
    router.post("/api/v1/territories/{key}/ita/members",
                [&state](http::Request& request) { return add_member(state, request); });
    router.post("/api/v1/territories/{key}/ita/meetings",
                [&state](http::Request& request) { return add_meeting(state, request); });
    router.patch("/api/v1/territories/{key}/ita/meetings/{id}",
                 [&state](http::Request& request) { return change_meeting(state, request); });
    router.post("/api/v1/territories/{key}/ita/decisions",
                [&state](http::Request& request) { return add_decision(state, request); });
    router.patch("/api/v1/territories/{key}/ita/members/{id}",
                 [&state](http::Request& request) { return change_member(state, request); });
    router.del("/api/v1/territories/{key}/ita/members/{id}",
               [&state](http::Request& request) { return remove_member(state, request); });
    router.get("/api/v1/territories/{key}/ita/decisions/{id}",
               [&state](http::Request& request) { return get_decision(state, request); });
    router.patch("/api/v1/territories/{key}/ita/decisions/{id}",
                 [&state](http::Request& request) { return change_decision(state, request); });
    router.del("/api/v1/territories/{key}/ita/decisions/{id}",
               [&state](http::Request& request) { return delete_decision(state, request); });
}

}  // namespace boussole::web::api
