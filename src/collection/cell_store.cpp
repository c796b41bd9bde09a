#include "collection/cell_store.hpp"

#include "storage/change_sequence.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <stdexcept>

namespace boussole::collection::cells {

namespace {

using namespace std::string_literals;

// SQLite serialises write transactions, so a plain read is already the state
// the transaction will change; PostgreSQL needs the row locks.
const std::string kSelectGroup =
    "SELECT "s + kCellColumns + " FROM data_values WHERE element_code = $1 AND territory_key = $2 ORDER BY period";
const std::string kLockGroup = kSelectGroup + " FOR UPDATE";
const std::string kSelectCell =
    "SELECT "s + kCellColumns + " FROM data_values WHERE element_code = $1 AND territory_key = $2 AND period = $3";
const std::string kLockCell = kSelectCell + " FOR UPDATE";

constexpr const char* kCurrentValue =
    "SELECT value FROM data_values WHERE element_code = $1 AND territory_key = $2 AND period = $3 AND deleted = 0";

constexpr const char* kInsertCell =
    "INSERT INTO data_values (element_code, territory_key, period, period_type, value, comment, status, origin, "
    "import_id, deleted, outlier, version, updated_at, updated_by, change_seq) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13, $14) "
    "ON CONFLICT (element_code, territory_key, period) DO NOTHING RETURNING id";

constexpr const char* kUpdateCell =
    "UPDATE data_values SET value = $1, comment = $2, status = $3, origin = $4, import_id = $5, deleted = $6, "
    "outlier = $7, version = $8, updated_at = $9, updated_by = $10, change_seq = $13 WHERE id = $11 AND version = $12";

constexpr const char* kInsertHistory =
    "INSERT INTO data_value_history (data_value_id, version, action, value, comment, status, origin, import_id, "
    "changed_at, changed_by, user_id, token_id, reason) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

bool on_postgres(const storage::Connection& connection)
{
    return connection.backend() == storage::Backend::Postgres;
}

template <typename T>
T stored(core::Result<T> result, const char* column)
{
    if (!result.ok())
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema,
                                     std::string("data_values.") + column + ": " + result.error().message);
    return std::move(result).value();
}

}  // namespace

std::int64_t change_sequence(storage::Connection& connection)
{
    return storage::take_change_sequence(connection);
}

Author Author::of(const access::Principal& principal, core::Timestamp at)
{
    return {principal.label, principal.user_id, principal.token_id, at};
}

Cell cell_from_row(const storage::Row& row)
{
    Cell cell;
    cell.id = row.integer("id");
    cell.element = row.text("element_code");
    cell.territory_key = row.text("territory_key");
    cell.period = row.text("period");
    cell.value = row.optional_real("value");
    cell.comment = row.text("comment");
    cell.status = stored(parse_value_status(row.text("status")), "status");
    cell.origin = stored(parse_value_origin(row.text("origin")), "origin");
    cell.import_id = row.optional_integer("import_id");
    cell.deleted = row.boolean("deleted");
    cell.outlier = row.boolean("outlier");
    cell.version = static_cast<int>(row.integer("version"));
    return cell;
}

std::vector<Cell> lock_group(storage::Connection& connection, std::string_view element, std::string_view territory_key)
{
    change_sequence(connection);  // the counter before any cell: see change_sequence
    std::vector<Cell> cells;
    for (auto row : connection.query(on_postgres(connection) ? kLockGroup : kSelectGroup,
                                     {std::string(element), std::string(territory_key)}))
        cells.push_back(cell_from_row(row));
    return cells;
}

std::optional<Cell> lock_cell(storage::Connection& connection, std::string_view element, std::string_view territory_key,
                              std::string_view period)
{
    change_sequence(connection);  // the counter before any cell: see change_sequence
    auto rows = connection.query(on_postgres(connection) ? kLockCell : kSelectCell,
                                 {std::string(element), std::string(territory_key), std::string(period)});
    if (rows.empty())
        return std::nullopt;
    return cell_from_row(rows.front());
}

std::optional<double> current_value(storage::Connection& connection, std::string_view element,
                                    std::string_view territory_key, std::string_view period)
{
    auto rows =
        connection.query(kCurrentValue, {std::string(element), std::string(territory_key), std::string(period)});
    if (rows.empty())
        return std::nullopt;
    return rows.front().optional_real("value");
}

void record_version(storage::Connection& connection, const Cell& cell, std::string_view action, const Author& author,
                    std::string_view reason)
{
    connection.execute(kInsertHistory,
                       {cell.id, cell.version, std::string(action), cell.value, cell.comment, to_string(cell.status),
                        to_string(cell.origin), cell.import_id, core::to_iso8601(author.at), author.label,
                        author.user_id, author.token_id, std::string(reason)});
}

std::optional<Cell> insert_cell(storage::Connection& connection, std::string_view element,
                                std::string_view territory_key, const core::Period& period, const CellState& state,
                                const Author& author)
{
    auto rows = connection.query(
        kInsertCell,
        {std::string(element), std::string(territory_key), period.to_string(), core::to_string(period.type()),
         state.value, state.comment, to_string(state.status), to_string(state.origin), state.import_id, state.deleted,
         state.outlier, core::to_iso8601(author.at), author.label, change_sequence(connection)});
    if (rows.empty())
        return std::nullopt;
    Cell cell{rows.front().integer("id"),
              std::string(element),
              std::string(territory_key),
              period.to_string(),
              state.value,
              state.comment,
              state.status,
              state.origin,
              state.import_id,
              state.deleted,
              state.outlier,
              1};
    record_version(connection, cell, "create", author, {});
    return cell;
}

Cell update_cell(storage::Connection& connection, const Cell& current, const CellState& next, std::string_view action,
                 const Author& author, std::string_view reason)
{
    Cell cell = current;
    cell.value = next.value;
    cell.comment = next.comment;
    cell.status = next.status;
    cell.origin = next.origin;
    cell.import_id = next.import_id;
    cell.deleted = next.deleted;
    cell.outlier = next.outlier;
    cell.version = current.version + 1;
    auto changed = connection.execute(
        kUpdateCell, {cell.value, cell.comment, to_string(cell.status), to_string(cell.origin), cell.import_id,
                      cell.deleted, cell.outlier, cell.version, core::to_iso8601(author.at), author.label, cell.id,
                      current.version, change_sequence(connection)});
    // The cell was read under lock in this transaction: a different version
    // means a writer that skipped the lock, which no retry would fix.
    if (changed != 1)
        throw storage::DatabaseError(storage::DatabaseError::Kind::Busy, "data value " + std::to_string(cell.id) +
                                                                             " changed under a lock (version " +
                                                                             std::to_string(current.version) + ")");
    record_version(connection, cell, action, author, reason);
    return cell;
}

}  // namespace boussole::collection::cells
