#include "access/users.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace boussole::access {

namespace {

constexpr const char* kUserColumns =
    "u.id, u.email, u.display_name, u.organisation_id, o.name AS organisation_name, u.role, u.active, u.origin, "
    "u.version, u.created_at, u.last_login_at";

const std::string kSelectUserById = std::string("SELECT ") + kUserColumns +
                                    " FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1";
const std::string kSelectUserByEmail = std::string("SELECT ") + kUserColumns +
                                       " FROM users u JOIN organisations o ON o.id = u.organisation_id "
                                       "WHERE u.email = $1";
// $1 folded search ('' for all), $2 organisation id (0 for all), $3 active (-1 for all).
constexpr const char* kUserFilter =
    " FROM users u JOIN organisations o ON o.id = u.organisation_id "
    "WHERE ($1 = '' OR u.search_key LIKE $1 ESCAPE '\\') "
    "AND ($2 = 0 OR u.organisation_id = $2) AND ($3 = -1 OR u.active = $3)";
const std::string kListUsers =
    std::string("SELECT ") + kUserColumns + kUserFilter + " ORDER BY u.display_name, u.id LIMIT $4 OFFSET $5";
const std::string kCountUsers = std::string("SELECT COUNT(*) AS total") + kUserFilter;

constexpr const char* kSelectOrganisationBySlug = "SELECT id FROM organisations WHERE slug = $1";
constexpr const char* kSelectOrganisationById = "SELECT id FROM organisations WHERE id = $1";
constexpr const char* kOrganisationIsNational =
    "SELECT COUNT(*) AS n FROM organisation_territories WHERE organisation_id = $1 AND territory_key = 'FR'";
constexpr const char* kInsertUser =
    "INSERT INTO users (email, display_name, organisation_id, role, password_hash, active, origin, search_key, "
    "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $8, 1, $7, $7) RETURNING id";
constexpr const char* kUpdateUser =
    "UPDATE users SET display_name = $1, role = $2, active = $3, version = version + 1, updated_at = $4, "
    "search_key = $7 WHERE id = $5 AND version = $6";
constexpr const char* kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = $1";

User user_from_row(const storage::Row& row)
{
    User user;
    user.id = row.integer("id");
    user.email = row.text("email");
    user.display_name = row.text("display_name");
    user.organisation_id = row.integer("organisation_id");
    user.organisation_name = row.text("organisation_name");
    user.role = parse_role(row.text("role")).ok() ? *parse_role(row.text("role")) : Role::TerritorialReader;
    user.active = row.boolean("active");
    user.synthetic = row.text("origin") == "synthetic";
    user.version = static_cast<int>(row.integer("version"));
    user.created_at = core::parse_iso8601(row.text("created_at")).value_or(core::Timestamp{});
    if (auto last = row.optional_text("last_login_at"))
        user.last_login_at = core::parse_iso8601(*last);
    return user;
}

std::string to_json(const User& user)
{
    return nlohmann::json{{"id", user.id},
                          {"email", user.email},
                          {"display_name", user.display_name},
                          {"organisation_id", user.organisation_id},
                          {"role", to_string(user.role)},
                          {"active", user.active},
                          {"version", user.version}}
        .dump();
}

std::string search_key(std::string_view display_name, std::string_view email)
{
    return core::fold_for_search(std::string(display_name) + " " + std::string(email));
}

core::Status check_display_name(std::string_view name)
{
    auto trimmed = core::trim(name);
    if (trimmed.empty() || !core::is_valid_utf8(trimmed) || core::utf8_length(trimmed) > 200)
        return core::Error::invalid(
            "Nom affiché invalide : attendu de 1 à 200 caractères.",
            {{"display_name", "attendu de 1 à 200 caractères", std::nullopt, std::string(name)}});
    return {};
}

}  // namespace

std::string normalise_email(std::string_view email)
{
    std::string out(core::trim(email));
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

core::Status check_email(std::string_view email)
{
    auto at = email.find('@');
    bool shaped = at != std::string_view::npos && at > 0 && email.find('.', at) != std::string_view::npos &&
                  email.back() != '.' && email.find(' ') == std::string_view::npos && email.size() <= 254 &&
                  email.find('@', at + 1) == std::string_view::npos && core::is_valid_utf8(email);
    if (!shaped)
        return core::Error::invalid(
            "Adresse électronique « " + std::string(email) + " » invalide : attendu prenom.nom@organisation.fr.",
            {{"email", "attendu une adresse électronique", std::nullopt, std::string(email)}});
    return {};
}

core::Result<User> find_user(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectUserById, {id});
    if (rows.empty())
        return core::Error::not_found("Compte " + std::to_string(id) + " introuvable.");
    return user_from_row(rows.front());
}

core::Result<User> find_user_by_email(storage::Connection& connection, std::string_view email)
{
    auto rows = connection.query(kSelectUserByEmail, {normalise_email(email)});
    if (rows.empty())
        return core::Error::not_found("Aucun compte pour l'adresse « " + std::string(email) + " ».");
    return user_from_row(rows.front());
}

