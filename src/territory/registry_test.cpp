#include "territory/registry.hpp"

#include <gtest/gtest.h>

namespace boussole::territory {

namespace {

TerritoryRegistry small_registry()
{
    return TerritoryRegistry::from_territories({
        {TerritoryKey::nation(), "France", std::nullopt, 2, 0},
        {TerritoryKey::region("75"), "Nouvelle-Aquitaine", TerritoryKey::nation(), 0, 1},
        {TerritoryKey::region("94"), "Corse", TerritoryKey::nation(), 0, 2},
        {TerritoryKey::department("33"), "Gironde", TerritoryKey::region("75"), 3, 3},
        {TerritoryKey::department("40"), "Landes", TerritoryKey::region("75"), 4, 4},
        {TerritoryKey::department("2A"), "Corse-du-Sud", TerritoryKey::region("94"), 3, 5},
        {TerritoryKey::department("01"), "Ain", TerritoryKey::region("84"), 5, 6},
        {TerritoryKey::department("59"), "Nord", TerritoryKey::region("32"), 2, 7},
        {TerritoryKey::department("75"), "Paris", TerritoryKey::region("11"), 0, 8},
    });
}

}  // namespace

TEST(TerritoryRegistry, WritesTheRightPreposition)
{
    auto registry = small_registry();
    EXPECT_EQ(registry.find(TerritoryKey::department("33"))->with_preposition(), "de la Gironde");
    EXPECT_EQ(registry.find(TerritoryKey::department("40"))->with_preposition(), "des Landes");
    EXPECT_EQ(registry.find(TerritoryKey::department("01"))->with_preposition(), "de l'Ain");
    EXPECT_EQ(registry.find(TerritoryKey::department("59"))->with_preposition(), "du Nord");
    EXPECT_EQ(registry.find(TerritoryKey::department("75"))->with_preposition(), "de Paris");
}

TEST(TerritoryRegistry, KnowsTheTree)
{
    auto registry = small_registry();
    EXPECT_TRUE(registry.contains(TerritoryKey::region("75"), TerritoryKey::department("33")));
    EXPECT_TRUE(registry.contains(TerritoryKey::nation(), TerritoryKey::department("2A")));
    EXPECT_FALSE(registry.contains(TerritoryKey::region("94"), TerritoryKey::department("33")));
    // Department 75 (Paris) is not in region 75 (Nouvelle-Aquitaine).
    EXPECT_FALSE(registry.contains(TerritoryKey::region("75"), TerritoryKey::department("75")));
    EXPECT_EQ(registry.departments_within(TerritoryKey::region("75")).size(), 2u);
    EXPECT_EQ(registry.children(TerritoryKey::nation()).size(), 2u);
}

TEST(TerritoryRegistry, ExplainsUnknownDepartmentCodes)
{
    auto registry = small_registry();
    auto corsica = registry.resolve_department_code("20");
    ASSERT_FALSE(corsica.ok());
    EXPECT_NE(corsica.error().message.find("2A (Corse-du-Sud)"), std::string::npos);
    for (const char* code : {"2C", "00", "975", "abc", ""}) {
        auto result = registry.resolve_department_code(code);
        ASSERT_FALSE(result.ok()) << code;
        EXPECT_NE(result.error().message.find("Codes attendus : 01 à 95, 2A, 2B, 971 à 976"), std::string::npos);
    }
    EXPECT_EQ((*registry.resolve_department_code("2a"))->key, TerritoryKey::department("2A"));
    EXPECT_EQ((*registry.resolve_department_code("1"))->key, TerritoryKey::department("01"));
    EXPECT_EQ(registry.resolve("DEP-2C").error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(registry.resolve("REG-99").error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(registry.resolve("nimporte").error().code, core::ErrorCode::Invalid);
}

}  // namespace boussole::territory
