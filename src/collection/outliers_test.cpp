// The robust z-score behind the outlier flags.
#include "collection/outliers.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace boussole::collection {

TEST(OutliersTest, FewerThanSixEarlierValuesSayNothing)
{
    EXPECT_FALSE(check_outlier(1000, {1, 2, 3, 4, 5}));
    EXPECT_TRUE(check_outlier(1000, {1, 2, 3, 4, 5, 6}));
}

TEST(OutliersTest, AValueFarFromTheMedianIsFlagged)
{
    std::vector<double> history{100, 104, 98, 101, 97, 103, 99, 102};
    auto usual = check_outlier(105, history);
    ASSERT_TRUE(usual);
    EXPECT_FALSE(usual->outlier);
    EXPECT_DOUBLE_EQ(usual->median, 100.5);
    EXPECT_EQ(usual->history_size, 8u);
    auto odd = check_outlier(160, history);
    EXPECT_TRUE(odd->outlier);
    EXPECT_GT(odd->score, 3.5);
    EXPECT_TRUE(check_outlier(40, history)->outlier);
}

TEST(OutliersTest, OneEarlierSlipDoesNotHideTheNextOne)
{
    // A mean and standard deviation would be dragged by the 5 000; the median
    // and MAD are not.
    std::vector<double> history{100, 102, 98, 5000, 101, 99};
    EXPECT_TRUE(check_outlier(400, history)->outlier);
    EXPECT_FALSE(check_outlier(103, history)->outlier);
}

TEST(OutliersTest, AHistoryThatNeverVariedStillJudges)
{
    std::vector<double> flat(8, 12);
    EXPECT_FALSE(check_outlier(12, flat)->outlier);
    auto changed = check_outlier(13, flat);
    EXPECT_TRUE(changed->outlier);
    EXPECT_TRUE(std::isinf(changed->score));
    // Mostly one value with a few others: the mean absolute deviation judges.
    std::vector<double> mostly{10, 10, 10, 10, 10, 11, 9};
    EXPECT_FALSE(check_outlier(11, mostly)->outlier);
    EXPECT_TRUE(check_outlier(30, mostly)->outlier);
}

}  // namespace boussole::collection
