#include "core/error.hpp"

namespace boussole::core {

const char* to_string(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Invalid: return "invalid";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::TooManyRequests: return "too_many_requests";
    case ErrorCode::PayloadTooLarge: return "payload_too_large";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::Unavailable: return "unavailable";
    }
    return "invalid";
}

}  // namespace boussole::core
