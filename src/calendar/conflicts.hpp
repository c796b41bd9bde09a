#pragma once
// What may stand in the way of an event, found when it is created or moved:
// an organisation that holds two events at once (double booking), events of
// the same or an enclosing territory at overlapping times with an audience
// in common, public holidays, and the periods organisations declared
// unavailable. These are warnings, not refusals: a person may save anyway
// with a reason (events.hpp records it).
//
// Pure: the caller gives the other events and the constraints; thread-safe.

#include "calendar/event.hpp"
#include "calendar/occurrences.hpp"

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace boussole::calendar {

// Days an organisation cannot hold or receive some kinds of events.
struct Constraint {
    std::int64_t id = 0;
    std::int64_t organisation_id = 0;
    std::chrono::year_month_day first_day;
    std::chrono::year_month_day last_day;  // inclusive
    std::vector<EventKind> kinds;          // empty: every kind
    std::string reason;                    // "Vote du budget départemental"
    int version = 1;
    std::string updated_by;  // who declared it or changed it last

    bool applies_to(EventKind kind) const;
};

enum class WarningKind { DoubleBooking, AudienceOverlap, Holiday, Constraint };

const char* to_string(WarningKind kind);  // "double_booking", "audience_overlap", "holiday", "constraint"

struct Warning {
    WarningKind kind = WarningKind::Holiday;
    std::string message;  // French, for the person deciding
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> organisation_id;
    std::optional<std::int64_t> constraint_id;
    std::string day;  // "2026-07-14", the first day concerned
};

nlohmann::json to_json(const Warning& warning);

// What the check needs beyond the events: the registry (which territories
// enclose which, the departments of a region for their holidays) and the
// short names of organisations for the messages.
struct ConflictContext {
    const territory::TerritoryRegistry& registry;
    std::function<std::string(std::int64_t)> organisation_name;
};

// The warnings for `candidate` against `others` (the candidate itself, by id,
// and cancelled events are skipped) and `constraints`, over the candidate's
// occurrences within [from, to); events replaced by a joint one are
// skipped too. At most `limit` warnings, the earliest first
// for each kind: double bookings, then audience overlaps, constraints and
// holidays.
std::vector<Warning> find_conflicts(const Event& candidate, const std::vector<Event>& others,
                                    const std::vector<Constraint>& constraints, const ConflictContext& context,
                                    core::Timestamp from, core::Timestamp to, std::size_t limit = 50);

}  // namespace boussole::calendar
