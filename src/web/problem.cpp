#include "web/problem.hpp"

#include <nlohmann/json.hpp>

namespace boussole::web {

int status_of(core::ErrorCode code)
{
    switch (code) {
    case core::ErrorCode::Invalid: return 422;
    case core::ErrorCode::NotFound: return 404;
    case core::ErrorCode::Conflict: return 409;
    case core::ErrorCode::Unauthenticated: return 401;
    case core::ErrorCode::Forbidden: return 403;
    case core::ErrorCode::TooManyRequests: return 429;
    case core::ErrorCode::PayloadTooLarge: return 413;
    case core::ErrorCode::UnsupportedMediaType: return 415;
    case core::ErrorCode::Unavailable: return 503;
    }
    return 400;
}

http::Response problem_response(const core::Error& error, const http::Request& request)
{
    int status = status_of(error.code);
    nlohmann::json extra{{"code", core::to_string(error.code)}, {"request_id", request.request_id}};
    if (!error.fields.empty()) {
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& field : error.fields) {
            nlohmann::json entry{{"field", field.field}, {"message", field.message}};
            if (field.line)
                entry["line"] = *field.line;
            if (field.value)
                entry["value"] = *field.value;
            fields.push_back(std::move(entry));
        }
        extra["errors"] = std::move(fields);
    }
    auto response = http::Response::problem(status, std::string(http::status_title(status)), error.message, extra);
    if (status == 401)
        response.set_header("WWW-Authenticate", "Bearer realm=\"boussole\"");
    return response;
}

http::Response json_or_problem(const core::Result<nlohmann::json>& answer, const http::Request& request, int status)
{
    if (!answer.ok())
        return problem_response(answer.error(), request);
    return http::Response::json(status, *answer);
}

}  // namespace boussole::web
