#include "instance/reference_data.hpp"

#include "actors/reference_import.hpp"
#include "catalogue/reference_import.hpp"
#include "collection/population_values.hpp"
#include "framework/framework.hpp"
#include "territory/reference_import.hpp"

namespace boussole::instance {

namespace {

constexpr const char* kCountTerritories = "SELECT COUNT(*) AS n FROM territories";
constexpr const char* kCountPopulation = "SELECT COUNT(*) AS n FROM population";
constexpr const char* kCountSources = "SELECT COUNT(*) AS n FROM sources";
constexpr const char* kCountReferenceOrganisations =
    "SELECT COUNT(*) AS n FROM organisations WHERE origin = 'reference'";

bool missing(storage::Connection& connection, const char* count_sql)
{
    return connection.query(count_sql).front().integer("n") == 0;
}

}  // namespace

core::Result<ReferenceReport> load_reference_data(storage::Database& database, const std::string& data_directory,
                                                  ReloadPolicy policy)
{
    return database.write([&](storage::Connection& connection) -> core::Result<ReferenceReport> {
        ReferenceReport report;
        bool always = policy == ReloadPolicy::Always;
        if (always || missing(connection, kCountTerritories)) {
            auto territories = territory::import_territories(connection, data_directory + "/territories");
            if (!territories.ok())
                return std::move(territories).error();
            report.territories = *territories;
        }
        auto registry = territory::TerritoryRegistry::load(connection);
        if (always || missing(connection, kCountPopulation)) {
            auto population =
                territory::import_population(connection, registry, territory::shipped_population_file(data_directory));
            if (!population.ok())
                return std::move(population).error();
            report.population_rows = *population;
        }
        if (always || missing(connection, kCountReferenceOrganisations)) {
            auto organisations = actors::import_reference_organisations(
                connection, registry, data_directory + "/organisations/organisations.csv");
            if (!organisations.ok())
                return std::move(organisations).error();
            report.organisations = *organisations;
        }
        auto framework = framework::seed_framework(connection, data_directory + "/framework/cadre-national.json");
        if (!framework.ok())
            return std::move(framework).error();
        report.framework_items = *framework;
        if (always || missing(connection, kCountSources)) {
            auto catalogue = catalogue::import_reference_catalogue(connection, data_directory + "/catalogue");
            if (!catalogue.ok())
                return std::move(catalogue).error();
            report.catalogue_written = catalogue->created + catalogue->updated;
            report.catalogue_kept = static_cast<int>(catalogue->kept.size());
        }
        // After the catalogue, which defines the population elements; on
        // every start, since it writes only what differs from the table.
        auto population = territory::PopulationTable::load(connection, registry);
        report.population_values =
            collection::materialise_population(connection, registry, population, catalogue::Catalogue::load(connection))
                .written;
        return report;
    });
}

}  // namespace boussole::instance
