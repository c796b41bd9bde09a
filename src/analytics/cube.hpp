#pragma once
// The analytics cube (DESIGN.md §3 "Analytics"): an in-memory, columnar copy
// of the data values. Each data element is one Column, a dense array of
// departments × periods of the element's type, so that aggregating is a walk
// over contiguous memory rather than a query. The database stays the truth:
// the cube is built from it at start (cube_loader.hpp) and follows every
// committed change by its change sequence number.
//
// Not thread-safe by itself: Analytics (analytics.hpp) guards it.

#include "analytics/period_ordinal.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace boussole::analytics {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
inline bool has_value(double value) { return !std::isnan(value); }

// What a value, and every aggregate built from it, carries along.
enum CellFlag : std::uint8_t {
    kUnvalidated = 1,  // draft or submitted: not yet validated by the ARS or nationally
    kSynthetic = 2,    // demonstration data
};

// One data element: departments × periods, NaN where no value.
struct Column {
    core::PeriodType type = core::PeriodType::Year;
    int first = 0;  // ordinal of the first period held
    int count = 0;  // periods held
    std::vector<double> values;
    std::vector<std::uint8_t> flags;

    int last() const { return first + count - 1; }
    double value(int department, int period_ordinal) const
    {
        int p = period_ordinal - first;
        return p < 0 || p >= count ? kNoValue : values[static_cast<std::size_t>(department) * count + p];
    }
    std::uint8_t flag(int department, int period_ordinal) const
    {
        int p = period_ordinal - first;
        return p < 0 || p >= count ? 0 : flags[static_cast<std::size_t>(department) * count + p];
    }
};

// A cell as the database has it now; absent value: deleted or never written.
struct CellUpdate {
    std::string element;
    int department = 0;  // the cube's index (TerritoryLayout::department_index)
    core::Period period = core::Period::year(2000);
    std::optional<double> value;
    std::uint8_t flags = 0;
};

class Cube {
public:
    explicit Cube(int departments) : m_departments(departments) {}

    int departments() const { return m_departments; }

    // Sets one cell, growing the element's column to the period when needed.
    void apply(const CellUpdate& update);
    // Sets a cell without the checks and strings of apply: bulk builders
    // (benchmarks, the loader) that already hold the column.
    Column& column_for(const std::string& element, core::PeriodType type);
    // Makes column hold periods first to last (ordinals), keeping its values.
    static void reserve(Column& column, int departments, int first, int last);
    static void set(Column& column, int department, int period_ordinal, double value, std::uint8_t flags);

    // nullptr when the element has no value at all.
    const Column* column(std::string_view element) const;

    // The highest change sequence number applied (cube_loader.hpp).
    std::int64_t sequence() const { return m_sequence; }
    void set_sequence(std::int64_t sequence) { m_sequence = sequence; }

    std::int64_t values() const;  // cells holding a value
    std::size_t memory_bytes() const;

private:
    static void grow(Column& column, int departments, int period_ordinal);

    int m_departments;
    std::map<std::string, Column, std::less<>> m_columns;
    std::int64_t m_sequence = -1;  // never loaded
};

}  // namespace boussole::analytics
