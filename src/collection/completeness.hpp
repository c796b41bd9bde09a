#pragma once
// Completeness: which departments reported a data element for a period, out
// of those expected, and whether on time. A value is on time when its first
// version was written no later than its due date: the last day of its period
// plus the element's due_days. A value still missing before its due date is
// "attendue", after it "manquante". One query per grid or summary, whatever
// the number of departments and periods.

#include "collection/data_values.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace boussole::collection {

enum class Timeliness { OnTime, Late, Missing, NotYetDue };

const char* to_string(Timeliness timeliness);  // "on_time", "late", "missing", "not_yet_due"
const char* label(Timeliness timeliness);      // "reçue à temps", "reçue en retard", "manquante", "attendue"

struct CompletenessCell {
    bool reported = false;
    ValueStatus status = ValueStatus::Draft;  // when reported
    Timeliness timeliness = Timeliness::Missing;
    std::optional<core::Timestamp> first_reported_at;
};

struct PeriodCompleteness {
    core::Period period = core::Period::year(2000);
    std::chrono::year_month_day due;
    int reported = 0;
    int on_time = 0;
    int expected = 0;
};

struct CompletenessGrid {
    std::string element;
    std::string element_name;
    std::vector<const territory::Territory*> departments;
    std::vector<PeriodCompleteness> periods;
    std::vector<std::vector<CompletenessCell>> cells;  // [department][period], in the orders above
    int reported = 0;
    int on_time = 0;
    int expected = 0;
};

// At most this many periods in one grid.
inline constexpr std::size_t kMaximumGridPeriods = 60;

struct CompletenessQuery {
    std::string element;
    std::string from;  // periods of the element's type, included
    std::string to;
    std::optional<territory::TerritoryKey> within;  // a region (or a department); every department when absent
    core::Timestamp now;                            // what "already due" is measured against
};

// NotFound for an unknown element; Invalid for periods of another type, from
// after to, or more than kMaximumGridPeriods periods. Throws
// storage::DatabaseError.
core::Result<CompletenessGrid> completeness_grid(storage::Connection& connection,
                                                 const territory::TerritoryRegistry& registry,
                                                 const catalogue::Catalogue& catalogue, const CompletenessQuery& query);

struct ElementCompleteness {
    std::string element;
    std::string name;
    std::chrono::year_month_day due;
    int reported = 0;
    int on_time = 0;
    int expected = 0;
};

// For one period, every collected element of its type, in catalogue order.
// Invalid for a malformed period.
core::Result<std::vector<ElementCompleteness>> completeness_summary(
    storage::Connection& connection, const territory::TerritoryRegistry& registry,
    const catalogue::Catalogue& catalogue, std::string_view period,
    const std::optional<territory::TerritoryKey>& within, core::Timestamp now);

// "87/101 départements" (with "département" for 1 expected).
std::string reported_out_of(int reported, int expected);

// The grid's periods when none are chosen: the last `count` periods of the
// type that have begun on `now`'s day in Paris, as {first, last}.
std::pair<core::Period, core::Period> recent_periods(core::PeriodType type, core::Timestamp now, int count = 8);

}  // namespace boussole::collection
