#pragma once
// Data values: (data element, territory, period, value, comment), with their
// origin, status and full history. Every write goes through write_values,
// which checks the catalogue, the territory, the period, the rules of the
// element and the writer's scope, and keeps the previous state of every cell
// it changes. Nothing is ever overwritten or deleted without a trace.
//
// For the callers (API, pages, CSV import): write_values is stable as
// declared below. It runs in the caller's write transaction and undoes its own
// work when it refuses a batch (a savepoint), so after applied = false the
// caller may still commit what else it did in that transaction (a refused
// import's record) or roll back; both leave no value of the batch behind.
// Thread-safety: the functions are reentrant; each call uses the one
// connection it is given. Concurrent writers of the same cells on separate
// connections are serialised by the database (SQLite's write lock, row locks
// on PostgreSQL): no write is lost and versions stay consecutive.

#include "access/principal.hpp"
#include "catalogue/catalogue.hpp"
#include "core/clock.hpp"
#include "core/page.hpp"
#include "core/period.hpp"
#include "territory/registry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::collection {

enum class ValueStatus { Draft, Submitted, Validated };
enum class ValueOrigin { User, Api, Import, Reference, Synthetic };

const char* to_string(ValueStatus status);  // "draft", "submitted", "validated"
const char* label(ValueStatus status);      // "brouillon", "transmise", "validée"
const char* to_string(ValueOrigin origin);  // "user", "api", "import", "reference", "synthetic"
const char* label(ValueOrigin origin);      // "saisie", "API", "import", "référence", "démonstration"
core::Result<ValueStatus> parse_value_status(std::string_view text);
core::Result<ValueOrigin> parse_value_origin(std::string_view text);

// One value to write, as received: text fields are checked by write_values.
struct ValueInput {
    long line = 0;                // line of a file or index in a batch (1-based), for reports
    std::string element;          // data element code
    std::string territory;        // "DEP-33", or a bare department code "33"
    std::string period;           // "2025-07", "2025-T3", "2025"
    std::optional<double> value;  // absent: delete the value of the cell
    std::string comment;
};

enum class WriteMode {
    AllOrNothing,  // any faulty input: nothing is written, every fault reported
    ValidLines,    // the valid inputs are written, the faulty ones reported
};

struct WriteContext {
    ValueOrigin origin = ValueOrigin::User;
    std::optional<std::int64_t> import_id;
    WriteMode mode = WriteMode::AllOrNothing;
};

struct WriteReport {
    std::int64_t written = 0;                // cells created, changed or deleted
    std::int64_t unchanged = 0;              // same value and comment as already stored: no new version
    std::vector<core::FieldError> rejected;  // line, field, value, reason and what is expected
    std::vector<core::FieldError> warnings;  // outliers: written, but worth a second look
    bool applied = true;                     // false when AllOrNothing refused everything
};

// Writes the inputs in the caller's transaction. Returns Forbidden when the
// principal may not write at all (not signed in, a reader, a read-only
// token); per-input faults go into the report, in French, with the input's
// line: unknown element, element computed by Boussole (not collected),
// territory that is not a department or lies outside the writer's scope,
// period of the wrong type or not yet begun, value that is not finite, not
// an integer for an integer element, out of the element's bounds or above
// its not_above_code partner (in the batch or stored), malformed comment,
// the same cell twice, validated value (locked until reopened).
// A value equal to the stored one with the same comment is counted
// unchanged (no new version); an absent value deletes the cell (a recorded
// version); writing a deleted cell restores it. A changed value goes back to
// draft. Outliers (robust z-score against the territory's own earlier values
// of the element, at least 6 of them, |z| > 3.5) are written, flagged and
// warned about. Throws storage::DatabaseError when the database fails.
core::Result<WriteReport> write_values(storage::Connection& connection, const access::Principal& principal,
                                       const territory::TerritoryRegistry& registry,
                                       const catalogue::Catalogue& catalogue, const std::vector<ValueInput>& inputs,
                                       const WriteContext& context);

struct DataValue {
    std::int64_t id = 0;
    std::string element;
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    core::Period period = core::Period::year(2000);
    std::optional<double> value;  // absent when deleted
    std::string comment;
    ValueStatus status = ValueStatus::Draft;
    ValueOrigin origin = ValueOrigin::User;
    std::optional<std::int64_t> import_id;
    bool deleted = false;
    bool outlier = false;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;
};

struct ValueQuery {
    std::string element;                               // empty: all
    std::optional<territory::TerritoryKey> territory;  // a department, or every department within a region
    std::optional<core::Period> from;                  // inclusive, compared within the element's period type
    std::optional<core::Period> to;
    std::optional<ValueStatus> status;
    bool include_deleted = false;
    // Validated by the caller (core::PageRequest::make) for lists; exports
    // may ask for a larger size in one page.
    core::PageRequest page;
};

// Values ordered by element, territory and period. Invalid when from and to
// are periods of different types. Throws storage::DatabaseError.
core::Result<core::Page<DataValue>> find_values(storage::Connection& connection,
                                                const territory::TerritoryRegistry& registry, const ValueQuery& query);

// The cell, deleted or not; nothing when it was never written.
std::optional<DataValue> find_value(storage::Connection& connection, std::string_view element,
                                    const territory::TerritoryKey& territory, const core::Period& period);

struct ValueVersion {
    int version = 1;
    std::string action;  // create, update, delete, restore, submit, validate, reopen, undo
    std::optional<double> value;
    std::string comment;
    ValueStatus status = ValueStatus::Draft;
    ValueOrigin origin = ValueOrigin::User;
    std::optional<std::int64_t> import_id;
    core::Timestamp changed_at;
    std::string changed_by;
    std::string reason;
};

// "création", "modification", "suppression", "rétablissement", "transmission",
// "validation", "réouverture", "annulation d'import".
const char* action_label(std::string_view action);

// The versions of one cell, newest first. NotFound (French message) when the
// cell was never written.
core::Result<std::vector<ValueVersion>> value_history(storage::Connection& connection, std::string_view element,
                                                      const territory::TerritoryKey& territory,
                                                      const core::Period& period);

}  // namespace boussole::collection
