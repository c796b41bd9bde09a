#pragma once
// Synthetic roadmaps and ITAs for a demonstration instance: every steered
// territory gets 15 to 30 actions written from templates for its priorities
// (some done, some late, some paused, some abandoned with their reason),
// progress notes, an ITA with its members, a year of meetings with the next
// one to come, and decisions linked to actions or to an amendment. Marked
// as demonstration (origin "demo", « fictive » in the texts). A territory
// that already has demonstration actions is left alone, so that a second run
// creates nothing. Everything goes in one transaction of multi-row inserts.
// Database failures throw storage::DatabaseError.

#include "territory/registry.hpp"

#include <chrono>

namespace boussole::storage {
class Database;
}

namespace boussole::steering {

struct DemoSteering {
    int territories = 0;
    int actions = 0;
    int meetings = 0;
    int decisions = 0;
};

DemoSteering create_demo_steering(storage::Database& database, const territory::TerritoryRegistry& registry,
                                  std::chrono::year_month_day today);

}  // namespace boussole::steering
