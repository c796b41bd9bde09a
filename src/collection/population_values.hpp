#pragma once
// The INSEE population as data values, so that rates per 1 000 people are
// ordinary indicators: every population element the catalogue defines
// (pop_totale, pop_moins_20, pop_20_59, pop_60_plus, pop_75_plus…, with
// _hommes / _femmes for one sex) gets, for every department and the
// population table's year, the figure of the PopulationTable, with origin
// "reference" and status "validated". Elements the catalogue does not define
// are skipped, so the catalogue and this step may land in either order.

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"
#include "territory/population.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::collection {

// The population an element code stands for: "pop_" then "totale",
// "moins_N", "A_B" or "A_plus" (ages in years, on five-year group edges),
// then optionally "_hommes" or "_femmes".
struct PopulationGroup {
    territory::Sex sex = territory::Sex::All;
    int min_age = 0;
    int max_age = -1;  // -1: no upper bound
};

// Nothing when the code is not a population element Boussole can compute.
std::optional<PopulationGroup> population_group(std::string_view element_code);

struct PopulationReport {
    int year = 0;
    std::int64_t written = 0;           // cells created or corrected
    std::int64_t unchanged = 0;         // already equal to the table
    std::vector<std::string> elements;  // the population elements materialised
};

// Writes the values in the caller's transaction, as the system ("données de
// référence INSEE"), each change with its history. Idempotent: a second run
// writes nothing. An empty population table writes nothing. Throws
// storage::DatabaseError.
PopulationReport materialise_population(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                                        const territory::PopulationTable& population,
                                        const catalogue::Catalogue& catalogue);

}  // namespace boussole::collection
