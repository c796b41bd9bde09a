#pragma once
// Fills the cube from the database and keeps it following: every change of a
// data value writes the transaction's change sequence number on the cell
// (collection/cell_store.hpp), so the cells changed since the cube's
// sequence are one indexed query away, whichever node wrote them.

#include "analytics/cube.hpp"
#include "analytics/territory_layout.hpp"

#include <cstdint>

namespace boussole::storage {
class Connection;
}

namespace boussole::analytics {

struct CatchUp {
    std::int64_t cells = 0;        // cells read and applied
    std::int64_t from = 0;         // the sequence before
    std::int64_t to = 0;           // the sequence after
};

// Applies to cube every cell changed after cube.sequence() and committed
// before the call, then sets the sequence to the last committed number
// (read first, so that a change committed during the catch-up is left to the
// next one rather than half-read). A cube never loaded has sequence -1: the
// first catch-up reads every cell. Throws storage::DatabaseError.
CatchUp catch_up(storage::Connection& connection, const TerritoryLayout& layout, Cube& cube);

// The flags a stored cell gives its aggregates.
std::uint8_t flags_of(std::string_view status, std::string_view origin);

}  // namespace boussole::analytics
