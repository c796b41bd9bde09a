#pragma once
// The catalogue snapshot the analytics endpoints compute with, read again
// only when the catalogue changed. Loading it is most of the cost of a
// dashboard answer; whether it changed is one small query on counts,
// versions and last changes (every catalogue change is a version with its
// time), so a change made on another node is seen at the next request.
// Thread-safe.

#include "catalogue/catalogue.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
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
    // Throws storage::DatabaseError.
    Snapshot current(storage::Connection& connection);

private:
    std::mutex m_mutex;
    std::string m_stamp;
    Snapshot m_snapshot;
};

}  // namespace boussole::web
