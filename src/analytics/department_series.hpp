#pragma once
// One data element aggregated over time for every department, at one period
// type: the first step of every indicator (evaluator.hpp). Each element is
// aggregated once per type and shared by every indicator that uses it, and at
// its own type the series is a view of the cube's column, not a copy: the
// evaluation of a whole catalogue then reads each column about once per
// period type, close to the floor of reading the values at all.

#include "analytics/cube.hpp"
#include "catalogue/catalogue.hpp"

#include <cstdint>
#include <vector>

namespace boussole::analytics {

struct DepartmentSeries {
    DepartmentSeries() = default;
    DepartmentSeries(DepartmentSeries&&) = default;  // the own_ buffers move with their views
    DepartmentSeries& operator=(DepartmentSeries&&) = default;
    DepartmentSeries(const DepartmentSeries&) = delete;  // a copy would view the original's buffers

    int first = 0;  // ordinal of the first period (at the series' type)
    int count = 0;  // periods per department
    // [department × count + (period − first)]; into the cube's column or into
    // the own_ vectors below. NaN: no value.
    const double* values = nullptr;
    const std::uint8_t* flags = nullptr;

    std::vector<double> own_values;
    std::vector<std::uint8_t> own_flags;

    bool empty() const { return count == 0; }
    int last() const { return first + count - 1; }
};

// The element's values for every department at type, following its time
// rule: sum for flows (every sub-period required), last value for stocks,
// average where declared, none where the rules forbid adding periods up.
// The series views column when type is the column's own: it is valid while
// the cube is unchanged.
DepartmentSeries aggregate_in_time(const Column* column, const catalogue::DataElement& element, core::PeriodType type,
                                   int departments);

}  // namespace boussole::analytics
