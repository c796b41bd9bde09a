#include "access/sessions.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::access {

namespace {

constexpr const char* kCountFailuresByEmail =
    "SELECT COUNT(*) AS n FROM login_attempts WHERE email = $1 AND succeeded = 0 AND attempted_at > $2";
constexpr const char* kCountFailuresByAddress =
    "SELECT COUNT(*) AS n FROM login_attempts WHERE client_address = $1 AND succeeded = 0 AND attempted_at > $2";
constexpr const char* kInsertAttempt =
    "INSERT INTO login_attempts (email, client_address, attempted_at, succeeded) VALUES ($1, $2, $3, $4)";
constexpr const char* kSelectLogin = "SELECT id, password_hash, active FROM users WHERE email = $1";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, client_address, "
    "user_agent) VALUES ($1, $2, $3, $4, $5, $4, $6, $7)";
constexpr const char* kUpdateLastLogin = "UPDATE users SET last_login_at = $1 WHERE id = $2";
constexpr const char* kSelectSession =
    "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at FROM sessions s "
    "WHERE s.token_hash = $1";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr const char* kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= $1";
constexpr const char* kSelectPassword = "SELECT email, password_hash FROM users WHERE id = $1";
constexpr const char* kUpdatePassword =
    "UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3";
constexpr const char* kDeleteOtherSessions = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";
constexpr const char* kDeleteOldAttempts = "DELETE FROM login_attempts WHERE attempted_at <= $1";

// A valid hash of a throwaway password: verifying against it when the address
// is unknown takes as long as a real check, so timing does not reveal which
// addresses have accounts.
const std::string& decoy_hash()
{
    static const std::string hash = hash_password("boussole-decoy-password");
    return hash;
}

// The User-Agent header as stored: printable ASCII, 300 characters at most.
// The header holds whatever bytes the client sent, and PostgreSQL refuses
// text that is not UTF-8 (a cut in the middle of a character included).
std::string storable_user_agent(std::string_view text)
{
    std::string out;
    for (char c : text.substr(0, 300))
        out += c >= 0x20 && c < 0x7f ? c : '?';
    return out;
}

core::Error wrong_credentials()
{
    return core::Error::unauthenticated("Adresse ou mot de passe incorrect.");
}

}  // namespace

namespace {

core::Result<OpenedSession> attempt_login(storage::Connection& connection, const LoginRequest& request,
                                          const SessionSettings& settings)
{
    auto now = core::now();
    std::string email = normalise_email(request.email);
    std::string window_start = core::to_iso8601(now - settings.throttle_window);
    auto failures_by_email = connection.query(kCountFailuresByEmail, {email, window_start}).front().integer("n");
    auto failures_by_address =
        connection.query(kCountFailuresByAddress, {request.client_address, window_start}).front().integer("n");
    if (failures_by_email >= settings.max_failures_per_email ||
        failures_by_address >= settings.max_failures_per_address)
        return core::Error::too_many_requests("Trop de tentatives de connexion échouées. Réessayez dans " +
                                              std::to_string(settings.throttle_window.count()) +
                                              " minutes, ou demandez à votre administrateur de vérifier votre compte.");

    auto rows = connection.query(kSelectLogin, {email});
    bool known = !rows.empty();
    const std::string& hash = known ? rows.front().text("password_hash") : decoy_hash();
    bool password_ok = verify_password(request.password, hash);
    bool succeeded = known && password_ok && rows.front().boolean("active");
    connection.execute(kInsertAttempt, {email, request.client_address, core::to_iso8601(now), succeeded});
    if (!succeeded)
        return wrong_credentials();

    auto user = find_user(connection, rows.front().integer("id"));
    if (!user.ok())
        return wrong_credentials();
    OpenedSession session{random_token(), random_token(), *user, now + settings.absolute_timeout};
    auto idle_expiry = now + settings.idle_timeout;
    connection.execute(kInsertSession, {sha256_hex(session.token), user->id, session.csrf_token, core::to_iso8601(now),
                                        core::to_iso8601(std::min(idle_expiry, session.expires_at)),
                                        request.client_address, storable_user_agent(request.user_agent)});
    connection.execute(kUpdateLastLogin, {core::to_iso8601(now), user->id});
    Principal actor;
    actor.kind = PrincipalKind::User;
    actor.user_id = user->id;
    actor.label = user->email + " (" + label(user->role) + ")";
    record_audit(connection, actor, {"login", "user", std::to_string(user->id), std::nullopt, std::nullopt});
    return session;
}

// Wraps the outcome so that the transaction commits on failure too.
struct LoginOutcome {
    core::Result<OpenedSession> result;
};

}  // namespace

core::Result<OpenedSession> login(storage::Database& database, const LoginRequest& request,
                                  const SessionSettings& settings)
{
    auto outcome = database.write(
        [&](storage::Connection& connection) { return LoginOutcome{attempt_login(connection, request, settings)}; });
    return std::move(outcome.result);
}

