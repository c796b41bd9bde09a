// Public holidays against dates published in advance by the government
// (service-public.fr) and against Easter tables, edge years included: 2008
// had the earliest Easter of the century so far (23 March) and Ascension on
// 1 May; 2038 has the latest possible one (25 April).
#include "calendar/holidays.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

std::optional<year_month_day> date_of(const std::vector<Holiday>& holidays, std::string_view name)
{
    auto found = std::find_if(holidays.begin(), holidays.end(), [&](const Holiday& h) { return h.name == name; });
    if (found == holidays.end())
        return std::nullopt;
    return found->date;
}

}  // namespace

TEST(HolidaysTest, EasterSundayOfKnownYears)
{
    EXPECT_EQ(easter_sunday(year{2008}), 2008y / March / 23);
    EXPECT_EQ(easter_sunday(year{2019}), 2019y / April / 21);
    EXPECT_EQ(easter_sunday(year{2024}), 2024y / March / 31);
    EXPECT_EQ(easter_sunday(year{2025}), 2025y / April / 20);
    EXPECT_EQ(easter_sunday(year{2026}), 2026y / April / 5);
    EXPECT_EQ(easter_sunday(year{2038}), 2038y / April / 25);
    EXPECT_EQ(easter_sunday(year{2285}), 2285y / March / 22);  // the earliest possible date
    EXPECT_EQ(easter_sunday(year{2000}), 2000y / April / 23);
}

TEST(HolidaysTest, TheElevenNationalDaysOf2026)
{
    auto holidays = public_holidays(year{2026});
    ASSERT_EQ(holidays.size(), 11u);
    EXPECT_EQ(holidays.front(), (Holiday{2026y / January / 1, "Jour de l'an"}));
    EXPECT_EQ(date_of(holidays, "Lundi de Pâques"), 2026y / April / 6);
    EXPECT_EQ(date_of(holidays, "Ascension"), 2026y / May / 14);
    EXPECT_EQ(date_of(holidays, "Lundi de Pentecôte"), 2026y / May / 25);
    EXPECT_EQ(date_of(holidays, "Fête nationale"), 2026y / July / 14);
    EXPECT_EQ(holidays.back(), (Holiday{2026y / December / 25, "Noël"}));
    EXPECT_TRUE(std::is_sorted(holidays.begin(), holidays.end(),
                               [](const Holiday& a, const Holiday& b) { return a.date < b.date; }));
}

TEST(HolidaysTest, EasterBasedDaysOfSeveralYears)
{
    struct Expected {
        int year;
        year_month_day easter_monday, ascension, whit_monday;
    };
    for (const auto& expected : {
             Expected{2008, 2008y / March / 24, 2008y / May / 1, 2008y / May / 12},
             Expected{2019, 2019y / April / 22, 2019y / May / 30, 2019y / June / 10},
             Expected{2024, 2024y / April / 1, 2024y / May / 9, 2024y / May / 20},
             Expected{2025, 2025y / April / 21, 2025y / May / 29, 2025y / June / 9},
             Expected{2038, 2038y / April / 26, 2038y / June / 3, 2038y / June / 14},
         }) {
        auto holidays = public_holidays(year{expected.year});
        EXPECT_EQ(date_of(holidays, "Lundi de Pâques"), expected.easter_monday) << expected.year;
        EXPECT_EQ(date_of(holidays, "Ascension"), expected.ascension) << expected.year;
        EXPECT_EQ(date_of(holidays, "Lundi de Pentecôte"), expected.whit_monday) << expected.year;
    }
    // In 2008 Ascension fell on Labour Day: both are listed.
    auto holidays_2008 = public_holidays(year{2008});
    EXPECT_EQ(std::count_if(holidays_2008.begin(), holidays_2008.end(),
                            [](const Holiday& h) { return h.date == 2008y / May / 1; }),
              2);
}

TEST(HolidaysTest, AlsaceMoselleHasGoodFridayAndSaintStephen)
{
    for (auto department : {"57", "67", "68"}) {
        auto holidays = public_holidays(year{2025}, department);
        EXPECT_EQ(holidays.size(), 13u) << department;
        EXPECT_EQ(date_of(holidays, "Vendredi saint"), 2025y / April / 18) << department;
        EXPECT_EQ(date_of(holidays, "Saint-Étienne"), 2025y / December / 26) << department;
    }
    EXPECT_EQ(date_of(public_holidays(year{2008}, "67"), "Vendredi saint"), 2008y / March / 21);
    EXPECT_EQ(date_of(public_holidays(year{2024}, "57"), "Vendredi saint"), 2024y / March / 29);
    EXPECT_FALSE(date_of(public_holidays(year{2025}, "54"), "Vendredi saint"));
    EXPECT_FALSE(holiday_on(2025y / December / 26, "75"));
    ASSERT_TRUE(holiday_on(2025y / December / 26, "68"));
    EXPECT_TRUE(holiday_on(2025y / December / 26, "68")->local);
}

TEST(HolidaysTest, OverseasDepartmentsCommemorateTheAbolitionOfSlavery)
{
    struct Expected {
        const char* department;
        year_month_day date;
    };
    for (const auto& expected :
         {Expected{"971", 2026y / May / 27}, Expected{"972", 2026y / May / 22}, Expected{"973", 2026y / June / 10},
          Expected{"974", 2026y / December / 20}, Expected{"976", 2026y / April / 27}}) {
        auto holidays = public_holidays(year{2026}, expected.department);
        EXPECT_EQ(holidays.size(), 12u) << expected.department;
        EXPECT_EQ(date_of(holidays, "Abolition de l'esclavage"), expected.date) << expected.department;
        auto found = holiday_on(expected.date, expected.department);
        ASSERT_TRUE(found) << expected.department;
        EXPECT_TRUE(found->local);
    }
    EXPECT_FALSE(holiday_on(2026y / May / 27, "972"));
    EXPECT_FALSE(holiday_on(2026y / May / 27));
    EXPECT_EQ(public_holidays(year{2026}, "2A").size(), 11u);
}

TEST(HolidaysTest, AnOrdinaryDayIsNoHoliday)
{
    EXPECT_FALSE(holiday_on(2026y / November / 23, "33"));
    ASSERT_TRUE(holiday_on(2026y / November / 11, "33"));
    EXPECT_EQ(holiday_on(2026y / November / 11, "33")->name, "Armistice 1918");
    EXPECT_FALSE(holiday_on(2026y / November / 11)->local);
}

}  // namespace boussole::calendar
