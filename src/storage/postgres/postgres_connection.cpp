#include "storage/postgres/postgres_connection.hpp"

#include "storage/postgres/libpq_message.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <vector>

namespace boussole::storage {

namespace {

using Kind = DatabaseError::Kind;

// Type OIDs from PostgreSQL's pg_type catalogue; they are fixed for built-in types.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

using postgres::one_line;

std::string quote_statement(std::string_view sql)
{
    constexpr std::size_t kLimit = 300;
    if (sql.size() <= kLimit)
        return std::string(sql);
    return std::string(sql.substr(0, kLimit)) + "…";
}

// Notices (e.g. "table already exists, skipping") would go to stderr by default.
void ignore_notice(void*, const char*) {}

bool is_connection_failure(std::string_view state)
{
    // Class 08 is "connection exception", except protocol_violation, which
    // the server reports on a healthy link; 57P01-57P03 are shutdowns.
    if (state.starts_with("08"))
        return state != "08P01";
    return state == "57P01" || state == "57P02" || state == "57P03";
}

Kind kind_of_state(std::string_view state)
{
    if (state == "23505")
        return Kind::UniqueViolation;
    if (state == "23503")
        return Kind::ForeignKeyViolation;
    if (state == "23514")
        return Kind::CheckViolation;
    if (state == "40001" || state == "40P01")
        return Kind::Busy;
    return Kind::Other;
}

std::optional<std::int64_t> parse_integer(std::string_view text)
{
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return number;
}

double parse_real(std::string_view text)
{
    double number = 0;
    std::from_chars(text.data(), text.data() + text.size(), number);
    return number;
}

Value field_value(const PGresult* result, int row, int column)
{
    if (PQgetisnull(result, row, column))
        return Value();
    std::string_view text(PQgetvalue(result, row, column), static_cast<std::size_t>(PQgetlength(result, row, column)));
    switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: return Value(static_cast<long long>(parse_integer(text).value_or(0)));
    case kBoolOid: return Value(text == "t");
    case kFloat4Oid:
    case kFloat8Oid: return Value(parse_real(text));
    case kNumericOid:
        if (auto whole = parse_integer(text))
            return Value(static_cast<long long>(*whole));
        return Value(parse_real(text));
    case kByteaOid: {
        std::size_t length = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text.data()), &length);
        if (bytes == nullptr)
            throw DatabaseError(Kind::Other, "out of memory while reading a bytea value");
        std::string decoded(reinterpret_cast<const char*>(bytes), length);
        PQfreemem(bytes);
        return Value(std::move(decoded));
    }
    default: return Value(text);
    }
}

// The text form PostgreSQL parses back to the same value; to_chars, unlike
// printf, ignores the locale and gives the shortest exact form of a double.
std::string parameter_text(const Value::Variant& value)
{
    if (const auto* integer = std::get_if<std::int64_t>(&value))
        return std::to_string(*integer);
    if (const auto* real = std::get_if<double>(&value)) {
        char buffer[64];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, *real).ptr;
        return std::string(buffer, end);
    }
    return std::get<std::string>(value);
}

}  // namespace

void PostgresConnection::ResultDeleter::operator()(pg_result* result) const
{
    PQclear(result);
}

std::unique_ptr<PostgresConnection> PostgresConnection::connect(const std::string& connection_string)
{
    // Keywords before dbname are defaults the connection string may override;
    // the encoding comes after it, so that it always wins.
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
    const char* values[] = {"10", "boussole", connection_string.c_str(), "UTF8", nullptr};
    PGconn* handle = PQconnectdbParams(keywords, values, 1);
    if (handle == nullptr)
        throw DatabaseError(Kind::Unavailable, "cannot connect to PostgreSQL: out of memory");
    if (PQstatus(handle) != CONNECTION_OK) {
        std::string message = one_line(PQerrorMessage(handle));
        PQfinish(handle);
        throw DatabaseError(Kind::Unavailable, "cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(handle, ignore_notice, nullptr);
    std::unique_ptr<PostgresConnection> connection(new PostgresConnection(handle));
    connection->run_simple("SET TimeZone TO 'UTC'");
    return connection;
}

std::optional<std::string> PostgresConnection::describe(const std::string& connection_string,
                                                        std::string* error_message)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(connection_string.c_str(), &error);
    if (options == nullptr) {
        if (error_message != nullptr)
            *error_message = error != nullptr ? one_line(error) : "out of memory";
        PQfreemem(error);
        return std::nullopt;
    }
    std::string user, host, port, dbname;
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr)
            continue;
        std::string_view keyword(option->keyword);
        if (keyword == "user")
            user = option->val;
        else if (keyword == "host" || (keyword == "hostaddr" && host.empty()))
            host = option->val;
        else if (keyword == "port")
            port = option->val;
        else if (keyword == "dbname")
            dbname = option->val;
    }
    PQconninfoFree(options);
    std::string description = "postgresql://";
    if (!user.empty())
        description += user + "@";
    description += host;
    if (!port.empty())
        description += ":" + port;
    return description + "/" + dbname;
}

