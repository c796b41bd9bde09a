#include "targets/trajectory.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::targets {

namespace {

using catalogue::Direction;
using core::Period;
using ::testing::HasSubstr;

// From 10 in 2025 to 15 in 2029: one more per year is on the line.
Trajectory rising(Direction direction = Direction::HigherIsBetter)
{
    return {Period::year(2025), 10, Period::year(2029), 15, direction};
}

// Waiting times from 120 days in 2025-T1 to 80 days in 2027-T1.
Trajectory falling(Direction direction = Direction::LowerIsBetter)
{
    return {Period::quarter(2025, 1), 120, Period::quarter(2027, 1), 80, direction};
}

std::optional<std::pair<Period, double>> measured(Period period, double value)
{
    return std::pair{period, value};
}

}  // namespace

TEST(TrajectoryTest, StatusesHaveStableNamesAndFrenchLabels)
{
    EXPECT_STREQ(to_string(TargetStatus::Reached), "reached");
    EXPECT_STREQ(to_string(TargetStatus::OnTrack), "on_track");
    EXPECT_STREQ(to_string(TargetStatus::Late), "late");
    EXPECT_STREQ(to_string(TargetStatus::NotMeasurable), "not_measurable");
    EXPECT_STREQ(label(TargetStatus::Reached), "atteinte");
    EXPECT_STREQ(label(TargetStatus::OnTrack), "en bonne voie");
    EXPECT_STREQ(label(TargetStatus::Late), "en retard");
    EXPECT_STREQ(label(TargetStatus::NotMeasurable), "non mesurable");
}

TEST(TrajectoryTest, HigherIsBetterAheadOfTheLineIsOnTrack)
{
    // 2027 is half-way: 12.5 expected.
    auto assessment = assess(rising(), measured(Period::year(2027), 12.6));
    EXPECT_EQ(assessment.status, TargetStatus::OnTrack);
    ASSERT_TRUE(assessment.expected_now);
    EXPECT_NEAR(*assessment.expected_now, 12.5, 0.01);
    EXPECT_EQ(assessment.latest, 12.6);
    EXPECT_EQ(assessment.latest_period, Period::year(2027));
    EXPECT_EQ(assessment.explanation,
              "12,6 en 2027 pour 12,5 attendu sur la trajectoire vers 15,0 en 2029 : en bonne voie.");
}

TEST(TrajectoryTest, HigherIsBetterBehindTheLineIsLate)
{
    auto assessment = assess(rising(), measured(Period::year(2027), 12.4));
    EXPECT_EQ(assessment.status, TargetStatus::Late);
    EXPECT_EQ(assessment.explanation,
              "12,4 en 2027 pour 12,5 attendu sur la trajectoire vers 15,0 en 2029 : en retard.");
}

TEST(TrajectoryTest, ExactlyOnTheLineIsOnTrack)
{
    EXPECT_EQ(assess(rising(), measured(Period::year(2026), 11.25)).status, TargetStatus::OnTrack);
    // At the baseline itself, the baseline value is what is expected.
    auto start = assess(rising(), measured(Period::year(2025), 10));
    EXPECT_EQ(start.status, TargetStatus::OnTrack);
    EXPECT_EQ(start.expected_now, 10);
}

TEST(TrajectoryTest, LowerIsBetterFollowsTheWayDown)
{
    // 2026-T1 is half-way between 2025-T1 and 2027-T1 (by days): about 100 expected.
    auto ahead = assess(falling(), measured(Period::quarter(2026, 1), 95));
    EXPECT_EQ(ahead.status, TargetStatus::OnTrack);
    ASSERT_TRUE(ahead.expected_now);
    EXPECT_NEAR(*ahead.expected_now, 100, 0.1);
    EXPECT_THAT(ahead.explanation, HasSubstr("95,0 au 1er trimestre 2026 pour 100,0 attendu"));
    EXPECT_THAT(ahead.explanation, HasSubstr("vers 80,0 au 1er trimestre 2027"));

    EXPECT_EQ(assess(falling(), measured(Period::quarter(2026, 1), 105)).status, TargetStatus::Late);
}

TEST(TrajectoryTest, ATargetMetIsReachedEvenBeforeTheDeadline)
{
    auto higher = assess(rising(), measured(Period::year(2026), 15.5));
    EXPECT_EQ(higher.status, TargetStatus::Reached);
    EXPECT_EQ(higher.explanation, "15,5 en 2026 : cible de 15,0 en 2029 atteinte.");
    EXPECT_EQ(assess(rising(), measured(Period::year(2029), 15)).status, TargetStatus::Reached);
    EXPECT_EQ(assess(falling(), measured(Period::quarter(2025, 3), 79)).status, TargetStatus::Reached);
    // Rounding noise of a computed ratio still reaches.
    EXPECT_EQ(assess(rising(), measured(Period::year(2028), 14.9999999999999)).status, TargetStatus::Reached);
    // Reached after the deadline too.
    EXPECT_EQ(assess(rising(), measured(Period::year(2031), 16)).status, TargetStatus::Reached);
}

