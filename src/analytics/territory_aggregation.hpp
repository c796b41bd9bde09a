#pragma once
// The second step of an indicator (evaluator.hpp): the elements, already
// aggregated over time for every department, folded up the territory tree
// among the departments that reported every input of the formula.

#include "analytics/department_series.hpp"
#include "analytics/territory_layout.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace boussole::analytics {

// One formula input: an element aggregated over time, with its weight when
// its territory rule is a weighted average.
struct FormulaInput {
    const catalogue::DataElement* element = nullptr;
    std::shared_ptr<const DepartmentSeries> series;
    std::shared_ptr<const DepartmentSeries> weight;
};

// A department counts for a period when every input has a value there;
// narrows mask ([department × count + p], grid periods from grid_first) to
// the periods series has a value, and adds the series' flags to flags.
void narrow_mask(const DepartmentSeries& series, int grid_first, int count, int departments, std::vector<char>& mask,
                 std::vector<std::uint8_t>& flags);

// The element's values for every row of layout ([row × count + p]):
// departments as they are (where the mask holds), regions and the nation
// aggregated over their masked departments along the element's territory
// rule. reported: the masked departments per row and period (Grid::reported).
void aggregate_over_territories(const FormulaInput& input, const std::vector<char>& mask, const TerritoryLayout& layout,
                                int grid_first, int count, const std::vector<std::uint16_t>& reported,
                                std::vector<double>& rows);

}  // namespace boussole::analytics
