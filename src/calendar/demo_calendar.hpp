#pragma once
// The synthetic programming of a demonstration instance: for every
// department, a year of realistic ARS and CD events (a monthly CDAPH, the
// quarterly ITA, the CDCA, the conférence des financeurs, calls for projects,
// a CPOM negotiation), the regional territorial meeting and budget campaign
// of each ARS, and national days; with a few deliberate conflicts (a CD
// committee at the hour of its ITA) and mutualisation opportunities (an ARS
// and a CD call for projects on home living, three weeks apart).
//
// Every event has origin "demo", a description that says it is fictitious,
// and a UID of its own ("demo-33-cdaph-2026@boussole.invalid"), so that a
// second run adds nothing. Written without the conflict check, on purpose.

#include "storage/database.hpp"
#include "territory/registry.hpp"

#include <chrono>

namespace boussole::calendar {

// Creates the events of `year` that do not exist yet; returns how many.
// Throws storage::DatabaseError.
int create_demo_calendar(storage::Database& database, const territory::TerritoryRegistry& registry,
                         std::chrono::year year);

}  // namespace boussole::calendar
