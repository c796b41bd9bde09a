#pragma once
// How Boussole writes numbers and dates for French readers: "1 234,5",
// "23/11/2026", "23/11/2026 à 11:52". The thousands separator is a no-break
// space (U+00A0) so that a number never breaks across lines.

#include "core/clock.hpp"

#include <cstdint>
#include <string>

namespace boussole::core {

std::string format_integer(std::int64_t value);

// Rounded to the given number of decimals, decimal comma, no trailing zeros
// removed (a rate shown with one decimal keeps it: "12,0").
std::string format_decimal(double value, int decimals);

// "23/11/2026"
std::string format_date(std::chrono::year_month_day date);

// "23/11/2026 à 11:52", in Paris time.
std::string format_datetime(Timestamp instant);

}  // namespace boussole::core
