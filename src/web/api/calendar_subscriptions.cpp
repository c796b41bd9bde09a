// Subscription URLs of the common calendar over the API: creating one (the
// secret is shown once, inside the URL), revoking it, and the feed itself,
// which a calendar client fetches without signing in: the secret is the
// credential, and a revoked one answers 404 at once.
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "calendar/ical_export.hpp"
#include "calendar/subscriptions.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

using namespace std::chrono;

constexpr const char* kFeedPrefix = "/api/v1/calendar/feeds/";

http::Response create_subscription(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"territory", "organisation_id"}); !read.ok())
        return problem_response(read.error(), request);
    auto organisation = optional_id(*body, "organisation_id");
    if (!organisation.ok())
        return problem_response(organisation.error(), request);
    // An organisation's subscription follows it wherever its events are.
    std::string territory;
    if (*organisation) {
        auto text = optional_string(*body, "territory");
        if (!text.ok())
            return problem_response(text.error(), request);
        territory = text->value_or("");
    } else {
        auto text = required_string(*body, "territory");
        if (!text.ok())
            return problem_response(text.error(), request);
        territory = *text;
    }
    auto created_subscription = state.database.write([&](storage::Connection& connection) {
        return calendar::create_subscription(connection, request_context(request).principal, state.registry, territory,
                                             *organisation);
    });
    if (!created_subscription.ok())
        return problem_response(created_subscription.error(), request);
    auto json = calendar::to_json(created_subscription->subscription);
    json["url"] = kFeedPrefix + created_subscription->secret;
    return created(json, kFeedPrefix + created_subscription->secret);
}

http::Response revoke_subscription(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto revoked = state.database.write([&](storage::Connection& connection) {
        return calendar::revoke_subscription(connection, request_context(request).principal, *id);
    });
    if (!revoked.ok())
        return problem_response(revoked.error(), request);
    return http::Response::json(200, calendar::to_json(*revoked));
}

// The territory's calendar from a month ago to a year ahead, like the
// download.
http::Response feed(AppState& state, http::Request& request)
{
    auto secret = std::string(request.path_param("secret"));
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<std::string> {
        auto subscription = calendar::find_live_subscription(connection, secret);
        if (!subscription)
            return core::Error::not_found(
                "Abonnement inconnu ou révoqué : créez un nouveau lien d'abonnement depuis Boussole.");
        auto today = floor<days>(system_clock::now());
        calendar::EventFilter filter{subscription->territory, std::nullopt, core::Timestamp{today - days{31}},
                                     core::Timestamp{today + days{366}}};
        if (subscription->organisation_id) {
            filter.territory.reset();
            filter.organisation_id = subscription->organisation_id;
        }
        auto events = calendar::find_events(connection, filter);
        return calendar::export_ics(events, subscription->label,
                                    [&](std::int64_t id) { return calendar::rows::organisation_slug(connection, id); });
    });
    if (!answer.ok())
        return problem_response(answer.error(), request);
    auto response = http::Response::text(200, std::move(answer).value());
    response.set_header("Content-Type", "text/calendar; charset=utf-8");
    response.set_header("Cache-Control", "private, max-age=300");
    return response;
}

}  // namespace

void register_calendar_subscription_routes(http::Router& router, AppState& state)
{
    router.post("/api/v1/calendar/subscriptions",
                [&state](http::Request& request) { return create_subscription(state, request); });
    router.del("/api/v1/calendar/subscriptions/{id}",
               [&state](http::Request& request) { return revoke_subscription(state, request); });
    router.get("/api/v1/calendar/feeds/{secret}", [&state](http::Request& request) { return feed(state, request); });
}

}  // namespace boussole::web::api
