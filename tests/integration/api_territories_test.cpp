// Territories over HTTP: the nation, regions and departments with their
// population, and the answers to keys that do not exist or are misspelt.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class TerritoryApiTest : public AppTest {
protected:
    WithPopulation population() const override { return WithPopulation::Yes; }
};

TEST_P(TerritoryApiTest, ListsAndFiltersTheTerritories)
{
    auto all = json_of(get("/api/v1/territories"));
    EXPECT_EQ(all.at("total"), 1 + 18 + 101);
    EXPECT_EQ(all.at("items")[0].at("key"), "FR");
    EXPECT_EQ(json_of(get("/api/v1/territories?level=region")).at("total"), 18);
    EXPECT_EQ(json_of(get("/api/v1/territories?level=department")).at("total"), 101);
    auto aquitaine = json_of(get("/api/v1/territories?level=department&within=REG-75"));
    EXPECT_EQ(aquitaine.at("total"), 12);

    auto level = expect_problem(get("/api/v1/territories?level=commune"), 422);
    EXPECT_NE(level.at("detail").get<std::string>().find("nation, region ou department"), std::string::npos);
    expect_problem(get("/api/v1/territories?within=REG-99"), 404);
}

TEST_P(TerritoryApiTest, ReturnsADepartmentWithItsPopulationByAge)
{
    auto response = get("/api/v1/territories/DEP-33");
    ASSERT_EQ(response.status, 200) << response.body;
    auto gironde = json_of(response);
    EXPECT_EQ(gironde.at("name"), "Gironde");
    EXPECT_EQ(gironde.at("parent"), "REG-75");
    EXPECT_EQ(gironde.at("name_with_preposition"), "de la Gironde");
    const auto& population = gironde.at("population");
    ASSERT_TRUE(population.is_object());
    EXPECT_GT(population.at("total").get<std::int64_t>(), 1'500'000);
    EXPECT_EQ(population.at("by_age").size(), 20u);
    EXPECT_EQ(population.at("under_20").get<std::int64_t>() + population.at("from_20_to_59").get<std::int64_t>() +
                  population.at("from_60").get<std::int64_t>(),
              population.at("total").get<std::int64_t>());

    auto region = json_of(get("/api/v1/territories/REG-84"));
    EXPECT_EQ(region.at("name"), "Auvergne-Rhône-Alpes");
    EXPECT_EQ(region.at("children").size(), 12u);
    EXPECT_EQ(json_of(get("/api/v1/territories/DEP-84")).at("name"), "Vaucluse") << "region 84 is not department 84";
    EXPECT_EQ(json_of(get("/api/v1/territories/dep-2a")).at("key"), "DEP-2A");
    EXPECT_EQ(json_of(get("/api/v1/territories/DEP-974")).at("name"), "La Réunion");
    auto nation = json_of(get("/api/v1/territories/FR"));
    EXPECT_GT(nation.at("population").at("total").get<std::int64_t>(), 60'000'000);
}

TEST_P(TerritoryApiTest, AnswersAnUnchangedTerritoryWith304)
{
    auto first = get("/api/v1/territories/DEP-33");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.header("Content-Type").value_or(""), "application/json");
    auto etag = first.header("ETag");
    ASSERT_TRUE(etag);
    auto again = get("/api/v1/territories/DEP-33", {}, {{"If-None-Match", *etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    // Another territory has another tag.
    EXPECT_EQ(get("/api/v1/territories/DEP-40", {}, {{"If-None-Match", *etag}}).status, 200);
}

TEST_P(TerritoryApiTest, UnknownDepartmentCodesAreNotFoundWithTheCodesExpected)
{
    for (const char* key : {"DEP-2C", "DEP-20", "DEP-00", "DEP-96", "DEP-977"}) {
        auto problem = expect_problem(get(std::string("/api/v1/territories/") + key), 404);
        EXPECT_EQ(problem.at("code"), "not_found");
        auto detail = problem.at("detail").get<std::string>();
        EXPECT_NE(detail.find("inconnu"), std::string::npos) << key << ": " << detail;
        EXPECT_NE(detail.find("Codes attendus : 01 à 95, 2A, 2B, 971 à 976."), std::string::npos) << key;
    }
    auto corsica = expect_problem(get("/api/v1/territories/DEP-20"), 404);
    EXPECT_NE(corsica.at("detail").get<std::string>().find("2A (Corse-du-Sud) et 2B (Haute-Corse)"), std::string::npos);
    auto region = expect_problem(get("/api/v1/territories/REG-99"), 404);
    EXPECT_NE(region.at("detail").get<std::string>().find("Codes attendus : 01, 02"), std::string::npos);
}

TEST_P(TerritoryApiTest, MalformedKeysAreInvalidWithTheExpectedShape)
{
    for (const char* key : {"33", "2C", "DEP-", "DEP-1234", "COM-33063", "DEP-3%203", "DEP-%C3%A9", "%FF%FE", "FRA",
                            "DEP--33", "REG-84%00"}) {
        auto problem = expect_problem(get(std::string("/api/v1/territories/") + key), 422);
        EXPECT_NE(problem.at("detail").get<std::string>().find("DEP-<code département>"), std::string::npos) << key;
    }
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(TerritoryApiTest);

}  // namespace boussole::test_support
