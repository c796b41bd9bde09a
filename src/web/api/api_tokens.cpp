// API tokens of information systems: the tokens the caller manages, one of
// them, creation (the secret is in that answer and nowhere else, ever) and
// revocation.
#include "access/api_tokens.hpp"

#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

nlohmann::json optional_instant_json(const std::optional<core::Timestamp>& instant)
{
    return instant ? nlohmann::json(core::to_iso8601(*instant)) : nlohmann::json(nullptr);
}

const char* token_status(const access::ApiToken& token, core::Timestamp now)
{
    if (token.revoked_at)
        return "revoked";
    if (token.expires_at && *token.expires_at <= now)
        return "expired";
    return "active";
}

nlohmann::json api_token_json(const access::ApiToken& token, core::Timestamp now)
{
    return {{"id", token.id},
            {"name", token.name},
            {"organisation_id", token.organisation_id},
            {"organisation_name", token.organisation_name},
            {"prefix", token.prefix},
            {"can_write", token.can_write},
            {"status", token_status(token, now)},
            {"created_at", core::to_iso8601(token.created_at)},
            {"expires_at", optional_instant_json(token.expires_at)},
            {"revoked_at", optional_instant_json(token.revoked_at)},
            {"last_used_at", optional_instant_json(token.last_used_at)}};
}

http::Response list_tokens(AppState& state, http::Request& request)
{
    auto page_request = page_parameters(request);
    if (!page_request.ok())
        return problem_response(page_request.error(), request);
    auto tokens = state.database.read([&](storage::Connection& connection) {
        return access::list_api_tokens(connection, request_context(request).principal);
    });
    if (!tokens.ok())
        return problem_response(tokens.error(), request);
    auto now = core::now();
    auto page = slice_page(std::move(tokens).value(), *page_request);
    return http::Response::json(
        200, page_json(page, [now](const access::ApiToken& token) { return api_token_json(token, now); }));
}

http::Response get_token(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    // Only among the tokens the caller manages: the others are not theirs to see.
    auto tokens = state.database.read([&](storage::Connection& connection) {
        return access::list_api_tokens(connection, request_context(request).principal);
    });
    if (!tokens.ok())
        return problem_response(tokens.error(), request);
    for (const auto& token : *tokens)
        if (token.id == *id)
            return http::Response::json(200, api_token_json(token, core::now()));
    return problem_response(
        core::Error::not_found("Jeton " + std::to_string(*id) + " introuvable parmi les jetons que vous gérez."),
        request);
}

core::Result<access::ApiTokenRequest> token_request(const nlohmann::json& body)
{
    BOUSSOLE_TRY(only_members(body, {"name", "organisation_id", "can_write", "expires_at"}));
    auto name = required_string(body, "name");
    if (!name.ok())
        return std::move(name).error();
    auto organisation = optional_id(body, "organisation_id");
    if (!organisation.ok())
        return std::move(organisation).error();
    if (!*organisation)
        return core::Error::invalid(
            "Champ « organisation_id » obligatoire : l'organisation pour laquelle le jeton "
            "agit (voir GET /api/v1/actors).",
            {{"organisation_id", "obligatoire", std::nullopt, std::nullopt}});
    auto can_write = optional_bool(body, "can_write");
    if (!can_write.ok())
        return std::move(can_write).error();
    auto expires_at = optional_instant(body, "expires_at");
    if (!expires_at.ok())
        return std::move(expires_at).error();
    return access::ApiTokenRequest{*name, **organisation, can_write->value_or(false), *expires_at};
}

http::Response create_token(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto input = token_request(*body);
    if (!input.ok())
        return problem_response(input.error(), request);
    auto token = state.database.write([&](storage::Connection& connection) {
        return access::create_api_token(connection, request_context(request).principal, *input);
    });
    if (!token.ok())
        return problem_response(token.error(), request);
    auto resource = api_token_json(token->token, core::now());
    resource["secret"] = token->secret;
    auto response = created(resource, "/api/v1/api-tokens/" + std::to_string(token->token.id));
    // The secret must not linger in a cache between the server and the client.
    response.set_header("Cache-Control", "no-store");
    return response;
}

http::Response revoke_token(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto revoked = state.database.write([&](storage::Connection& connection) {
        return access::revoke_api_token(connection, request_context(request).principal, *id);
    });
    if (!revoked.ok())
        return problem_response(revoked.error(), request);
    return http::Response::empty(204);
}

}  // namespace

void register_api_token_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/api-tokens", [&state](http::Request& request) { return list_tokens(state, request); });
    router.post("/api/v1/api-tokens", [&state](http::Request& request) { return create_token(state, request); });
    router.get("/api/v1/api-tokens/{id}", [&state](http::Request& request) { return get_token(state, request); });
    router.del("/api/v1/api-tokens/{id}", [&state](http::Request& request) { return revoke_token(state, request); });
}

}  // namespace boussole::web::api
