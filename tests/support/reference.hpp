#pragma once
// Loads the shipped reference data (data/ of the repository) into a test
// database. Population (6 000 rows) is optional because most tests do not
// need it and it is the slow part on PostgreSQL.

#include "storage/database.hpp"
#include "territory/registry.hpp"

#include <string>

namespace boussole::test_support {

enum class WithPopulation { No, Yes };

std::string repository_data_dir();

// Territories, organisations, the national framework and the indicator
// catalogue; the population too when asked. Fails the calling test (ADD_FAILURE) on an error.
void load_reference(storage::Database& database, WithPopulation population = WithPopulation::No);

territory::TerritoryRegistry load_registry(storage::Database& database);

}  // namespace boussole::test_support
