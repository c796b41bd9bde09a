#include "core/french.hpp"

#include <cmath>
#include <cstdio>

namespace boussole::core {

namespace {

constexpr const char* kNoBreakSpace = "\u00A0";

std::string group_thousands(std::string digits)
{
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count > 0 && count % 3 == 0)
            out.insert(0, kNoBreakSpace);
        out.insert(out.begin(), *it);
        ++count;
    }
    return out;
}

}  // namespace

std::string format_integer(std::int64_t value)
{
    bool negative = value < 0;
    // Through unsigned so that the most negative value does not overflow.
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::string text = group_thousands(std::to_string(magnitude));
    return negative ? "-" + text : text;
}

std::string format_decimal(double value, int decimals)
{
    if (!std::isfinite(value))
        return "–";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
    std::string text = buffer;
    std::string integer_part = text;
    std::string fraction;
    if (auto dot = text.find('.'); dot != std::string::npos) {
        integer_part = text.substr(0, dot);
        fraction = text.substr(dot + 1);
    }
    std::string out = group_thousands(integer_part);
    if (!fraction.empty())
        out += "," + fraction;
    bool is_zero = out.find_first_not_of("0,\u00A0") == std::string::npos;
    return (value < 0 && !is_zero) ? "-" + out : out;
}

std::string format_date(std::chrono::year_month_day date)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                  static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
    return buffer;
}

std::string format_datetime(Timestamp instant)
{
    auto local = to_paris_time(instant);
    auto day = std::chrono::floor<std::chrono::days>(local);
    std::chrono::hh_mm_ss time{local - day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02ld:%02ld", static_cast<long>(time.hours().count()),
                  static_cast<long>(time.minutes().count()));
    return format_date(std::chrono::year_month_day{std::chrono::sys_days{day.time_since_epoch()}}) + " à " + buffer;
}

}  // namespace boussole::core
