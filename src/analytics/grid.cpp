#include "analytics/grid.hpp"

namespace boussole::analytics {

void Grid::resize(int row_count, int period_count)
{
    rows = row_count;
    count = period_count;
    auto size = static_cast<std::size_t>(row_count) * period_count;
    values.assign(size, kNoValue);
    reported.assign(size, 0);
    flags.assign(size, 0);
    expected.assign(row_count, 0);
}

Figure Grid::figure(int row, int period_ordinal) const
{
    Figure result;
    if (row < 0 || row >= rows)
        return result;
    result.expected = expected[row];
    if (!holds(period_ordinal))
        return result;
    auto index = at(row, period_ordinal);
    if (has_value(values[index]))
        result.value = values[index];
    result.reported = reported[index];
    result.includes_unvalidated = (flags[index] & kUnvalidated) != 0;
    result.includes_synthetic = (flags[index] & kSynthetic) != 0;
    return result;
}

std::optional<int> Grid::latest(int row) const
{
    for (int p = count - 1; p >= 0; --p)
        if (has_value(values[static_cast<std::size_t>(row) * count + p]))
            return first + p;
    return std::nullopt;
}

}  // namespace boussole::analytics
