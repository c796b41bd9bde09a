// Sign-in and sign-out pages. The login form is protected against cross-site
// submission by a double-submit token: a random value in a cookie of its own
// and in a hidden field, which must match.
#include "access/secrets.hpp"
#include "access/sessions.hpp"
#include "web/authentication.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

// Only paths of this site, never "//host" or "https://…": an open redirect
// would let a link send someone elsewhere after signing in.
std::string safe_next(std::string_view next)
{
    if (next.size() > 1 && next.size() < 500 && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
        next.find_first_of("\r\n") == std::string_view::npos)
        return std::string(next);
    return "/";
}

http::Cookie login_csrf_cookie(const AppState& state, const std::string& value)
{
    http::Cookie cookie;
    cookie.name = kLoginCsrfCookie;
    cookie.value = value;
    cookie.path = "/connexion";
    cookie.secure = state.secure_cookies;
    cookie.max_age = std::chrono::hours(2);
    return cookie;
}

http::Response login_form(AppState& state, http::Request& request, const std::string& email, const std::string& next,
                          std::optional<core::Error> error)
{
    std::string token(request.cookie(kLoginCsrfCookie).value_or(""));
    bool new_token = token.size() != 43;
    if (new_token)
        token = access::random_token();
    nlohmann::json context{{"email", email},
                           {"next", next},
                           {"login_csrf", token},
                           {"error", error ? nlohmann::json(error->message) : nlohmann::json(nullptr)},
                           {"demo", state.demo}};
    PageMeta meta;
    meta.title = "Connexion";
    meta.breadcrumbs = {{"Connexion", ""}};
    meta.status = error ? status_of(error->code) : 200;
    auto response = render_page(state, request, "login", context, meta);
    if (new_token)
        response.set_cookie(login_csrf_cookie(state, token));
    return response;
}

http::Response show_login(AppState& state, http::Request& request)
{
    if (request_context(request).principal.authenticated())
        return http::Response::redirect(303, safe_next(request.query_param("suite").value_or("/")));
    return login_form(state, request, "", safe_next(request.query_param("suite").value_or("/")), std::nullopt);
}

http::Response submit_login(AppState& state, http::Request& request)
{
    auto form = request.form();
    if (!form.ok())
        return login_form(state, request, "", "/", form.error());
    std::string email(form->get("email").value_or(""));
    std::string next = safe_next(form->get("suite").value_or("/"));
    auto cookie_token = request.cookie(kLoginCsrfCookie).value_or("");
    auto field_token = form->get(kCsrfField).value_or("");
    if (cookie_token.empty() || !access::constant_time_equals(cookie_token, field_token))
        return login_form(state, request, email, next,
                          core::Error::forbidden("Le formulaire a expiré ou n'a pas été envoyé depuis Boussole : "
                                                 "rechargez la page et recommencez."));
    access::LoginRequest login{email, std::string(form->get("password").value_or("")), request.client_address,
                               std::string(request.header("User-Agent").value_or(""))};
    auto session = access::login(state.database, login, state.sessions);
    if (!session.ok())
        return login_form(state, request, email, next, session.error());
    auto response = redirect_with_message(next, "connecte");
    response.set_cookie(session_cookie(state, session->token));
    auto spent = login_csrf_cookie(state, "");
    spent.max_age = std::chrono::seconds(0);
    response.set_cookie(spent);
    return response;
}

http::Response logout(AppState& state, http::Request& request)
{
    const auto& context = request_context(request);
    if (context.credential == CredentialKind::Session)
        state.database.write([&](storage::Connection& connection) {
            access::logout(connection, context.principal, context.session_token);
        });
    auto response = redirect_with_message("/", "deconnecte");
    response.clear_cookie(kSessionCookie);
    return response;
}

}  // namespace

void register_login_routes(http::Router& router, AppState& state)
{
    router.get("/connexion", [&state](http::Request& request) { return show_login(state, request); });
    router.post("/connexion", [&state](http::Request& request) { return submit_login(state, request); });
    router.post("/deconnexion", [&state](http::Request& request) { return logout(state, request); });
}

}  // namespace boussole::web::pages
