#pragma once
// Loads the reference catalogue shipped under data/catalogue/ (sources.csv,
// data_elements.csv, indicators.csv; see its README) into the database.
//
// The rule between the files and the administrators: the files own an entry
// until an administrator edits it. An entry whose latest version was written
// by an import follows the files (a new version when they change it); an
// entry an administrator created or edited is left as it is and reported as
// kept, even when the files differ. Entries that left the files stay in the
// database: values and history refer to them.
//
// Idempotent (a second run writes nothing) and all or nothing: every line of
// the three files is checked against the catalogue it would produce, with the
// same rules as an administrator's change, before anything is written.

#include "core/result.hpp"

#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::catalogue {

struct CatalogueImportReport {
    int created = 0;    // entries new to the database
    int updated = 0;    // entries the files changed, which no administrator had edited
    int unchanged = 0;  // entries already as the files say
    // "indicator:mdph_delai_traitement": entries an administrator edited,
    // left as they are although the files differ.
    std::vector<std::string> kept;
};

// directory holds the three CSV files. Runs in the caller's write
// transaction (roll it back on an error). Invalid, with every faulty line
// (file and line in the message, field and value in each FieldError), when a
// line breaks a rule; NotFound when a file is missing. The framework's
// priorities must be loaded first.
core::Result<CatalogueImportReport> import_reference_catalogue(storage::Connection& connection,
                                                               const std::string& directory);

}  // namespace boussole::catalogue
