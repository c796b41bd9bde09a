// Mutualisations of the common calendar over the API: the open suggestions
// of a territory, accepting one (the joint event that replaces both) or
// dismissing it, the national count of mutualisations made per kind, and
// the national window that decides how close two events must be.
#include "access/policy.hpp"
#include "calendar/mutualisations.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

using namespace std::chrono;

nlohmann::json suggestion_json(const calendar::Suggestion& suggestion)
{
    return {{"ars_event", calendar::to_json(suggestion.ars_event)},
            {"cd_event", calendar::to_json(suggestion.cd_event)},
            {"same_kind", suggestion.same_kind},
            {"shared_priorities", suggestion.shared_priorities},
            {"gap_days", suggestion.gap_days},
            {"message", suggestion.message}};
}

http::Response list_suggestions(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return problem_response(territory.error(), request);
    if (territory->empty())
        return problem_response(
            invalid_parameter("territory", "Paramètre « territory » : obligatoire (« DEP-33 », « REG-75 »)."), request);
    auto resolved = state.registry.resolve(*territory);
    if (!resolved.ok())
        return problem_response(invalid_parameter("territory", "Territoire : " + resolved.error().message, *territory),
                                request);
    auto today = core::Timestamp{floor<days>(system_clock::now())};
    auto [window, suggestions] = state.database.read([&](storage::Connection& connection) {
        return std::pair{calendar::mutualisation_window(connection),
                         calendar::open_suggestions(connection, (*resolved)->key, today)};
    });
    auto items = nlohmann::json::array();
    for (const auto& suggestion : suggestions)
        items.push_back(suggestion_json(suggestion));
    return http::Response::json(200, {{"territory", (*resolved)->key.to_string()},
                                      {"window_days", window},
                                      {"items", items},
                                      {"total", items.size()}});
}

struct PairBody {
    std::int64_t ars_event_id = 0;
    std::int64_t cd_event_id = 0;
    std::string text;  // title (acceptance) or reason (dismissal)
};

core::Result<PairBody> pair_body(const http::Request& request, const char* text_member)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return std::move(body).error();
    BOUSSOLE_TRY(only_members(*body, {"ars_event_id", "cd_event_id", text_member}));
    PairBody pair;
    for (auto [member, into] :
         {std::pair{"ars_event_id", &pair.ars_event_id}, std::pair{"cd_event_id", &pair.cd_event_id}}) {
        auto id = optional_id(*body, member);
        if (!id.ok())
            return std::move(id).error();
        if (!*id)
            return invalid_parameter(member, std::string("Champ « ") + member +
                                                 " » : obligatoire, l'identifiant d'un événement de la suggestion.");
        *into = **id;
    }
    auto text = optional_string(*body, text_member);
    if (!text.ok())
        return std::move(text).error();
    pair.text = text->value_or("");
    return pair;
}

http::Response accept(AppState& state, http::Request& request)
{
    auto pair = pair_body(request, "title");
    if (!pair.ok())
        return problem_response(pair.error(), request);
    auto done = state.database.write([&](storage::Connection& connection) {
        return calendar::accept_mutualisation(connection, request_context(request).principal, state.registry,
                                              pair->ars_event_id, pair->cd_event_id, pair->text);
    });
    if (!done.ok())
        return problem_response(done.error(), request);
    return created({{"joint_event", calendar::to_json(done->joint)},
                    {"ars_event", calendar::to_json(done->ars_event)},
                    {"cd_event", calendar::to_json(done->cd_event)}},
                   "/api/v1/calendar/events/" + std::to_string(done->joint.id));
}

http::Response dismiss(AppState& state, http::Request& request)
{
    auto pair = pair_body(request, "reason");
    if (!pair.ok())
        return problem_response(pair.error(), request);
    auto done = state.database.write([&](storage::Connection& connection) {
        return calendar::dismiss_mutualisation(connection, request_context(request).principal, pair->ars_event_id,
                                               pair->cd_event_id, pair->text);
    });
    if (!done.ok())
        return problem_response(done.error(), request);
    return http::Response::json(200, {{"ars_event_id", pair->ars_event_id},
                                      {"cd_event_id", pair->cd_event_id},
                                      {"outcome", "dismissed"},
                                      {"reason", pair->text}});
}

http::Response national_count(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto counts = state.database.read(
        [&](storage::Connection& connection) { return calendar::count_mutualisations(connection); });
    auto items = nlohmann::json::array();
    int total = 0;
    for (auto [kind, made] : counts) {
        items.push_back({{"kind", calendar::to_string(kind)}, {"label", calendar::label(kind)}, {"count", made}});
        total += made;
    }
    return http::Response::json(200, {{"total", total}, {"items", items}});
}

http::Response get_settings(AppState& state, http::Request&)
{
    auto window = state.database.read(
        [&](storage::Connection& connection) { return calendar::mutualisation_window(connection); });
    return http::Response::json(200, {{"window_days", window}});
}

http::Response put_settings(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"window_days"}); !read.ok())
        return problem_response(read.error(), request);
    auto found = body->find("window_days");
    if (found == body->end() || !found->is_number_integer() || found->get<std::int64_t>() < 1 ||
        found->get<std::int64_t>() > 366)
        return problem_response(invalid_parameter("window_days",
                                                  "Champ « window_days » : obligatoire, un nombre entier de jours "
                                                  "entre 1 et 366 (42 pour six semaines)."),
                                request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return calendar::set_mutualisation_window(connection, request_context(request).principal,
                                                  static_cast<int>(found->get<std::int64_t>()));
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, {{"window_days", *saved}});
}

}  // namespace

void register_calendar_mutualisation_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/calendar/mutualisations",
               [&state](http::Request& request) { return list_suggestions(state, request); });
    router.post("/api/v1/calendar/mutualisations", [&state](http::Request& request) { return accept(state, request); });
    router.post("/api/v1/calendar/mutualisations/dismissals",
                [&state](http::Request& request) { return dismiss(state, request); });
    router.get("/api/v1/calendar/mutualisations/count",
               [&state](http::Request& request) { return national_count(state, request); });
    router.get("/api/v1/calendar/mutualisations/settings",
               [&state](http::Request& request) { return get_settings(state, request); });
    router.put("/api/v1/calendar/mutualisations/settings",
               [&state](http::Request& request) { return put_settings(state, request); });
}

}  // namespace boussole::web::api
