#include "calendar/occurrences.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

// Past this many steps an expansion stops: a daily rule over three years.
constexpr int kLongestExpansion = 1100;

icaltimezone* zone_named(std::string_view zone)
{
    if (zone.empty() || zone.size() > 64)
        return nullptr;
    return icaltimezone_get_builtin_timezone(std::string(zone).c_str());
}

// "2026-03-12T09:30" (timed) or "2026-03-12" (all day), in the given zone.
std::optional<icaltimetype> local_time(std::string_view text, bool all_day, icaltimezone* zone)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    char rest = 0;
    std::string copy(text);
    if (all_day) {
        if (text.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &rest) != 3)
            return std::nullopt;
    } else if (text.size() != 16 ||
               std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &year, &month, &day, &hour, &minute, &rest) != 5) {
        return std::nullopt;
    }
    auto date = std::chrono::year{year} / month / day;
    if (!date.ok() || year < 1900 || year > 2200 || hour > 23 || minute > 59)
        return std::nullopt;
    icaltimetype time = icaltime_null_time();
    time.year = year;
    time.month = month;
    time.day = day;
    time.hour = hour;
    time.minute = minute;
    time.is_date = all_day ? 1 : 0;
    time.zone = zone;
    return time;
}

core::Timestamp instant(const icaltimetype& local, icaltimezone* zone)
{
    icaltimetype midnight_if_date = local;
    midnight_if_date.is_date = 0;  // an all-day occurrence starts at local midnight
    return core::Timestamp{seconds{icaltime_as_timet_with_zone(midnight_if_date, zone)}};
}

year_month_day day_of(const icaltimetype& time)
{
    return std::chrono::year{time.year} / time.month / time.day;
}

year_month_day local_day(core::Timestamp at, icaltimezone* zone)
{
    auto seconds_since = duration_cast<seconds>(at.time_since_epoch()).count();
    return day_of(icaltime_from_timet_with_zone(static_cast<time_t>(seconds_since), 0, zone));
}

core::Error fault(const char* field, std::string message, std::string value = {})
{
    return core::Error::invalid(
        message,
        {{field, message, std::nullopt, value.empty() ? std::nullopt : std::optional<std::string>(std::move(value))}});
}

// The pieces every computation needs, once checked.
struct Parsed {
    icaltimezone* zone = nullptr;
    icaltimetype start{};
    milliseconds length{};  // start to end of one occurrence
    int days_covered = 1;   // all-day events
    std::optional<icalrecurrencetype> rule;
    bool all_day = false;
    const std::vector<EventException>* exceptions = nullptr;
};

// The local text an exception names an occurrence by.
std::string recurrence_key(const icaltimetype& local)
{
    char text[32];
    if (local.is_date)
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", local.year, local.month, local.day);
    else
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d", local.year, local.month, local.day, local.hour,
                      local.minute);
    return text;
}

const EventException* exception_of(const Parsed& parsed, const std::string& key)
{
    if (!parsed.exceptions)
        return nullptr;
    for (const auto& exception : *parsed.exceptions)
        if (exception.recurrence == key)
            return &exception;
    return nullptr;
}

std::optional<Parsed> parse(const Event& event)
{
    Parsed parsed;
    parsed.zone = zone_named(event.time_zone);
    if (!parsed.zone)
        return std::nullopt;
    auto start = local_time(event.starts_local, event.all_day, parsed.zone);
    auto end = local_time(event.ends_local, event.all_day, parsed.zone);
    if (!start || !end)
        return std::nullopt;
    parsed.start = *start;
    parsed.all_day = event.all_day;
    parsed.exceptions = &event.exceptions;
    if (event.all_day) {
        parsed.days_covered = (sys_days{day_of(*end)} - sys_days{day_of(*start)}).count() + 1;
        if (parsed.days_covered < 1)
            return std::nullopt;
    } else {
        parsed.length = instant(*end, parsed.zone) - instant(*start, parsed.zone);
        if (parsed.length <= milliseconds{0})
            return std::nullopt;
    }
    if (!event.rrule.empty()) {
        auto rule = icalrecurrencetype_from_string(event.rrule.c_str());
        if (rule.freq == ICAL_NO_RECURRENCE)
            return std::nullopt;
        parsed.rule = rule;
    }
    return parsed;
}