PostgresConnection::~PostgresConnection()
{
    PQfinish(m_handle);
}

bool PostgresConnection::healthy() const
{
    return m_healthy && PQstatus(m_handle) == CONNECTION_OK;
}

void PostgresConnection::fail(const pg_result* result, std::string_view sql)
{
    const char* state_field = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string state = state_field != nullptr ? state_field : "";
    std::string message = result != nullptr ? one_line(PQresultErrorMessage(result)) : "";
    if (message.empty())
        message = one_line(PQerrorMessage(m_handle));

    Kind kind = kind_of_state(state);
    if (PQstatus(m_handle) == CONNECTION_BAD || is_connection_failure(state)) {
        m_healthy = false;
        kind = Kind::ConnectionLost;
    }
    throw DatabaseError(kind, message + " (PostgreSQL" + (state.empty() ? "" : " SQLSTATE " + state) +
                                  ", in: " + quote_statement(sql) + ")");
}

void PostgresConnection::check(const ResultHandle& result, std::string_view sql)
{
    ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(result.get(), sql);
}

void PostgresConnection::run_simple(const char* sql)
{
    check(ResultHandle(PQexec(m_handle, sql)), sql);
}

const PostgresConnection::Statement& PostgresConnection::prepare(std::string_view sql)
{
    if (auto found = m_statements.find(sql); found != m_statements.end())
        return found->second;

    Statement statement;
    statement.name = "boussole_" + std::to_string(m_statements.size() + 1);
    std::string text(sql);
    check(ResultHandle(PQprepare(m_handle, statement.name.c_str(), text.c_str(), 0, nullptr)), sql);
    // The server infers the parameters from the markers; their count lets a
    // wrong call fail with a clear message instead of a protocol error.
    ResultHandle description(PQdescribePrepared(m_handle, statement.name.c_str()));
    check(description, sql);
    statement.parameter_count = PQnparams(description.get());
    return m_statements.emplace(std::move(text), std::move(statement)).first->second;
}

PostgresConnection::ResultHandle PostgresConnection::run(std::string_view sql, const Params& params)
{
    const Statement& statement = prepare(sql);
    if (params.size() != static_cast<std::size_t>(statement.parameter_count))
        throw DatabaseError(Kind::Other, "the statement takes " + std::to_string(statement.parameter_count) +
                                             " parameters, " + std::to_string(params.size()) +
                                             " given (in: " + quote_statement(sql) + ")");
    std::vector<std::string> texts;
    std::vector<const char*> pointers;
    texts.reserve(params.size());
    pointers.reserve(params.size());
    for (const Value& value : params) {
        if (value.is_null()) {
            texts.emplace_back();
            pointers.push_back(nullptr);
        } else {
            texts.push_back(parameter_text(value.variant()));
            pointers.push_back(texts.back().c_str());
        }
    }
    ResultHandle result(PQexecPrepared(m_handle, statement.name.c_str(), static_cast<int>(params.size()),
                                       pointers.data(), nullptr, nullptr, 0));
    check(result, sql);
    return result;
}

Rows PostgresConnection::query(std::string_view sql, const Params& params)
{
    ResultHandle result = run(sql, params);
    int column_count = PQnfields(result.get());
    int row_count = PQntuples(result.get());
    std::vector<std::string> columns;
    columns.reserve(static_cast<std::size_t>(column_count));
    for (int column = 0; column < column_count; ++column)
        columns.emplace_back(PQfname(result.get(), column));
    std::vector<std::vector<Value>> values(static_cast<std::size_t>(row_count));
    for (int row = 0; row < row_count; ++row) {
        auto& target = values[static_cast<std::size_t>(row)];
        target.reserve(static_cast<std::size_t>(column_count));
        for (int column = 0; column < column_count; ++column)
            target.push_back(field_value(result.get(), row, column));
    }
    return Rows(std::move(columns), std::move(values));
}

std::int64_t PostgresConnection::execute(std::string_view sql, const Params& params)
{
    ResultHandle result = run(sql, params);
    // libpq counts the rows a SELECT returned; none of them was changed.
    if (std::strncmp(PQcmdStatus(result.get()), "SELECT", 6) == 0)
        return 0;
    return parse_integer(PQcmdTuples(result.get())).value_or(0);
}

void PostgresConnection::execute_script(std::string_view sql)
{
    std::string script(sql);
    check(ResultHandle(PQexec(m_handle, script.c_str())), sql);
}

void PostgresConnection::begin(TransactionMode)
{
    // Read and write transactions are alike on PostgreSQL: row locks are taken
    // by the statements themselves.
    run_simple("BEGIN");
}

void PostgresConnection::commit()
{
    ResultHandle result(PQexec(m_handle, "COMMIT"));
    check(result, "COMMIT");
    if (std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0)
        throw DatabaseError(Kind::Other, "the transaction was rolled back: an earlier statement had failed inside it");
}

void PostgresConnection::rollback()
{
    run_simple("ROLLBACK");
}

}  // namespace boussole::storage
