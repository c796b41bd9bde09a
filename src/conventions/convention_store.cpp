#include "conventions/convention_store.hpp"

#include "access/audit.hpp"
#include "storage/connection.hpp"

namespace boussole::conventions {

namespace store {

namespace {

constexpr const char* kUpdate =
    "UPDATE conventions SET title = $1, status = $2, amendment = $3, version = version + 1, updated_at = $4, "
    "updated_by = $5 WHERE id = $6 AND version = $7";
constexpr const char* kSign =
    "UPDATE convention_parties SET signed_at = $1, signed_by = $2, signed_user_id = $3 "
    "WHERE convention_id = $4 AND organisation_id = $5";
constexpr const char* kClearSignatures =
    "UPDATE convention_parties SET signed_at = NULL, signed_by = NULL, signed_user_id = NULL WHERE convention_id = $1";

}  // namespace

std::optional<Convention> update(storage::Connection& connection, Convention convention, int from_version,
                                 const Author& author)
{
    auto changed = connection.execute(kUpdate, {convention.title, to_string(convention.status), convention.amendment,
                                                author.at, author.name, convention.id, from_version});
    if (changed == 0)
        return std::nullopt;
    return find_convention(connection, convention.id);
}

void sign(storage::Connection& connection, std::int64_t convention_id, std::int64_t organisation_id,
          const access::Principal& principal, const Author& author)
{
    connection.execute(kSign, {author.at, author.name, principal.user_id, convention_id, organisation_id});
}

void clear_signatures(storage::Connection& connection, std::int64_t convention_id)
{
    connection.execute(kClearSignatures, {convention_id});
}

void audit(storage::Connection& connection, const access::Principal& principal, std::string_view action,
           const Convention* before, const Convention& after)
{
    access::record_audit(
        connection, principal,
        {std::string(action), "convention", std::to_string(after.id),
         before ? std::optional<std::string>(to_json(*before).dump()) : std::nullopt, to_json(after).dump()});
}

core::Error stale(const Convention& current, int expected_version)
{
    return core::Error::conflict("La convention a été modifiée par " + current.updated_by +
                                 " depuis votre lecture (version " + std::to_string(current.version) +
                                 ", vous partiez de la version " + std::to_string(expected_version) +
                                 ") : rechargez-la et refaites votre modification.");
}

core::Error raced()
{
    return core::Error::conflict(
        "La convention vient d'être modifiée par quelqu'un d'autre : rechargez-la et refaites votre modification.");
}

core::Error not_found(std::int64_t id)
{
    return core::Error::not_found("Convention n° " + std::to_string(id) +
                                  " introuvable, ou hors du périmètre de votre organisation.");
}

}  // namespace store

const char* to_string(Status status)
{
    switch (status) {
    case Status::Consultation: return "consultation";
    case Status::ReadyToSign: return "ready_to_sign";
    case Status::Signed: return "signed";
    case Status::InForce: return "in_force";
    case Status::Closed: return "closed";
    default: return "draft";
    }
}

const char* label(Status status)
{
    switch (status) {
    case Status::Consultation: return "en consultation";
    case Status::ReadyToSign: return "prête à signer";
    case Status::Signed: return "signée";
    case Status::InForce: return "en vigueur";
    case Status::Closed: return "close";
    default: return "brouillon";
    }
}

core::Result<Status> parse_status(std::string_view text)
{
    for (auto status :
         {Status::Draft, Status::Consultation, Status::ReadyToSign, Status::Signed, Status::InForce, Status::Closed})
        if (text == to_string(status))
            return status;
    return core::Error::invalid("Statut : attendu draft, consultation, ready_to_sign, signed, in_force ou closed.");
}

const char* to_string(PartyRole role)
{
    switch (role) {
    case PartyRole::Cnsa: return "cnsa";
    case PartyRole::Ars: return "ars";
    case PartyRole::Departement: return "departement";
    case PartyRole::Mdph: return "mdph";
    default: return "partner";
    }
}

const char* label(PartyRole role)
{
    switch (role) {
    case PartyRole::Cnsa: return "CNSA";
    case PartyRole::Ars: return "ARS";
    case PartyRole::Departement: return "collectivité départementale";
    case PartyRole::Mdph: return "MDPH / MDA";
    default: return "partenaire";
    }
}

}  // namespace boussole::conventions
