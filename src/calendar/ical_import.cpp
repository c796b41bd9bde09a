#include "calendar/ical_import.hpp"

#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"

#include <libical/ical.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

constexpr const char* kImportReason = "Import d'un calendrier iCalendar : avertissements acceptés à l'import.";

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};

// The IANA zone a TZID names: itself, or the end of a prefixed name
// ("/freeassociation.sourceforge.net/Europe/Paris").
icaltimezone* zone_of(const std::string& tzid)
{
    for (std::size_t start = 0; start < tzid.size();) {
        if (auto* zone = icaltimezone_get_builtin_timezone(tzid.substr(start).c_str()))
            return zone;
        auto slash = tzid.find('/', start);
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return nullptr;
}

std::string text_of(const icaltimetype& time, int days_after = 0)
{
    char text[32];
    auto day = year_month_day{sys_days{std::chrono::year{time.year} / time.month / time.day} + days{days_after}};
    if (time.is_date)
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    else
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()), time.hour, time.minute);
    return text;
}

// A DTSTART or DTEND as local text in `zone_name` (set from its TZID when
// it has a known one; UTC and floating times are read in the default zone).
std::string local_text(icalproperty* property, icaltimetype time, std::string& zone_name, const ImportOptions& options)
{
    if (time.is_date)
        return text_of(time);
    if (icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER)) {
        std::string name = icalparameter_get_tzid(tzid);
        if (auto* zone = zone_of(name)) {
            zone_name = icaltimezone_get_location(zone);
            return text_of(time);
        }
    }
    zone_name = options.time_zone;
    if (icaltime_is_utc(time)) {
        auto* zone = icaltimezone_get_builtin_timezone(options.time_zone.c_str());
        return text_of(icaltime_from_timet_with_zone(icaltime_as_timet(time), 0, zone));
    }
    return text_of(time);
}

std::vector<std::string> split(const char* text)
{
    std::vector<std::string> parts;
    std::istringstream stream(text ? text : "");
    for (std::string part; std::getline(stream, part, ',');)
        if (!part.empty())
            parts.push_back(part);
    return parts;
}

EventInput input_of(storage::Connection& connection, icalcomponent* vevent, const ImportOptions& options)
{
    EventInput input;
    input.kind = "autre";
    input.organiser_id = options.organiser_id;
    input.territory = options.territory;
    if (const char* uid = icalcomponent_get_uid(vevent))
        input.uid = uid;
    if (const char* summary = icalcomponent_get_summary(vevent))
        input.title = summary;
    if (const char* description = icalcomponent_get_description(vevent))
        input.description = description;
    if (const char* location = icalcomponent_get_location(vevent))
        input.place = location;
    if (icalproperty* url = icalcomponent_get_first_property(vevent, ICAL_URL_PROPERTY))
        input.online_link = icalproperty_get_url(url);

    icalproperty* start = icalcomponent_get_first_property(vevent, ICAL_DTSTART_PROPERTY);
    icalproperty* end = icalcomponent_get_first_property(vevent, ICAL_DTEND_PROPERTY);
    if (start) {
        auto start_time = icalproperty_get_dtstart(start);
        input.all_day = start_time.is_date;
        input.starts = local_text(start, start_time, input.time_zone, options);
        std::string end_zone = input.time_zone;
        if (end) {
            auto end_time = icalproperty_get_dtend(end);
            // An all-day DTEND is exclusive; Boussole keeps the last day.
            input.ends = end_time.is_date ? text_of(end_time, -1) : local_text(end, end_time, end_zone, options);
            if (end_time.is_date && input.ends < input.starts)
                input.ends = input.starts;
        } else {
            // No DTEND: the DURATION when there is one, else the day itself
            // or an hour (RFC 5545, 3.6.1).
            auto computed = icalcomponent_get_dtend(vevent);
            if (input.all_day)
                input.ends = input.starts;
            else if (icaltime_is_null_time(computed))
                input.ends = text_of(icaltime_add(start_time, icaldurationtype_from_int(3600)));
            else
                input.ends = local_text(start, computed, end_zone, options);
        }
    }
    if (icalproperty* rrule = icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY)) {
        auto rule = icalproperty_get_rrule(rrule);
        char* text = icalrecurrencetype_as_string_r(&rule);
        input.rrule = text ? text : "";
        std::free(text);
    }
    switch (icalcomponent_get_status(vevent)) {
    case ICAL_STATUS_CONFIRMED: input.status = "confirmed"; break;
    case ICAL_STATUS_CANCELLED: input.status = "cancelled"; break;
    default: input.status = "planned"; break;
    }

    for (icalproperty* x = icalcomponent_get_first_property(vevent, ICAL_X_PROPERTY); x;
         x = icalcomponent_get_next_property(vevent, ICAL_X_PROPERTY)) {
        std::string name = icalproperty_get_x_name(x);
        const char* value = icalproperty_get_x(x);
        if (!value)
            continue;
        if (name == "X-BOUSSOLE-KIND")
            input.kind = value;
        else if (name == "X-BOUSSOLE-TERRITORY")
            input.territory = value;
        else if (name == "X-BOUSSOLE-PRIORITIES")
            input.priority_codes = split(value);
        else if (name == "X-BOUSSOLE-ORGANISER") {
            if (auto id = rows::organisation_id(connection, value))
                input.organiser_id = *id;
        } else if (name == "X-BOUSSOLE-CO-ORGANISERS" || name == "X-BOUSSOLE-AUDIENCE") {
            auto& ids = name == "X-BOUSSOLE-AUDIENCE" ? input.audience_ids : input.co_organiser_ids;
            for (const auto& slug : split(value))
                if (auto id = rows::organisation_id(connection, slug))
                    ids.push_back(*id);
        }
    }
    return input;
}

