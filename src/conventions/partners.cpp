#include "conventions/partners.hpp"

#include "actors/organisation.hpp"
#include "conventions/commitment_store.hpp"
#include "conventions/commitments.hpp"
#include "conventions/convention_store.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::conventions {

namespace {

constexpr const char* kInsertParty =
    "INSERT INTO convention_parties (convention_id, organisation_id, role, position) "
    "VALUES ($1, $2, 'partner', (SELECT COALESCE(MAX(position), 0) + 1 FROM convention_parties WHERE convention_id = "
    "$1))";
constexpr const char* kSetTemplate = "UPDATE conventions SET template_id = $1 WHERE id = $2";

core::Error partner_error(const std::string& message, const std::string& slug)
{
    return core::Error::invalid(message, {{"partner", message, std::nullopt, slug}});
}

// The convention, readable and steerable by the principal, at the version
// expected.
core::Result<Convention> steerable(storage::Connection& connection, const access::Principal& principal, std::int64_t id,
                                   int expected_version, std::string_view what)
{
    auto current = find_convention(connection, id);
    if (!current || !may_read(principal, *current).ok())
        return store::not_found(id);
    BOUSSOLE_TRY(may_steer(principal, *current, what));
    if (current->version != expected_version)
        return store::stale(*current, expected_version);
    return *current;
}

}  // namespace

core::Result<Convention> add_partner(storage::Connection& connection, const access::Principal& principal,
                                     std::int64_t convention_id, int expected_version, const std::string& slug)
{
    auto current =
        steerable(connection, principal, convention_id, expected_version, "ajouter un partenaire à cette convention");
    if (!current.ok())
        return current;
    if (current->status != Status::Draft && current->status != Status::Consultation)
        return core::Error::conflict("La convention est « " + std::string(label(current->status)) +
                                     " » : un partenaire s'ajoute tant qu'elle est en préparation, ou lors d'un "
                                     "avenant.");
    auto trimmed = std::string(core::trim(slug));
    auto found = actors::find_organisation_by_slug(connection, trimmed);
    if (!found.ok())
        return partner_error("Partenaire : organisation « " + trimmed + " » inconnue de l'annuaire.", trimmed);
    if (!found->type || found->type->family != actors::Family::Partner)
        return partner_error("Partenaire : « " + found->name +
                                 " » est un acteur de la branche, pas un partenaire ; il signe la convention "
                                 "elle-même.",
                             trimmed);
    if (current->party_of(found->id))
        return partner_error("Partenaire : « " + found->name + " » est déjà partie à cette convention.", trimmed);
    connection.execute(kInsertParty, {convention_id, found->id});
    auto saved = store::update(connection, *current, current->version, Author::of(principal));
    if (!saved)
        return store::raced();
    store::audit(connection, principal, "add_partner", &*current, *saved);
    return *saved;
}

std::optional<Template> newer_template(storage::Connection& connection, const Convention& convention)
{
    auto latest = latest_template(connection, convention.period_start, convention.period_end);
    if (!latest || latest->id == convention.template_id)
        return std::nullopt;
    auto current = find_template(connection, convention.template_id);
    if (current && current->version >= latest->version)
        return std::nullopt;
    return latest;
}

core::Result<Convention> adopt_newer_template(storage::Connection& connection, const access::Principal& principal,
                                              std::int64_t convention_id, int expected_version)
{
    auto current = steerable(connection, principal, convention_id, expected_version,
                             "changer le socle commun de cette convention");
    if (!current.ok())
        return current;
    if (current->status != Status::Draft || current->amendment == 0)
        return core::Error::conflict("La convention est « " + std::string(label(current->status)) +
                                     " » : une version plus récente du socle commun se reprend lors d'un avenant, "
                                     "tant qu'il est en préparation.");
    auto latest = newer_template(connection, *current);
    if (!latest)
        return core::Error::conflict(
            "La convention suit déjà la dernière version du socle commun publiée pour sa période.");
    auto commitments = list_commitments(connection, convention_id);
    Template missing = *latest;
    missing.items.clear();
    for (const auto& item : latest->items)
        if (std::none_of(commitments.begin(), commitments.end(), [&](const Commitment& commitment) {
                return commitment.section == Section::Socle && commitment.priority == item.priority &&
                       commitment.title == item.title;
            }))
            missing.items.push_back(item);
    std::int64_t lead_id = 0;
    for (const auto& party : current->parties)
        if (party.role == PartyRole::Departement && lead_id == 0)
            lead_id = party.organisation_id;
    auto author = Author::of(principal);
    store::insert_socle(connection, convention_id, missing, lead_id, author);
    connection.execute(kSetTemplate, {latest->id, convention_id});
    auto saved = store::update(connection, *current, current->version, author);
    if (!saved)
        return store::raced();
    store::audit(connection, principal, "adopt_template", &*current, *saved);
    return *saved;
}

}  // namespace boussole::conventions
