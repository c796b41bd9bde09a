#pragma once
// What an analytics request asks for: indicators × territories × periods, as
// GET /api/v1/analytics reads them from its query string. Every refusal is an
// Invalid error (422) naming the parameter, what was read and what is
// expected, so that a client knows what to fix.
//
//   indicators   codes separated by commas (required, 50 at most)
//   territories  FR, REG-75, DEP-33, 33, regions (every region), departments
//                (every department), departments:REG-75 (the departments of a
//                region); FR when absent; 200 at most once expanded
//   periods      2025,2025-T1,2025-03 (120 at most)
//   from, to     a range, with period_type (month, quarter, year) to read it
//                at a finer type than written ("from=2024&period_type=quarter"
//                starts at 2024-T1); 120 periods at most
//   period_type  alone: the latest period of that type with data
//   format       json (default) or csv
// Neither periods nor from/to: for each indicator, the latest period with
// data (at its periodicity, or period_type) among the territories asked.
//
// A parameter may be repeated (indicators=a&indicators=b is indicators=a,b);
// an unknown parameter is refused, so that a misspelt one is not ignored.
// Pure functions of their arguments: safe from any thread.

#include "analytics/territory_layout.hpp"
#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "web/http/url.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace boussole::web::analytics_views {

inline constexpr std::size_t kMaxIndicators = 50;
inline constexpr std::size_t kMaxTerritories = 200;
inline constexpr std::size_t kMaxPeriods = 120;
// Indicators × territories × periods: beyond, a response would not be read.
inline constexpr std::size_t kMaxCells = 100000;

struct PeriodSelection {
    enum class Kind { Latest, List };
    Kind kind = Kind::Latest;
    // Latest: the type to read each indicator at; absent: its periodicity.
    std::optional<core::PeriodType> type;
    std::vector<core::Period> periods;  // List: in the order asked, no duplicates
};

struct AnalyticsQuery {
    std::vector<const catalogue::Indicator*> indicators;  // point into the catalogue given
    std::vector<int> rows;                                // TerritoryLayout rows, in order, no duplicates
    PeriodSelection periods;
    bool csv = false;
    // The query written canonically ("i=a,b;t=0,5;p=2025;f=json"): two
    // spellings of one question share their ETag.
    std::string normalised;
};

// Reads the query string. Invalid (422) for: a parameter not listed above;
// text that is not UTF-8; no indicator; an unknown indicator (the message
// offers close codes); an unknown territory or department code ("2C", "20",
// "REG-99": the registry's explanation); periods that do not parse, a range
// that ends before it starts or a type finer than asked; a period finer than
// an indicator's periodicity (a quarter of a yearly indicator); periods and
// from/to together; more than the limits above (the message gives the
// count).
core::Result<AnalyticsQuery> parse_query(const http::Params& params, const catalogue::Catalogue& catalogue,
                                         const territory::TerritoryRegistry& registry,
                                         const analytics::TerritoryLayout& layout);

// One territory as a parameter names it ("FR", "REG-75", "DEP-33" or a bare
// department code); Invalid naming parameter otherwise.
core::Result<int> parse_territory_row(std::string_view text, const char* parameter,
                                      const territory::TerritoryRegistry& registry,
                                      const analytics::TerritoryLayout& layout);

// One indicator code; Invalid naming parameter, with close codes, otherwise.
core::Result<const catalogue::Indicator*> parse_indicator(std::string_view code, const char* parameter,
                                                          const catalogue::Catalogue& catalogue);

// Invalid when params holds a name outside allowed (the message lists them).
core::Status only_parameters(const http::Params& params, const std::vector<std::string>& allowed);

}  // namespace boussole::web::analytics_views