Occurrence occurrence_at(const Parsed& parsed, icaltimetype local)
{
    Occurrence occurrence;
    occurrence.start = instant(local, parsed.zone);
    if (local.is_date) {
        auto last = sys_days{day_of(local)} + days{parsed.days_covered - 1};
        icaltimetype after = local;
        auto next = year_month_day{last + days{1}};
        after.year = static_cast<int>(next.year());
        after.month = static_cast<int>(static_cast<unsigned>(next.month()));
        after.day = static_cast<int>(static_cast<unsigned>(next.day()));
        occurrence.end = instant(after, parsed.zone);
        occurrence.first_day = day_of(local);
        occurrence.last_day = year_month_day{last};
    } else {
        occurrence.end = occurrence.start + parsed.length;
        occurrence.first_day = day_of(local);
        occurrence.last_day = local_day(occurrence.end - milliseconds{1}, parsed.zone);
    }
    occurrence.recurrence = recurrence_key(local);
    return occurrence;
}

// A changed occurrence at its own times; nothing when they are unreadable
// or out of order.
std::optional<Occurrence> changed_occurrence(const Parsed& parsed, const EventException& exception)
{
    auto start = local_time(exception.starts_local, parsed.all_day, parsed.zone);
    auto end = local_time(exception.ends_local, parsed.all_day, parsed.zone);
    if (!start || !end)
        return std::nullopt;
    Parsed own = parsed;
    if (parsed.all_day) {
        own.days_covered = (sys_days{day_of(*end)} - sys_days{day_of(*start)}).count() + 1;
        if (own.days_covered < 1)
            return std::nullopt;
    } else {
        own.length = instant(*end, parsed.zone) - instant(*start, parsed.zone);
        if (own.length <= milliseconds{0})
            return std::nullopt;
    }
    auto occurrence = occurrence_at(own, *start);
    occurrence.recurrence = exception.recurrence;
    occurrence.changed = true;
    return occurrence;
}

// The changed occurrences that take place (not cancelled), in no order.
std::vector<Occurrence> changed_occurrences(const Parsed& parsed)
{
    std::vector<Occurrence> found;
    if (!parsed.rule || !parsed.exceptions)
        return found;
    for (const auto& exception : *parsed.exceptions)
        if (!exception.excluded && exception.status != EventStatus::Cancelled)
            if (auto occurrence = changed_occurrence(parsed, exception))
                found.push_back(*occurrence);
    return found;
}

// Calls visit(occurrence) in start order until it returns false or the
// rule ends; returns false when the expansion was cut short by its bound.
template <typename Visit>
bool each_occurrence(const Parsed& parsed, Visit visit)
{
    if (!parsed.rule) {
        visit(occurrence_at(parsed, parsed.start));
        return true;
    }
    icalrecur_iterator* iterator = icalrecur_iterator_new(*parsed.rule, parsed.start);
    if (!iterator)
        return true;
    bool finished = false;
    for (int step = 0; step < kLongestExpansion; ++step) {
        icaltimetype next = icalrecur_iterator_next(iterator);
        if (icaltime_is_null_time(next)) {
            finished = true;
            break;
        }
        next.zone = parsed.zone;
        // Excluded and changed occurrences are not where the rule puts them.
        if (exception_of(parsed, recurrence_key(next)))
            continue;
        if (!visit(occurrence_at(parsed, next))) {
            finished = true;
            break;
        }
    }
    icalrecur_iterator_free(iterator);
    return finished;
}

}  // namespace

core::Status check_time_zone(std::string_view zone)
{
    if (!zone_named(zone))
        return fault("time_zone",
                     "Fuseau horaire : « " + std::string(zone) +
                         " » inconnu. Attendu un fuseau IANA, par exemple « Europe/Paris », « America/Cayenne » ou "
                         "« Indian/Reunion ».",
                     std::string(zone));
    return {};
}

core::Status check_rrule(std::string_view rrule)
{
    if (rrule.empty())
        return {};
    if (rrule.size() > 500 || icalrecurrencetype_from_string(std::string(rrule).c_str()).freq == ICAL_NO_RECURRENCE)
        return fault("rrule",
                     "Récurrence : règle « " + std::string(rrule.substr(0, 80)) +
                         " » illisible. Attendu une règle RRULE (RFC 5545), par exemple « FREQ=MONTHLY;BYDAY=2TH ».",
                     std::string(rrule.substr(0, 80)));
    return {};
}

std::string canonical_rrule(std::string_view rrule)
{
    if (rrule.empty())
        return {};
    auto rule = icalrecurrencetype_from_string(std::string(rrule).c_str());
    if (rule.freq == ICAL_NO_RECURRENCE)
        return std::string(rrule);
    char* text = icalrecurrencetype_as_string_r(&rule);
    std::string canonical = text ? text : std::string(rrule);
    std::free(text);
    return canonical;
}

