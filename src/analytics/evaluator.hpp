#pragma once
// Computes the Grid of an indicator from the cube, following the catalogue's
// rules (DESIGN.md §3): each data element is first aggregated over time for
// each department (sum for flows, last value for stocks, average where
// declared; a sum needs every sub-period), then over territories among the
// departments that reported every element of the formula (so that a
// regional rate is Σ numerators / Σ denominators of the same departments),
// and the formula is evaluated last, over whole arrays. An aggregation the
// rules forbid gives no value.

#include "analytics/department_series.hpp"
#include "analytics/grid.hpp"
#include "analytics/territory_layout.hpp"
#include "catalogue/catalogue.hpp"

#include <functional>
#include <memory>

namespace boussole::analytics {

class Evaluator {
public:
    // Gives the grid of a referenced indicator ("ind:code", the base of an
    // equity indicator), so that a cache can share them; nullptr when it
    // cannot be computed.
    using Lookup = std::function<std::shared_ptr<const Grid>(const catalogue::Indicator&, core::PeriodType)>;

    // Gives an element aggregated over time (department_series.hpp), so that
    // a cache can share it between indicators; never nullptr.
    using SeriesLookup =
        std::function<std::shared_ptr<const DepartmentSeries>(const catalogue::DataElement&, core::PeriodType)>;

    Evaluator(const Cube& cube, const TerritoryLayout& layout, const catalogue::Catalogue& catalogue, Lookup lookup,
              SeriesLookup series);

    // nullptr when the indicator cannot be computed at type: finer than its
    // periodicity, or a formula that does not parse.
    std::shared_ptr<Grid> evaluate(const catalogue::Indicator& indicator, core::PeriodType type) const;

private:
    std::shared_ptr<Grid> evaluate_ratio(const catalogue::Indicator& indicator, core::PeriodType type) const;
    std::shared_ptr<Grid> evaluate_equity(const catalogue::Indicator& indicator, core::PeriodType type) const;

    const Cube& m_cube;
    const TerritoryLayout& m_layout;
    const catalogue::Catalogue& m_catalogue;
    Lookup m_lookup;
    SeriesLookup m_series;
};

}  // namespace boussole::analytics
