#pragma once
// The national view of simplification: how many conventions, in which
// status, how many commitments each has and per priority, and how that count
// evolved from one recorded version to the next. Only the conventions the
// principal may read are counted (all of them for the national roles).
// Thread-safety: reentrant. Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "territory/registry.hpp"

#include <nlohmann/json.hpp>

namespace boussole::storage {
class Connection;
}

namespace boussole::conventions {

// {"conventions", "by_status": {status: n}, "commitments", "by_priority":
// {code: n}, "commitment_cap", "per_convention": [{"id", "title",
// "territories", "status", "commitments", "versions": [{"number",
// "commitments"}]}]}
nlohmann::json statistics(storage::Connection& connection, const access::Principal& principal,
                          const territory::TerritoryRegistry& registry);

}  // namespace boussole::conventions