// The local text of an EXDATE or RECURRENCE-ID, in the series' zone.
std::string recurrence_text(icalproperty* property, icaltimetype time, const std::string& series_zone,
                            const ImportOptions& options)
{
    ImportOptions in_series = options;
    in_series.time_zone = series_zone;
    std::string zone_name;
    return local_text(property, time, zone_name, in_series);
}

// The master's EXDATEs as excluded occurrences.
std::vector<EventException> excluded_of(icalcomponent* vevent, const EventInput& input, const ImportOptions& options)
{
    std::vector<EventException> exceptions;
    for (icalproperty* exdate = icalcomponent_get_first_property(vevent, ICAL_EXDATE_PROPERTY); exdate;
         exdate = icalcomponent_get_next_property(vevent, ICAL_EXDATE_PROPERTY)) {
        EventException exception;
        exception.recurrence = recurrence_text(exdate, icalproperty_get_exdate(exdate), input.time_zone, options);
        exception.excluded = true;
        exceptions.push_back(std::move(exception));
    }
    return exceptions;
}

// An overriding VEVENT (with RECURRENCE-ID) as a changed occurrence.
EventException changed_of(storage::Connection& connection, icalcomponent* vevent, const EventInput& series,
                          const ImportOptions& options)
{
    icalproperty* id = icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY);
    EventException exception;
    exception.recurrence = recurrence_text(id, icalproperty_get_recurrenceid(id), series.time_zone, options);
    ImportOptions in_series = options;
    in_series.time_zone = series.time_zone;
    auto own = input_of(connection, vevent, in_series);
    exception.starts_local = own.starts;
    exception.ends_local = own.ends;
    exception.place = own.place == series.place ? std::string() : own.place;
    if (auto status = parse_event_status(own.status); status.ok())
        exception.status = *status;
    return exception;
}

}  // namespace

core::Result<ImportReport> import_ics(storage::Connection& connection, const access::Principal& principal,
                                      const territory::TerritoryRegistry& registry, std::string_view text,
                                      const ImportOptions& options)
{
    std::unique_ptr<icalcomponent, ComponentDeleter> root(icalparser_parse_string(std::string(text).c_str()));
    if (!root || (icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT &&
                  icalcomponent_isa(root.get()) != ICAL_XROOT_COMPONENT))
        return core::Error::invalid("Fichier : ce n'est pas un calendrier iCalendar (.ics) lisible.",
                                    {{"file", "Fichier : ce n'est pas un calendrier iCalendar (.ics) lisible."}});
    // Overriding instances (RECURRENCE-ID) belong to the series of their UID.
    std::vector<icalcomponent*> vevents;
    std::vector<icalcomponent*> overrides;
    for (icalcomponent* vevent = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); vevent;
         vevent = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT))
        (icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY) ? overrides : vevents).push_back(vevent);
    if (vevents.empty())
        return core::Error::invalid("Fichier : aucun événement (VEVENT) dans ce calendrier.",
                                    {{"file", "Fichier : aucun événement (VEVENT) dans ce calendrier."}});

    ImportReport report;
    SaveOptions save{std::nullopt, kImportReason, "import"};
    for (icalcomponent* vevent : vevents) {
        auto input = input_of(connection, vevent, options);
        if (!input.rrule.empty()) {
            auto exceptions = excluded_of(vevent, input, options);
            for (icalcomponent* instance : overrides)
                if (const char* uid = icalcomponent_get_uid(instance); uid && !input.uid.empty() && uid == input.uid)
                    exceptions.push_back(changed_of(connection, instance, input, options));
            input.exceptions = std::move(exceptions);
        }
        ImportedEvent imported{input.uid, input.title, "created", "", 0};
        core::Result<SaveOutcome> outcome = core::Error::invalid("");
        auto current = input.uid.empty() ? std::nullopt : rows::select_by_uid(connection, input.uid);
        if (current) {
            save.expected_version = current->version;
            outcome = update_event(connection, principal, registry, current->id, input, save);
        } else {
            save.expected_version.reset();
            outcome = create_event(connection, principal, registry, input, save);
        }
        if (!outcome.ok()) {
            imported.outcome = "refused";
            imported.message = outcome.error().message;
            ++report.refused;
        } else {
            imported.warnings = outcome->warnings.size();
            if (!current) {
                ++report.created;
            } else if (outcome->event && outcome->event->version == current->version) {
                imported.outcome = "unchanged";
                ++report.unchanged;
            } else {
                imported.outcome = "updated";
                ++report.updated;
            }
        }
        report.events.push_back(std::move(imported));
    }
    return report;
}

}  // namespace boussole::calendar
