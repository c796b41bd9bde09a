#include "access/api_tokens.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

namespace boussole::access {

namespace {

constexpr std::string_view kSecretPrefix = "bsl_";

constexpr const char* kTokenColumns =
    "t.id, t.name, t.organisation_id, o.name AS organisation_name, t.token_prefix, t.permissions, t.created_at, "
    "t.expires_at, t.revoked_at, t.last_used_at";
const std::string kSelectTokens = std::string("SELECT ") + kTokenColumns +
                                  " FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id "
                                  "WHERE ($1 = 0 OR t.organisation_id = $1) ORDER BY t.id DESC";
const std::string kSelectTokenById = std::string("SELECT ") + kTokenColumns +
                                     " FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id "
                                     "WHERE t.id = $1";
const std::string kSelectTokenByHash = std::string("SELECT ") + kTokenColumns +
                                       " FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id "
                                       "WHERE t.token_hash = $1";
constexpr const char* kInsertToken =
    "INSERT INTO api_tokens (name, organisation_id, token_hash, token_prefix, permissions, created_by, created_at, "
    "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr const char* kRevokeToken = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";
constexpr const char* kTouchToken = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
constexpr const char* kOrganisationExists = "SELECT COUNT(*) AS n FROM organisations WHERE id = $1";

std::optional<core::Timestamp> optional_time(const storage::Row& row, std::string_view column)
{
    if (auto text = row.optional_text(column))
        return core::parse_iso8601(*text);
    return std::nullopt;
}

ApiToken token_from_row(const storage::Row& row)
{
    ApiToken token;
    token.id = row.integer("id");
    token.name = row.text("name");
    token.organisation_id = row.integer("organisation_id");
    token.organisation_name = row.text("organisation_name");
    token.prefix = row.text("token_prefix");
    token.can_write = row.text("permissions").find("write") != std::string::npos;
    token.created_at = core::parse_iso8601(row.text("created_at")).value_or(core::Timestamp{});
    token.expires_at = optional_time(row, "expires_at");
    token.revoked_at = optional_time(row, "revoked_at");
    token.last_used_at = optional_time(row, "last_used_at");
    return token;
}

core::Status require_token_manager(const Principal& principal, std::int64_t organisation_id)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    if (principal.is_national_admin())
        return {};
    // A person, never a token: a token acts as a territorial editor, and one
    // that could mint tokens would turn read access into write access.
    if (principal.kind == PrincipalKind::User && principal.role == Role::TerritorialEditor &&
        principal.organisation_id == organisation_id)
        return {};
    return core::Error::forbidden(
        "Seuls les administrateurs nationaux, et les contributeurs territoriaux pour "
        "leur propre organisation, gèrent les jetons d'API.");
}

}  // namespace

core::Result<NewApiToken> create_api_token(storage::Connection& connection, const Principal& principal,
                                           const ApiTokenRequest& request)
{
    BOUSSOLE_TRY(require_token_manager(principal, request.organisation_id));
    auto name = std::string(core::trim(request.name));
    if (name.empty() || !core::is_valid_utf8(name) || core::utf8_length(name) > 120)
        return core::Error::invalid("Nom du jeton invalide : attendu de 1 à 120 caractères (ex. « SI MDPH 33 »).",
                                    {{"name", "attendu de 1 à 120 caractères", std::nullopt, request.name}});
    if (connection.query(kOrganisationExists, {request.organisation_id}).front().integer("n") == 0)
        return core::Error::invalid("Organisation " + std::to_string(request.organisation_id) + " introuvable.");
    auto now = core::now();
    if (request.expires_at && *request.expires_at <= now)
        return core::Error::invalid("La date d'expiration du jeton doit être dans le futur.");

    NewApiToken created;
    created.secret = std::string(kSecretPrefix) + random_token();
    std::string prefix = created.secret.substr(0, kSecretPrefix.size() + 8);
    auto id =
        connection
            .query(kInsertToken,
                   {name, request.organisation_id, sha256_hex(created.secret), prefix,
                    request.can_write ? "read write" : "read", principal.user_id, core::to_iso8601(now),
                    request.expires_at ? storage::Value(core::to_iso8601(*request.expires_at)) : storage::Value()})
            .front()
            .integer("id");
    created.token = token_from_row(connection.query(kSelectTokenById, {id}).front());
    record_audit(connection, principal,
                 {"create", "api_token", std::to_string(id), std::nullopt,
                  nlohmann::json{{"name", name},
                                 {"organisation_id", request.organisation_id},
                                 {"permissions", request.can_write ? "read write" : "read"},
                                 {"prefix", prefix}}
                      .dump()});
    return created;
}

core::Result<std::vector<ApiToken>> list_api_tokens(storage::Connection& connection, const Principal& principal)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    std::int64_t organisation = 0;
    if (!principal.is_national_admin()) {
        if (principal.kind != PrincipalKind::User || principal.role != Role::TerritorialEditor ||
            !principal.organisation_id)
            return core::Error::forbidden("Votre rôle ne permet pas de gérer les jetons d'API.");
        organisation = *principal.organisation_id;
    }
    std::vector<ApiToken> tokens;
    for (auto row : connection.query(kSelectTokens, {organisation}))
        tokens.push_back(token_from_row(row));
    return tokens;
}

core::Status revoke_api_token(storage::Connection& connection, const Principal& principal, std::int64_t id)
{
    auto rows = connection.query(kSelectTokenById, {id});
    if (rows.empty())
        return core::Error::not_found("Jeton " + std::to_string(id) + " introuvable.");
    auto token = token_from_row(rows.front());
    BOUSSOLE_TRY(require_token_manager(principal, token.organisation_id));
    if (token.revoked_at)
        return core::Error::conflict("Ce jeton est déjà révoqué.");
    connection.execute(kRevokeToken, {core::to_iso8601(core::now()), id});
    record_audit(connection, principal, {"revoke", "api_token", std::to_string(id), std::nullopt, std::nullopt});
    return {};
}

core::Result<Principal> authenticate_api_token(storage::Connection& connection,
                                               const territory::TerritoryRegistry& registry, std::string_view secret)
{
    if (secret.substr(0, kSecretPrefix.size()) != kSecretPrefix || secret.size() > 100)
        return core::Error::unauthenticated("Jeton d'API invalide.");
    auto rows = connection.query(kSelectTokenByHash, {sha256_hex(secret)});
    if (rows.empty())
        return core::Error::unauthenticated("Jeton d'API inconnu.");
    auto token = token_from_row(rows.front());
    auto now = core::now();
    if (token.revoked_at)
        return core::Error::unauthenticated("Ce jeton d'API a été révoqué.");
    if (token.expires_at && *token.expires_at <= now)
        return core::Error::unauthenticated("Ce jeton d'API a expiré.");
    if (!token.last_used_at || now - *token.last_used_at > std::chrono::minutes{1})
        connection.execute(kTouchToken, {core::to_iso8601(now), token.id});

    Principal principal;
    principal.kind = PrincipalKind::ApiToken;
    principal.token_id = token.id;
    principal.organisation_id = token.organisation_id;
    principal.role = Role::TerritorialEditor;
    principal.label = "jeton « " + token.name + " » (" + token.prefix + "…)";
    principal.display_name = token.name;
    principal.scope = Scope::from_coverage(organisation_coverage(connection, token.organisation_id), registry);
    principal.can_write = token.can_write;
    // A token never administers: even a CNSA token is a territorial writer
    // with national scope.
    return principal;
}

}  // namespace boussole::access
