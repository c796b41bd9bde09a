#include "calendar/subscriptions.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

namespace boussole::calendar {

namespace {

constexpr const char* kColumns =
    "id, territory_key, label, created_at, created_by, user_id, token_id, revoked_at, organisation_id";

const std::string kInsert =
    "INSERT INTO calendar_subscriptions (secret_hash, territory_key, label, created_at, created_by, user_id, "
    "token_id, organisation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " +
    std::string(kColumns);
const std::string kById = "SELECT " + std::string(kColumns) + " FROM calendar_subscriptions WHERE id = $1";
const std::string kBySecret =
    "SELECT " + std::string(kColumns) + " FROM calendar_subscriptions WHERE secret_hash = $1 AND revoked_at IS NULL";
const std::string kOfUser = "SELECT " + std::string(kColumns) +
                            " FROM calendar_subscriptions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id DESC";
constexpr const char* kOrganisationName = "SELECT name FROM organisations WHERE id = $1";
const std::string kRevoke = "UPDATE calendar_subscriptions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL";

Subscription from_row(const storage::Row& row)
{
    Subscription subscription;
    subscription.id = row.integer("id");
    if (auto key = territory::TerritoryKey::parse(row.text("territory_key")); key.ok())
        subscription.territory = *key;
    subscription.label = row.text("label");
    subscription.created_at = core::parse_iso8601(row.text("created_at")).value_or(core::Timestamp{});
    subscription.created_by = row.text("created_by");
    subscription.user_id = row.optional_integer("user_id");
    subscription.token_id = row.optional_integer("token_id");
    if (auto revoked = row.optional_text("revoked_at"))
        subscription.revoked_at = core::parse_iso8601(*revoked);
    subscription.organisation_id = row.optional_integer("organisation_id");
    return subscription;
}

}  // namespace

nlohmann::json to_json(const Subscription& subscription)
{
    nlohmann::json json{{"id", subscription.id},
                        {"territory", subscription.territory.to_string()},
                        {"label", subscription.label},
                        {"created_at", core::to_iso8601(subscription.created_at)},
                        {"created_by", subscription.created_by},
                        {"revoked", subscription.revoked_at.has_value()}};
    json["organisation_id"] =
        subscription.organisation_id ? nlohmann::json(*subscription.organisation_id) : nlohmann::json(nullptr);
    return json;
}

core::Result<CreatedSubscription> create_subscription(storage::Connection& connection,
                                                      const access::Principal& principal,
                                                      const territory::TerritoryRegistry& registry,
                                                      std::string_view territory,
                                                      std::optional<std::int64_t> organisation_id)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    std::string label;
    if (organisation_id) {
        auto rows = connection.query(kOrganisationName, {static_cast<long long>(*organisation_id)});
        if (rows.empty()) {
            auto message = "Organisation : " + std::to_string(*organisation_id) +
                           " inconnue. Choisissez-la dans l'annuaire des acteurs.";
            return core::Error::invalid(message,
                                        {{"organisation_id", message, std::nullopt, std::to_string(*organisation_id)}});
        }
        label = "Événements de " + rows.front().text("name");
        if (core::trim(territory).empty())
            territory = "FR";
    }
    auto resolved = registry.resolve(core::trim(territory));
    if (!resolved.ok()) {
        auto message = "Territoire : " + resolved.error().message;
        return core::Error::invalid(message, {{"territory", message, std::nullopt, std::string(territory)}});
    }
    auto secret = access::random_token();
    auto author = principal.display_name.empty() ? principal.label : principal.display_name;
    if (label.empty())
        label = "Calendrier commun — " + (*resolved)->label();
    auto rows = connection.query(
        kInsert, {access::sha256_hex(secret), (*resolved)->key.to_string(), label, core::to_iso8601(core::now()),
                  author, principal.user_id, principal.token_id, organisation_id});
    auto subscription = from_row(rows.front());
    access::record_audit(connection, principal,
                         {"create", "calendar_subscription", std::to_string(subscription.id), std::nullopt,
                          to_json(subscription).dump()});
    return CreatedSubscription{std::move(subscription), std::move(secret)};
}

core::Result<Subscription> revoke_subscription(storage::Connection& connection, const access::Principal& principal,
                                               std::int64_t id)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto rows = connection.query(kById, {id});
    if (rows.empty() || !rows.front().is_null("revoked_at"))
        return core::Error::not_found("Abonnement " + std::to_string(id) + " introuvable ou déjà révoqué.");
    auto current = from_row(rows.front());
    bool own = (current.user_id && current.user_id == principal.user_id) ||
               (current.token_id && current.token_id == principal.token_id);
    if (!own && !principal.is_national_admin())
        return core::Error::forbidden(
            "Seule la personne qui a créé cet abonnement (ou l'équipe nationale) peut le révoquer.");
    auto now = core::now();
    connection.execute(kRevoke, {core::to_iso8601(now), id});
    auto after = current;
    after.revoked_at = now;
    access::record_audit(
        connection, principal,
        {"revoke", "calendar_subscription", std::to_string(id), to_json(current).dump(), to_json(after).dump()});
    return after;
}

std::vector<Subscription> subscriptions_of(storage::Connection& connection, const access::Principal& principal)
{
    std::vector<Subscription> found;
    if (!principal.user_id)
        return found;
    for (auto row : connection.query(kOfUser, {static_cast<long long>(*principal.user_id)}))
        found.push_back(from_row(row));
    return found;
}

std::optional<Subscription> find_live_subscription(storage::Connection& connection, std::string_view secret)
{
    if (secret.empty() || secret.size() > 200)
        return std::nullopt;
    auto rows = connection.query(kBySecret, {access::sha256_hex(secret)});
    if (rows.empty())
        return std::nullopt;
    return from_row(rows.front());
}

}  // namespace boussole::calendar
