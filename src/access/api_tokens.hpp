#pragma once
// API tokens for information systems (SI MDPH, an ARS data warehouse…). A token
// acts for one organisation, within its territories, with read or read+write
// permission. Its secret is shown once at creation; the database keeps its
// SHA-256. Tokens are revoked, never deleted.

#include "access/principal.hpp"
#include "core/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::access {

struct ApiToken {
    std::int64_t id = 0;
    std::string name;
    std::int64_t organisation_id = 0;
    std::string organisation_name;
    std::string prefix;  // "bsl_Ab12Cd34…", to recognise a token without its secret
    bool can_write = false;
    core::Timestamp created_at;
    std::optional<core::Timestamp> expires_at;
    std::optional<core::Timestamp> revoked_at;
    std::optional<core::Timestamp> last_used_at;
};

struct NewApiToken {
    ApiToken token;
    std::string secret;  // "bsl_…": give it to the information system, it is not shown again
};

struct ApiTokenRequest {
    std::string name;
    std::int64_t organisation_id = 0;
    bool can_write = false;
    std::optional<core::Timestamp> expires_at;
};

// National administrators for any organisation; territorial editors for their
// own organisation only.
core::Result<NewApiToken> create_api_token(storage::Connection& connection, const Principal& principal,
                                           const ApiTokenRequest& request);

// The tokens the principal may manage (all for national administrators).
core::Result<std::vector<ApiToken>> list_api_tokens(storage::Connection& connection, const Principal& principal);

core::Status revoke_api_token(storage::Connection& connection, const Principal& principal, std::int64_t id);

// The principal of a bearer secret: Unauthenticated when unknown, revoked or
// expired. Records the last use (at most once a minute).
core::Result<Principal> authenticate_api_token(storage::Connection& connection,
                                               const territory::TerritoryRegistry& registry, std::string_view secret);

}  // namespace boussole::access
