// Programming and moving an event of the common calendar in the browser:
// one form for creation and change, checked on the server (every faulty
// field named in French). When the date raises warnings (double bookings,
// a shared audience, holidays, declared constraints), nothing is saved: the
// form comes back with them and a reason to give, and saving again with the
// reason records it, as the API does. A stale change is a 409 that says who
// changed the event.
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "core/text.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <algorithm>

namespace boussole::web::pages {

namespace {

const FieldIds kEventFields = {{"title", "evt-title"},
                               {"kind", "evt-kind"},
                               {"organiser_id", "evt-organiser"},
                               {"territory", "evt-territory"},
                               {"starts", "evt-start-date"},
                               {"ends", "evt-end-date"},
                               {"time_zone", "evt-zone"},
                               {"audience_ids", "evt-audience"},
                               {"priorities", "evt-priorities"},
                               {"place", "evt-place"},
                               {"online_link", "evt-link"},
                               {"description", "evt-description"},
                               {"status", "evt-status"},
                               {"rrule", "evt-rrule"},
                               {"override_reason", "evt-reason"}};

constexpr const char* kZones[][2] = {{"Europe/Paris", "Métropole (Europe/Paris)"},
                                     {"America/Guadeloupe", "Guadeloupe (America/Guadeloupe)"},
                                     {"America/Martinique", "Martinique (America/Martinique)"},
                                     {"America/Cayenne", "Guyane (America/Cayenne)"},
                                     {"Indian/Reunion", "La Réunion (Indian/Reunion)"},
                                     {"Indian/Mayotte", "Mayotte (Indian/Mayotte)"}};

constexpr const char* kStatuses[] = {"planned", "confirmed", "cancelled"};

// What the form holds: the event's fields, with dates and times apart.
struct EventForm {
    calendar::EventInput input;
    std::string start_date, start_time, end_date, end_time;
    std::string reason;
    int version = 0;

    static EventForm of(const calendar::Event& event)
    {
        EventForm form;
        form.input = calendar::input_of(event);
        form.version = event.version;
        form.start_date = event.starts_local.substr(0, 10);
        form.end_date = event.ends_local.substr(0, 10);
        if (!event.all_day) {
            form.start_time = event.starts_local.substr(11, 5);
            form.end_time = event.ends_local.substr(11, 5);
        }
        return form;
    }

