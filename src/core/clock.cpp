#include "core/clock.hpp"

#include <cstdio>

namespace boussole::core {

using namespace std::chrono;

Timestamp now()
{
    return time_point_cast<milliseconds>(system_clock::now());
}

std::string to_iso8601(Timestamp instant)
{
    auto day = floor<days>(instant);
    year_month_day date{day};
    hh_mm_ss time{instant - day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                  static_cast<long>(time.seconds().count()), static_cast<long>(time.subseconds().count()));
    return buffer;
}

std::optional<Timestamp> parse_iso8601(std::string_view text)
{
    int year = 0;
    unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    std::string copy(text);
    int consumed = 0;
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &year, &month, &day, &hour, &minute, &second,
                    &consumed) != 6)
        return std::nullopt;
    std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        unsigned digits = 0;
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
            if (digits < 3)
                millis = millis * 10 + static_cast<unsigned>(rest.front() - '0');
            ++digits;
            rest.remove_prefix(1);
        }
        if (digits == 0)
            return std::nullopt;
        for (; digits < 3; ++digits)
            millis *= 10;
    }
    if (rest != "Z" || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok())
        return std::nullopt;
    return sys_days{date} + hours{hour} + minutes{minute} + seconds{second} + milliseconds{millis};
}

namespace {

// 01:00 UTC on the last Sunday of the month: the EU switch instant.
sys_seconds last_sunday_switch(std::chrono::year year, std::chrono::month month)
{
    sys_days last_day = sys_days{year / month / std::chrono::last};
    sys_days sunday = last_day - (weekday{last_day} - Sunday);
    return sunday + hours{1};
}

}  // namespace

local_time<milliseconds> to_paris_time(Timestamp instant)
{
    auto year = year_month_day{floor<days>(instant)}.year();
    bool summer = instant >= last_sunday_switch(year, March) && instant < last_sunday_switch(year, October);
    auto offset = summer ? hours{2} : hours{1};
    return local_time<milliseconds>{instant.time_since_epoch() + offset};
}

}  // namespace boussole::core
