#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace boussole::storage {

namespace {

using Kind = DatabaseError::Kind;

constexpr int kBusyTimeoutMilliseconds = 5000;
constexpr const char* kSetUp = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

Kind kind_of(int extended_code)
{
    switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return Kind::UniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY: return Kind::ForeignKeyViolation;
    case SQLITE_CONSTRAINT_CHECK: return Kind::CheckViolation;
    default: break;
    }
    int primary_code = extended_code & 0xff;
    if (primary_code == SQLITE_BUSY || primary_code == SQLITE_LOCKED)
        return Kind::Busy;
    return Kind::Other;
}

// The connection cannot be trusted after these: the pool replaces it.
bool breaks_connection(int extended_code)
{
    int primary_code = extended_code & 0xff;
    return primary_code == SQLITE_IOERR || primary_code == SQLITE_CORRUPT || primary_code == SQLITE_NOTADB ||
           primary_code == SQLITE_NOMEM;
}

// Statements are quoted in messages for the log; they hold no values, only
// markers, but a very long one is cut.
std::string quote_statement(std::string_view sql)
{
    constexpr std::size_t kLimit = 300;
    if (sql.size() <= kLimit)
        return std::string(sql);
    return std::string(sql.substr(0, kLimit)) + "…";
}

bool only_separators(std::string_view text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ';' || c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

// "$12" → 12; anything else (":name", "?", "$0", "$01") → 0.
std::size_t marker_number(const char* name)
{
    if (name == nullptr || name[0] != '$' || name[1] < '1' || name[1] > '9')
        return 0;
    std::string_view digits(name + 1);
    std::size_t number = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error != std::errc() || end != digits.data() + digits.size())
        return 0;
    return number;
}

Value column_value(sqlite3_stmt* statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER: return Value(static_cast<long long>(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT: return Value(sqlite3_column_double(statement, column));
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return Value(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
    }
    case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
        auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
        return Value(bytes == nullptr ? std::string() : std::string(bytes, size));
    }
    default: return Value();
    }
}

// Resets a statement whatever happens, so that the cached statement is ready
// for its next use and holds no reference to the caller's parameters.
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite3_stmt* statement) : m_statement(statement) {}
    ~ResetOnExit()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    sqlite3_stmt* m_statement;
};

}  // namespace