core::Status check_times(const Event& event)
{
    BOUSSOLE_TRY(check_time_zone(event.time_zone));
    BOUSSOLE_TRY(check_rrule(event.rrule));
    auto* zone = zone_named(event.time_zone);
    const char* expected = event.all_day
                               ? "une date « AAAA-MM-JJ », par exemple « 2026-03-12 »"
                               : "une date et une heure « AAAA-MM-JJTHH:MM », par exemple « 2026-03-12T09:30 »";
    auto start = local_time(event.starts_local, event.all_day, zone);
    if (!start)
        return fault("starts", "Début : « " + event.starts_local + " » illisible, attendu " + expected + ".",
                     event.starts_local);
    auto end = local_time(event.ends_local, event.all_day, zone);
    if (!end)
        return fault("ends", "Fin : « " + event.ends_local + " » illisible, attendu " + expected + ".",
                     event.ends_local);
    if (!parse(event))
        return fault("ends",
                     event.all_day ? "Fin : le dernier jour ne peut pas précéder le premier."
                                   : "Fin : elle doit venir après le début (" + event.starts_local + ").",
                     event.ends_local);
    return {};
}

core::Status check_exceptions(const Event& event)
{
    if (event.exceptions.empty())
        return {};
    if (event.rrule.empty())
        return fault("exceptions", "Exceptions : seul un événement récurrent peut exclure ou modifier une occurrence.");
    auto parsed = parse(event);
    if (!parsed)
        return {};  // the event's own times are reported by check_times
    // The rule's occurrences, exceptions set aside, to check each names one.
    Parsed plain = *parsed;
    plain.exceptions = nullptr;
    std::vector<std::string> keys;
    each_occurrence(plain, [&](const Occurrence& occurrence) {
        keys.push_back(occurrence.recurrence);
        return true;
    });
    const char* expected = event.all_day ? "« AAAA-MM-JJ »" : "« AAAA-MM-JJTHH:MM »";
    std::vector<std::string> seen;
    for (const auto& exception : event.exceptions) {
        if (std::find(keys.begin(), keys.end(), exception.recurrence) == keys.end())
            return fault("exceptions",
                         "Exceptions : « " + exception.recurrence.substr(0, 40) +
                             " » n'est pas une occurrence de la série (attendu le début d'une occurrence, " + expected +
                             ", à l'heure de la série).",
                         exception.recurrence.substr(0, 40));
        if (std::find(seen.begin(), seen.end(), exception.recurrence) != seen.end())
            return fault("exceptions",
                         "Exceptions : l'occurrence du « " + exception.recurrence + " » est nommée deux fois.",
                         exception.recurrence);
        seen.push_back(exception.recurrence);
        if (!exception.excluded && !changed_occurrence(*parsed, exception))
            return fault("exceptions",
                         "Exceptions : l'occurrence du « " + exception.recurrence +
                             " » a un début ou une fin illisible " + "ou dans le désordre (attendu " + expected +
                             ", la fin après le début).",
                         exception.recurrence);
    }
    return {};
}

std::vector<Occurrence> occurrences(const Event& event, core::Timestamp from, core::Timestamp to, std::size_t limit)
{
    std::vector<Occurrence> found;
    auto parsed = parse(event);
    if (!parsed)
        return found;
    each_occurrence(*parsed, [&](const Occurrence& occurrence) {
        if (occurrence.start >= to || found.size() >= limit)
            return false;
        if (occurrence.end > from)
            found.push_back(occurrence);
        return true;
    });
    auto changed = changed_occurrences(*parsed);
    if (changed.empty())
        return found;
    for (auto& occurrence : changed)
        if (occurrence.start < to && occurrence.end > from)
            found.push_back(std::move(occurrence));
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    if (found.size() > limit)
        found.resize(limit);
    return found;
}

std::optional<Span> span_of(const Event& event)
{
    auto parsed = parse(event);
    if (!parsed)
        return std::nullopt;
    std::optional<Occurrence> first;
    std::optional<core::Timestamp> last_end;
    bool finished = each_occurrence(*parsed, [&](const Occurrence& occurrence) {
        if (!first)
            first = occurrence;
        last_end = occurrence.end;
        return true;
    });
    for (const auto& occurrence : changed_occurrences(*parsed)) {
        if (!first || occurrence.start < first->start)
            first = occurrence;
        if (last_end && occurrence.end > *last_end)
            last_end = occurrence.end;
    }
    if (!first)  // a rule whose UNTIL comes before the start: the start alone
        first = occurrence_at(*parsed, parsed->start);
    bool endless = parsed->rule && parsed->rule->count == 0 && icaltime_is_null_time(parsed->rule->until);
    if (endless || !finished)
        return Span{*first, std::nullopt};
    return Span{*first, last_end ? last_end : first->end};
}

}  // namespace boussole::calendar
