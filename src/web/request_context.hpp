#pragma once
// Who is behind a request, as the authentication middleware found out: a
// session (cookie), an API token (Authorization: Bearer), or nobody. Handlers
// read it with request_context(request) and pass its principal to the domain.

#include "access/principal.hpp"
#include "web/http/message.hpp"

#include <optional>
#include <string>

namespace boussole::web {

enum class CredentialKind { None, Session, ApiToken };

struct RequestContext {
    access::Principal principal;
    CredentialKind credential = CredentialKind::None;
    std::string session_token;  // the cookie's token, to end the session
    std::string csrf_token;     // the session's CSRF token, for forms
};

// The context the middleware attached; an anonymous one when there is none
// (routes served before the middleware, tests).
const RequestContext& request_context(const http::Request& request);

inline constexpr const char* kSessionCookie = "boussole_session";
// The login form's CSRF token lives in its own cookie (double submit), since
// there is no session yet to hold it.
inline constexpr const char* kLoginCsrfCookie = "boussole_login_csrf";
// The header API clients using a session cookie send the CSRF token in.
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";
// The form field pages send it in.
inline constexpr const char* kCsrfField = "csrf";

}  // namespace boussole::web
