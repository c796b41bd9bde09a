#pragma once
// The imports table: recording an import, its final counts and report, and
// reading imports back with the visibility rules of import.hpp. Internal to
// the collection module (import.cpp and import_undo.cpp).

#include "collection/import.hpp"

namespace boussole::collection::import_store {

// Inserts the import (its id is filled in) and returns it.
Import insert(storage::Connection& connection, Import import);

// Writes the final status, dialect, counts and report.
void finish(storage::Connection& connection, const Import& import);

void mark_undone(storage::Connection& connection, std::int64_t id, core::Timestamp at, const std::string& by);

// The import whatever the principal (nothing when it does not exist).
std::optional<Import> find(storage::Connection& connection, std::int64_t id);

// True when the principal may see the import.
bool visible_to(const access::Principal& principal, const Import& import);

}  // namespace boussole::collection::import_store
