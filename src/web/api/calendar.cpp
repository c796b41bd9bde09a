// The common ARS/CD calendar over the API: the events of a territory or an
// organisation, one event, programming and moving events (with the warnings
// a save raises and the reason that overrides them), public holidays, and
// the iCalendar export and import. The rules, access included, are the
// domain's (calendar/); this file reads the request and shapes the answer.
#include "access/policy.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "calendar/holidays.hpp"
#include "calendar/ical_export.hpp"
#include "calendar/ical_import.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <cstdio>

namespace boussole::web::api {

namespace {

using namespace std::chrono;

constexpr std::initializer_list<const char*> kEventMembers = {
    "title",           "kind",        "organiser_id", "co_organiser_ids",
    "audience_ids",    "priorities",  "territory",    "all_day",
    "starts",          "ends",        "time_zone",    "rrule",
    "place",           "online_link", "description",  "status",
    "override_reason", "version"};

core::Status read_text(const nlohmann::json& body, const char* member, std::string& into)
{
    auto text = optional_string(body, member);
    if (!text.ok())
        return std::move(text).error();
    if (*text)
        into = **text;
    return {};
}

core::Status read_ids(const nlohmann::json& body, const char* member, std::vector<std::int64_t>& into)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return {};
    auto fault = invalid_parameter(member, std::string("Champ « ") + member +
                                               " » : une liste d'identifiants d'organisations est attendue "
                                               "(ex. [12, 40]).");
    if (!found->is_array() || found->size() > 200)
        return fault;
    into.clear();
    for (const auto& item : *found) {
        if (!item.is_number_integer() || item.get<std::int64_t>() <= 0)
            return fault;
        into.push_back(item.get<std::int64_t>());
    }
    return {};
}

// Applies the members present in body onto input.
core::Status merge(const nlohmann::json& body, calendar::EventInput& input)
{
    BOUSSOLE_TRY(read_text(body, "title", input.title));
    BOUSSOLE_TRY(read_text(body, "kind", input.kind));
    auto organiser = optional_id(body, "organiser_id");
    if (!organiser.ok())
        return std::move(organiser).error();
    if (*organiser)
        input.organiser_id = *organiser;
    BOUSSOLE_TRY(read_ids(body, "co_organiser_ids", input.co_organiser_ids));
    BOUSSOLE_TRY(read_ids(body, "audience_ids", input.audience_ids));
    auto priorities = optional_string_array(body, "priorities");
    if (!priorities.ok())
        return std::move(priorities).error();
    if (*priorities)
        input.priority_codes = **priorities;
    BOUSSOLE_TRY(read_text(body, "territory", input.territory));
    auto all_day = optional_bool(body, "all_day");
    if (!all_day.ok())
        return std::move(all_day).error();
    if (*all_day)
        input.all_day = **all_day;
    for (auto [member, field] : {std::pair{"starts", &input.starts}, std::pair{"ends", &input.ends},
                                 std::pair{"time_zone", &input.time_zone}, std::pair{"rrule", &input.rrule},
                                 std::pair{"place", &input.place}, std::pair{"online_link", &input.online_link},
                                 std::pair{"description", &input.description}, std::pair{"status", &input.status}})
        BOUSSOLE_TRY(read_text(body, member, *field));
    return {};
}

nlohmann::json warnings_json(const std::vector<calendar::Warning>& warnings)
{
    auto json = nlohmann::json::array();
    for (const auto& warning : warnings)
        json.push_back(calendar::to_json(warning));
    return json;
}

// A saved event with the warnings its author overrode; or, when the
// warnings stopped the save, 409 with them so that the client can show them
// and send the request again with an override_reason.
http::Response outcome_response(const calendar::SaveOutcome& outcome, const http::Request& request, bool creation)
{
    if (!outcome.saved) {
        nlohmann::json extra{{"code", "calendar_warnings"},
                             {"request_id", request.request_id},
                             {"warnings", warnings_json(outcome.warnings)}};
        return http::Response::problem(
            409, std::string(http::status_title(409)),
            std::to_string(outcome.warnings.size()) +
                " avertissement(s) sur cette date : " + outcome.warnings.front().message +
                " Pour enregistrer malgré tout, renvoyez la demande avec « override_reason » (le motif est conservé).",
            extra);
    }
    auto json = calendar::to_json(*outcome.event);
    json["warnings"] = warnings_json(outcome.warnings);
    if (creation)
        return created(json, "/api/v1/calendar/events/" + std::to_string(outcome.event->id));
    return http::Response::json(200, json);
}

std::optional<year_month_day> parse_day(const std::string& text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    char rest = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &rest) != 3)
        return std::nullopt;
    auto date = std::chrono::year{year} / month / day;
    return date.ok() ? std::optional(date) : std::nullopt;
}

