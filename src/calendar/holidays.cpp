#include "calendar/holidays.hpp"

#include <algorithm>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

// Alsace-Moselle keeps Good Friday and Saint Stephen's day from the German
// period (code local, article L3134-13 of the labour code).
bool is_alsace_moselle(std::string_view department)
{
    return department == "57" || department == "67" || department == "68";
}

// The commemoration of the abolition of slavery, per overseas department
// (decree 83-1003 of 23 November 1983, and law 2011-884 for Mayotte).
std::optional<month_day> abolition_day(std::string_view department)
{
    if (department == "971")
        return May / 27;
    if (department == "972")
        return May / 22;
    if (department == "973")
        return June / 10;
    if (department == "974")
        return December / 20;
    if (department == "976")
        return April / 27;
    return std::nullopt;
}

year_month_day shifted(year_month_day date, int days_after)
{
    return year_month_day{sys_days{date} + days{days_after}};
}

}  // namespace

year_month_day easter_sunday(year year)
{
    const int y = static_cast<int>(year);
    const int golden = y % 19;  // place in the 19-year lunar cycle
    const int century = y / 100;
    const int in_century = y % 100;
    const int leap_corrections = century / 4;
    const int leap_rest = century % 4;
    const int lunar_correction = (century + 8) / 25;
    const int solar_correction = (century - lunar_correction + 1) / 3;
    const int epact = (19 * golden + century - leap_corrections - solar_correction + 15) % 30;
    const int weekday_shift = (32 + 2 * leap_rest + 2 * (in_century / 4) - epact - in_century % 4) % 7;
    const int full_moon_fix = (golden + 11 * epact + 22 * weekday_shift) / 451;
    const int month_number = (epact + weekday_shift - 7 * full_moon_fix + 114) / 31;
    const int day_number = (epact + weekday_shift - 7 * full_moon_fix + 114) % 31 + 1;
    return {year, month{static_cast<unsigned>(month_number)}, day{static_cast<unsigned>(day_number)}};
}

std::vector<Holiday> public_holidays(year year, std::string_view department)
{
    const auto easter = easter_sunday(year);
    std::vector<Holiday> holidays{
        {year / January / 1, "Jour de l'an"}, {shifted(easter, 1), "Lundi de Pâques"},
        {year / May / 1, "Fête du Travail"},  {year / May / 8, "Victoire 1945"},
        {shifted(easter, 39), "Ascension"},   {shifted(easter, 50), "Lundi de Pentecôte"},
        {year / July / 14, "Fête nationale"}, {year / August / 15, "Assomption"},
        {year / November / 1, "Toussaint"},   {year / November / 11, "Armistice 1918"},
        {year / December / 25, "Noël"},
    };
    if (is_alsace_moselle(department)) {
        holidays.push_back({shifted(easter, -2), "Vendredi saint", true});
        holidays.push_back({year / December / 26, "Saint-Étienne", true});
    }
    if (auto day = abolition_day(department))
        holidays.push_back({year / *day, "Abolition de l'esclavage", true});
    std::stable_sort(holidays.begin(), holidays.end(),
                     [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return holidays;
}

std::optional<Holiday> holiday_on(year_month_day date, std::string_view department)
{
    for (auto& holiday : public_holidays(date.year(), department))
        if (holiday.date == date)
            return holiday;
    return std::nullopt;
}

}  // namespace boussole::calendar
