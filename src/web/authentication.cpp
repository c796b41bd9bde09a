#include "web/authentication.hpp"

#include "access/api_tokens.hpp"
#include "access/secrets.hpp"
#include "web/http/multipart.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <spdlog/spdlog.h>

namespace boussole::web {

namespace {

bool changes_state(http::Method method)
{
    return method == http::Method::Post || method == http::Method::Put || method == http::Method::Patch ||
           method == http::Method::Delete;
}

bool is_api(const http::Request& request)
{
    return request.path.rfind("/api/", 0) == 0;
}

// Routes a session may post to without its CSRF token: the login form has its
// own double-submit token (pages/login.cpp).
bool exempt_from_session_csrf(const http::Request& request)
{
    return request.path == "/connexion" || (request.path == "/api/v1/session" && request.method == http::Method::Post);
}

http::Response forbidden_csrf(const http::Request& request)
{
    return problem_response(core::Error::forbidden("Jeton anti-falsification (CSRF) absent ou invalide : rechargez "
                                                   "la page et recommencez."),
                            request);
}

}  // namespace

http::Cookie session_cookie(const AppState& state, const std::string& token)
{
    http::Cookie cookie;
    cookie.name = kSessionCookie;
    cookie.value = token;
    cookie.secure = state.secure_cookies;
    return cookie;
}

bool carries_csrf_token(const http::Request& request, std::string_view expected)
{
    if (expected.empty())
        return false;
    if (auto header = request.header(kCsrfHeader); header && access::constant_time_equals(*header, expected))
        return true;
    auto form = request.form();
    if (form.ok())
        if (auto field = form->get(kCsrfField); field && access::constant_time_equals(*field, expected))
            return true;
    // A form with a file input (the CSV upload) arrives as multipart/form-data.
    if (auto type = request.header("Content-Type"); type && http::is_multipart_form_data(*type)) {
        auto parts = http::parse_multipart(*type, request.body);
        if (parts.ok())
            if (const auto* field = http::find_part(*parts, kCsrfField);
                field && access::constant_time_equals(field->content, expected))
                return true;
    }
    return false;
}

http::Middleware authentication_middleware(AppState& state)
{
    return [&state](http::Request& request, const http::Handler& next) -> http::Response {
        RequestContext context;
        context.principal.request_id = request.request_id;
        bool clear_cookie = false;

        if (auto authorization = request.header("Authorization")) {
            std::string_view value = *authorization;
            constexpr std::string_view kBearer = "Bearer ";
            if (value.substr(0, kBearer.size()) != kBearer)
                return problem_response(core::Error::unauthenticated("En-tête Authorization non reconnu : attendu "
                                                                     "« Bearer <jeton d'API> »."),
                                        request);
            auto secret = value.substr(kBearer.size());
            auto principal = state.database.write([&](storage::Connection& connection) {
                return access::authenticate_api_token(connection, state.registry, secret);
            });
            if (!principal.ok())
                return problem_response(principal.error(), request);
            context.principal = std::move(principal).value();
            context.principal.request_id = request.request_id;
            context.credential = CredentialKind::ApiToken;
        } else if (auto cookie = request.cookie(kSessionCookie); cookie && !cookie->empty()) {
            std::string token(*cookie);
            auto session = state.database.write([&](storage::Connection& connection) {
                return access::authenticate_session(connection, state.registry, token, state.sessions);
            });
            if (session.ok()) {
                context.principal = std::move(session->principal);
                context.principal.request_id = request.request_id;
                context.credential = CredentialKind::Session;
                context.session_token = token;
                context.csrf_token = session->csrf_token;
            } else {
                clear_cookie = true;
            }
        }

        if (context.credential == CredentialKind::Session && changes_state(request.method) &&
            !exempt_from_session_csrf(request) && !carries_csrf_token(request, context.csrf_token)) {
            spdlog::warn("[{}] CSRF token missing or wrong for {} {}", request.request_id, request.method_name,
                         request.path);
            return forbidden_csrf(request);
        }

        request.context = std::move(context);
        http::Response response = next(request);
        if (clear_cookie && !is_api(request))
            response.clear_cookie(kSessionCookie);
        return response;
    };
}

}  // namespace boussole::web
