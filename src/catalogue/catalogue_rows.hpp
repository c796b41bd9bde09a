#pragma once
// Writing catalogue entries and their versions: the SQL shared by the
// administrators' changes and the reference import. Inside the catalogue
// module only; callers check the rules (validation.hpp) and the rights first.
// Every function throws storage::DatabaseError.

#include "catalogue/catalogue.hpp"
#include "catalogue/catalogue_changes.hpp"

#include <optional>
#include <string>

namespace boussole::storage {
class Connection;
}

namespace boussole::catalogue::rows {

// Inserts the entry at version 1.
void insert(storage::Connection& connection, const Source& source, const std::string& now);
void insert(storage::Connection& connection, const DataElement& element, const std::string& now);
void insert(storage::Connection& connection, const Indicator& indicator, const std::string& now);

// Writes the entry over the row of its code when that row is still at
// expected_version, and moves it to expected_version + 1. False when the row
// was changed in between (nothing written).
bool update(storage::Connection& connection, const Source& source, int expected_version, const std::string& now);
bool update(storage::Connection& connection, const DataElement& element, int expected_version, const std::string& now);
bool update(storage::Connection& connection, const Indicator& indicator, int expected_version, const std::string& now);

struct VersionRecord {
    EntityType type = EntityType::Source;
    std::string code;
    int version = 1;
    std::string snapshot;  // JSON (catalogue_json.hpp)
    std::string changed_at;
    std::string changed_by;
    std::string change_note;
    ChangeOrigin origin = ChangeOrigin::User;
};

void insert_version(storage::Connection& connection, const VersionRecord& record);

// Who wrote the latest version of an entry; nothing when it has no version.
std::optional<ChangeOrigin> latest_origin(storage::Connection& connection, EntityType type, std::string_view code);

}  // namespace boussole::catalogue::rows
