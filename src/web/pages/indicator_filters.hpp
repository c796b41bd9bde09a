#pragma once
// The filters of the indicator page, read from its query string (a GET form,
// so that every view has its own address): the period, a region that
// restricts the departments shown, the territory highlighted everywhere and
// the order of the departments' table.
//
//   periode     "2025", "2025-T3", "2025-07": of the indicator's periodicity
//               or coarser; absent: the latest with data
//   region      "REG-75": only the departments of that region
//   territoire  "DEP-33", "REG-75" or "FR": highlighted, with its series
//   tri         "rang" (default), "nom" or "valeur"
//
// Unknown parameters are ignored, as a page does. Pure functions: safe from
// any thread.

#include "analytics/territory_layout.hpp"
#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "web/http/url.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::web::pages {

enum class TableOrder { Rank, Name, Value };

const char* to_string(TableOrder order);  // "rang", "nom", "valeur"

struct IndicatorFilters {
    std::optional<core::Period> period;
    std::optional<int> region_row;     // a region's row of the layout
    std::optional<int> territory_row;  // any row of the layout
    TableOrder order = TableOrder::Rank;
};

// The period types an indicator can be read at: its periodicity and the
// coarser ones, finest first.
std::vector<core::PeriodType> readable_types(const catalogue::Indicator& indicator);

// Invalid, with one field error per faulty parameter ("periode", "region",
// "territoire", "tri") in French saying what is expected: text that is not
// UTF-8, a period that does not parse or is finer than the indicator's
// periodicity, an unknown territory ("DEP-2C", "REG-99"), a region filter
// that is not a region, an unknown order.
core::Result<IndicatorFilters> parse_indicator_filters(const http::Params& query, const catalogue::Indicator& indicator,
                                                       const territory::TerritoryRegistry& registry,
                                                       const analytics::TerritoryLayout& layout);

// One territory parameter ("DEP-33"), for the comparison page too. Invalid
// naming field; level restricts the territories accepted when given.
core::Result<int> parse_territory_parameter(std::string_view text, const char* field,
                                            const territory::TerritoryRegistry& registry,
                                            const analytics::TerritoryLayout& layout,
                                            std::optional<territory::Level> level = std::nullopt);

}  // namespace boussole::web::pages
