#pragma once
// French public holidays (jours fériés) for any Gregorian year, computed, not
// stored: the eleven national ones (three of them follow Easter), the two
// extra days of Alsace-Moselle (departments 57, 67 and 68, local law kept
// since 1918) and the day each overseas department commemorates the
// abolition of slavery (law of 30 June 1983 and its decrees).
//
// Pure functions: no storage, no clock, thread-safe.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::calendar {

struct Holiday {
    std::chrono::year_month_day date;
    std::string name;    // "Lundi de Pâques", in French, as shown to people
    bool local = false;  // true for Alsace-Moselle and overseas days

    friend bool operator==(const Holiday&, const Holiday&) = default;
};

// Easter Sunday of a Gregorian year (1583 onwards), by the computus of the
// Gregorian reform (the anonymous algorithm of Meeus, Jones and Butcher).
std::chrono::year_month_day easter_sunday(std::chrono::year year);

// The public holidays of one department in one year, in date order. The
// department is its code ("33", "2A", "57", "971"); an empty code gives the
// national days only. An unknown code gives the national days too: holidays
// are a property of the law, not of the registry of territories.
std::vector<Holiday> public_holidays(std::chrono::year year, std::string_view department = {});

// The holiday on that day in that department, if any.
std::optional<Holiday> holiday_on(std::chrono::year_month_day date, std::string_view department = {});

}  // namespace boussole::calendar
