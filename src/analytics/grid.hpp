#pragma once
// The values of one indicator at one period type, for every territory (the
// rows of TerritoryLayout) and every period the data spans: what the pages,
// the API and the equity statistics read. Each value carries its
// completeness (departments reported out of those expected) and its flags.

#include "analytics/cube.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace boussole::analytics {

struct Figure {
    std::optional<double> value;
    int reported = 0;  // departments whose data made the value
    int expected = 0;  // departments within the territory
    bool includes_unvalidated = false;
    bool includes_synthetic = false;

    bool complete() const { return reported == expected && expected > 0; }
};

struct Grid {
    core::PeriodType type = core::PeriodType::Year;
    int first = 0;  // ordinal of the first period
    int count = 0;  // periods
    int rows = 0;
    std::vector<double> values;          // [row × count + period], NaN: no value
    std::vector<std::uint16_t> reported;  // same layout
    std::vector<std::uint8_t> flags;      // same layout, CellFlag
    std::vector<std::uint16_t> expected;  // per row

    void resize(int row_count, int period_count);
    std::size_t at(int row, int period_ordinal) const
    {
        return static_cast<std::size_t>(row) * count + (period_ordinal - first);
    }
    bool holds(int period_ordinal) const { return period_ordinal >= first && period_ordinal < first + count; }
    double value(int row, int period_ordinal) const { return holds(period_ordinal) ? values[at(row, period_ordinal)] : kNoValue; }
    Figure figure(int row, int period_ordinal) const;
    // The latest period with a value for row; nothing when none.
    std::optional<int> latest(int row) const;
};

}  // namespace boussole::analytics