core::Result<calendar::EventFilter> filter_of(AppState& state, const http::Request& request)
{
    calendar::EventFilter filter;
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return std::move(territory).error();
    if (!territory->empty()) {
        auto resolved = state.registry.resolve(*territory);
        if (!resolved.ok())
            return invalid_parameter("territory", "Territoire : " + resolved.error().message, *territory);
        filter.territory = (*resolved)->key;
    }
    auto organisation = id_query(request, "organisation_id");
    if (!organisation.ok())
        return std::move(organisation).error();
    filter.organisation_id = *organisation;
    auto today = floor<days>(system_clock::now());
    filter.from = core::Timestamp{today - days{31}};
    filter.to = core::Timestamp{today + days{366}};
    for (auto [name, into] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
        auto text = text_query(request, name, 10);
        if (!text.ok())
            return std::move(text).error();
        if (text->empty())
            continue;
        auto day = parse_day(*text);
        if (!day)
            return invalid_parameter(name,
                                     std::string("Paramètre « ") + name +
                                         " » : attendu une date « AAAA-MM-JJ », par exemple « 2026-01-01 ».",
                                     *text);
        *into = core::Timestamp{sys_days{*day}};
    }
    if (filter.to <= filter.from || filter.to - filter.from > days{3 * 366})
        return invalid_parameter("to", "Paramètre « to » : après « from », et trois ans au plus après.");
    auto kind = text_query(request, "kind", 40);
    if (!kind.ok())
        return std::move(kind).error();
    if (!kind->empty()) {
        auto parsed = calendar::parse_event_kind(*kind);
        if (!parsed.ok())
            return invalid_parameter("kind", parsed.error().message, *kind);
        filter.kind = *parsed;
    }
    auto priority = text_query(request, "priority", 10);
    if (!priority.ok())
        return std::move(priority).error();
    filter.priority = *priority;
    return filter;
}

http::Response list_events(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto filter = filter_of(state, request);
    if (!filter.ok())
        return problem_response(filter.error(), request);
    auto events = state.database.read(
        [&](storage::Connection& connection) { return calendar::find_events(connection, *filter); });
    auto items = nlohmann::json::array();
    for (const auto& event : events)
        items.push_back(calendar::to_json(event));
    return http::Response::json(200, {{"items", items}, {"total", items.size()}});
}

core::Error not_found(std::int64_t id)
{
    return core::Error::not_found("Événement " + std::to_string(id) + " introuvable : rechargez le calendrier.");
}

http::Response get_event(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto event =
        state.database.read([&](storage::Connection& connection) { return calendar::find_event(connection, *id); });
    if (!event)
        return problem_response(not_found(*id), request);
    return http::Response::json(200, calendar::to_json(*event));
}

http::Response create_event(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kEventMembers); !read.ok())
        return problem_response(read.error(), request);
    calendar::EventInput input;
    if (auto read = merge(*body, input); !read.ok())
        return problem_response(read.error(), request);
    calendar::SaveOptions options;
    if (auto read = read_text(*body, "override_reason", options.override_reason); !read.ok())
        return problem_response(read.error(), request);
    auto outcome = state.database.write([&](storage::Connection& connection) {
        return calendar::create_event(connection, request_context(request).principal, state.registry, input, options);
    });
    if (!outcome.ok())
        return problem_response(outcome.error(), request);
    return outcome_response(*outcome, request, true);
}

http::Response change_event(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kEventMembers); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    calendar::SaveOptions options{*version};
    if (auto read = read_text(*body, "override_reason", options.override_reason); !read.ok())
        return problem_response(read.error(), request);
    auto outcome = state.database.write([&](storage::Connection& connection) -> core::Result<calendar::SaveOutcome> {
        auto current = calendar::find_event(connection, *id);
        if (!current)
            return not_found(*id);
        auto input = calendar::input_of(*current);
        BOUSSOLE_TRY(merge(*body, input));
        return calendar::update_event(connection, request_context(request).principal, state.registry, *id, input,
                                      options);
    });
    if (!outcome.ok())
        return problem_response(outcome.error(), request);
    return outcome_response(*outcome, request, false);
}