core::Result<User> create_user(storage::Connection& connection, const Principal& principal, const NewUser& input)
{
    BOUSSOLE_TRY(require_national_admin(principal, "créer des comptes"));
    std::string email = normalise_email(input.email);
    BOUSSOLE_TRY(check_email(email));
    BOUSSOLE_TRY(check_display_name(input.display_name));
    BOUSSOLE_TRY(check_password_rules(input.password));
    auto role = parse_role(input.role);
    if (!role.ok())
        return std::move(role).error();

    // At most 18 digits: std::stoll must not overflow (and throw) on a long number.
    bool numeric = !input.organisation.empty() && input.organisation.size() <= 18 &&
                   input.organisation.find_first_not_of("0123456789") == std::string::npos;
    auto organisation = numeric ? connection.query(kSelectOrganisationById, {std::stoll(input.organisation)})
                                : connection.query(kSelectOrganisationBySlug, {input.organisation});
    if (organisation.empty())
        return core::Error::invalid("Organisation « " + input.organisation +
                                        " » introuvable : donnez son identifiant (ex. ars-75, cd-33, cnsa).",
                                    {{"organisation", "organisation inconnue", std::nullopt, input.organisation}});
    auto organisation_id = organisation.front().integer("id");
    if (is_national(*role) && connection.query(kOrganisationIsNational, {organisation_id}).front().integer("n") == 0)
        return core::Error::invalid(
            "Les rôles nationaux sont réservés aux organisations de portée nationale (CNSA).",
            {{"role", "rôle national pour une organisation territoriale", std::nullopt, input.role}});
    if (find_user_by_email(connection, email).ok())
        return core::Error::conflict("Un compte existe déjà pour l'adresse « " + email + " ».");

    auto now = core::to_iso8601(core::now());
    std::int64_t id = 0;
    try {
        id = connection
                 .query(kInsertUser,
                        {email, std::string(core::trim(input.display_name)), organisation_id, to_string(*role),
                         hash_password(input.password), input.synthetic ? "synthetic" : "user", now,
                         search_key(input.display_name, email)})
                 .front()
                 .integer("id");
    } catch (const storage::DatabaseError& error) {
        if (error.kind() == storage::DatabaseError::Kind::UniqueViolation)
            return core::Error::conflict("Un compte existe déjà pour l'adresse « " + email + " ».");
        throw;
    }
    auto user = find_user(connection, id);
    record_audit(connection, principal, {"create", "user", std::to_string(id), std::nullopt, to_json(*user)});
    return user;
}

core::Result<core::Page<User>> list_users(storage::Connection& connection, const Principal& principal,
                                          const UserQuery& query)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    std::int64_t organisation_filter = query.organisation_id.value_or(0);
    if (!principal.is_national_admin()) {
        if (!principal.organisation_id)
            return core::Error::forbidden("La liste des comptes est réservée aux personnes connectées.");
        organisation_filter = *principal.organisation_id;
    }
    std::string folded = core::fold_for_search(query.search);
    std::string search = folded.empty() ? "" : "%" + core::escape_like(folded) + "%";
    int active = query.active ? (*query.active ? 1 : 0) : -1;

    core::Page<User> page;
    page.number = query.page.number;
    page.size = query.page.size;
    page.total = connection.query(kCountUsers, {search, organisation_filter, active}).front().integer("total");
    for (auto row :
         connection.query(kListUsers, {search, organisation_filter, active, query.page.size, query.page.offset()}))
        page.items.push_back(user_from_row(row));
    return page;
}

core::Result<User> update_user(storage::Connection& connection, const Principal& principal, std::int64_t id,
                               int expected_version, const UserChanges& changes)
{
    BOUSSOLE_TRY(require_national_admin(principal, "modifier les comptes"));
    auto before = find_user(connection, id);
    if (!before.ok())
        return before;
    if (before->version != expected_version)
        return core::Error::conflict("Ce compte a été modifié entre-temps (version " + std::to_string(before->version) +
                                     ", vous aviez la version " + std::to_string(expected_version) +
                                     ") : rechargez la page et recommencez.");
    User after = *before;
    if (changes.display_name) {
        BOUSSOLE_TRY(check_display_name(*changes.display_name));
        after.display_name = std::string(core::trim(*changes.display_name));
    }
    if (changes.role) {
        auto role = parse_role(*changes.role);
        if (!role.ok())
            return std::move(role).error();
        if (is_national(*role) &&
            connection.query(kOrganisationIsNational, {after.organisation_id}).front().integer("n") == 0)
            return core::Error::invalid(
                "Les rôles nationaux sont réservés aux organisations de portée nationale (CNSA).");
        after.role = *role;
    }
    if (changes.active) {
        if (!*changes.active && principal.user_id == id)
            return core::Error::invalid("Vous ne pouvez pas désactiver votre propre compte.");
        after.active = *changes.active;
    }
    auto changed = connection.execute(
        kUpdateUser, {after.display_name, to_string(after.role), after.active, core::to_iso8601(core::now()), id,
                      expected_version, search_key(after.display_name, after.email)});
    if (changed == 0)
        return core::Error::conflict("Ce compte a été modifié entre-temps : rechargez la page et recommencez.");
    if (!after.active)
        connection.execute(kDeleteUserSessions, {id});
    auto updated = find_user(connection, id);
    std::string action =
        before->active && !after.active ? "disable" : (!before->active && after.active ? "enable" : "update");
    record_audit(connection, principal, {action, "user", std::to_string(id), to_json(*before), to_json(*updated)});
    return updated;
}

Principal principal_for_user(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                             const User& user)
{
    Principal principal;
    principal.kind = PrincipalKind::User;
    principal.user_id = user.id;
    principal.organisation_id = user.organisation_id;
    principal.role = user.role;
    principal.label = user.email + " (" + label(user.role) + ")";
    principal.display_name = user.display_name;
    principal.scope = Scope::from_coverage(organisation_coverage(connection, user.organisation_id), registry);
    principal.can_write =
        user.role == Role::NationalAdmin || user.role == Role::TerritorialEditor || user.role == Role::Partner;
    return principal;
}

}  // namespace boussole::access
