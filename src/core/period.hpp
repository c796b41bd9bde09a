#pragma once
// Reporting periods: a month "2025-07", a quarter "2025-T3" (also read
// "2025-Q3"), a year "2025". A data element has one period type; its values
// carry periods of that type only.

#include "core/result.hpp"

#include <chrono>
#include <compare>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::core {

enum class PeriodType { Month, Quarter, Year };

const char* to_string(PeriodType type);  // "month", "quarter", "year"
const char* label(PeriodType type);      // "mois", "trimestre", "année"
Result<PeriodType> parse_period_type(std::string_view text);

// True when periods of type finer fit exactly into periods of type coarser
// (months into quarters and years, quarters into years, a type into itself).
bool fits_into(PeriodType finer, PeriodType coarser);

class Period {
public:
    static Period month(int year, int month) { return Period(PeriodType::Month, year, month); }
    static Period quarter(int year, int quarter) { return Period(PeriodType::Quarter, year, quarter); }
    static Period year(int year) { return Period(PeriodType::Year, year, 1); }

    // Reads "2025-07", "2025-T3", "2025-Q3", "2025" (years 1900 to 2200).
    // The error says what was read and the three accepted forms; a date such
    // as "2025-07-01" or "01/07/2025" gets its own explanation.
    static Result<Period> parse(std::string_view text);
    // Same, and the period must be of the given type.
    static Result<Period> parse(std::string_view text, PeriodType expected);

    PeriodType type() const { return m_type; }
    int year_number() const { return m_year; }
    int index() const { return m_index; }  // month 1–12, quarter 1–4, 1 for a year

    // "2025-07", "2025-T3", "2025"
    std::string to_string() const;
    // "juillet 2025", "3e trimestre 2025", "2025"
    std::string label() const;

    std::chrono::year_month_day first_day() const;
    std::chrono::year_month_day last_day() const;

    Period next() const;
    Period previous() const;

    // The period of a coarser type that contains this one (fits_into must hold).
    Period enclosing(PeriodType coarser) const;
    // The periods of a finer type that make up this one, in order.
    std::vector<Period> subdivide(PeriodType finer) const;

    // Consecutive periods from first to last included (same type), at most
    // 1 000; empty when last is before first.
    static std::vector<Period> range(const Period& first, const Period& last);

    auto operator<=>(const Period&) const = default;

private:
    Period(PeriodType type, int year, int index) : m_type(type), m_year(year), m_index(index) {}

    PeriodType m_type;
    int m_year;
    int m_index;
};

}  // namespace boussole::core
