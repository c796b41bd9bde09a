#pragma once
// The figures the analytics API and the dashboards show, computed from the
// live analytics (AppState::analytics): rows of an analytics query, the
// summary of one indicator for one territory (latest value, trend, target
// status, equity, completeness, flags) and the equity across departments.
//
// Who sees what follows the data-values API: the public reads validated
// values only. A figure built from a value not yet validated (draft or
// submitted) is withheld from an anonymous reader (value absent, withheld
// true), and every statistic the public gets (latest value, trend, equity) is
// computed from the figures it may see. Signed-in readers see every figure,
// flagged.
//
// Thread-safety: the functions read the Analytics, which is thread-safe, and
// the catalogue and targets given, which they do not change.

#include "analytics/analytics.hpp"
#include "analytics/distribution.hpp"
#include "targets/targets.hpp"
#include "web/analytics_query.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::web::analytics_views {

enum class Audience { Public, SignedIn };

// One cell of an analytics answer.
struct FigureRow {
    const catalogue::Indicator* indicator = nullptr;
    int row = 0;                         // TerritoryLayout row
    std::optional<core::Period> period;  // absent: the indicator has no data at all for these territories
    analytics::Figure figure;            // value cleared when withheld
    bool withheld = false;
};

// The cells of query, indicator by indicator, territory by territory, period
// by period. Invalid (422, naming "periods" or "period_type") when a period
// asked is finer than an indicator's periodicity (a quarter of a yearly
// indicator).
core::Result<std::vector<FigureRow>> figure_rows(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                                                 const AnalyticsQuery& query, Audience audience);

enum class Trend { Up, Down, Stable, Unknown };
// Better or worse along the indicator's direction; Neutral when it has none
// or the trend is stable or unknown.
enum class TrendMeaning { Better, Worse, Neutral };

const char* to_string(Trend trend);           // "up", "down", "stable", "unknown"
const char* to_string(TrendMeaning meaning);  // "better", "worse", "neutral"

// Stable when both values show the same at the indicator's decimals.
Trend trend_between(double previous, double latest, int decimals);
TrendMeaning meaning_of(Trend trend, catalogue::Direction direction);

// One point of a history: a period and its value (absent: none, or withheld).
struct HistoryPoint {
    core::Period period = core::Period::year(2000);
    std::optional<double> value;
};

// What a dashboard says of one indicator for one territory, at the
// indicator's periodicity.
struct Summary {
    const catalogue::Indicator* indicator = nullptr;
    int row = 0;
    // False for a dispersion indicator and a department: it measures the
    // spread between departments, so a department has no value of its own.
    bool applicable = true;
    std::optional<core::Period> period;  // the latest period with a figure the audience sees
    std::optional<double> value;
    analytics::Figure figure;  // of that period: completeness and flags
    // A later figure exists that the public may not see yet.
    bool newer_withheld = false;
    std::optional<core::Period> previous_period;  // the period with a figure before
    std::optional<double> previous;
    Trend trend = Trend::Unknown;
    TrendMeaning meaning = TrendMeaning::Neutral;
    std::optional<targets::Target> target;  // the national one first, else the local one
    std::optional<targets::TrajectoryAssessment> assessment;
    // Nation or region: the coefficient of variation across its departments
    // at the period (σ/μ × 100).
    std::optional<double> cv;
    // Region or department: its rank among the territories of its level at
    // the period (1 = best along the direction), and the gap to the nation.
    std::optional<int> rank;
    int ranked = 0;
    std::optional<double> nation_value;
    std::optional<double> gap_to_nation;
    std::optional<double> region_value;  // a department's region, at the period
    std::vector<HistoryPoint> history;   // up to history_length periods, ending at period
};

// targets: those of the territory (find_targets with its key), any
// indicator; the ones of other indicators are ignored.
Summary summarise(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                  const catalogue::Indicator& indicator, int row, const std::vector<targets::Target>& targets,
                  Audience audience, int history_length = 8);

// The values of row over periods (at their type), as the audience sees them.
std::vector<HistoryPoint> history_of(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                                     const catalogue::Indicator& indicator, int row,
                                     const std::vector<core::Period>& periods, Audience audience);

struct DepartmentStanding {
    int row = 0;
    analytics::Figure figure;  // value cleared when withheld
    bool withheld = false;
    std::optional<int> rank;
    std::optional<double> gap_to_nation;
};

struct Equity {
    const catalogue::Indicator* indicator = nullptr;
    std::optional<core::Period> period;  // absent: no department has a figure the audience sees
    std::optional<int> region_row;       // when restricted to a region's departments
    std::optional<analytics::Distribution> distribution;
    analytics::Figure nation;  // value cleared when withheld
    bool nation_withheld = false;
    std::optional<double> region_value;
    std::vector<DepartmentStanding> departments;  // in the layout's order
    std::vector<HistoryPoint> cv_series;          // the coefficient of variation, every period with data
};

// The spread of a ratio indicator across departments (of region_row when
// given) at period (absent: the latest with data). Invalid, naming
// "indicator", for an equity indicator (its base is asked instead), and,
// naming "period", for a period finer than the indicator's periodicity.
core::Result<Equity> equity(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                            const catalogue::Indicator& indicator, std::optional<core::Period> period,
                            std::optional<int> region_row, Audience audience);

// "87/101 départements"
std::string completeness_text(const analytics::Figure& figure);

// A value as French readers read it, at the indicator's decimals, with its
// unit: "12,3 %", "1 234 places". "–" when absent.
std::string value_text(std::optional<double> value, const catalogue::Indicator& indicator);

}  // namespace boussole::web::analytics_views
