// Periods as consecutive integers: months, quarters and years round-trip,
// and the coarser period of a finer one is one division.
#include "analytics/period_ordinal.hpp"

#include <gtest/gtest.h>

namespace boussole::analytics {

using core::Period;
using core::PeriodType;

TEST(AnalyticsPeriodOrdinalTest, ConsecutivePeriodsHaveConsecutiveOrdinals)
{
    EXPECT_EQ(ordinal(Period::month(2024, 1)), 2024 * 12);
    EXPECT_EQ(ordinal(Period::month(2024, 12)) + 1, ordinal(Period::month(2025, 1)));
    EXPECT_EQ(ordinal(Period::quarter(2024, 1)), 2024 * 4);
    EXPECT_EQ(ordinal(Period::quarter(2024, 4)) + 1, ordinal(Period::quarter(2025, 1)));
    EXPECT_EQ(ordinal(Period::year(2025)), 2025);
}

TEST(AnalyticsPeriodOrdinalTest, EveryPeriodRoundTrips)
{
    for (auto period = Period::month(2022, 1); period <= Period::month(2026, 12); period = period.next())
        EXPECT_EQ(period_at(PeriodType::Month, ordinal(period)), period) << period.to_string();
    for (auto period = Period::quarter(2022, 1); period <= Period::quarter(2026, 4); period = period.next())
        EXPECT_EQ(period_at(PeriodType::Quarter, ordinal(period)), period) << period.to_string();
    EXPECT_EQ(period_at(PeriodType::Year, 2024), Period::year(2024));
}

TEST(AnalyticsPeriodOrdinalTest, PeriodsPerCoarserPeriod)
{
    EXPECT_EQ(periods_per(PeriodType::Month, PeriodType::Month), 1);
    EXPECT_EQ(periods_per(PeriodType::Month, PeriodType::Quarter), 3);
    EXPECT_EQ(periods_per(PeriodType::Month, PeriodType::Year), 12);
    EXPECT_EQ(periods_per(PeriodType::Quarter, PeriodType::Quarter), 1);
    EXPECT_EQ(periods_per(PeriodType::Quarter, PeriodType::Year), 4);
    EXPECT_EQ(periods_per(PeriodType::Year, PeriodType::Year), 1);
}

TEST(AnalyticsPeriodOrdinalTest, TheCoarserOrdinalIsTheEnclosingPeriod)
{
    const std::pair<PeriodType, PeriodType> pairs[] = {{PeriodType::Month, PeriodType::Quarter},
                                                       {PeriodType::Month, PeriodType::Year},
                                                       {PeriodType::Quarter, PeriodType::Year},
                                                       {PeriodType::Month, PeriodType::Month}};
    for (auto [finer, coarser] : pairs) {
        auto first = finer == PeriodType::Month ? Period::month(2023, 1) : Period::quarter(2023, 1);
        for (auto period = first; period.year_number() < 2026; period = period.next())
            EXPECT_EQ(period_at(coarser, coarser_ordinal(ordinal(period), finer, coarser)), period.enclosing(coarser))
                << period.to_string() << " into " << core::to_string(coarser);
    }
    // The months of a quarter share its ordinal; the next month starts the next.
    EXPECT_EQ(coarser_ordinal(ordinal(Period::month(2024, 3)), PeriodType::Month, PeriodType::Quarter),
              ordinal(Period::quarter(2024, 1)));
    EXPECT_EQ(coarser_ordinal(ordinal(Period::month(2024, 4)), PeriodType::Month, PeriodType::Quarter),
              ordinal(Period::quarter(2024, 2)));
}

}  // namespace boussole::analytics