std::unique_ptr<SqliteConnection> SqliteConnection::open(const std::string& path)
{
    sqlite3* handle = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int result = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    if (result == SQLITE_OK) {
        sqlite3_extended_result_codes(handle, 1);
        sqlite3_busy_timeout(handle, kBusyTimeoutMilliseconds);
        // Double-quoted strings are identifiers only, as on PostgreSQL, so that
        // SQL that would fail there fails here too.
        sqlite3_db_config(handle, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
        sqlite3_db_config(handle, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
        result = sqlite3_exec(handle, kSetUp, nullptr, nullptr, nullptr);
    }
    if (result != SQLITE_OK) {
        std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(result);
        sqlite3_close_v2(handle);
        throw DatabaseError(Kind::Unavailable, "cannot open SQLite database " + path + ": " + message);
    }
    return std::unique_ptr<SqliteConnection>(new SqliteConnection(handle));
}

SqliteConnection::~SqliteConnection()
{
    for (auto& [sql, statement] : m_statements)
        sqlite3_finalize(statement.handle);
    sqlite3_close_v2(m_handle);
}

void SqliteConnection::fail(int result_code, std::string_view sql)
{
    if (breaks_connection(result_code))
        m_healthy = false;
    throw DatabaseError(kind_of(result_code),
                        std::string(sqlite3_errmsg(m_handle)) + " (SQLite, in: " + quote_statement(sql) + ")");
}

SqliteConnection::Statement& SqliteConnection::prepare(std::string_view sql)
{
    if (auto found = m_statements.find(sql); found != m_statements.end())
        return found->second;

    Statement statement;
    const char* tail = nullptr;
    int result = sqlite3_prepare_v3(m_handle, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &statement.handle, &tail);
    if (result != SQLITE_OK)
        fail(result, sql);
    auto reject = [&](const std::string& reason) {
        sqlite3_finalize(statement.handle);
        throw DatabaseError(Kind::Other, reason + " (in: " + quote_statement(sql) + ")");
    };
    if (statement.handle == nullptr)
        reject("empty SQL statement");
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (!only_separators(rest)) {
        sqlite3_stmt* second = nullptr;
        int second_result = sqlite3_prepare_v2(m_handle, rest.data(), static_cast<int>(rest.size()), &second, nullptr);
        sqlite3_finalize(second);
        if (second_result != SQLITE_OK || second != nullptr)
            reject("one statement per call; several statements go through execute_script");
    }

    // The markers must be exactly $1…$N, as PostgreSQL requires, so that a
    // statement that works here works there.
    int slot_count = sqlite3_bind_parameter_count(statement.handle);
    std::set<std::size_t> numbers;
    for (int slot = 1; slot <= slot_count; ++slot) {
        const char* name = sqlite3_bind_parameter_name(statement.handle, slot);
        std::size_t number = marker_number(name);
        if (number == 0)
            reject(std::string("parameter markers are written $1, $2…, not ") + (name ? name : "?"));
        statement.parameter_of_slot.push_back(number - 1);
        numbers.insert(number);
    }
    statement.parameter_count = numbers.empty() ? 0 : *numbers.rbegin();
    if (numbers.size() != statement.parameter_count)
        reject("parameter markers must run from $1 to $" + std::to_string(statement.parameter_count) + " without gaps");
    return m_statements.emplace(std::string(sql), std::move(statement)).first->second;
}

void SqliteConnection::bind(Statement& statement, const Params& params, std::string_view sql)
{
    if (params.size() != statement.parameter_count)
        throw DatabaseError(Kind::Other, "the statement takes " + std::to_string(statement.parameter_count) +
                                             " parameters, " + std::to_string(params.size()) +
                                             " given (in: " + quote_statement(sql) + ")");
    for (std::size_t slot = 0; slot < statement.parameter_of_slot.size(); ++slot) {
        const Value::Variant& value = params[statement.parameter_of_slot[slot]].variant();
        int index = static_cast<int>(slot + 1);
        int result = SQLITE_OK;
        if (const auto* integer = std::get_if<std::int64_t>(&value))
            result = sqlite3_bind_int64(statement.handle, index, *integer);
        else if (const auto* real = std::get_if<double>(&value))
            result = sqlite3_bind_double(statement.handle, index, *real);
        else if (const auto* text = std::get_if<std::string>(&value))
            // SQLITE_STATIC: params outlive the statement's use, which ends
            // with clear_bindings before run() returns.
            result =
                sqlite3_bind_text64(statement.handle, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
        else
            result = sqlite3_bind_null(statement.handle, index);
        if (result != SQLITE_OK)
            fail(result, sql);
    }
}

void SqliteConnection::run(std::string_view sql, const Params& params, Rows* rows)
{
    Statement& statement = prepare(sql);
    ResetOnExit reset(statement.handle);
    bind(statement, params, sql);

    std::vector<std::string> columns;
    std::vector<std::vector<Value>> values;
    int column_count = sqlite3_column_count(statement.handle);
    if (rows != nullptr)
        for (int column = 0; column < column_count; ++column)
            columns.emplace_back(sqlite3_column_name(statement.handle, column));

    for (;;) {
        int result = sqlite3_step(statement.handle);
        if (result == SQLITE_DONE)
            break;
        if (result != SQLITE_ROW)
            fail(result, sql);
        if (rows == nullptr)
            continue;
        std::vector<Value> row;
        row.reserve(static_cast<std::size_t>(column_count));
        for (int column = 0; column < column_count; ++column)
            row.push_back(column_value(statement.handle, column));
        values.push_back(std::move(row));
    }
    if (rows != nullptr)
        *rows = Rows(std::move(columns), std::move(values));
}

Rows SqliteConnection::query(std::string_view sql, const Params& params)
{
    Rows rows;
    run(sql, params, &rows);
    return rows;
}

std::int64_t SqliteConnection::execute(std::string_view sql, const Params& params)
{
    // sqlite3_changes64 keeps the count of the last INSERT, UPDATE or DELETE
    // even after other statements; the total tells whether this one changed
    // anything at all.
    sqlite3_int64 total_before = sqlite3_total_changes64(m_handle);
    run(sql, params, nullptr);
    if (sqlite3_total_changes64(m_handle) == total_before)
        return 0;
    return sqlite3_changes64(m_handle);
}

void SqliteConnection::execute_script(std::string_view sql)
{
    std::string script(sql);
    if (sqlite3_exec(m_handle, script.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(sqlite3_extended_errcode(m_handle), sql);
}

void SqliteConnection::begin(TransactionMode mode)
{
    run(mode == TransactionMode::Write ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr);
}

void SqliteConnection::commit()
{
    run("COMMIT", {}, nullptr);
}

void SqliteConnection::rollback()
{
    // Some errors (a full disk, an I/O error) make SQLite roll back on its own;
    // a second ROLLBACK would only fail.
    if (sqlite3_get_autocommit(m_handle) != 0)
        return;
    run("ROLLBACK", {}, nullptr);
}

}  // namespace boussole::storage
