// /api/v1/session: who am I (GET), sign in with a password (POST), sign out
// (DELETE). The session lives in an HttpOnly cookie; API clients using it send
// the returned csrf_token in X-CSRF-Token with every change.
#include "access/sessions.hpp"
#include "web/api/json_views.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/authentication.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

nlohmann::json principal_json(const RequestContext& context)
{
    const auto& principal = context.principal;
    if (!principal.authenticated())
        return {{"authenticated", false}};
    nlohmann::json scope = nlohmann::json::array();
    for (const auto& key : principal.scope.territories())
        scope.push_back(key.to_string());
    nlohmann::json body{{"authenticated", true},
                        {"kind", context.credential == CredentialKind::ApiToken ? "api_token" : "session"},
                        {"display_name", principal.display_name},
                        {"role", access::to_string(principal.role)},
                        {"role_label", access::label(principal.role)},
                        {"organisation_id", principal.organisation_id ? nlohmann::json(*principal.organisation_id)
                                                                      : nlohmann::json(nullptr)},
                        {"national_scope", principal.scope.national()},
                        {"scope", scope},
                        {"can_write", principal.can_write}};
    if (context.credential == CredentialKind::Session)
        body["csrf_token"] = context.csrf_token;
    return body;
}

http::Response get_session(http::Request& request)
{
    return http::Response::json(200, principal_json(request_context(request)));
}

http::Response post_session(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto email = required_string(*body, "email");
    if (!email.ok())
        return problem_response(email.error(), request);
    auto password = required_string(*body, "password");
    if (!password.ok())
        return problem_response(password.error(), request);
    access::LoginRequest login{*email, *password, request.client_address,
                               std::string(request.header("User-Agent").value_or(""))};
    auto session = access::login(state.database, login, state.sessions);
    if (!session.ok())
        return problem_response(session.error(), request);
    auto response = http::Response::json(201, {{"authenticated", true},
                                               {"user", user_json(session->user)},
                                               {"csrf_token", session->csrf_token},
                                               {"expires_at", core::to_iso8601(session->expires_at)}});
    response.set_cookie(session_cookie(state, session->token));
    return response;
}

http::Response delete_session(AppState& state, http::Request& request)
{
    const auto& context = request_context(request);
    if (context.credential != CredentialKind::Session)
        return problem_response(core::Error::unauthenticated("Aucune session ouverte."), request);
    state.database.write(
        [&](storage::Connection& connection) { access::logout(connection, context.principal, context.session_token); });
    auto response = http::Response::empty(204);
    response.clear_cookie(kSessionCookie);
    return response;
}

}  // namespace

void register_session_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/session", [](http::Request& request) { return get_session(request); });
    router.post("/api/v1/session", [&state](http::Request& request) { return post_session(state, request); });
    router.del("/api/v1/session", [&state](http::Request& request) { return delete_session(state, request); });
}

}  // namespace boussole::web::api
