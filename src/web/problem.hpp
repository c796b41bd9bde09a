#pragma once
// The one place where expected failures become HTTP answers: the status of
// each error code, and the RFC 9457 problem document with the French message
// and, for invalid input, every faulty field.

#include "core/error.hpp"
#include "core/result.hpp"
#include "web/http/message.hpp"

namespace boussole::web {

int status_of(core::ErrorCode code);

// application/problem+json: title (the status in French), detail (the
// message), code, request_id, and errors [{field, message, line, value}].
http::Response problem_response(const core::Error& error, const http::Request& request);

// The answer of a handler whose work ends in a JSON document or an error.
http::Response json_or_problem(const core::Result<nlohmann::json>& answer, const http::Request& request,
                               int status = 200);

}  // namespace boussole::web
