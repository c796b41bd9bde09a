#pragma once
// The middleware that finds out who is behind each request and guards
// state-changing requests made with a session against cross-site forgery.
//
// - "Authorization: Bearer bsl_…" authenticates an information system (API
//   token); a wrong token is refused (401), never treated as anonymous.
// - Otherwise the session cookie, when valid, authenticates a person; an
//   expired or unknown cookie makes the request anonymous and is cleared.
// - POST, PUT, PATCH and DELETE with a session must carry the session's CSRF
//   token (form field "csrf" or header X-CSRF-Token), else 403. Token-based
//   calls need none: a browser never sends a bearer token by itself.

#include "web/app_state.hpp"
#include "web/http/router.hpp"

namespace boussole::web {

http::Middleware authentication_middleware(AppState& state);

// The session cookie for a token, with the instance's cookie attributes.
http::Cookie session_cookie(const AppState& state, const std::string& token);

// True when the request carries the expected CSRF token in the form field or
// the header (constant-time comparison).
bool carries_csrf_token(const http::Request& request, std::string_view expected);

}  // namespace boussole::web
