#pragma once
// Accounts. A user belongs to one organisation and has one role; what they may
// do and where follows from both (policy.hpp). Accounts are never deleted, only
// disabled, so that the audit log keeps pointing at someone.

#include "access/principal.hpp"
#include "core/clock.hpp"
#include "core/page.hpp"

#include <optional>
#include <string>

namespace boussole::access {

struct User {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    std::int64_t organisation_id = 0;
    std::string organisation_name;
    Role role = Role::TerritorialReader;
    bool active = true;
    bool synthetic = false;  // a demo account
    int version = 1;
    core::Timestamp created_at;
    std::optional<core::Timestamp> last_login_at;
};

struct NewUser {
    std::string email;
    std::string display_name;
    std::string organisation;  // slug or numeric id
    std::string role;
    std::string password;
    bool synthetic = false;
};

// National administrators (or the system) create accounts. Checks the address,
// the name, the password rules, the organisation, and that national roles go
// to an organisation with national coverage.
core::Result<User> create_user(storage::Connection& connection, const Principal& principal, const NewUser& user);

core::Result<User> find_user(storage::Connection& connection, std::int64_t id);
core::Result<User> find_user_by_email(storage::Connection& connection, std::string_view email);

struct UserQuery {
    std::string search;  // in name and address
    std::optional<std::int64_t> organisation_id;
    std::optional<bool> active;
    core::PageRequest page;
};

// National administrators see every account; anyone else the accounts of
// their own organisation.
core::Result<core::Page<User>> list_users(storage::Connection& connection, const Principal& principal,
                                          const UserQuery& query);

struct UserChanges {
    std::optional<std::string> display_name;
    std::optional<std::string> role;
    std::optional<bool> active;
};

// National administrators only. expected_version guards against overwriting a
// concurrent change (Conflict). Disabling an account ends its sessions.
core::Result<User> update_user(storage::Connection& connection, const Principal& principal, std::int64_t id,
                               int expected_version, const UserChanges& changes);

// Builds the principal of an active user (role and scope from the
// organisation's coverage).
Principal principal_for_user(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                             const User& user);

// Normalises an address for storage and comparison: trimmed, lower case.
std::string normalise_email(std::string_view email);
core::Status check_email(std::string_view email);

}  // namespace boussole::access
