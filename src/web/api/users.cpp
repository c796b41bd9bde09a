// Accounts: the list (every account for national administrators, one's own
// organisation for others), one account, creation and changes by national
// administrators, and the signed-in person changing their own password.
#include "access/users.hpp"
#include "access/sessions.hpp"

#include "access/user_lookup.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

core::Result<access::UserQuery> user_query(const http::Request& request)
{
    access::UserQuery query;
    auto search = text_query(request, "q");
    if (!search.ok())
        return std::move(search).error();
    auto organisation = id_query(request, "organisation_id");
    if (!organisation.ok())
        return std::move(organisation).error();
    auto active = bool_query(request, "active");
    if (!active.ok())
        return std::move(active).error();
    auto page = page_parameters(request);
    if (!page.ok())
        return std::move(page).error();
    query.search = *search;
    query.organisation_id = *organisation;
    query.active = *active;
    query.page = *page;
    return query;
}

http::Response list_users(AppState& state, http::Request& request)
{
    auto query = user_query(request);
    if (!query.ok())
        return problem_response(query.error(), request);
    auto page = state.database.read([&](storage::Connection& connection) {
        return access::list_users(connection, request_context(request).principal, *query);
    });
    if (!page.ok())
        return problem_response(page.error(), request);
    return http::Response::json(200, page_json(*page, [](const access::User& user) { return user_json(user); }));
}

core::Result<access::NewUser> new_user(const nlohmann::json& body)
{
    BOUSSOLE_TRY(only_members(body, {"email", "display_name", "organisation", "organisation_id", "role", "password"}));
    auto email = required_string(body, "email");
    if (!email.ok())
        return std::move(email).error();
    auto display_name = required_string(body, "display_name");
    if (!display_name.ok())
        return std::move(display_name).error();
    auto role = required_string(body, "role");
    if (!role.ok())
        return std::move(role).error();
    auto password = required_string(body, "password");
    if (!password.ok())
        return std::move(password).error();
    // The organisation by its number (as in GET /users?organisation_id=) or by
    // its code (as in /actors/{id}), whichever the client has at hand.
    auto organisation_id = optional_id(body, "organisation_id");
    if (!organisation_id.ok())
        return std::move(organisation_id).error();
    auto organisation = optional_string(body, "organisation");
    if (!organisation.ok())
        return std::move(organisation).error();
    if (!*organisation_id && !*organisation)
        return core::Error::invalid(
            "Indiquez l'organisation du compte : « organisation_id » (numéro) ou "
            "« organisation » (code, ex. cd-33).",
            {{"organisation_id", "obligatoire", std::nullopt, std::nullopt}});
    return access::NewUser{*email, *display_name, *organisation_id ? std::to_string(**organisation_id) : **organisation,
                           *role,  *password,     false};
}

http::Response create_user(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto input = new_user(*body);
    if (!input.ok())
        return problem_response(input.error(), request);
    auto user = state.database.write([&](storage::Connection& connection) {
        return access::create_user(connection, request_context(request).principal, *input);
    });
    if (!user.ok())
        return problem_response(user.error(), request);
    return created(user_json(*user), "/api/v1/users/" + std::to_string(user->id));
}

http::Response get_user(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto user = state.database.read([&](storage::Connection& connection) {
        return access::view_user(connection, request_context(request).principal, *id);
    });
    if (!user.ok())
        return problem_response(user.error(), request);
    return http::Response::json(200, user_json(*user));
}

core::Result<access::UserChanges> user_changes(const nlohmann::json& body)
{
    BOUSSOLE_TRY(only_members(body, {"display_name", "role", "active", "version"}));
    auto display_name = optional_string(body, "display_name");
    if (!display_name.ok())
        return std::move(display_name).error();
    auto role = optional_string(body, "role");
    if (!role.ok())
        return std::move(role).error();
    auto active = optional_bool(body, "active");
    if (!active.ok())
        return std::move(active).error();
    return access::UserChanges{*display_name, *role, *active};
}

http::Response patch_user(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto changes = user_changes(*body);
    if (!changes.ok())
        return problem_response(changes.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto user = state.database.write([&](storage::Connection& connection) {
        return access::update_user(connection, request_context(request).principal, *id, *version, *changes);
    });
    if (!user.ok())
        return problem_response(user.error(), request);
    return http::Response::json(200, user_json(*user));
}

http::Response change_password(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto known = only_members(*body, {"current_password", "new_password"}); !known.ok())
        return problem_response(known.error(), request);
    auto current = required_string(*body, "current_password");
    if (!current.ok())
        return problem_response(current.error(), request);
    auto replacement = required_string(*body, "new_password");
    if (!replacement.ok())
        return problem_response(replacement.error(), request);
    auto changed = access::change_own_password(state.database, request_context(request).principal, *current,
                                               *replacement, state.sessions);
    if (!changed.ok())
        return problem_response(changed.error(), request);
    return http::Response::empty(204);
}

}  // namespace

void register_user_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/users", [&state](http::Request& request) { return list_users(state, request); });
    router.post("/api/v1/users", [&state](http::Request& request) { return create_user(state, request); });
    router.get("/api/v1/users/{id}", [&state](http::Request& request) { return get_user(state, request); });
    router.patch("/api/v1/users/{id}", [&state](http::Request& request) { return patch_user(state, request); });
    router.post("/api/v1/session/password",
                [&state](http::Request& request) { return change_password(state, request); });
}

}  // namespace boussole::web::api
