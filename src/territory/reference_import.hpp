#pragma once
// Loads the committed reference files (data/territories, data/population) into
// the database. Idempotent: running it again updates names and figures in
// place. Runs inside the caller's transaction; on an error nothing it wrote
// should be committed.

#include "core/result.hpp"
#include "territory/registry.hpp"

#include <string>

namespace boussole::storage {
class Connection;
}

namespace boussole::territory {

// Reads regions.csv and departements.csv from the directory; returns the
// number of territories written (1 + 18 + 101 with the shipped files).
core::Result<int> import_territories(storage::Connection& connection, const std::string& directory);

struct PopulationFile {
    std::string path;
    int year = 0;
    std::string source;  // shown wherever the figures are shown
};

// Reads an INSEE file "departement,nom,sexe,tranche_age,population" and checks
// it before writing anything: every department known, ensemble = hommes +
// femmes, age groups summing to the total. Returns the number of rows written.
core::Result<int> import_population(storage::Connection& connection, const TerritoryRegistry& registry,
                                    const PopulationFile& file);

// The population file shipped in data/population, with its year and source.
PopulationFile shipped_population_file(const std::string& data_directory);

}  // namespace boussole::territory
