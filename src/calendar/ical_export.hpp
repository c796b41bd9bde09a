#pragma once
// Events as an iCalendar file (RFC 5545), written with libical: one VEVENT
// per event with its stable UID, its times in its own zone (TZID, with the
// VTIMEZONE of every zone used), its RRULE, STATUS (TENTATIVE for planned,
// CONFIRMED, CANCELLED) and SEQUENCE (the version). A recurring event's
// excluded occurrences are EXDATEs in its zone, its changed ones overriding
// VEVENTs with the same UID and a RECURRENCE-ID. An event replaced by a joint
// event (a mutualisation) is CANCELLED with a RELATED-TO naming the joint
// event's UID, so that subscribed calendars drop it. Boussole's own fields
// ride along as X-BOUSSOLE-* properties so that an import into another
// Boussole gives the same events back; calendar clients ignore them.
//
// Pure: the caller gives the events and the slugs of their organisations.
// Thread-safe.

#include "calendar/event.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::calendar {

// The slug ("cd-33") of an organisation id; empty when unknown.
using SlugOf = std::function<std::string(std::int64_t)>;

// The file, CRLF line endings and folded lines as RFC 5545 asks.
// calendar_name goes to X-WR-CALNAME ("Calendrier commun — Gironde").
std::string export_ics(const std::vector<Event>& events, std::string_view calendar_name, const SlugOf& slug_of);

}  // namespace boussole::calendar
