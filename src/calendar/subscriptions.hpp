#pragma once
// Subscription URLs: a secret, revocable address of a territory's common
// calendar as iCalendar, for Outlook or Thunderbird, which cannot sign in.
// Only the secret's SHA-256 is stored; the secret is shown once, at creation.
//
// Thread-safety: reentrant; each call uses the connection it is given.
// Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::calendar {

struct Subscription {
    std::int64_t id = 0;
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    std::string label;
    core::Timestamp created_at;
    std::string created_by;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> token_id;
    std::optional<core::Timestamp> revoked_at;
    // Set: the events this organisation holds or attends, wherever they are;
    // unset: the territory's common calendar.
    std::optional<std::int64_t> organisation_id;
};

nlohmann::json to_json(const Subscription& subscription);

struct CreatedSubscription {
    Subscription subscription;
    std::string secret;  // shown once; the URL is built from it
};

// Invalid (field "territory") for an unknown territory, ("organisation_id")
// for an unknown organisation; Unauthenticated for nobody. With an
// organisation, the territory may be empty.
core::Result<CreatedSubscription> create_subscription(storage::Connection& connection,
                                                      const access::Principal& principal,
                                                      const territory::TerritoryRegistry& registry,
                                                      std::string_view territory,
                                                      std::optional<std::int64_t> organisation_id = std::nullopt);

// The live subscriptions a person created, the latest first.
std::vector<Subscription> subscriptions_of(storage::Connection& connection, const access::Principal& principal);

// Revokes one; NotFound when there is none or it is revoked already;
// Forbidden unless the principal created it or is a national administrator.
core::Result<Subscription> revoke_subscription(storage::Connection& connection, const access::Principal& principal,
                                               std::int64_t id);

// The live subscription of a secret; nothing when unknown or revoked.
std::optional<Subscription> find_live_subscription(storage::Connection& connection, std::string_view secret);

}  // namespace boussole::calendar
