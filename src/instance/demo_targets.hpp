#pragma once
// Targets of the demonstration instance, so that the dashboards show where
// the indicators stand: for the first indicators with a direction and
// demonstration values, a national target for the nation and one for a
// department, set from the values themselves (the first period with a value
// is the baseline) with ambitions that differ from one indicator to the
// next, so that reached, on track and late all appear. Synthetic like the
// values they follow: the comment says so.

#include "core/result.hpp"
#include "storage/database.hpp"

namespace boussole::instance {

inline constexpr int kDemoTargetIndicators = 8;

// Creates the demo targets that do not exist yet; returns how many were
// created. Run after the demonstration values.
core::Result<int> create_demo_targets(storage::Database& database);

}  // namespace boussole::instance