    static EventForm read(const http::Params& params)
    {
        EventForm form;
        auto text = [&](const char* name) { return std::string(core::trim(params.get(name).value_or(""))); };
        auto& input = form.input;
        input.title = text("title");
        input.kind = text("kind");
        input.organiser_id = parse_id(text("organiser_id"));
        for (auto id : params.get_all("audience_ids"))
            if (auto parsed = parse_id(id))
                input.audience_ids.push_back(*parsed);
        for (auto code : params.get_all("priorities"))
            input.priority_codes.emplace_back(code);
        input.territory = text("territory");
        input.all_day = params.get("all_day").value_or("") == "1";
        form.start_date = text("start_date");
        form.start_time = text("start_time");
        form.end_date = text("end_date");
        form.end_time = text("end_time");
        auto join = [&](const std::string& date, const std::string& time) {
            if (date.empty() || input.all_day)
                return date;
            return date + "T" + time;
        };
        input.starts = join(form.start_date, form.start_time);
        input.ends = join(form.end_date, form.end_time);
        input.time_zone = text("time_zone");
        input.rrule = text("rrule");
        input.place = text("place");
        input.online_link = text("online_link");
        input.description = std::string(params.get("description").value_or(""));
        input.status = text("status");
        form.reason = text("override_reason");
        form.version = parse_positive_int(text("version")).value_or(0);
        return form;
    }
};

struct FormPage {
    std::string territory_key;
    std::string territory_label;
    std::optional<std::int64_t> event_id;  // editing
    std::vector<calendar::Warning> warnings;
    std::optional<core::Error> error;
};

nlohmann::json values_of(AppState& state, const EventForm& form, const territory::TerritoryKey& key)
{
    const auto& input = form.input;
    nlohmann::json values{{"title", input.title},
                          {"territory", input.territory},
                          {"all_day", input.all_day},
                          {"start_date", form.start_date},
                          {"start_time", form.start_time},
                          {"end_date", form.end_date},
                          {"end_time", form.end_time},
                          {"rrule", input.rrule},
                          {"place", input.place},
                          {"online_link", input.online_link},
                          {"description", input.description},
                          {"reason", form.reason},
                          {"version", form.version}};
    auto kinds = nlohmann::json::array();
    for (auto kind : calendar::all_event_kinds())
        kinds.push_back({{"code", calendar::to_string(kind)},
                         {"label", calendar::label(kind)},
                         {"selected", input.kind == calendar::to_string(kind)}});
    values["kinds"] = kinds;
    auto statuses = nlohmann::json::array();
    for (const auto* status : kStatuses)
        statuses.push_back({{"code", status},
                            {"label", calendar::label(*calendar::parse_event_status(status))},
                            {"selected", input.status == status}});
    values["statuses"] = statuses;
    auto zones = nlohmann::json::array();
    for (const auto& zone : kZones)
        zones.push_back({{"code", zone[0]}, {"label", zone[1]}, {"selected", input.time_zone == zone[0]}});
    values["zones"] = zones;
    state.database.read([&](storage::Connection& connection) {
        auto organisers = nlohmann::json::array();
        auto audience = nlohmann::json::array();
        for (const auto& [id, name] : calendar::rows::organisations_around(connection, key)) {
            organisers.push_back({{"id", id}, {"name", name}, {"selected", input.organiser_id == id}});
            bool attends =
                std::find(input.audience_ids.begin(), input.audience_ids.end(), id) != input.audience_ids.end();
            audience.push_back({{"id", id}, {"name", name}, {"checked", attends}});
        }
        auto priorities = nlohmann::json::array();
        for (const auto& [code, title] : calendar::rows::priorities(connection))
            priorities.push_back({{"code", code},
                                  {"title", title},
                                  {"checked", std::find(input.priority_codes.begin(), input.priority_codes.end(),
                                                        code) != input.priority_codes.end()}});
        values["organisers"] = organisers;
        values["audience"] = audience;
        values["priorities"] = priorities;
    });
    return values;
}

http::Response render_form(AppState& state, http::Request& request, const EventForm& form, const FormPage& page,
                           const territory::TerritoryKey& key)
{
    const bool invalid = page.error && page.error->code == core::ErrorCode::Invalid;
    auto base = "/territoires/" + page.territory_key + "/calendrier";
    auto warnings = nlohmann::json::array();
    for (const auto& warning : page.warnings)
        warnings.push_back({{"message", warning.message}});
    nlohmann::json context{
        {"heading", page.event_id ? "Modifier l'événement" : "Programmer un événement"},
        {"action",
         page.event_id ? base + "/evenements/" + std::to_string(*page.event_id) + "/modifier" : base + "/nouveau"},
        {"cancel_href", base},
        {"editing", page.event_id.has_value()},
        {"recurring", page.event_id.has_value() && !form.input.rrule.empty()},
        {"occurrences_href",
         page.event_id ? base + "/evenements/" + std::to_string(*page.event_id) + "/occurrences" : std::string()},
        {"values", values_of(state, form, key)},
        {"warnings", warnings},
        {"has_warnings", !warnings.empty()},
        {"errors",
         invalid ? error_view(*page.error, kEventFields) : nlohmann::json{{"summary", nlohmann::json::array()}}}};
    PageMeta meta;
    meta.title = title_with_errors(context["heading"].get<std::string>() + " — " + page.territory_label,
                                   invalid || !warnings.empty());
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {page.territory_label, "/territoires/" + page.territory_key},
                        {"Calendrier commun", base},
                        {context["heading"].get<std::string>(), ""}};
    if (!warnings.empty()) {
        meta.status = 409;
    } else if (page.error && !invalid) {
        meta.flash = Flash{FlashType::Error, "L'événement n'a pas été enregistré", page.error->message};
        meta.status = status_of(page.error->code);
    } else if (invalid) {
        meta.status = 422;
    }
    return render_page(state, request, "calendar_event_form", context, meta);
}

struct Loaded {
    const territory::Territory* territory = nullptr;
    std::optional<calendar::Event> event;
};

core::Result<Loaded> load(AppState& state, http::Request& request, bool editing)
{
    BOUSSOLE_TRY(require_signed_in(request, "programmer un événement du calendrier commun"));
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return core::Error::not_found(territory.error().message);
    Loaded loaded{*territory, std::nullopt};
    if (editing) {
        auto id = parse_id(request.path_param("id"));
        if (id)
            loaded.event = state.database.read(
                [&](storage::Connection& connection) { return calendar::find_event(connection, *id); });
        if (!loaded.event)
            return core::Error::not_found("Cet événement n'existe pas ou plus : revenez au calendrier commun.");
    }
    return loaded;
}

http::Response show(AppState& state, http::Request& request, bool editing)
{
    auto loaded = load(state, request, editing);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    const auto& key = loaded->territory->key;
    EventForm form;
    if (loaded->event) {
        form = EventForm::of(*loaded->event);
    } else {
        form.input.territory = key.to_string();
        form.input.time_zone = "Europe/Paris";
        form.input.status = "planned";
    }
    FormPage page{key.to_string(),
                  loaded->territory->label(),
                  loaded->event ? std::optional(loaded->event->id) : std::nullopt,
                  {},
                  std::nullopt};
    return render_form(state, request, form, page, key);
}

http::Response submit(AppState& state, http::Request& request, bool editing)
{
    auto loaded = load(state, request, editing);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto params = request.form();
    if (!params.ok())
        return error_page(state, request, params.error());
    auto form = EventForm::read(*params);
    const auto& key = loaded->territory->key;
    FormPage page{key.to_string(),
                  loaded->territory->label(),
                  loaded->event ? std::optional(loaded->event->id) : std::nullopt,
                  {},
                  std::nullopt};
    calendar::SaveOptions options;
    options.override_reason = form.reason;
    if (editing)
        options.expected_version = form.version;
    auto outcome = state.database.write([&](storage::Connection& connection) {
        const auto& principal = request_context(request).principal;
        return editing ? calendar::update_event(connection, principal, state.registry, loaded->event->id, form.input,
                                                options)
                       : calendar::create_event(connection, principal, state.registry, form.input, options);
    });
    if (!outcome.ok()) {
        if (outcome.error().code == core::ErrorCode::Unauthenticated)
            return error_page(state, request, outcome.error());
        // After a stale save the form carries the version now saved, so that
        // saving again is a decision made knowing it.
        if (outcome.error().code == core::ErrorCode::Conflict && loaded->event)
            form.version = state.database.read([&](storage::Connection& connection) {
                auto now = calendar::find_event(connection, loaded->event->id);
                return now ? now->version : form.version;
            });
        page.error = outcome.error();
        return render_form(state, request, form, page, key);
    }
    if (!outcome->saved) {
        page.warnings = outcome->warnings;
        return render_form(state, request, form, page, key);
    }
    return redirect_with_message("/territoires/" + key.to_string() + "/calendrier", "evenement-enregistre");
}

}  // namespace

void register_calendar_event_form_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/nouveau",
               [&state](http::Request& request) { return show(state, request, false); });
    router.post("/territoires/{key}/calendrier/nouveau",
                [&state](http::Request& request) { return submit(state, request, false); });
    router.get("/territoires/{key}/calendrier/evenements/{id}/modifier",
               [&state](http::Request& request) { return show(state, request, true); });
    router.post("/territoires/{key}/calendrier/evenements/{id}/modifier",
                [&state](http::Request& request) { return submit(state, request, true); });
}

}  // namespace boussole::web::pages
