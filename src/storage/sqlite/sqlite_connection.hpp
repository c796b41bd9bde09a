#pragma once
// A Connection to one SQLite file. Opened in WAL mode (readers never wait for
// the writer), with foreign keys enforced, a 5 s busy timeout and
// synchronous=NORMAL (durable at each checkpoint, safe against corruption).
//
// Parameters are written "$1, $2…" as on PostgreSQL and bound by name, so a
// marker may repeat or appear out of order. The markers of a statement must be
// exactly $1…$N with N the number of parameters given, as PostgreSQL demands;
// anything else throws DatabaseError(Other) on both backends alike.

#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace boussole::storage {

class SqliteConnection final : public Connection {
public:
    // Opens (creating it when missing) the database file at path. Throws
    // DatabaseError(Unavailable) when the file cannot be opened or set up.
    static std::unique_ptr<SqliteConnection> open(const std::string& path);

    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Backend backend() const override { return Backend::Sqlite; }
    Rows query(std::string_view sql, const Params& params = {}) override;
    std::int64_t execute(std::string_view sql, const Params& params = {}) override;
    void execute_script(std::string_view sql) override;
    void begin(TransactionMode mode) override;  // Write: BEGIN IMMEDIATE, Read: BEGIN
    void commit() override;
    void rollback() override;  // does nothing when SQLite already ended the transaction
    bool healthy() const override { return m_healthy; }

private:
    // A prepared statement and, for each of its parameter slots, the index in
    // Params of the value it takes ($3 takes params[2]).
    struct Statement {
        sqlite3_stmt* handle = nullptr;
        std::vector<std::size_t> parameter_of_slot;
        std::size_t parameter_count = 0;
    };

    explicit SqliteConnection(sqlite3* handle) : m_handle(handle) {}

    Statement& prepare(std::string_view sql);
    void bind(Statement& statement, const Params& params, std::string_view sql);
    // Steps the statement to its end; collects rows when rows is not null.
    void run(std::string_view sql, const Params& params, Rows* rows);
    [[noreturn]] void fail(int result_code, std::string_view sql);

    // Looks statements up by string_view without building a std::string.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    sqlite3* m_handle;
    std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> m_statements;
    bool m_healthy = true;
};

}  // namespace boussole::storage
