#pragma once
// The synthetic values of a demonstration instance: every collected data
// element of the catalogue, for every department, over the last five complete
// years (5 years, 20 quarters or 60 months before today). Deterministic: the
// same catalogue, territories, population and date give the same values,
// each drawn from a generator seeded by its cell, not by the order of work.
//
// Plausible rather than random: scaled on the INSEE population of the age
// group an element concerns, around the national orders of magnitude
// (demo_profiles.hpp), with dispersion between departments, trends over the
// years, seasonality of monthly and quarterly flows, the elements' rules
// (integers, bounds, not_above pairs), a few gaps, late reports and outliers,
// and statuses as they age (old periods validated, recent ones submitted or
// draft). Every value and version has origin "synthetic".

#include "catalogue/catalogue.hpp"
#include "collection/data_values.hpp"
#include "storage/database.hpp"
#include "territory/population.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace boussole::collection {

struct DemoVersion {
    std::string action;  // create, update, submit, validate
    double value = 0;
    std::string comment;
    ValueStatus status = ValueStatus::Draft;
    core::Timestamp at;
    std::string by;
};

struct DemoCell {
    const catalogue::DataElement* element = nullptr;
    std::string territory_key;  // "DEP-33"
    core::Period period = core::Period::year(2000);
    bool outlier = false;
    bool late = false;                  // first reported after its due date
    std::vector<DemoVersion> versions;  // oldest first; the last one is the cell's state
};

// The periods of a type the demonstration covers before today, oldest first.
std::vector<core::Period> demo_periods(core::PeriodType type, std::chrono::year_month_day today);

// The cells of every collected element (deleted and never-reported cells are
// absent). The catalogue must outlive the result. Without population (an
// empty table) a typical department of 660 000 inhabitants stands in.
std::vector<DemoCell> generate_demo_values(const catalogue::Catalogue& catalogue,
                                           const territory::TerritoryRegistry& registry,
                                           const territory::PopulationTable& population,
                                           std::chrono::year_month_day today);

struct DemoValuesReport {
    bool skipped = false;  // synthetic values were there already
    std::int64_t cells = 0;
    std::int64_t versions = 0;
    std::int64_t expected = 0;  // cells the periods and departments call for
    std::int64_t late = 0;
    std::int64_t outliers = 0;
};

// Generates the values for today and writes them in one transaction, with
// multi-row inserts. Does nothing when synthetic values exist already (an
// instance initialised twice keeps its values). Throws storage::DatabaseError.
DemoValuesReport create_demo_values(storage::Database& database, const catalogue::Catalogue& catalogue,
                                    const territory::TerritoryRegistry& registry,
                                    const territory::PopulationTable& population, core::Timestamp now);

// The same, with the catalogue, territories and population read from the
// database.
DemoValuesReport create_demo_values(storage::Database& database, core::Timestamp now);

}  // namespace boussole::collection
