#pragma once
// Failures of the database itself. They are exceptions because a caller cannot
// carry on; the kinds that an expected situation can cause (a unique key taken
// by a concurrent write) are told apart so that the domain can map them.

#include <stdexcept>
#include <string>

namespace boussole::storage {

class DatabaseError : public std::runtime_error {
public:
    enum class Kind {
        UniqueViolation,
        ForeignKeyViolation,
        CheckViolation,
        Busy,            // SQLite lock timeout, PostgreSQL serialization failure or deadlock
        ConnectionLost,  // the server went away; the pool drops the connection
        Unavailable,     // no connection could be obtained in time
        Schema,          // a migration or a column access does not match the schema
        Other,
    };

    DatabaseError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

}  // namespace boussole::storage
