// The consultations on a convention or on a territory's common roadmap over
// the API: opening one with its invited organisations, reading one with its
// contributions and answers (the synthesis), contributing for one's
// organisation (on the whole document, a commitment or an action),
// answering a contribution with the version read. The rules are the
// domain's (conventions/consultations.hpp); the subject of a consultation
// is resolved by steering/roadmap_consultations.hpp.
#include "conventions/consultations.hpp"
#include "access/policy.hpp"
#include "conventions/convention.hpp"
#include "steering/roadmap_consultations.hpp"
#include "web/api/convention_body.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

constexpr std::initializer_list<const char*> kOpenMembers = {"title", "opens_on", "closes_on", "invited"};
constexpr std::initializer_list<const char*> kContributionMembers = {"commitment_id", "action_id", "text"};
constexpr std::initializer_list<const char*> kAnswerMembers = {"version", "answer", "reason"};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

// The consultation with its contributions, for whoever may read it.
core::Result<nlohmann::json> consultation_view(AppState& state, storage::Connection& connection,
                                               const http::Request& request, std::int64_t id)
{
    auto consultation = conventions::find_consultation(connection, id);
    if (!consultation || !conventions::may_read(principal_of(request), connection, *consultation,
                                                steering::subject_resolver(state.registry))
                              .ok()) {
        BOUSSOLE_TRY(access::require_authenticated(principal_of(request)));
        return core::Error::not_found("Consultation n° " + std::to_string(id) +
                                      " introuvable, ou hors du périmètre de votre organisation.");
    }
    auto view = conventions::to_json(*consultation, conventions::today());
    nlohmann::json contributions = nlohmann::json::array();
    for (const auto& contribution : conventions::list_contributions(connection, id))
        contributions.push_back(conventions::to_json(contribution));
    view["contributions"] = contributions;
    return view;
}

http::Response list_consultations(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto convention = conventions::find_convention(connection, *id);
        if (!convention)
            return core::Error::not_found("Convention n° " + std::to_string(*id) + " introuvable.");
        BOUSSOLE_TRY(conventions::may_read(principal_of(request), *convention));
        nlohmann::json items = nlohmann::json::array();
        auto today = conventions::today();
        for (const auto& consultation : conventions::list_consultations(connection, *id))
            items.push_back(conventions::to_json(consultation, today));
        return nlohmann::json{{"items", items}};
    });
    return json_or_problem(answer, request);
}

http::Response open_consultation(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kOpenMembers); !read.ok())
        return problem_response(read.error(), request);
    conventions::ConsultationInput input;
    for (auto read : {read_text(*body, "title", input.title), read_text(*body, "opens_on", input.opens_on),
                      read_text(*body, "closes_on", input.closes_on), read_texts(*body, "invited", input.invited)})
        if (!read.ok())
            return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return conventions::open_consultation(connection, principal_of(request), *id, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(conventions::to_json(*saved, conventions::today()),
                   "/api/v1/consultations/" + std::to_string(saved->id));
}

http::Response get_consultation(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto view = state.database.read(
        [&](storage::Connection& connection) { return consultation_view(state, connection, request, *id); });
    return json_or_problem(view, request);
}

http::Response add_contribution(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kContributionMembers); !read.ok())
        return problem_response(read.error(), request);
    conventions::ContributionInput input;
    if (auto read = read_text(*body, "text", input.text); !read.ok())
        return problem_response(read.error(), request);
    // The item is a commitment of a convention or an action of a roadmap.
    for (const char* member : {"commitment_id", "action_id"}) {
        auto item = body->find(member);
        if (item == body->end() || item->is_null())
            continue;
        if (!item->is_number_integer() || item->get<std::int64_t>() < 1)
            return problem_response(invalid_parameter(member, std::string("Champ « ") + member +
                                                                  " » : le numéro d'un engagement ou d'une action, "
                                                                  "ou null pour contribuer sur l'ensemble."),
                                    request);
        input.commitment_id = item->get<std::int64_t>();
    }
    auto saved = state.database.write([&](storage::Connection& connection) {
        return conventions::contribute(connection, principal_of(request), *id, input,
                                       steering::subject_resolver(state.registry));
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(conventions::to_json(*saved), "/api/v1/consultations/" + std::to_string(*id));
}

http::Response answer_contribution(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto contribution = id_parameter(request, "contribution_id");
    if (!contribution.ok())
        return problem_response(contribution.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kAnswerMembers); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    std::string answer_text;
    std::string reason;
    if (auto read = read_text(*body, "answer", answer_text); !read.ok())
        return problem_response(read.error(), request);
    if (auto read = read_text(*body, "reason", reason); !read.ok())
        return problem_response(read.error(), request);
    auto answer = conventions::parse_answer(answer_text);
    if (!answer.ok())
        return problem_response(answer.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return conventions::answer_contribution(connection, principal_of(request), *id, *contribution, *version,
                                                *answer, reason, steering::subject_resolver(state.registry));
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, conventions::to_json(*saved));
}

core::Result<steering::SteeredTerritory> readable_territory(AppState& state, storage::Connection& connection,
                                                            const http::Request& request)
{
    auto territory = steering::steered_territory(connection, state.registry, request.path_param("key"));
    if (!territory.ok())
        return territory;
    BOUSSOLE_TRY(steering::may_read(principal_of(request), *territory));
    return territory;
}

http::Response list_roadmap_consultations(AppState& state, http::Request& request)
{
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = readable_territory(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        nlohmann::json items = nlohmann::json::array();
        auto today = conventions::today();
        for (const auto& consultation : steering::list_roadmap_consultations(connection, *territory))
            items.push_back(conventions::to_json(consultation, today));
        return nlohmann::json{{"items", items}};
    });
    return json_or_problem(answer, request);
}

http::Response open_roadmap_consultation(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kOpenMembers); !read.ok())
        return problem_response(read.error(), request);
    conventions::ConsultationInput input;
    for (auto read : {read_text(*body, "title", input.title), read_text(*body, "opens_on", input.opens_on),
                      read_text(*body, "closes_on", input.closes_on), read_texts(*body, "invited", input.invited)})
        if (!read.ok())
            return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<conventions::Consultation> {
        auto territory = readable_territory(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::open_roadmap_consultation(connection, principal_of(request), *territory, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(conventions::to_json(*saved, conventions::today()),
                   "/api/v1/consultations/" + std::to_string(saved->id));
}

}  // namespace

void register_consultation_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/conventions/{id}/consultations",
               [&state](http::Request& request) { return list_consultations(state, request); });
    router.post("/api/v1/conventions/{id}/consultations",
                [&state](http::Request& request) { return open_consultation(state, request); });
    router.get("/api/v1/territories/{key}/roadmap/consultations",
               [&state](http::Request& request) { return list_roadmap_consultations(state, request); });
    router.post("/api/v1/territories/{key}/roadmap/consultations",
                [&state](http::Request& request) { return open_roadmap_consultation(state, request); });
    router.get("/api/v1/consultations/{id}",
               [&state](http::Request& request) { return get_consultation(state, request); });
    router.post("/api/v1/consultations/{id}/contributions",
                [&state](http::Request& request) { return add_contribution(state, request); });
    router.put("/api/v1/consultations/{id}/contributions/{contribution_id}/answer",
               [&state](http::Request& request) { return answer_contribution(state, request); });
}

}  // namespace boussole::web::api
