// Calendar constraints over the API: the periods an organisation declares
// it cannot hold or receive some kinds of events (the budget vote, the
// summer), listed per organisation or per territory, declared, changed from
// the version read and withdrawn by the organisation itself or the national
// team (calendar/events.hpp).
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
            {"reason", constraint.reason},
            {"version", constraint.version},
            {"updated_by", constraint.updated_by}};
}

http::Response list_constraints(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto organisation = id_query(request, "organisation_id");
    if (!organisation.ok())
        return problem_response(organisation.error(), request);
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return problem_response(territory.error(), request);
    if (!*organisation && territory->empty())
        return problem_response(invalid_parameter("organisation_id",
                                                  "Paramètre « organisation_id » ou « territory » : obligatoire, "
                                                  "l'organisation ou le territoire dont lister les contraintes."),
                                request);
    std::optional<territory::TerritoryKey> key;
    if (!territory->empty()) {
        auto resolved = state.registry.resolve(*territory);
        if (!resolved.ok())
            return problem_response(
                invalid_parameter("territory", "Territoire : " + resolved.error().message, *territory), request);
        key = (*resolved)->key;
    }
    auto constraints = state.database.read([&](storage::Connection& connection) {
        std::vector<std::int64_t> organisations;
        if (*organisation)
            organisations.push_back(**organisation);
        else
            for (const auto& [id, name] : calendar::rows::organisations_around(connection, *key))
                organisations.push_back(id);
        return calendar::rows::constraints_of(connection, organisations);
    });
    auto items = nlohmann::json::array();
    for (const auto& constraint : constraints)
        items.push_back(constraint_json(constraint));
    return http::Response::json(200, {{"items", items}, {"total", items.size()}});
}

// The members of a body into input; the first faulty one otherwise.
core::Status read_input(const nlohmann::json& body, calendar::ConstraintInput& input)
{
    for (auto [member, into] : {std::pair{"first_day", &input.first_day}, std::pair{"last_day", &input.last_day},
                                std::pair{"reason", &input.reason}}) {
        auto text = optional_string(body, member);
        if (!text.ok())
            return std::move(text).error();
        if (*text)
            *into = **text;
    }
    auto kinds = optional_string_array(body, "kinds");
    if (!kinds.ok())
        return std::move(kinds).error();
    if (*kinds)
        input.kinds = **kinds;
    return {};
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
    if (auto read = read_input(*body, input); !read.ok())
        return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return calendar::declare_constraint(connection, request_context(request).principal, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(constraint_json(*saved),
                   "/api/v1/calendar/constraints?organisation_id=" + std::to_string(saved->organisation_id));
}

// A PATCH changes the members it names and keeps the others.
http::Response change(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, {"version", "first_day", "last_day", "kinds", "reason"}); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto current = calendar::find_constraint(connection, *id);
        if (!current)
            return core::Error::not_found("Contrainte " + std::to_string(*id) + " introuvable.");
        calendar::ConstraintInput input{
            current->organisation_id, iso(current->first_day), iso(current->last_day), {}, current->reason};
        for (auto kind : current->kinds)
            input.kinds.emplace_back(calendar::to_string(kind));
        BOUSSOLE_TRY(read_input(*body, input));
        auto changed =
            calendar::change_constraint(connection, request_context(request).principal, *id, *version, input);
        if (!changed.ok())
            return std::move(changed).error();
        return constraint_json(*changed);
    });
    return json_or_problem(saved, request);
}

http::Response withdraw(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto version = version_query(request);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto withdrawn = state.database.write([&](storage::Connection& connection) {
        return calendar::withdraw_constraint(connection, request_context(request).principal, *id, *version);
    });
    if (!withdrawn.ok())
        return problem_response(withdrawn.error(), request);
    return http::Response::empty(204);
}

}  // namespace

void register_calendar_constraint_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/calendar/constraints",
               [&state](http::Request& request) { return list_constraints(state, request); });
    router.post("/api/v1/calendar/constraints", [&state](http::Request& request) { return declare(state, request); });
    router.patch("/api/v1/calendar/constraints/{id}",
                 [&state](http::Request& request) { return change(state, request); });
    router.del("/api/v1/calendar/constraints/{id}",
               [&state](http::Request& request) { return withdraw(state, request); });
}

}  // namespace boussole::web::api
