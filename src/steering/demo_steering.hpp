#pragma once
// Synthetic roadmaps and ITAs for a demonstration instance: every steered
// territory gets 15 to 30 actions written from templates for its priorities
// (some done, some late, some paused, some abandoned with their reason),
// progress notes, an ITA with its members, a year of meetings with the next
// one to come, and decisions linked to actions or to an amendment, and
// consultations on two roadmaps with contributions and answers. Marked
// as demonstration (origin "demo", « fictive » in the texts). A territory
// that already has demonstration actions is left alone, so that a second run
// creates nothing. Everything goes in one transaction of multi-row inserts.
// Database failures throw storage::DatabaseError.

#include "core/result.hpp"
#include "territory/registry.hpp"

#include <chrono>

namespace boussole::storage {
class Connection;
class Database;
}  // namespace boussole::storage

namespace boussole::steering {

struct DemoSteering {
    int territories = 0;
    int actions = 0;
    int meetings = 0;
    int decisions = 0;
    int consultations = 0;
};

// The demonstration consultations on the Gironde's and the Nord's roadmaps,
// in the caller's transaction; nothing when a roadmap consultation exists.
// Returns how many were opened.
core::Result<int> create_demo_roadmap_consultations(storage::Connection& connection,
                                                    const territory::TerritoryRegistry& registry);

DemoSteering create_demo_steering(storage::Database& database, const territory::TerritoryRegistry& registry,
                                  std::chrono::year_month_day today);

}  // namespace boussole::steering
