#pragma once
// Reading one account with the same visibility as list_users: a national
// administrator sees every account, anyone else the accounts of their own
// organisation. Kept apart from users.hpp so that pages and the API share one
// check instead of calling find_user and deciding for themselves.

#include "access/users.hpp"

namespace boussole::access {

// Unauthenticated for nobody; NotFound when there is no such account;
// Forbidden when it belongs to another organisation and the principal is not
// a national administrator. Throws storage::DatabaseError.
core::Result<User> view_user(storage::Connection& connection, const Principal& principal, std::int64_t id);

}  // namespace boussole::access
