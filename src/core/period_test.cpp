#include "core/period.hpp"

#include <gtest/gtest.h>

namespace boussole::core {

TEST(Period, ReadsTheThreeForms)
{
    EXPECT_EQ(Period::parse("2025-07")->to_string(), "2025-07");
    EXPECT_EQ(Period::parse("2025-T3")->to_string(), "2025-T3");
    EXPECT_EQ(Period::parse("2025-Q3")->to_string(), "2025-T3");
    EXPECT_EQ(Period::parse("2025")->type(), PeriodType::Year);
    EXPECT_EQ(Period::parse("2025-07")->label(), "juillet 2025");
    EXPECT_EQ(Period::parse("2025-T1")->label(), "1er trimestre 2025");
}

TEST(Period, RefusesDatesAndMalformedPeriodsWithTheFormsExpected)
{
    for (const char* text : {"2025-07-01", "01/07/2025", "07/2025", "2025-13", "2025-00", "2025-T5", "25", "", "2025-7",
                             "1899", "abcd", "2025-T3 "}) {
        auto period = Period::parse(text);
        ASSERT_FALSE(period.ok()) << text;
    }
    EXPECT_NE(Period::parse("2025-07-01").error().message.find("n'est pas une date"), std::string::npos);
    EXPECT_NE(Period::parse("2025-13").error().message.find("01 à 12"), std::string::npos);
}

TEST(Period, RefusesAnotherTypeThanTheElements)
{
    auto wrong = Period::parse("2025-07", PeriodType::Quarter);
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("2025-T3"), std::string::npos) << wrong.error().message;
    EXPECT_TRUE(Period::parse("2025-Q2", PeriodType::Quarter).ok());
}

TEST(Period, KnowsItsDaysAndNeighbours)
{
    auto february = *Period::parse("2024-02");
    EXPECT_EQ(february.last_day(), std::chrono::year{2024} / std::chrono::February / std::chrono::day{29});
    EXPECT_EQ(Period::parse("2025-T4")->next().to_string(), "2026-T1");
    EXPECT_EQ(Period::parse("2025-01")->previous().to_string(), "2024-12");
    EXPECT_EQ(Period::parse("2025-08")->enclosing(PeriodType::Quarter).to_string(), "2025-T3");
    EXPECT_EQ(Period::parse("2025-08")->enclosing(PeriodType::Year).to_string(), "2025");
    auto months = Period::parse("2025-T2")->subdivide(PeriodType::Month);
    ASSERT_EQ(months.size(), 3u);
    EXPECT_EQ(months.front().to_string(), "2025-04");
    EXPECT_EQ(Period::parse("2025")->subdivide(PeriodType::Quarter).size(), 4u);
    EXPECT_EQ(Period::range(*Period::parse("2024-T3"), *Period::parse("2025-T2")).size(), 4u);
    EXPECT_TRUE(fits_into(PeriodType::Month, PeriodType::Year));
    EXPECT_FALSE(fits_into(PeriodType::Year, PeriodType::Quarter));
}

}  // namespace boussole::core
