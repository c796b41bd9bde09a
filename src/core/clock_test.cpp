#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace boussole::core {

using namespace std::chrono;

TEST(Clock, RoundTripsIso8601)
{
    auto instant = sys_days{2026y / November / 23} + hours{10} + minutes{52} + seconds{34} + milliseconds{123};
    EXPECT_EQ(to_iso8601(instant), "2026-11-23T10:52:34.123Z");
    EXPECT_EQ(parse_iso8601("2026-11-23T10:52:34.123Z"), instant);
    EXPECT_EQ(parse_iso8601("2026-11-23T10:52:34Z"), instant - milliseconds{123});
}

TEST(Clock, RejectsMalformedTimestamps)
{
    EXPECT_FALSE(parse_iso8601("2026-02-30T10:00:00Z"));
    EXPECT_FALSE(parse_iso8601("2026-11-23 10:00:00"));
    EXPECT_FALSE(parse_iso8601("2026-11-23T10:00:00+01:00"));
    EXPECT_FALSE(parse_iso8601("hier"));
}

TEST(Clock, ParisTimeFollowsSummerTime)
{
    // 29 March 2026 is the last Sunday of March: summer time from 01:00 UTC.
    auto before = sys_days{2026y / March / 29} + minutes{59};
    auto after = sys_days{2026y / March / 29} + hours{1};
    EXPECT_EQ(to_paris_time(before).time_since_epoch(), (before + hours{1}).time_since_epoch());
    EXPECT_EQ(to_paris_time(after).time_since_epoch(), (after + hours{2}).time_since_epoch());
    auto winter = sys_days{2026y / November / 23} + hours{10};
    EXPECT_EQ(to_paris_time(winter).time_since_epoch(), (winter + hours{1}).time_since_epoch());
}

}  // namespace boussole::core
