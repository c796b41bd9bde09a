#pragma once
// Targets of the indicators, per territory: a baseline (period and value), a
// target value and a deadline, with a comment. A target is national (set by
// the national administrators, for the nation, a region or a department) or
// local (set by a region's or a department's own actors for a territory of
// their scope: an ARS for its region and the departments in it, a
// department for itself); one of each at most per indicator and territory.
// Every change is a version kept in indicator_target_history and recorded in
// the audit log, in the caller's transaction; a deletion is a version too.
//
// Where a target stands against the indicator's values is trajectory.hpp's
// assess(); this file only keeps the targets. Reading is open to everyone,
// like the catalogue. Thread-safety: the functions are reentrant; each call
// uses the one connection it is given. Database failures throw
// storage::DatabaseError.

#include "access/principal.hpp"
#include "catalogue/catalogue.hpp"
#include "core/clock.hpp"
#include "core/period.hpp"
#include "targets/trajectory.hpp"
#include "territory/registry.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::targets {

enum class TargetScope { National, Local };

const char* to_string(TargetScope scope);  // "national", "local"
const char* label(TargetScope scope);      // "nationale", "locale"
core::Result<TargetScope> parse_target_scope(std::string_view text);

struct Target {
    std::int64_t id = 0;
    std::string indicator;  // catalogue code
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    TargetScope scope = TargetScope::National;
    core::Period baseline_period = core::Period::year(2000);
    double baseline_value = 0;
    core::Period target_period = core::Period::year(2000);  // the deadline
    double target_value = 0;
    std::string comment;
    bool deleted = false;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;  // the author's name
};

// The trajectory of a target, for assess(); the indicator gives the
// direction and the decimals.
Trajectory trajectory_of(const Target& target, const catalogue::Indicator& indicator);

// The target as the API and the audit log show it: id, indicator, territory,
// scope, baseline_period, baseline_value, target_period, target_value,
// comment, deleted, version, updated_at, updated_by.
nlohmann::json to_json(const Target& target);

// What a person or a system sends, checked by set_target. The territory is
// "FR", "REG-84" or "DEP-33"; periods are of the indicator's periodicity.
struct TargetInput {
    std::string indicator;
    std::string territory;
    std::string scope;  // "national" or "local"
    std::string baseline_period;
    std::optional<double> baseline_value;
    std::string target_period;
    std::optional<double> target_value;
    std::string comment;
};

// Creates or changes the target of (indicator, territory, scope).
// expected_version absent: a creation, Conflict when that target exists (a
// deleted one is restored as a new version). expected_version given: a
// change of the existing target, NotFound when there is none, Conflict
// ("La cible a été modifiée par … depuis votre lecture") when it is not the
// current version. Invalid, with every faulty field named (indicator,
// territory, scope, baseline_period, baseline_value, target_period,
// target_value, comment): unknown indicator, unknown territory, a local
// target for the nation, an equity indicator for a department, periods not of
// the indicator's periodicity, a deadline not after the baseline period, a
// missing or non-finite value, a neutral indicator's target equal to its
// baseline, a comment beyond 2 000 characters. Forbidden: a national target
// by anyone but a national administrator; a local target outside the
// writer's scope or by a role that does not edit. A change that changes
// nothing returns the target without a new version.
core::Result<Target> set_target(storage::Connection& connection, const access::Principal& principal,
                                const territory::TerritoryRegistry& registry, const catalogue::Catalogue& catalogue,
                                const TargetInput& input, std::optional<int> expected_version = std::nullopt);

// Deletes a target (a recorded version; it stays in the history). NotFound
// when there is no such target or it is already deleted; Conflict when
// expected_version is given and is not the current version; Forbidden under
// the rules of set_target for that target's scope and territory. Returns
// the target as deleted.
core::Result<Target> delete_target(storage::Connection& connection, const access::Principal& principal, std::int64_t id,
                                   std::optional<int> expected_version = std::nullopt);

// The target of that id, deleted or not; nothing when there is none.
std::optional<Target> find_target(storage::Connection& connection, std::int64_t id);

struct TargetFilter {
    std::string indicator;                             // empty: every indicator
    std::optional<territory::TerritoryKey> territory;  // that territory only
    std::optional<TargetScope> scope;
    bool include_deleted = false;
};

// The targets that match, ordered by indicator, territory and scope
// (national first).
std::vector<Target> find_targets(storage::Connection& connection, const TargetFilter& filter);

struct TargetVersion {
    int version = 1;
    std::string action;  // "create", "update", "delete", "restore"
    core::Period baseline_period = core::Period::year(2000);
    double baseline_value = 0;
    core::Period target_period = core::Period::year(2000);
    double target_value = 0;
    std::string comment;
    core::Timestamp changed_at;
    std::string changed_by;
};

// "création", "modification", "suppression", "rétablissement".
const char* action_label(std::string_view action);

// Every version of one target, newest first. NotFound when there is no such
// target.
core::Result<std::vector<TargetVersion>> target_history(storage::Connection& connection, std::int64_t id);

}  // namespace boussole::targets
