#pragma once
// One JSON representation of each catalogue entry: the snapshot kept in
// catalogue_history and the audit log, and the API's resource. Reading it
// back (merge_json) applies the members present onto an entry, so that a
// creation starts from defaults and a partial update from the current entry.

#include "catalogue/catalogue.hpp"

#include <nlohmann/json.hpp>

namespace boussole::catalogue {

nlohmann::json to_json(const Source& source);
nlohmann::json to_json(const DataElement& element);
nlohmann::json to_json(const Indicator& indicator);

// Sets the members present in body onto into. Absent members keep their
// value; "version" and "change_note" are left to the caller. Invalid, with
// one FieldError per faulty member, for a member of the wrong type, an
// unknown enumeration value or a member the entry does not have.
core::Status merge_json(const nlohmann::json& body, Source& into);
core::Status merge_json(const nlohmann::json& body, DataElement& into);
core::Status merge_json(const nlohmann::json& body, Indicator& into);

// The snapshot without its version: equal for two states that differ only
// by version (a re-import that changes nothing).
nlohmann::json content_of(nlohmann::json snapshot);

}  // namespace boussole::catalogue