core::Result<SessionContext> authenticate_session(storage::Connection& connection,
                                                  const territory::TerritoryRegistry& registry, std::string_view token,
                                                  const SessionSettings& settings)
{
    if (token.empty() || token.size() > 100)
        return core::Error::unauthenticated("Session absente : connectez-vous.");
    auto rows = connection.query(kSelectSession, {sha256_hex(token)});
    if (rows.empty())
        return core::Error::unauthenticated("Session inconnue ou terminée : connectez-vous à nouveau.");
    auto row = rows.front();
    auto now = core::now();
    auto expires_at = core::parse_iso8601(row.text("expires_at")).value_or(core::Timestamp{});
    if (expires_at <= now)
        return core::Error::unauthenticated("Votre session a expiré : connectez-vous à nouveau.");
    auto user = find_user(connection, row.integer("user_id"));
    if (!user.ok() || !user->active)
        return core::Error::unauthenticated("Ce compte est désactivé : contactez votre administrateur.");

    auto created_at = core::parse_iso8601(row.text("created_at")).value_or(now);
    auto last_seen = core::parse_iso8601(row.text("last_seen_at")).value_or(now);
    if (now - last_seen > std::chrono::minutes{1}) {
        expires_at = std::min(now + settings.idle_timeout, created_at + settings.absolute_timeout);
        connection.execute(kTouchSession, {core::to_iso8601(now), core::to_iso8601(expires_at), row.integer("id")});
    }
    SessionContext context{principal_for_user(connection, registry, *user), row.text("csrf_token"), expires_at};
    context.principal.session_id = row.integer("id");
    return context;
}

namespace {

core::Status attempt_password_change(storage::Connection& connection, const Principal& principal,
                                     std::string_view current_password, std::string_view new_password,
                                     const SessionSettings& settings)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    if (!principal.user_id)
        return core::Error::forbidden("Seule une personne connectée peut changer son mot de passe.");
    auto rows = connection.query(kSelectPassword, {*principal.user_id});
    if (rows.empty())
        return core::Error::unauthenticated("Compte introuvable : connectez-vous à nouveau.");
    const auto& email = rows.front().text("email");
    auto now = core::now();
    auto failures = connection.query(kCountFailuresByEmail, {email, core::to_iso8601(now - settings.throttle_window)})
                        .front()
                        .integer("n");
    if (failures >= settings.max_failures_per_email)
        return core::Error::too_many_requests("Trop de tentatives échouées. Réessayez dans " +
                                              std::to_string(settings.throttle_window.count()) + " minutes.");
    if (!verify_password(current_password, rows.front().text("password_hash"))) {
        connection.execute(kInsertAttempt,
                           {email, std::string("changement de mot de passe"), core::to_iso8601(now), false});
        return core::Error::invalid(
            "Mot de passe actuel incorrect.",
            {{"current_password", "mot de passe actuel incorrect", std::nullopt, std::nullopt}});
    }
    BOUSSOLE_TRY(check_password_rules(new_password));
    connection.execute(kUpdatePassword, {hash_password(new_password), core::to_iso8601(now), *principal.user_id});
    // Other sessions may have been opened by whoever knew the old password.
    connection.execute(kDeleteOtherSessions, {*principal.user_id, principal.session_id.value_or(0)});
    record_audit(connection, principal,
                 {"change_password", "user", std::to_string(*principal.user_id), std::nullopt, std::nullopt});
    return {};
}

struct PasswordChangeOutcome {
    core::Status status;
};

}  // namespace

core::Status change_own_password(storage::Database& database, const Principal& principal,
                                 std::string_view current_password, std::string_view new_password,
                                 const SessionSettings& settings)
{
    auto outcome = database.write([&](storage::Connection& connection) {
        return PasswordChangeOutcome{
            attempt_password_change(connection, principal, current_password, new_password, settings)};
    });
    return std::move(outcome.status);
}

void logout(storage::Connection& connection, const Principal& principal, std::string_view token)
{
    if (connection.execute(kDeleteSession, {sha256_hex(token)}) > 0 && principal.user_id)
        record_audit(connection, principal,
                     {"logout", "user", std::to_string(*principal.user_id), std::nullopt, std::nullopt});
}

std::int64_t purge_expired(storage::Connection& connection, const SessionSettings& settings)
{
    auto now = core::now();
    auto removed = connection.execute(kDeleteExpiredSessions, {core::to_iso8601(now)});
    // Attempts are kept a day beyond the throttle window, for investigations.
    removed += connection.execute(kDeleteOldAttempts,
                                  {core::to_iso8601(now - settings.throttle_window - std::chrono::hours{24})});
    return removed;
}

}  // namespace boussole::access
