// Calendar constraints over the API: the periods an organisation declares
// it cannot hold or receive some kinds of events (the budget vote, the
// summer), listed per organisation and declared by the organisation itself
// or the national team (calendar/events.hpp).
#include "access/policy.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <cstdio>

namespace boussole::web::api {

namespace {

std::string iso(std::chrono::year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

nlohmann::json constraint_json(const calendar::Constraint& constraint)
{
    auto kinds = nlohmann::json::array();
    for (auto kind : constraint.kinds)
        kinds.push_back(calendar::to_string(kind));
    return {{"id", constraint.id},
            {"organisation_id", constraint.organisation_id},
            {"first_day", iso(constraint.first_day)},
            {"last_day", iso(constraint.last_day)},
            {"kinds", kinds},
            {"reason", constraint.reason}};
}

http::Response list_constraints(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto organisation = id_query(request, "organisation_id");
    if (!organisation.ok())
        return problem_response(organisation.error(), request);
    if (!*organisation)
        return problem_response(
            invalid_parameter("organisation_id", "Paramètre « organisation_id » : obligatoire, l'organisation."),
            request);
    auto constraints = state.database.read(
        [&](storage::Connection& connection) { return calendar::rows::constraints_of(connection, {**organisation}); });
    auto items = nlohmann::json::array();
    for (const auto& constraint : constraints)
        items.push_back(constraint_json(constraint));
    return http::Response::json(200, {{"items", items}, {"total", items.size()}});
}

http::Response declare(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"organisation_id", "first_day", "last_day", "kinds", "reason"}); !read.ok())
        return problem_response(read.error(), request);
    calendar::ConstraintInput input;
    auto organisation = optional_id(*body, "organisation_id");
    if (!organisation.ok())
        return problem_response(organisation.error(), request);
    input.organisation_id = *organisation;
    for (auto [member, into] : {std::pair{"first_day", &input.first_day}, std::pair{"last_day", &input.last_day},
                                std::pair{"reason", &input.reason}}) {
        auto text = optional_string(*body, member);
        if (!text.ok())
            return problem_response(text.error(), request);
        *into = text->value_or("");
    }
    auto kinds = optional_string_array(*body, "kinds");
    if (!kinds.ok())
        return problem_response(kinds.error(), request);
    input.kinds = kinds->value_or(std::vector<std::string>{});
    auto saved = state.database.write([&](storage::Connection& connection) {
        return calendar::declare_constraint(connection, request_context(request).principal, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(constraint_json(*saved),
                   "/api/v1/calendar/constraints?organisation_id=" + std::to_string(saved->organisation_id));
}

}  // namespace

void register_calendar_constraint_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/calendar/constraints",
               [&state](http::Request& request) { return list_constraints(state, request); });
    router.post("/api/v1/calendar/constraints", [&state](http::Request& request) { return declare(state, request); });
}

}  // namespace boussole::web::api
