// Find a date over the API: for the organisations that must attend, a
// duration and a window, the slots free of conflicts, holidays and declared
// constraints, the quietest first (calendar/free_dates.hpp).
#include "access/policy.hpp"
#include "calendar/free_dates.hpp"
#include "core/text.hpp"
#include "web/api/parameters.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <sstream>

namespace boussole::web::api {

namespace {

http::Response free_dates(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    calendar::FreeDateQuery query;
    for (auto [name, into] :
         {std::pair{"territory", &query.territory}, std::pair{"from", &query.from}, std::pair{"to", &query.to},
          std::pair{"kind", &query.kind}, std::pair{"time_zone", &query.time_zone}}) {
        auto text = text_query(request, name, 64);
        if (!text.ok())
            return problem_response(text.error(), request);
        if (!text->empty())
            *into = *text;
    }
    auto audience = text_query(request, "audience_ids", 2000);
    if (!audience.ok())
        return problem_response(audience.error(), request);
    std::istringstream ids(*audience);
    for (std::string id; std::getline(ids, id, ',');) {
        auto parsed = core::parse_positive_integer(id);
        if (!parsed)
            return problem_response(invalid_parameter("audience_ids",
                                                      "Paramètre « audience_ids » : des identifiants "
                                                      "d'organisations séparés par des virgules (ex. 12,40).",
                                                      *audience),
                                    request);
        query.audience_ids.push_back(*parsed);
    }
    auto duration = text_query(request, "duration_minutes", 4);
    if (!duration.ok())
        return problem_response(duration.error(), request);
    if (!duration->empty()) {
        auto minutes = core::parse_positive_integer(*duration);
        query.duration_minutes = minutes ? static_cast<int>(*minutes) : 0;
    }
    auto found = state.database.read(
        [&](storage::Connection& connection) { return calendar::find_free_dates(connection, state.registry, query); });
    if (!found.ok())
        return problem_response(found.error(), request);
    auto items = nlohmann::json::array();
    for (const auto& date : *found)
        items.push_back({{"starts", date.starts},
                         {"ends", date.ends},
                         {"time_zone", date.time_zone},
                         {"nearby_events", date.nearby}});
    return http::Response::json(200, {{"items", items}, {"total", items.size()}});
}

}  // namespace

void register_calendar_free_date_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/calendar/free-dates", [&state](http::Request& request) { return free_dates(state, request); });
}

}  // namespace boussole::web::api
