#pragma once
// Expected failures of Boussole as values. One place (web/problem.cpp) maps the
// codes to HTTP statuses; everything else only says what went wrong, in French,
// for the person who has to fix it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace boussole::core {

enum class ErrorCode {
    Invalid,               // the input breaks a rule; the message says which and what is expected
    NotFound,              // the thing asked for does not exist (or is not visible to the caller)
    Conflict,              // stale version, duplicate, state that forbids the change
    Unauthenticated,       // no valid session or token
    Forbidden,             // authenticated, but outside the caller's role or territories
    TooManyRequests,       // throttled (login attempts)
    PayloadTooLarge,       // body beyond the configured limit
    UnsupportedMediaType,  // a body in a format the operation does not read
    Unavailable,           // a dependency is down (database); try again later
};

// One faulty field of an input, with the line when the input is a file.
struct FieldError {
    std::string field;
    std::string message;
    std::optional<long> line;
    std::optional<std::string> value;
};

struct Error {
    ErrorCode code = ErrorCode::Invalid;
    std::string message;
    std::vector<FieldError> fields;

    static Error invalid(std::string message, std::vector<FieldError> fields = {})
    {
        return {ErrorCode::Invalid, std::move(message), std::move(fields)};
    }
    static Error not_found(std::string message) { return {ErrorCode::NotFound, std::move(message), {}}; }
    static Error conflict(std::string message) { return {ErrorCode::Conflict, std::move(message), {}}; }
    static Error unauthenticated(std::string message) { return {ErrorCode::Unauthenticated, std::move(message), {}}; }
    static Error forbidden(std::string message) { return {ErrorCode::Forbidden, std::move(message), {}}; }
    static Error too_many_requests(std::string message) { return {ErrorCode::TooManyRequests, std::move(message), {}}; }
    static Error unavailable(std::string message) { return {ErrorCode::Unavailable, std::move(message), {}}; }
    static Error unsupported_media_type(std::string message)
    {
        return {ErrorCode::UnsupportedMediaType, std::move(message), {}};
    }
};

// A short stable name for logs and API "code" members: "invalid", "not_found"...
const char* to_string(ErrorCode code);

}  // namespace boussole::core
