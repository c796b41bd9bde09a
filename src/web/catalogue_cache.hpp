#pragma once
// The catalogue snapshot the analytics endpoints compute with, read again
// only when the catalogue changed. Loading it is most of the cost of a
// dashboard answer; whether it changed is one small query on counts,
// versions and last changes (every catalogue change is a version with its
// time). Every catalogue change also takes a change sequence number
// (storage/change_sequence.hpp), which the analytics follow on every node:
// while their sequence has not moved since the last check, even that query
// is spared. Thread-safe.

#include "catalogue/catalogue.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace boussole::storage {
class Connection;
}

namespace boussole::web {

class CatalogueCache {
public:
    struct Snapshot {
        std::shared_ptr<const catalogue::Catalogue> catalogue;
        std::uint64_t fingerprint = 0;  // analytics::fingerprint
    };

    // The current catalogue, loaded when it changed since the last call.
    // sequence: the analytics sequence read before the call, recorded as
    // checked. Throws storage::DatabaseError.
    Snapshot current(storage::Connection& connection, std::int64_t sequence);

    // The snapshot checked at sequence, when the last check was at that
    // sequence: nothing in the catalogue changed since.
    std::optional<Snapshot> checked_at(std::int64_t sequence);

private:
    std::mutex m_mutex;
    std::string m_stamp;
    Snapshot m_snapshot;
    std::int64_t m_checked_sequence = -1;
};

}  // namespace boussole::web
