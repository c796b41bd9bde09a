#pragma once
// National administrators create and edit the catalogue: sources, data
// elements and indicators. Every field is checked (validation.hpp), formulas
// included; a write names the version it was based on and gets Conflict when
// another change came first; each new version is kept as a JSON snapshot in
// catalogue_history and recorded in the audit log, in the caller's
// transaction.
//
// Codes never change: formulas, values and history refer to them.

#include "access/principal.hpp"
#include "catalogue/catalogue.hpp"
#include "core/clock.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::catalogue {

enum class EntityType { Source, DataElement, Indicator };
const char* to_string(EntityType type);  // "source", "data_element", "indicator"

// Who wrote a version: the reference files (data/catalogue) or a person.
enum class ChangeOrigin { Reference, User };
const char* to_string(ChangeOrigin origin);  // "reference", "user"

// The label of the reference files in histories.
inline constexpr const char* kReferenceAuthor = "données de référence (data/catalogue)";

// The priority codes of the national framework, in order ("P1"…"P11").
std::vector<std::string> framework_priority_codes(storage::Connection& connection);

// Create: Forbidden unless national administrator; Invalid (every faulty
// field) when a rule is broken; Conflict when the code is taken. Returns the
// entry as saved, at version 1. change_note says why, kept in the history.
core::Result<Source> create_source(storage::Connection& connection, const access::Principal& principal, Source source,
                                   std::string_view change_note);
core::Result<DataElement> create_element(storage::Connection& connection, const access::Principal& principal,
                                         DataElement element, std::string_view change_note);
core::Result<Indicator> create_indicator(storage::Connection& connection, const access::Principal& principal,
                                         Indicator indicator, std::string_view change_note);

// Update: the entry of that code becomes `after` (whose code must be the
// same). NotFound for an unknown code; Conflict when expected_version is not
// the current version. An update that changes nothing returns the entry
// without a new version.
core::Result<Source> update_source(storage::Connection& connection, const access::Principal& principal,
                                   std::string_view code, int expected_version, Source after,
                                   std::string_view change_note);
core::Result<DataElement> update_element(storage::Connection& connection, const access::Principal& principal,
                                         std::string_view code, int expected_version, DataElement after,
                                         std::string_view change_note);
core::Result<Indicator> update_indicator(storage::Connection& connection, const access::Principal& principal,
                                         std::string_view code, int expected_version, Indicator after,
                                         std::string_view change_note);

struct CatalogueVersion {
    int version = 1;
    std::string snapshot;  // the entry as JSON (catalogue_json.hpp), at this version
    core::Timestamp changed_at;
    std::string changed_by;  // a person's name, or kReferenceAuthor
    std::string change_note;
    ChangeOrigin origin = ChangeOrigin::User;
};

// Every version of one entry, newest first. NotFound when the entry does not
// exist. Readable by everyone, like the catalogue.
core::Result<std::vector<CatalogueVersion>> entry_history(storage::Connection& connection, EntityType type,
                                                          std::string_view code);

}  // namespace boussole::catalogue
