#pragma once
// When an event happens, in UTC: its time zone and recurrence rule are
// interpreted by libical (IANA zones from the system's tzdata, RFC 5545
// RRULE expansion), never by hand.
//
// Thread-safe: libical guards its time zone cache.

#include "calendar/event.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace boussole::calendar {

// One occurrence of an event: [start, end) in UTC, and the local days it
// covers in the event's own time zone (an all-day event from 3 to 5 March
// covers 3, 4 and 5; a meeting from 22:00 to 01:00 covers two days).
struct Occurrence {
    core::Timestamp start;
    core::Timestamp end;
    std::chrono::year_month_day first_day;
    std::chrono::year_month_day last_day;
    // Where the rule placed it, local like starts_local ("2026-08-13T14:00"
    // or "2026-08-13"): what an exception names. Changed: moved or altered
    // by an exception (EventException).
    std::string recurrence;
    bool changed = false;
};

// Invalid, naming the field "time_zone", unless it is an IANA zone libical
// knows ("Europe/Paris", "America/Cayenne", "Indian/Reunion").
core::Status check_time_zone(std::string_view zone);

// Invalid, naming the field "rrule", unless empty or an RRULE value libical
// reads ("FREQ=MONTHLY;BYDAY=2TH;COUNT=10").
core::Status check_rrule(std::string_view rrule);

// The rule as libical writes it ("FREQ=MONTHLY;COUNT=10;BYDAY=2TH"), so that
// the same rule is stored and exported the same way whatever its source; the
// text unchanged when libical cannot read it.
std::string canonical_rrule(std::string_view rrule);

// Invalid, naming "starts" or "ends", when the local times are unreadable
// ("2026-03-12T09:30" timed, "2026-03-12" all day) or the end does not come
// after the start (an all-day event may end on its first day). Checks the
// time zone and the rule too.
core::Status check_times(const Event& event);

// Invalid, naming the field "exceptions", when an event has exceptions but
// no rule, when one names no occurrence of the rule or names it twice, or
// when a changed occurrence's times are unreadable or out of order (same
// forms as the event's own).
core::Status check_exceptions(const Event& event);

// The occurrences of an event that overlap [from, to), in start order, at
// most `limit` of them. Excluded occurrences are left out, changed ones are
// at their own times (left out too when their status is cancelled). The event's times must have passed check_times
// (otherwise: none).
std::vector<Occurrence> occurrences(const Event& event, core::Timestamp from, core::Timestamp to,
                                    std::size_t limit = 1000);

// The first occurrence, and the end of the last one when the rule ends
// (COUNT or UNTIL) or there is none; nullopt end for an endless rule.
struct Span {
    Occurrence first;
    std::optional<core::Timestamp> last_end;
};
std::optional<Span> span_of(const Event& event);

}  // namespace boussole::calendar
