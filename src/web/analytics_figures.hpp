#pragma once
// Reading a Grid as an audience may see it (analytics_views.hpp): the small
// steps the API and the dashboards share. Pure functions.

#include "analytics/grid.hpp"
#include "analytics/territory_layout.hpp"

#include <optional>
#include <vector>

namespace boussole::web::analytics_views {

enum class Audience;

// True when the audience may not see this figure's value: the public and a
// figure built from a value not yet validated.
bool withheld(const analytics::Figure& figure, Audience audience);

// The value at (row, period ordinal) when there is one the audience sees.
std::optional<double> visible(const analytics::Grid& grid, int row, int ordinal, Audience audience);

// The latest period ordinal of row with a value the audience sees.
std::optional<int> latest_visible(const analytics::Grid& grid, int row, Audience audience);
// The latest before ordinal.
std::optional<int> previous_visible(const analytics::Grid& grid, int row, int ordinal, Audience audience);

// The values of rows at ordinal, NaN where none is seen: the input of
// analytics::distribution and analytics::rank.
std::vector<double> visible_values(const analytics::Grid& grid, const std::vector<int>& rows, int ordinal,
                                   Audience audience);

// The department rows within a row's territory (itself for a department).
std::vector<int> department_rows(const analytics::TerritoryLayout& layout, int row);
// The rows of the same level as row: every region, or every department.
std::vector<int> peer_rows(const analytics::TerritoryLayout& layout, int row);

}  // namespace boussole::web::analytics_views
