#include "territory/reference_import.hpp"

#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"
#include "territory/population.hpp"

#include <filesystem>
#include <fstream>

namespace boussole::territory {

class TerritoryImportTest : public test_support::BackendTest {};

TEST_P(TerritoryImportTest, LoadsTheNationRegionsAndDepartments)
{
    test_support::load_reference(database(), test_support::WithPopulation::Yes);
    auto registry = test_support::load_registry(database());
    EXPECT_EQ(registry.regions().size(), 18u);
    EXPECT_EQ(registry.departments().size(), 101u);
    EXPECT_EQ(registry.find(TerritoryKey::region("84"))->name, "Auvergne-Rhône-Alpes");
    EXPECT_EQ(registry.find(TerritoryKey::department("84"))->name, "Vaucluse");
    EXPECT_EQ(registry.find(TerritoryKey::department("2A"))->parent, TerritoryKey::region("94"));
    EXPECT_EQ(registry.find(TerritoryKey::department("976"))->parent, TerritoryKey::region("06"));
    EXPECT_EQ(registry.find(TerritoryKey::department("33"))->with_preposition(), "de la Gironde");
    EXPECT_EQ(registry.departments_within(TerritoryKey::region("75")).size(), 12u);
    EXPECT_EQ(registry.find(TerritoryKey::department("20")), nullptr);
}

TEST_P(TerritoryImportTest, SumsThePopulationUpTheTree)
{
    test_support::load_reference(database(), test_support::WithPopulation::Yes);
    auto registry = test_support::load_registry(database());
    auto population =
        database().read([&](storage::Connection& connection) { return PopulationTable::load(connection, registry); });
    EXPECT_EQ(population.year(), 2023);
    // The published national figures (data/population/README.md).
    EXPECT_EQ(population.groups(TerritoryKey::nation()).total, 68042591);
    EXPECT_EQ(population.groups(TerritoryKey::nation()).from_75, 6849764);
    auto gironde = population.groups(TerritoryKey::department("33"));
    EXPECT_EQ(gironde.total, gironde.under_20 + gironde.from_20_to_59 + gironde.from_60);
    auto men = population.groups(TerritoryKey::department("33"), Sex::Men).total;
    auto women = population.groups(TerritoryKey::department("33"), Sex::Women).total;
    EXPECT_EQ(men + women, gironde.total);
    std::int64_t regions = 0;
    for (const auto* region : registry.regions())
        regions += population.groups(region->key).total;
    EXPECT_EQ(regions, 68042591);
}

TEST_P(TerritoryImportTest, ReloadingIsIdempotent)
{
    test_support::load_reference(database());
    auto count = [&] {
        return database().read([](storage::Connection& connection) {
            return connection.query("SELECT COUNT(*) AS n FROM territories").front().integer("n");
        });
    };
    auto before = count();
    auto again = database().write([&](storage::Connection& connection) {
        return import_territories(connection, test_support::repository_data_dir() + "/territories");
    });
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(count(), before);
    EXPECT_EQ(before, 120);
}

TEST_P(TerritoryImportTest, RefusesABadPopulationFileAndWritesNothing)
{
    test_support::load_reference(database());
    auto registry = test_support::load_registry(database());
    auto directory = std::filesystem::temp_directory_path() / ("boussole-population-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory);
    auto path = (directory / "population.csv").string();
    std::ofstream(path) << "departement,nom,sexe,tranche_age,population\n"
                           "33,Gironde,ensemble,0 à 4 ans,10\n"
                           "2C,Corse,ensemble,0 à 4 ans,5\n"
                           "20,Corse,ensemble,0 à 4 ans,5\n"
                           "33,Gironde,inconnu,0 à 4 ans,5\n"
                           "33,Gironde,hommes,0 à 4 ans,-3\n";
    auto result = database().write([&](storage::Connection& connection) {
        return import_population(connection, registry, {path, 2023, "test"});
    });
    std::filesystem::remove_all(directory);
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().fields.size(), 4u);
    EXPECT_EQ(result.error().fields[0].line, 3);
    EXPECT_NE(result.error().fields[0].message.find("Codes attendus"), std::string::npos);
    EXPECT_NE(result.error().fields[1].message.find("2A (Corse-du-Sud)"), std::string::npos);
    EXPECT_EQ(result.error().fields[2].field, "sexe");
    EXPECT_EQ(result.error().fields[3].field, "population");
    auto rows = database().read([](storage::Connection& connection) {
        return connection.query("SELECT COUNT(*) AS n FROM population").front().integer("n");
    });
    EXPECT_EQ(rows, 0);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(TerritoryImportTest);

}  // namespace boussole::territory
