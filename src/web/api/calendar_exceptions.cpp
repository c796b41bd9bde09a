// The exceptions of a recurring event over the API: cancelling one
// occurrence of a series (the August CDAPH), or holding it at another time,
// place or status. Each is a new version of the event, as saving it.
#include "calendar/events.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

core::Result<nlohmann::json> save(AppState& state, http::Request& request)
{
    auto id = id_parameter(request, "id");
    if (!id.ok())
        return std::move(id).error();
    auto body = json_object_body(request);
    if (!body.ok())
        return std::move(body).error();
    BOUSSOLE_TRY(only_members(*body, {"recurrence", "version", "excluded", "starts", "ends", "place", "status"}));
    auto version = required_version(*body);
    if (!version.ok())
        return std::move(version).error();
    calendar::EventException exception;
    auto recurrence = optional_string(*body, "recurrence");
    if (!recurrence.ok())
        return std::move(recurrence).error();
    if (!*recurrence || (*recurrence)->empty())
        return invalid_parameter("recurrence",
                                 "Champ « recurrence » : obligatoire, le début de l'occurrence tel que la série le "
                                 "place (« 2026-08-13T14:00 », ou « 2026-08-13 » pour la journée)");
    exception.recurrence = **recurrence;
    auto excluded = optional_bool(*body, "excluded");
    if (!excluded.ok())
        return std::move(excluded).error();
    exception.excluded = excluded->value_or(true);
    if (!exception.excluded) {
        for (auto [member, into] : {std::pair{"starts", &exception.starts_local},
                                    std::pair{"ends", &exception.ends_local}, std::pair{"place", &exception.place}}) {
            auto text = optional_string(*body, member);
            if (!text.ok())
                return std::move(text).error();
            *into = text->value_or("");
        }
        auto status = optional_string(*body, "status");
        if (!status.ok())
            return std::move(status).error();
        auto parsed = calendar::parse_event_status(status->value_or("planned"));
        if (!parsed.ok())
            return invalid_parameter("status", parsed.error().message, status->value_or(""));
        exception.status = *parsed;
    }
    auto saved = state.database.write([&](storage::Connection& connection) {
        return calendar::save_exception(connection, request_context(request).principal, state.registry, *id, exception,
                                        *version);
    });
    if (!saved.ok())
        return std::move(saved).error();
    return calendar::to_json(*saved);
}

}  // namespace

void register_calendar_exception_routes(http::Router& router, AppState& state)
{
    router.post("/api/v1/calendar/events/{id}/exceptions",
                [&state](http::Request& request) { return json_or_problem(save(state, request), request); });
}

}  // namespace boussole::web::api
