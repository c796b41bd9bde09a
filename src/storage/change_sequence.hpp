#pragma once
// The change sequence: one number per committed transaction that changes
// what the analytics answer with — data values, but also the catalogue's
// rules and formulas and the targets (schema/0003_analytics.sql). Each
// node's analytics follow it (by the commit listener of Database on the
// writing node, by notifications on the others), so a node knows without a
// query that nothing it answers from has changed while the number stays the
// same.
//
// Taking it locks the counter row until the commit on PostgreSQL: numbers
// commit in order, and a catch-up up to the last committed number never
// skips one. Writers take it before locking anything else, so that they
// always lock in the same order.

#include "storage/connection.hpp"

#include <cstdint>

namespace boussole::storage {

// The transaction's number, taken at its first call and kept by the
// connection (Connection::change_sequence) for the commit listeners; on
// PostgreSQL it also sends the notification the other nodes listen to.
// Throws DatabaseError when the schema has no counter.
std::int64_t take_change_sequence(Connection& connection);

// The channel of that notification.
inline constexpr const char* kChangeSequenceChannel = "boussole_data_values";

}  // namespace boussole::storage
