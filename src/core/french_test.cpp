#include "core/french.hpp"

#include <gtest/gtest.h>

namespace boussole::core {

using namespace std::chrono;

TEST(French, FormatsIntegersWithNoBreakSpaces)
{
    EXPECT_EQ(format_integer(68042591), "68\u00A0042\u00A0591");
    EXPECT_EQ(format_integer(999), "999");
    EXPECT_EQ(format_integer(-1234), "-1\u00A0234");
    EXPECT_EQ(format_integer(0), "0");
}

TEST(French, FormatsDecimalsWithComma)
{
    EXPECT_EQ(format_decimal(1234.56, 1), "1\u00A0234,6");
    EXPECT_EQ(format_decimal(12.0, 1), "12,0");
    EXPECT_EQ(format_decimal(-0.04, 1), "0,0");
    EXPECT_EQ(format_decimal(0.5, 0), "0");  // printf rounds half to even
}

TEST(French, FormatsDates)
{
    EXPECT_EQ(format_date(2026y / November / 3), "03/11/2026");
    EXPECT_EQ(format_datetime(sys_days{2026y / November / 23} + hours{10} + minutes{52}), "23/11/2026 à 11:52");
    EXPECT_EQ(format_datetime(sys_days{2026y / July / 1} + hours{22} + minutes{30}), "02/07/2026 à 00:30");
}

}  // namespace boussole::core
