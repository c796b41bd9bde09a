#pragma once
// A Connection to one PostgreSQL database through libpq. Each statement is
// prepared once per connection (named server-side statement) and run with
// text parameters; results come back as the Values of value.hpp:
//   int2, int4, int8, oid        → integer
//   bool                         → integer 0/1
//   numeric                      → integer when it is a whole number that fits
//                                  (sum() of bigint, numeric literals like 12),
//                                  real otherwise; float4, float8 → real
//   bytea                        → its bytes as text
//   anything else                → text (dates, json, uuid… in PostgreSQL's
//                                  text form)
//
// The session runs in UTF-8 with TimeZone=UTC. A failure that leaves the link
// to the server broken throws DatabaseError(ConnectionLost) and makes
// healthy() false, so that the pool discards the connection.

#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

struct pg_conn;
struct pg_result;

namespace boussole::storage {

class PostgresConnection final : public Connection {
public:
    // Connects with a libpq URL ("postgresql://user@host:port/name") or a
    // key=value string. Throws DatabaseError(Unavailable) with libpq's reason.
    static std::unique_ptr<PostgresConnection> connect(const std::string& connection_string);

    // How connection_string reads in a log: "postgresql://user@host:port/name",
    // never with a password. nullopt when libpq cannot parse it; error_message
    // then receives libpq's reason.
    static std::optional<std::string> describe(const std::string& connection_string,
                                               std::string* error_message = nullptr);

    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Backend backend() const override { return Backend::Postgres; }
    Rows query(std::string_view sql, const Params& params = {}) override;
    std::int64_t execute(std::string_view sql, const Params& params = {}) override;
    void execute_script(std::string_view sql) override;
    void begin(TransactionMode mode) override;  // BEGIN for both modes
    // Throws DatabaseError(Other) when an earlier error had already aborted the
    // transaction: PostgreSQL then rolls back, and the caller must know.
    void commit() override;
    void rollback() override;
    bool healthy() const override;

private:
    struct Statement {
        std::string name;
        int parameter_count = 0;
    };
    struct ResultDeleter {
        void operator()(pg_result* result) const;
    };
    using ResultHandle = std::unique_ptr<pg_result, ResultDeleter>;
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    explicit PostgresConnection(pg_conn* handle) : m_handle(handle) {}

    const Statement& prepare(std::string_view sql);
    ResultHandle run(std::string_view sql, const Params& params);
    // Throws the DatabaseError for a failed result (or a null one).
    [[noreturn]] void fail(const pg_result* result, std::string_view sql);
    void check(const ResultHandle& result, std::string_view sql);
    void run_simple(const char* sql);

    pg_conn* m_handle;
    std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> m_statements;
    bool m_healthy = true;
};

}  // namespace boussole::storage
