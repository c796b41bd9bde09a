#pragma once
// The storage of data value cells, shared by the modules of collection that
// change them (write_values, approval, population values, import undo): every
// change writes the next version of the cell and its history row together, so
// that data_values and data_value_history never disagree.
//
// No rule is checked here; callers check first. On PostgreSQL the reads
// named lock_… take row locks (FOR UPDATE) until the end of the transaction,
// so that two writers of one cell take turns; SQLite needs none, its write
// transactions are serialised.

#include "access/principal.hpp"
#include "collection/data_values.hpp"
#include "storage/rows.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::collection::cells {

// A row of data_values.
struct Cell {
    std::int64_t id = 0;
    std::string element;
    std::string territory_key;
    std::string period;
    std::optional<double> value;
    std::string comment;
    ValueStatus status = ValueStatus::Draft;
    ValueOrigin origin = ValueOrigin::User;
    std::optional<std::int64_t> import_id;
    bool deleted = false;
    bool outlier = false;
    int version = 1;
};

// What a version sets.
struct CellState {
    std::optional<double> value;
    std::string comment;
    ValueStatus status = ValueStatus::Draft;
    ValueOrigin origin = ValueOrigin::User;
    std::optional<std::int64_t> import_id;
    bool deleted = false;
    bool outlier = false;
};

// Who writes a version, and when.
struct Author {
    std::string label;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> token_id;
    core::Timestamp at;

    static Author of(const access::Principal& principal, core::Timestamp at);
};

// Every period of one element in one territory, ordered by period; locked on
// PostgreSQL.
std::vector<Cell> lock_group(storage::Connection& connection, std::string_view element, std::string_view territory_key);

// One cell, locked on PostgreSQL; nothing when it does not exist.
std::optional<Cell> lock_cell(storage::Connection& connection, std::string_view element, std::string_view territory_key,
                              std::string_view period);

// The non-deleted value of a cell, without lock (rules that compare cells).
std::optional<double> current_value(storage::Connection& connection, std::string_view element,
                                    std::string_view territory_key, std::string_view period);

// Creates a cell at version 1 with its "create" history row. Nothing when
// another transaction created the same cell first: lock_cell it and decide
// again.
std::optional<Cell> insert_cell(storage::Connection& connection, std::string_view element,
                                std::string_view territory_key, const core::Period& period, const CellState& state,
                                const Author& author);

// Writes the next version of a locked cell and its history row.
Cell update_cell(storage::Connection& connection, const Cell& current, const CellState& next, std::string_view action,
                 const Author& author, std::string_view reason = {});

// The history row of a version already written to data_values (approval
// changes statuses in one statement, then records each cell here).
void record_version(storage::Connection& connection, const Cell& cell, std::string_view action, const Author& author,
                    std::string_view reason);

// The change sequence number of the current transaction
// (storage/change_sequence.hpp), taken at its first change of a data value
// and written on every cell it changes, so that the analytics of every node
// catch up from it. Taking it locks the counter row until the commit, so it
// is taken before any cell is locked (lock_group and lock_cell take it
// first): writers then always lock in the same order and never deadlock.
std::int64_t change_sequence(storage::Connection& connection);

// Reads a Cell from a row with the columns of kCellColumns.
Cell cell_from_row(const storage::Row& row);

// The columns of data_values a Cell is read from.
inline constexpr const char* kCellColumns =
    "id, element_code, territory_key, period, value, comment, status, origin, import_id, deleted, outlier, version";

}  // namespace boussole::collection::cells
