#pragma once
// The access rules, checked by the domain operations themselves (not only by
// pages): an API call and a form reach the same check. Each returns an ok
// Status or a Forbidden / Unauthenticated error whose message says why, in
// French.

#include "access/principal.hpp"

#include <string_view>
#include <vector>

namespace boussole::access {

core::Status require_authenticated(const Principal& principal);

// what completes "Seuls les administrateurs nationaux peuvent …".
core::Status require_national_admin(const Principal& principal, std::string_view what);

// Writing data that belongs to territories: a national administrator anywhere,
// a territorial editor (or an API token with write permission) only when every
// territory lies within its scope. what completes "… pour modifier …".
core::Status require_territorial_write(const Principal& principal,
                                       const std::vector<territory::TerritoryKey>& territories, std::string_view what);

// Reading restricted data about a territory.
core::Status require_territorial_read(const Principal& principal, const territory::TerritoryKey& territory);

}  // namespace boussole::access
