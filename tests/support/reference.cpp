#include "support/reference.hpp"

#include "actors/reference_import.hpp"
#include "catalogue/reference_import.hpp"
#include "framework/framework.hpp"
#include "territory/reference_import.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

std::string repository_data_dir()
{
    return std::string(BOUSSOLE_SOURCE_DIR) + "/data";
}

void load_reference(storage::Database& database, WithPopulation population)
{
    auto status = database.write([&](storage::Connection& connection) -> core::Status {
        auto territories = territory::import_territories(connection, repository_data_dir() + "/territories");
        if (!territories.ok())
            return std::move(territories).error();
        auto registry = territory::TerritoryRegistry::load(connection);
        if (population == WithPopulation::Yes) {
            auto rows = territory::import_population(connection, registry,
                                                     territory::shipped_population_file(repository_data_dir()));
            if (!rows.ok())
                return std::move(rows).error();
        }
        auto organisations = actors::import_reference_organisations(
            connection, registry, repository_data_dir() + "/organisations/organisations.csv");
        if (!organisations.ok())
            return std::move(organisations).error();
        auto framework =
            framework::seed_framework(connection, repository_data_dir() + "/framework/cadre-national.json");
        if (!framework.ok())
            return std::move(framework).error();
        auto catalogue = catalogue::import_reference_catalogue(connection, repository_data_dir() + "/catalogue");
        if (!catalogue.ok())
            return std::move(catalogue).error();
        return {};
    });
    if (!status.ok())
        ADD_FAILURE() << "reference data: " << status.error().message;
}

territory::TerritoryRegistry load_registry(storage::Database& database)
{
    return database.read(
        [](storage::Connection& connection) { return territory::TerritoryRegistry::load(connection); });
}

}  // namespace boussole::test_support
