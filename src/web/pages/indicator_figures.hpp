#pragma once
// What the indicator and comparison pages read from the live analytics: the
// grid of one indicator at one period type, seen as its reader may see it.
// The rule is the data-values API's: the public sees validated figures only
// (a figure built with a value still in draft or submitted is withheld),
// signed-in readers see every figure, flagged. It is the rule of
// web/analytics_figures.hpp, which the dashboards and the API follow.
//
// Also the small French texts these pages share: values with their unit,
// gaps with their sign, completeness.
//
// Pure reads of an immutable grid: safe from any thread.

#include "analytics/grid.hpp"
#include "analytics/territory_layout.hpp"
#include "catalogue/catalogue.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boussole::web::pages {

enum class Audience { Public, SignedIn };

class IndicatorFigures {
public:
    // grid may be null (an indicator that cannot be computed at that type):
    // every read then answers "no value".
    IndicatorFigures(std::shared_ptr<const analytics::Grid> grid, Audience audience);

    bool available() const { return m_grid != nullptr; }
    Audience audience() const { return m_audience; }
    const analytics::Grid* grid() const { return m_grid.get(); }

    // The figure at (row, period ordinal), its value cleared when the
    // audience may not see it (withheld() then says so).
    analytics::Figure figure(int row, int ordinal) const;
    bool withheld(int row, int ordinal) const;
    std::optional<double> value(int row, int ordinal) const;
    // The values of rows at ordinal, NaN where none is seen: the input of
    // analytics::distribution and analytics::rank.
    std::vector<double> values(const std::vector<int>& rows, int ordinal) const;
    // The ordinals, oldest first, where one of rows has a value seen.
    std::vector<int> ordinals_with_values(const std::vector<int>& rows) const;

private:
    std::shared_ptr<const analytics::Grid> m_grid;
    Audience m_audience;
};

// The latest period, among those where one of candidates has a value seen,
// where counted have about as many values seen as they ever have (half of
// the best such period at least), so that a page does not open on a period
// where a single department has reported yet (or, for the public, where a
// single value has been validated yet).
std::optional<int> default_ordinal(const IndicatorFigures& figures, const std::vector<int>& candidates,
                                   const std::vector<int>& counted);

// The department rows of the layout, or those of one region (a region row).
std::vector<int> department_rows(const analytics::TerritoryLayout& layout, std::optional<int> region_row);

// The rows the reader may pick as a territory: the nation, every region,
// every department.
bool is_department_row(const analytics::TerritoryLayout& layout, int row);
bool is_region_row(const analytics::TerritoryLayout& layout, int row);

// "12,3 %", "1 234 places", at the indicator's decimals; "–" when absent.
std::string value_text(std::optional<double> value, const catalogue::Indicator& indicator);
// "+1,2", "−0,4" (a true minus sign), "0,0"; "–" when absent.
std::string gap_text(std::optional<double> gap, int decimals);
// "87/101 départements"
std::string completeness_text(const analytics::Figure& figure);
// A chart whose marks are links (the map, the rankings) is a group of links
// rather than an image: role="img" would make its links presentational to
// assistive technologies (axe-core's nested-interactive rule). The chart keeps
// its title and description through aria-labelledby.
// FIXME: render::ChartFrame could say so itself instead of this rewrite.
std::string as_group_of_links(std::string svg);

// "Gironde (33)", "Nouvelle-Aquitaine", "France"
std::string row_label(const analytics::TerritoryLayout& layout, int row);

}  // namespace boussole::web::pages
