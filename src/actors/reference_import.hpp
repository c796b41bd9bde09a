#pragma once
// Loads data/organisations/organisations.csv: the CNSA, the ARS, the
// departmental collectivities, the MDPH/MDA and the statutory partners, with
// the territories each covers. Idempotent: names, types and coverage follow the
// file; contact details edited in Boussole are kept.

#include "core/result.hpp"
#include "territory/registry.hpp"

#include <string>

namespace boussole::storage {
class Connection;
}

namespace boussole::actors {

// Checks the whole file first (types, territory keys, duplicate slugs) and
// writes nothing when a line is wrong. Returns the number of organisations.
core::Result<int> import_reference_organisations(storage::Connection& connection,
                                                 const territory::TerritoryRegistry& registry,
                                                 const std::string& csv_path);

}  // namespace boussole::actors
