#include "storage/change_sequence.hpp"

#include "storage/database_error.hpp"

namespace boussole::storage {

namespace {

// The row stays locked on PostgreSQL until the commit.
constexpr const char* kNextChangeSequence =
    "UPDATE change_sequences SET last_value = last_value + 1 WHERE name = 'data_values' RETURNING last_value";
// On kChangeSequenceChannel.
constexpr const char* kNotifyChange = "SELECT pg_notify('boussole_data_values', '') AS sent";

}  // namespace

std::int64_t take_change_sequence(Connection& connection)
{
    if (auto taken = connection.change_sequence())
        return *taken;
    auto rows = connection.query(kNextChangeSequence);
    if (rows.empty())
        throw DatabaseError(DatabaseError::Kind::Schema, "change_sequences has no data_values row");
    auto sequence = rows.front().integer("last_value");
    connection.set_change_sequence(sequence);
    // Delivered by PostgreSQL at the commit, to the other nodes.
    if (connection.backend() == Backend::Postgres)
        connection.query(kNotifyChange);
    return sequence;
}

}  // namespace boussole::storage
