#include "calendar/ical_export.hpp"

#include <libical/ical.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

void add_x(icalcomponent* component, const char* name, const std::string& value)
{
    if (value.empty())
        return;
    icalproperty* property = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(property, name);
    icalcomponent_add_property(component, property);
}

// The local time of an Event field ("2026-03-12T09:30" or "2026-03-12"),
// already checked when the event was saved.
icaltimetype local_time(const std::string& text, bool all_day, int days_after = 0)
{
    int year = 0;
    unsigned month = 0, day = 0, hour = 0, minute = 0;
    std::sscanf(text.c_str(), "%d-%u-%uT%u:%u", &year, &month, &day, &hour, &minute);
    auto date = year_month_day{sys_days{std::chrono::year{year} / month / day} + days{days_after}};
    icaltimetype time = icaltime_null_time();
    time.year = static_cast<int>(date.year());
    time.month = static_cast<int>(static_cast<unsigned>(date.month()));
    time.day = static_cast<int>(static_cast<unsigned>(date.day()));
    time.hour = static_cast<int>(hour);
    time.minute = static_cast<int>(minute);
    time.is_date = all_day ? 1 : 0;
    return time;
}

icaltimetype utc_time(core::Timestamp instant)
{
    auto seconds_since = duration_cast<seconds>(instant.time_since_epoch()).count();
    return icaltime_from_timet_with_zone(static_cast<time_t>(seconds_since), 0, icaltimezone_get_utc_timezone());
}

// DTSTART or DTEND: a DATE for all-day events (floating, as RFC 5545
// wants), otherwise a local DATE-TIME with the zone's TZID.
void add_time(icalcomponent* component, icalproperty* property, const Event& event)
{
    if (!event.all_day)
        icalproperty_add_parameter(property, icalparameter_new_tzid(event.time_zone.c_str()));
    icalcomponent_add_property(component, property);
}

icalproperty_status status_of(EventStatus status)
{
    switch (status) {
    case EventStatus::Confirmed: return ICAL_STATUS_CONFIRMED;
    case EventStatus::Cancelled: return ICAL_STATUS_CANCELLED;
    case EventStatus::Planned: break;
    }
    return ICAL_STATUS_TENTATIVE;
}

std::string slugs(const std::vector<std::int64_t>& ids, const SlugOf& slug_of)
{
    std::string text;
    for (auto id : ids)
        if (auto slug = slug_of(id); !slug.empty())
            text += (text.empty() ? "" : ",") + slug;
    return text;
}

// A time property (EXDATE, RECURRENCE-ID) in the event's zone: a DATE for
// all-day events (libical writes VALUE=DATE), a DATE-TIME with TZID
// otherwise.
void add_local(icalcomponent* component, icalproperty* property, const Event& event)
{
    add_time(component, property, event);
}

// A changed occurrence: a VEVENT with the series' UID and the RECURRENCE-ID
// of the occurrence it overrides, at its own times and place.
icalcomponent* override_of(const Event& event, const EventException& exception)
{
    icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_dtstamp(utc_time(event.updated_at)));
    icalcomponent_add_property(vevent, icalproperty_new_sequence(event.version - 1));
    add_local(vevent, icalproperty_new_recurrenceid(local_time(exception.recurrence, event.all_day)), event);
    icalcomponent_add_property(vevent, icalproperty_new_summary(event.title.c_str()));
    add_time(vevent, icalproperty_new_dtstart(local_time(exception.starts_local, event.all_day)), event);
    add_time(vevent, icalproperty_new_dtend(local_time(exception.ends_local, event.all_day, event.all_day ? 1 : 0)),
             event);
    // A cancelled series cancels its changed occurrences too.
    auto status =
        event.status == EventStatus::Cancelled || event.replaced_by ? EventStatus::Cancelled : exception.status;
    icalcomponent_add_property(vevent, icalproperty_new_status(status_of(status)));
    icalcomponent_add_property(vevent, icalproperty_new_categories(label(event.kind)));
    const auto& place = exception.place.empty() ? event.place : exception.place;
    if (!place.empty())
        icalcomponent_add_property(vevent, icalproperty_new_location(place.c_str()));
    return vevent;
}

