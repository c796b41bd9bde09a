#pragma once
// The reference data every instance starts from, shipped under data/: the
// territories, the INSEE population, the organisations of the branch, the
// national framework and the indicator catalogue. Loaded in one write transaction: all or nothing.

#include "core/result.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <string>

namespace boussole::instance {

struct ReferenceReport {
    int territories = 0;
    int population_rows = 0;
    int organisations = 0;
    int framework_items = 0;  // 0 when the framework already existed (never overwritten)
    // The indicator catalogue of data/catalogue: entries created or updated,
    // and those left as an administrator edited them (catalogue/reference_import.hpp).
    int catalogue_written = 0;
    int catalogue_kept = 0;
    // Population data values (pop_* elements) written from the INSEE table;
    // 0 when they already matched it.
    std::int64_t population_values = 0;
};

enum class ReloadPolicy {
    IfMissing,  // serve: load what an empty database lacks
    Always,     // init: reload the files, updating names and coverage in place
};

// data_directory is the share directory's data/ folder.
core::Result<ReferenceReport> load_reference_data(storage::Database& database, const std::string& data_directory,
                                                  ReloadPolicy policy);

}  // namespace boussole::instance
