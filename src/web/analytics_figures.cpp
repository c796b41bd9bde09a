#include "web/analytics_figures.hpp"

#include "web/analytics_views.hpp"

namespace boussole::web::analytics_views {

bool withheld(const analytics::Figure& figure, Audience audience)
{
    return audience == Audience::Public && figure.value && figure.includes_unvalidated;
}

std::optional<double> visible(const analytics::Grid& grid, int row, int ordinal, Audience audience)
{
    if (!grid.holds(ordinal))
        return std::nullopt;
    auto index = grid.at(row, ordinal);
    if (!analytics::has_value(grid.values[index]))
        return std::nullopt;
    if (audience == Audience::Public && (grid.flags[index] & analytics::kUnvalidated) != 0)
        return std::nullopt;
    return grid.values[index];
}

std::optional<int> previous_visible(const analytics::Grid& grid, int row, int ordinal, Audience audience)
{
    for (int at = std::min(ordinal, grid.first + grid.count) - 1; at >= grid.first; --at)
        if (visible(grid, row, at, audience))
            return at;
    return std::nullopt;
}

std::optional<int> latest_visible(const analytics::Grid& grid, int row, Audience audience)
{
    return previous_visible(grid, row, grid.first + grid.count, audience);
}

std::vector<double> visible_values(const analytics::Grid& grid, const std::vector<int>& rows, int ordinal,
                                   Audience audience)
{
    std::vector<double> values;
    values.reserve(rows.size());
    for (int row : rows)
        values.push_back(visible(grid, row, ordinal, audience).value_or(analytics::kNoValue));
    return values;
}

std::vector<int> department_rows(const analytics::TerritoryLayout& layout, int row)
{
    std::vector<int> rows;
    for (int department : layout.departments_of_row(row))
        rows.push_back(layout.department_row(department));
    return rows;
}

std::vector<int> peer_rows(const analytics::TerritoryLayout& layout, int row)
{
    std::vector<int> rows;
    bool department = row >= layout.first_department_row();
    int first = department ? layout.first_department_row() : layout.first_region_row();
    int end = department ? layout.rows() : layout.first_department_row();
    for (int peer = first; peer < end; ++peer)
        rows.push_back(peer);
    return rows;
}

}  // namespace boussole::web::analytics_views
