#include "territory/territory_key.hpp"

#include <gtest/gtest.h>

namespace boussole::territory {

TEST(TerritoryKey, ParsesTypedKeys)
{
    EXPECT_EQ(TerritoryKey::parse("FR")->level(), Level::Nation);
    EXPECT_EQ(TerritoryKey::parse("REG-84")->level(), Level::Region);
    EXPECT_EQ(TerritoryKey::parse("DEP-84")->level(), Level::Department);
    EXPECT_EQ(TerritoryKey::parse("dep-2a")->to_string(), "DEP-2A");
    EXPECT_EQ(TerritoryKey::parse("DEP-974")->code(), "974");
}

TEST(TerritoryKey, RegionAndDepartmentWithTheSameCodeDiffer)
{
    EXPECT_NE(*TerritoryKey::parse("REG-84"), *TerritoryKey::parse("DEP-84"));
}

TEST(TerritoryKey, RefusesMalformedKeys)
{
    for (const char* text :
         {"", "84", "DEP-", "DEP-1234", "DPT-33", "DEP-3'3", "DEP-33; DROP TABLE", "REG-", "FRANCE"}) {
        auto key = TerritoryKey::parse(text);
        ASSERT_FALSE(key.ok()) << text;
        EXPECT_NE(key.error().message.find("DEP-2A"), std::string::npos);
    }
}

}  // namespace boussole::territory
