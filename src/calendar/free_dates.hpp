#pragma once
// Find a date: for the organisations that must attend, a duration and a
// window, the working-day slots (9:30 or 14:00, local time) with no double
// booking, no shared audience at the same time, no public holiday and no
// declared constraint, the quietest first (fewest events of those
// organisations in the days around), then the earliest.
//
// Thread-safety: reentrant; database failures throw storage::DatabaseError.

#include "calendar/event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::calendar {

struct FreeDateQuery {
    std::string territory;                   // "DEP-33"
    std::vector<std::int64_t> audience_ids;  // who must attend; at least one
    int duration_minutes = 120;              // 30 to 480
    std::string from;                        // first day, "2026-03-01"
    std::string to;                          // last day (inclusive), 92 days at most after from
    std::string kind = "autre";              // the kind of event, for the constraints that apply
    std::string time_zone = "Europe/Paris";
};

struct FreeDate {
    std::string starts;  // local, "2026-03-12T09:30"
    std::string ends;
    std::string time_zone;
    int nearby = 0;  // events of the audience within three days
};

// Invalid, naming each faulty field (territory, audience_ids,
// duration_minutes, from, to, kind, time_zone). At most `limit` dates.
core::Result<std::vector<FreeDate>> find_free_dates(storage::Connection& connection,
                                                    const territory::TerritoryRegistry& registry,
                                                    const FreeDateQuery& query, std::size_t limit = 20);

}  // namespace boussole::calendar
