#pragma once
// The storage of targets, for targets.cpp only: every change writes the next
// version of the row and its history row together, so that indicator_targets
// and indicator_target_history never disagree. No rule is checked here;
// targets.cpp checks first. Writes name the version they start from and
// report whether the row was still at it (optimistic concurrency: a second
// writer of the same version changes nothing and is told so).

#include "access/principal.hpp"
#include "targets/targets.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace boussole::storage {
class Connection;
}

namespace boussole::targets::rows {

// Who writes a version, and when.
struct Author {
    std::string name;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> token_id;
    core::Timestamp at;

    static Author of(const access::Principal& principal);
};

std::optional<Target> select_by_id(storage::Connection& connection, std::int64_t id);
std::optional<Target> select_by_key(storage::Connection& connection, std::string_view indicator,
                                    const territory::TerritoryKey& territory, TargetScope scope);
std::vector<Target> select(storage::Connection& connection, const TargetFilter& filter);

// Inserts target at version 1; nothing when a row of the same (indicator,
// territory, scope) appeared meanwhile. Returns the target as saved.
std::optional<Target> insert(storage::Connection& connection, Target target, const Author& author);

// Writes target (id, content, deleted) as the version after from_version;
// nothing when the row is no longer at from_version. Returns the target as
// saved. action: "update", "delete" or "restore".
std::optional<Target> update(storage::Connection& connection, Target target, int from_version, std::string_view action,
                             const Author& author);

std::vector<TargetVersion> history(storage::Connection& connection, std::int64_t id);

}  // namespace boussole::targets::rows
