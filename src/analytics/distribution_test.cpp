// Equity statistics across departments: quartiles interpolated as
// PostgreSQL's percentile_cont, the population standard deviation, the
// coefficient of variation and the max/min ratio only where they mean
// something; and the ranking of departments, ties sharing a rank.
#include "analytics/distribution.hpp"

#include "analytics/cube.hpp"

#include <gtest/gtest.h>

namespace boussole::analytics {

using catalogue::Direction;
using catalogue::EquityStatistic;

TEST(AnalyticsDistributionTest, QuartilesInterpolateLikePercentileCont)
{
    // SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v)
    // FROM unnest(ARRAY[1, 2, 3, 4]) v  ->  {1.75, 2.5, 3.25}
    auto summary = distribution({4, 1, 3, 2});
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->count, 4);
    EXPECT_DOUBLE_EQ(summary->min, 1);
    EXPECT_DOUBLE_EQ(summary->q1, 1.75);
    EXPECT_DOUBLE_EQ(summary->median, 2.5);
    EXPECT_DOUBLE_EQ(summary->q3, 3.25);
    EXPECT_DOUBLE_EQ(summary->max, 4);

    // {10, 20, 40, 80, 160}: positions 1, 2, 3 fall on values exactly.
    auto odd = distribution({160, 10, 80, 20, 40});
    EXPECT_DOUBLE_EQ(odd->q1, 20);
    EXPECT_DOUBLE_EQ(odd->median, 40);
    EXPECT_DOUBLE_EQ(odd->q3, 80);
    // {1, 2, 4, 8, 16, 32}: percentile_cont gives 2.5, 6 and 14.
    auto even = distribution({32, 16, 8, 4, 2, 1});
    EXPECT_DOUBLE_EQ(even->q1, 2.5);
    EXPECT_DOUBLE_EQ(even->median, 6);
    EXPECT_DOUBLE_EQ(even->q3, 14);

    auto single = distribution({7});
    EXPECT_DOUBLE_EQ(single->q1, 7);
    EXPECT_DOUBLE_EQ(single->q3, 7);
    EXPECT_DOUBLE_EQ(single->stddev, 0);
}

TEST(AnalyticsDistributionTest, PercentileAtTheEnds)
{
    std::vector<double> sorted{1, 2, 3, 4};
    EXPECT_DOUBLE_EQ(percentile(sorted, 0), 1);
    EXPECT_DOUBLE_EQ(percentile(sorted, 1), 4);
    EXPECT_DOUBLE_EQ(percentile(sorted, 0.9), 3.7);
    EXPECT_TRUE(std::isnan(percentile({}, 0.5)));
}

TEST(AnalyticsDistributionTest, StandardDeviationIsThePopulationOne)
{
    // Mean 5, squared deviations 32 over 8 values: σ = 2 (the sample σ would be 2.14).
    auto summary = distribution({2, 4, 4, 4, 5, 5, 7, 9});
    ASSERT_TRUE(summary);
    EXPECT_DOUBLE_EQ(summary->mean, 5);
    EXPECT_DOUBLE_EQ(summary->stddev, 2);
    ASSERT_TRUE(summary->coefficient_of_variation);
    EXPECT_DOUBLE_EQ(*summary->coefficient_of_variation, 40);
    ASSERT_TRUE(summary->max_min_ratio);
    EXPECT_DOUBLE_EQ(*summary->max_min_ratio, 4.5);
    EXPECT_DOUBLE_EQ(*statistic(*summary, EquityStatistic::CoefficientOfVariation), 40);
    EXPECT_DOUBLE_EQ(*statistic(*summary, EquityStatistic::StandardDeviation), 2);
    EXPECT_DOUBLE_EQ(*statistic(*summary, EquityStatistic::MaxMinRatio), 4.5);
}

TEST(AnalyticsDistributionTest, ACoefficientOfVariationOfANegativeMeanIsPositive)
{
    auto summary = distribution({-2, -4, -4, -4, -5, -5, -7, -9});
    ASSERT_TRUE(summary && summary->coefficient_of_variation);
    EXPECT_DOUBLE_EQ(*summary->coefficient_of_variation, 40);
}

TEST(AnalyticsDistributionTest, UndefinedStatisticsAreAbsent)
{
    // A minimum of zero or below: no max/min ratio.
    auto with_zero = distribution({0, 5, 10});
    ASSERT_TRUE(with_zero);
    EXPECT_FALSE(with_zero->max_min_ratio);
    EXPECT_FALSE(statistic(*with_zero, EquityStatistic::MaxMinRatio));
    EXPECT_FALSE(distribution({-1, 5})->max_min_ratio);
    // A zero mean: no coefficient of variation.
    auto centred = distribution({-3, 3});
    EXPECT_DOUBLE_EQ(centred->stddev, 3);
    EXPECT_FALSE(centred->coefficient_of_variation);
    EXPECT_FALSE(statistic(*centred, EquityStatistic::CoefficientOfVariation));
}

TEST(AnalyticsDistributionTest, MissingValuesAreLeftOut)
{
    EXPECT_FALSE(distribution({}));
    EXPECT_FALSE(distribution({kNoValue, kNoValue}));
    auto summary = distribution({kNoValue, 4, 1, kNoValue, 3, 2});
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->count, 4);
    EXPECT_DOUBLE_EQ(summary->q1, 1.75);
    EXPECT_DOUBLE_EQ(summary->mean, 2.5);
}

TEST(AnalyticsRankTest, HigherIsBetterRanksTheHighestFirstAndTiesShareARank)
{
    auto ranked = rank({8, 10, 5, 8}, Direction::HigherIsBetter);
    ASSERT_EQ(ranked.size(), 4u);
    EXPECT_EQ(ranked[0].index, 1);
    EXPECT_EQ(ranked[0].rank, 1);
    EXPECT_EQ(ranked[1].index, 0);  // ties keep the input order
    EXPECT_EQ(ranked[1].rank, 2);
    EXPECT_EQ(ranked[2].index, 3);
    EXPECT_EQ(ranked[2].rank, 2);
    EXPECT_EQ(ranked[3].index, 2);
    EXPECT_EQ(ranked[3].rank, 4);
    EXPECT_EQ(ranked[3].value, 5);
}

TEST(AnalyticsRankTest, LowerIsBetterRanksTheLowestFirst)
{
    auto ranked = rank({8, 10, 5, 8}, Direction::LowerIsBetter);
    ASSERT_EQ(ranked.size(), 4u);
    std::vector<int> indexes, ranks;
    for (const auto& entry : ranked) {
        indexes.push_back(entry.index);
        ranks.push_back(entry.rank);
    }
    EXPECT_EQ(indexes, (std::vector<int>{2, 0, 3, 1}));
    EXPECT_EQ(ranks, (std::vector<int>{1, 2, 2, 4}));
}

TEST(AnalyticsRankTest, NeutralRanksLikeHigherAndMissingValuesAreNotRanked)
{
    auto ranked = rank({kNoValue, 3, kNoValue, 3, 3, 1}, Direction::Neutral);
    ASSERT_EQ(ranked.size(), 4u);
    EXPECT_EQ(ranked[0].index, 1);
    std::vector<int> ranks;
    for (const auto& entry : ranked)
        ranks.push_back(entry.rank);
    EXPECT_EQ(ranks, (std::vector<int>{1, 1, 1, 4}));
    EXPECT_EQ(ranked[3].index, 5);
    EXPECT_TRUE(rank({}, Direction::HigherIsBetter).empty());
}

}  // namespace boussole::analytics