http::Response list_holidays(AppState& state, http::Request& request)
{
    auto year_text = text_query(request, "year", 4);
    if (!year_text.ok())
        return problem_response(year_text.error(), request);
    int year = 0;
    if (std::sscanf(year_text->c_str(), "%4d", &year) != 1 || year < 1583 || year > 4000)
        return problem_response(
            invalid_parameter("year", "Paramètre « year » : obligatoire, une année (ex. 2026).", *year_text), request);
    auto department = text_query(request, "department", 3);
    if (!department.ok())
        return problem_response(department.error(), request);
    if (!department->empty())
        if (auto known = state.registry.resolve_department_code(*department); !known.ok())
            return problem_response(
                invalid_parameter("department", "Département : " + known.error().message, *department), request);
    auto items = nlohmann::json::array();
    for (const auto& holiday : calendar::public_holidays(std::chrono::year{year}, *department)) {
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02u-%02u", year, static_cast<unsigned>(holiday.date.month()),
                      static_cast<unsigned>(holiday.date.day()));
        items.push_back({{"date", date}, {"name", holiday.name}, {"local", holiday.local}});
    }
    return http::Response::json(200, {{"year", year}, {"department", *department}, {"items", items}});
}

http::Response export_events(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(request_context(request).principal); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto filter = filter_of(state, request);
    if (!filter.ok())
        return problem_response(filter.error(), request);
    std::string name = "Calendrier commun";
    if (filter->territory)
        name += " — " + state.registry.find(*filter->territory)->label();
    auto ics = state.database.read([&](storage::Connection& connection) {
        auto events = calendar::find_events(connection, *filter);
        return calendar::export_ics(events, name,
                                    [&](std::int64_t id) { return calendar::rows::organisation_slug(connection, id); });
    });
    auto response = http::Response::text(200, std::move(ics));
    response.set_header("Content-Type", "text/calendar; charset=utf-8");
    response.set_header("Content-Disposition", "attachment; filename=\"calendrier-boussole.ics\"");
    return response;
}

http::Response import_events(AppState& state, http::Request& request)
{
    auto organisation = id_query(request, "organisation_id");
    if (!organisation.ok())
        return problem_response(organisation.error(), request);
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return problem_response(territory.error(), request);
    if (!*organisation || territory->empty())
        return problem_response(invalid_parameter(!*organisation ? "organisation_id" : "territory",
                                                  "Paramètres « organisation_id » et « territory » : obligatoires, "
                                                  "l'organisation et le territoire des événements qui ne les "
                                                  "précisent pas."),
                                request);
    calendar::ImportOptions options{**organisation, *territory};
    auto report = state.database.write([&](storage::Connection& connection) {
        return calendar::import_ics(connection, request_context(request).principal, state.registry, request.body,
                                    options);
    });
    if (!report.ok())
        return problem_response(report.error(), request);
    auto events = nlohmann::json::array();
    for (const auto& event : report->events)
        events.push_back({{"uid", event.uid},
                          {"title", event.title},
                          {"outcome", event.outcome},
                          {"message", event.message},
                          {"warnings", event.warnings}});
    return http::Response::json(200, {{"created", report->created},
                                      {"updated", report->updated},
                                      {"unchanged", report->unchanged},
                                      {"refused", report->refused},
                                      {"events", events}});
}

}  // namespace

void register_calendar_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/calendar/events", [&state](http::Request& request) { return list_events(state, request); });
    router.post("/api/v1/calendar/events", [&state](http::Request& request) { return create_event(state, request); });
    router.get("/api/v1/calendar/events/{id}", [&state](http::Request& request) { return get_event(state, request); });
    router.patch("/api/v1/calendar/events/{id}",
                 [&state](http::Request& request) { return change_event(state, request); });
    router.get("/api/v1/calendar/holidays", [&state](http::Request& request) { return list_holidays(state, request); });
    router.get("/api/v1/calendar/export", [&state](http::Request& request) { return export_events(state, request); });
    router.post("/api/v1/calendar/import", [&state](http::Request& request) { return import_events(state, request); });
}

}  // namespace boussole::web::api
