#pragma once
// What happens to every request at the edge of the program, whatever carries
// it: the request id, the decoding of the target, the run of the router with
// exceptions turned into a 500, the headers every response gets and the access
// log line. The server calls these around the socket work; they hold no state
// and are safe to call from any thread.

#include "web/http/message.hpp"
#include "web/http/router.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace boussole::http {

// The security headers sent with every response that does not set its own.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// 16 random lower-case hex characters.
std::string random_request_id();

// An incoming X-Request-Id is kept when it is 8 to 64 characters of letters,
// digits, '-', '_' and '.', so that a proxy's id follows the request into our
// logs; anything else could forge log lines and is replaced.
bool is_sane_request_id(std::string_view id);
std::string choose_request_id(std::optional<std::string_view> incoming);

// Fills path, query and cookies from target and headers, which the caller has
// set. Percent-decoding never fails (see percent_decode).
void complete_request(Request& request);

// Runs the router. An exception from a handler or middleware is logged with
// the request id and its text, and answered with a French 500 problem that
// carries the request id and nothing of the exception.
Response run_handler(const Router& router, Request& request, const RouteMatch& match);

Response internal_error(std::string_view request_id);

// What is wrong with a request whose header the wire parser accepted, in
// French, or an empty string: a target that is not a path, no Host in
// HTTP/1.1, a Transfer-Encoding other than chunked (which a proxy in front
// could read differently: request smuggling).
std::string request_shape_error(const Request& request, unsigned version, bool chunked);

// The French detail of the refusals the transport answers itself: 400, 413
// (with the limit that applied), 431 and 505.
std::string refusal_detail(int status, std::size_t body_limit);

// Adds what every response carries: X-Request-Id, Date, the security headers
// (each only when the response has not set it, so that a page may relax its
// Content-Security-Policy), and Cache-Control: no-store when the response says
// nothing about caching, since pages hold personal data. Also drops
// Content-Length and Transfer-Encoding, which the server computes itself.
void finish_response(Response& response, std::string_view request_id);

// Bytes as they may be written in a log line: control characters and quotes
// escaped, at most max_length bytes, so that a request cannot forge lines.
std::string printable_for_log(std::string_view text, std::size_t max_length = 512);

// One line per request: method, path, status, body bytes, duration, request id.
void log_access(std::string_view method, std::string_view path, int status, std::size_t bytes, double milliseconds,
                std::string_view request_id);

}  // namespace boussole::http
