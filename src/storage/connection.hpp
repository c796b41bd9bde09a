#pragma once
// One connection to the database. Not thread-safe: a connection belongs to one
// request at a time, through the pool (database.hpp).
//
// SQL is written once for both backends, with PostgreSQL's "$1, $2…" parameter
// markers; the SQLite backend binds them by name. Statements are prepared once
// per connection and cached by their text, so SQL must be a constant (never
// built from values: every value is a bound parameter).

#include "storage/rows.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace boussole::storage {

enum class Backend { Sqlite, Postgres };

const char* to_string(Backend backend);

// How a transaction starts. Write transactions take SQLite's write lock at
// BEGIN (IMMEDIATE), so that two writers never deadlock on a lock upgrade.
enum class TransactionMode { Read, Write };

class Connection {
public:
    virtual ~Connection() = default;

    virtual Backend backend() const = 0;

    // Runs one statement and returns its rows (none for statements without
    // RETURNING). Throws DatabaseError.
    virtual Rows query(std::string_view sql, const Params& params = {}) = 0;

    // Runs one statement and returns the number of rows it changed.
    virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;

    // Runs several statements without parameters (migrations only).
    virtual void execute_script(std::string_view sql) = 0;

    virtual void begin(TransactionMode mode) = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;

    // False once the connection is known to be broken; the pool then discards it.
    virtual bool healthy() const = 0;

    // The change sequence number the current transaction took, if any: the
    // domain takes one when it changes what the analytics follow (data
    // values), and the Database announces it to its commit listeners once the
    // transaction has committed (database.hpp). Cleared at every begin.
    std::optional<std::int64_t> change_sequence() const { return m_change_sequence; }
    void set_change_sequence(std::int64_t sequence) { m_change_sequence = sequence; }
    void clear_change_sequence() { m_change_sequence.reset(); }

private:
    std::optional<std::int64_t> m_change_sequence;
};

}  // namespace boussole::storage
