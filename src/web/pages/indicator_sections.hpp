#pragma once
// The sections of the indicator page (indicator_page.cpp), each one a JSON
// view for web/templates/indicator_page.mustache with its server-side SVG
// and the table that says the same in text: the map of the departments and
// their table, the time series, the distribution and the evolution of the
// coefficient of variation, the ranking. Pure functions of the scope: safe
// from any thread.

#include "targets/targets.hpp"
#include "web/app_state.hpp"
#include "web/pages/indicator_figures.hpp"
#include "web/pages/indicator_filters.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boussole::web::pages {

// The address of one view of the indicator page; links change one filter.
struct IndicatorAddress {
    std::string code;
    std::string period;     // "2025-T3"
    std::string region;     // "REG-75"
    std::string territory;  // "DEP-33"
    TableOrder order = TableOrder::Rank;

    // "/indicateurs/code?periode=…&region=…&territoire=…&tri=…", leaving out
    // what is empty or default, then "#anchor" when given.
    std::string href(std::string_view anchor = {}) const;
};

// What every section reads.
struct IndicatorScope {
    const catalogue::Indicator& indicator;
    const analytics::TerritoryLayout& layout;
    const IndicatorFigures& figures;
    core::Period period;
    int ordinal = 0;
    std::vector<int> rows;              // the departments shown: all, or those of the region filter
    std::optional<int> region_row;      // the region filter
    std::optional<int> territory_row;   // the territory highlighted
    std::optional<int> department_row;  // the same when it is a department
    IndicatorAddress address;
};

// The choropleth map and the departments' table (value, rank, gap to the
// national value, flags), sortable by links.
nlohmann::json map_section(const IndicatorScope& scope, const std::string& share_dir);
nlohmann::json table_section(const IndicatorScope& scope);

// The line chart of the territory highlighted, its region and the nation,
// with the target line of the territory (else the nation's) when one is set.
nlohmann::json series_section(const IndicatorScope& scope, const std::vector<targets::Target>& targets);

// The box plot with its figures, and the coefficient of variation over time
// with a sentence saying whether the departments converge.
nlohmann::json distribution_section(const IndicatorScope& scope);
nlohmann::json dispersion_section(const IndicatorScope& scope);

// Bars best first along the indicator's direction.
nlohmann::json ranking_section(const IndicatorScope& scope);

}  // namespace boussole::web::pages