icalcomponent* vevent_of(const Event& event, const SlugOf& slug_of)
{
    icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_dtstamp(utc_time(event.updated_at)));
    icalcomponent_add_property(vevent, icalproperty_new_lastmodified(utc_time(event.updated_at)));
    icalcomponent_add_property(vevent, icalproperty_new_sequence(event.version - 1));
    icalcomponent_add_property(vevent, icalproperty_new_summary(event.title.c_str()));
    add_time(vevent, icalproperty_new_dtstart(local_time(event.starts_local, event.all_day)), event);
    // An all-day DTEND is the day after the last one (exclusive).
    add_time(vevent, icalproperty_new_dtend(local_time(event.ends_local, event.all_day, event.all_day ? 1 : 0)), event);
    if (!event.rrule.empty()) {
        icalcomponent_add_property(vevent, icalproperty_new_rrule(icalrecurrencetype_from_string(event.rrule.c_str())));
        for (const auto& exception : event.exceptions)
            if (exception.excluded)
                add_local(vevent, icalproperty_new_exdate(local_time(exception.recurrence, event.all_day)), event);
    }
    // Replaced by a joint event: cancelled for calendar clients, which then
    // drop it, with a link to the event that takes its place.
    icalcomponent_add_property(
        vevent, icalproperty_new_status(status_of(event.replaced_by ? EventStatus::Cancelled : event.status)));
    if (event.replaced_by && !event.replaced_by_uid.empty())
        icalcomponent_add_property(vevent, icalproperty_new_relatedto(event.replaced_by_uid.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_categories(label(event.kind)));
    if (!event.place.empty())
        icalcomponent_add_property(vevent, icalproperty_new_location(event.place.c_str()));
    if (!event.online_link.empty())
        icalcomponent_add_property(vevent, icalproperty_new_url(event.online_link.c_str()));
    if (!event.description.empty())
        icalcomponent_add_property(vevent, icalproperty_new_description(event.description.c_str()));
    add_x(vevent, "X-BOUSSOLE-KIND", to_string(event.kind));
    add_x(vevent, "X-BOUSSOLE-TERRITORY", event.territory.to_string());
    add_x(vevent, "X-BOUSSOLE-ORGANISER", slug_of(event.organiser_id));
    add_x(vevent, "X-BOUSSOLE-CO-ORGANISERS", slugs(event.co_organiser_ids, slug_of));
    add_x(vevent, "X-BOUSSOLE-AUDIENCE", slugs(event.audience_ids, slug_of));
    std::string priorities;
    for (const auto& code : event.priority_codes)
        priorities += (priorities.empty() ? "" : ",") + code;
    add_x(vevent, "X-BOUSSOLE-PRIORITIES", priorities);
    return vevent;
}

// The zone's VTIMEZONE from the system's tzdata, its TZID set to the IANA
// name that DTSTART and DTEND carry.
icalcomponent* vtimezone_of(const std::string& name)
{
    icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
    if (!zone)
        return nullptr;
    icalcomponent* source = icaltimezone_get_component(zone);
    if (!source)
        return nullptr;
    icalcomponent* vtimezone = icalcomponent_new_clone(source);
    if (icalproperty* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY))
        icalproperty_set_tzid(tzid, name.c_str());
    // The rules since 2000 are enough for a programme, and keep the file
    // small; the observance in force then is kept, in the form Outlook reads.
    icaltimetype since = icaltime_null_time();
    since.year = 2000;
    since.month = 1;
    since.day = 1;
    icaltimezone_truncate_vtimezone(vtimezone, since, icaltime_null_time(), 1);
    return vtimezone;
}

}  // namespace

std::string export_ics(const std::vector<Event>& events, std::string_view calendar_name, const SlugOf& slug_of)
{
    Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//CNSA//Boussole//FR"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
    add_x(calendar.get(), "X-WR-CALNAME", std::string(calendar_name));

    std::set<std::string> zones;
    for (const auto& event : events)
        if (!event.all_day)
            zones.insert(event.time_zone);
    for (const auto& zone : zones)
        if (icalcomponent* vtimezone = vtimezone_of(zone))
            icalcomponent_add_component(calendar.get(), vtimezone);
    for (const auto& event : events) {
        icalcomponent_add_component(calendar.get(), vevent_of(event, slug_of));
        if (!event.rrule.empty())
            for (const auto& exception : event.exceptions)
                if (!exception.excluded)
                    icalcomponent_add_component(calendar.get(), override_of(event, exception));
    }

    char* text = icalcomponent_as_ical_string_r(calendar.get());
    std::string ics = text ? text : "";
    std::free(text);
    return ics;
}

}  // namespace boussole::calendar
