#pragma once
// Password sign-in and server-side sessions. The browser holds a random token
// in an HttpOnly cookie; the database holds only its SHA-256, the user, the
// CSRF token of the session and the expiry. Failed attempts are counted per
// address and per client so that guessing is throttled.

#include "access/users.hpp"
#include "storage/database.hpp"

#include <chrono>

namespace boussole::access {

struct SessionSettings {
    std::chrono::minutes idle_timeout{120};
    std::chrono::hours absolute_timeout{12};
    int max_failures_per_email = 5;     // within the window, then refused
    int max_failures_per_address = 20;  // from one client address
    std::chrono::minutes throttle_window{15};
};

struct LoginRequest {
    std::string email;
    std::string password;
    std::string client_address;
    std::string user_agent;
};

struct OpenedSession {
    std::string token;       // goes into the cookie, never stored
    std::string csrf_token;  // goes into every form of the session
    User user;
    core::Timestamp expires_at;
};

// Unauthenticated ("Adresse ou mot de passe incorrect.") for a wrong address,
// a wrong password or a disabled account alike; TooManyRequests when
// throttled. Runs its own write transaction, committed whatever the outcome:
// a failed attempt must stay counted.
core::Result<OpenedSession> login(storage::Database& database, const LoginRequest& request,
                                  const SessionSettings& settings = {});

struct SessionContext {
    Principal principal;
    std::string csrf_token;
    core::Timestamp expires_at;
};

// The session of a cookie token. Unauthenticated when unknown, expired, or
// when its account was disabled. Extends the idle expiry (at most once a
// minute, to spare writes).
core::Result<SessionContext> authenticate_session(storage::Connection& connection,
                                                  const territory::TerritoryRegistry& registry, std::string_view token,
                                                  const SessionSettings& settings = {});

// A signed-in person changes their own password, giving the current one. A
// wrong current password counts as a failed sign-in of the account, so that
// a stolen session cannot be used to guess it: past the limit the change is
// refused (TooManyRequests). Other sessions of the account are closed. Runs
// its own write transaction, committed whatever the outcome.
core::Status change_own_password(storage::Database& database, const Principal& principal,
                                 std::string_view current_password, std::string_view new_password,
                                 const SessionSettings& settings = {});

// Ends the session of a token (no error when there is none).
void logout(storage::Connection& connection, const Principal& principal, std::string_view token);

// Removes expired sessions and old login attempts; returns how many rows went.
std::int64_t purge_expired(storage::Connection& connection, const SessionSettings& settings = {});

}  // namespace boussole::access