TEST(TrajectoryTest, AfterTheDeadlineWithoutTheTargetIsLate)
{
    auto assessment = assess(rising(), measured(Period::year(2030), 14.9));
    EXPECT_EQ(assessment.status, TargetStatus::Late);
    EXPECT_EQ(assessment.expected_now, 15);  // clamped to the target
    EXPECT_EQ(assessment.explanation,
              "14,9 en 2030 : l'échéance (2029) est passée sans que la cible de 15,0 soit atteinte.");
    // At the deadline itself, the target is what is expected.
    EXPECT_EQ(assess(rising(), measured(Period::year(2029), 14.9)).status, TargetStatus::Late);
}

TEST(TrajectoryTest, NothingMeasuredOrMeasuredBeforeTheBaselineIsNotMeasurable)
{
    auto nothing = assess(rising(), std::nullopt);
    EXPECT_EQ(nothing.status, TargetStatus::NotMeasurable);
    EXPECT_FALSE(nothing.expected_now);
    EXPECT_FALSE(nothing.latest);
    EXPECT_THAT(nothing.explanation, HasSubstr("Pas encore de valeur mesurée"));

    auto before = assess(rising(), measured(Period::year(2024), 20));
    EXPECT_EQ(before.status, TargetStatus::NotMeasurable);
    EXPECT_FALSE(before.expected_now);
    EXPECT_EQ(before.latest, 20);
    EXPECT_THAT(before.explanation, HasSubstr("avant la période de référence (2025)"));
}

TEST(TrajectoryTest, NeutralTakesTheDirectionFromTheBaselineToTheTarget)
{
    // Neutral rising: like HigherIsBetter.
    EXPECT_EQ(assess(rising(Direction::Neutral), measured(Period::year(2027), 12.6)).status, TargetStatus::OnTrack);
    EXPECT_EQ(assess(rising(Direction::Neutral), measured(Period::year(2027), 12.4)).status, TargetStatus::Late);
    EXPECT_EQ(assess(rising(Direction::Neutral), measured(Period::year(2027), 15.2)).status, TargetStatus::Reached);
    // Neutral falling: like LowerIsBetter.
    EXPECT_EQ(assess(falling(Direction::Neutral), measured(Period::quarter(2026, 1), 95)).status,
              TargetStatus::OnTrack);
    EXPECT_EQ(assess(falling(Direction::Neutral), measured(Period::quarter(2026, 1), 79)).status,
              TargetStatus::Reached);
    // Neutral without a way: only the target value itself is reached.
    Trajectory flat{Period::year(2025), 10, Period::year(2029), 10, Direction::Neutral};
    EXPECT_EQ(assess(flat, measured(Period::year(2027), 10)).status, TargetStatus::Reached);
    EXPECT_EQ(assess(flat, measured(Period::year(2027), 11)).status, TargetStatus::Late);
}

TEST(TrajectoryTest, TheDirectionOfTheIndicatorWinsOverTheWayOfTheTarget)
{
    // A HigherIsBetter indicator whose target only limits a fall (10 to 8):
    // above the line is on track, above the target is reached.
    Trajectory limit{Period::year(2025), 10, Period::year(2029), 8, Direction::HigherIsBetter};
    EXPECT_EQ(assess(limit, measured(Period::year(2027), 9.5)).status, TargetStatus::Reached);
    EXPECT_EQ(assess(limit, measured(Period::year(2027), 7.5)).status, TargetStatus::Late);
    // A LowerIsBetter indicator allowed to rise from 10 to 12: anything up
    // to 12 is reached, beyond it the line (11 in 2027) is behind.
    Trajectory rise{Period::year(2025), 10, Period::year(2029), 12, Direction::LowerIsBetter};
    EXPECT_EQ(assess(rise, measured(Period::year(2027), 11.5)).status, TargetStatus::Reached);
    EXPECT_EQ(assess(rise, measured(Period::year(2027), 12.5)).status, TargetStatus::Late);
}

TEST(TrajectoryTest, MonthsAreMeasuredOnTheSameTimeLine)
{
    Trajectory monthly{Period::month(2025, 1), 0, Period::month(2025, 12), 110, Direction::HigherIsBetter, 0};
    // July starts 181 days after January 1st, December 334: 59,6 expected.
    auto assessment = assess(monthly, measured(Period::month(2025, 7), 60));
    EXPECT_EQ(assessment.status, TargetStatus::OnTrack);
    ASSERT_TRUE(assessment.expected_now);
    EXPECT_NEAR(*assessment.expected_now, 110.0 * 181 / 334, 1e-9);
    EXPECT_EQ(assessment.explanation,
              "60 en juillet 2025 pour 60 attendu sur la trajectoire vers 110 en "
              "décembre 2025 : en bonne voie.");
}

}  // namespace boussole::targets
