#include "actors/organisation_changes.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/users.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"
#include "territory/registry.hpp"

#include <nlohmann/json.hpp>

namespace boussole::actors {

namespace {

constexpr const char* kUpdateContact =
    "UPDATE organisations SET description = $1, website = $2, email = $3, phone = $4, address = $5, "
    "version = version + 1, updated_at = $6 WHERE id = $7 AND version = $8";
constexpr const char* kSlugTaken = "SELECT COUNT(*) AS n FROM organisations WHERE slug = $1";
constexpr const char* kInsertOrganisation =
    "INSERT INTO organisations (slug, type, name, short_name, origin, search_key, version, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id";
constexpr const char* kInsertCoverage =
    "INSERT INTO organisation_territories (organisation_id, territory_key) VALUES ($1, $2)";

core::Status check_text(const std::string& field, const std::string& label, const std::string& value,
                        std::size_t maximum)
{
    if (!core::is_valid_utf8(value))
        return core::Error::invalid(label + " : caractères illisibles (encodage attendu : UTF-8).",
                                    {{field, "encodage non UTF-8", std::nullopt, std::nullopt}});
    if (core::utf8_length(value) > maximum)
        return core::Error::invalid(
            label + " : " + std::to_string(maximum) + " caractères au plus.",
            {{field, std::to_string(maximum) + " caractères au plus", std::nullopt, std::nullopt}});
    return {};
}

core::Status check_contact(const ContactChanges& changes)
{
    if (changes.description)
        BOUSSOLE_TRY(check_text("description", "Présentation", *changes.description, 4000));
    if (changes.address)
        BOUSSOLE_TRY(check_text("address", "Adresse postale", *changes.address, 500));
    if (changes.website && !changes.website->empty()) {
        BOUSSOLE_TRY(check_text("website", "Site internet", *changes.website, 300));
        const auto& url = *changes.website;
        bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
        if (!web || url.find_first_of(" \"<>") != std::string::npos)
            return core::Error::invalid(
                "Site internet « " + url + " » invalide : attendu une adresse commençant par https://.",
                {{"website", "attendu https://…", std::nullopt, url}});
    }
    if (changes.email && !changes.email->empty())
        BOUSSOLE_TRY(access::check_email(*changes.email));
    if (changes.phone && !changes.phone->empty()) {
        const auto& phone = *changes.phone;
        if (phone.size() > 30 || phone.find_first_not_of("0123456789 +.()-") != std::string::npos)
            return core::Error::invalid("Téléphone « " + phone +
                                            " » invalide : attendu des chiffres, espaces, "
                                            "points ou + (ex. 05 56 00 00 00).",
                                        {{"phone", "attendu un numéro de téléphone", std::nullopt, phone}});
    }
    return {};
}

core::Status check_slug(const std::string& slug)
{
    bool shaped = !slug.empty() && slug.size() <= 60 &&
                  slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos &&
                  slug.front() != '-' && slug.back() != '-';
    if (!shaped)
        return core::Error::invalid("Identifiant « " + slug +
                                        " » invalide : attendu des lettres minuscules sans "
                                        "accent, des chiffres et des tirets (ex. cpam-33).",
                                    {{"slug", "lettres minuscules, chiffres et tirets", std::nullopt, slug}});
    return {};
}

}  // namespace

core::Result<Organisation> update_contact(storage::Connection& connection, const access::Principal& principal,
                                          std::int64_t id, int expected_version, const ContactChanges& changes)
{
    auto before = find_organisation(connection, id);
    if (!before.ok())
        return before;
    BOUSSOLE_TRY(access::require_territorial_write(principal, before->territories,
                                                   "modifier la fiche de « " + before->name + " »"));
    BOUSSOLE_TRY(check_contact(changes));
    if (before->version != expected_version)
        return core::Error::conflict("La fiche de « " + before->name + " » a été modifiée entre-temps (version " +
                                     std::to_string(before->version) + ") : rechargez la page et recommencez.");
    Organisation after = *before;
    auto apply = [](std::string& target, const std::optional<std::string>& value) {
        if (value)
            target = std::string(core::trim(*value));
    };
    apply(after.description, changes.description);
    apply(after.website, changes.website);
    apply(after.email, changes.email);
    apply(after.phone, changes.phone);
    apply(after.address, changes.address);
    auto updated =
        connection.execute(kUpdateContact, {after.description, after.website, after.email, after.phone, after.address,
                                            core::to_iso8601(core::now()), id, expected_version});
    if (updated == 0)
        return core::Error::conflict("La fiche a été modifiée entre-temps : rechargez la page et recommencez.");
    auto result = find_organisation(connection, id);
    access::record_audit(connection, principal,
                         {"update", "organisation", std::to_string(id), organisation_snapshot(*before).dump(),
                          organisation_snapshot(*result).dump()});
    return result;
}

core::Result<Organisation> create_organisation(storage::Connection& connection, const access::Principal& principal,
                                               const territory::TerritoryRegistry& registry,
                                               const NewOrganisation& input)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, "créer des organisations"));
    BOUSSOLE_TRY(check_slug(input.slug));
    auto type = find_organisation_type(input.type);
    if (!type.ok())
        return std::move(type).error();
    std::string name(core::trim(input.name));
    if (name.empty())
        return core::Error::invalid("Nom de l'organisation obligatoire.", {{"name", "obligatoire", std::nullopt, ""}});
    BOUSSOLE_TRY(check_text("name", "Nom", name, 200));
    std::string short_name = core::trim(input.short_name).empty() ? name : std::string(core::trim(input.short_name));
    BOUSSOLE_TRY(check_text("short_name", "Nom court", short_name, 80));
    if (input.territories.empty())
        return core::Error::invalid("Indiquez au moins un territoire couvert (ex. DEP-33).",
                                    {{"territories", "au moins un territoire", std::nullopt, ""}});
    std::vector<territory::TerritoryKey> territories;
    for (const auto& text : input.territories) {
        auto territory = registry.resolve(text);
        if (!territory.ok())
            return core::Error::invalid(territory.error().message,
                                        {{"territories", territory.error().message, std::nullopt, text}});
        territories.push_back((*territory)->key);
    }
    if (connection.query(kSlugTaken, {input.slug}).front().integer("n") > 0)
        return core::Error::conflict("L'identifiant « " + input.slug + " » est déjà pris.");

    auto id = connection
                  .query(kInsertOrganisation,
                         {input.slug, input.type, name, short_name, input.origin,
                          organisation_search_key(name, short_name, territories), core::to_iso8601(core::now())})
                  .front()
                  .integer("id");
    for (const auto& key : territories)
        connection.execute(kInsertCoverage, {id, key.to_string()});
    auto created = find_organisation(connection, id);
    access::record_audit(
        connection, principal,
        {"create", "organisation", std::to_string(id), std::nullopt, organisation_snapshot(*created).dump()});
    return created;
}

}  // namespace boussole::actors
