#pragma once
// The single territorial convention of a department (or of the departments
// one collectivity covers: Alsace 67+68, Corse 2A+2B) for a convention
// period: its parties (the ARS of the region, the departmental collectivity
// or collectivities, the MDPH/MDA, the CNSA, and the partners of the
// annexes), its status in the lifecycle (lifecycle.hpp) and its amendment
// number. Its commitments are in commitments.hpp. One convention per
// department and period: a second one is refused.
//
// Reading needs a signed-in person or token whose scope covers one of the
// departments, a national role, or an organisation that is a party.
// Creating and steering belong to the national administrators and the
// territorial editors whose scope covers every department. Every change is
// a version of the row and an audit entry, in the caller's transaction.
// Thread-safety: reentrant. Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "core/clock.hpp"
#include "territory/registry.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::conventions {

enum class Status { Draft, Consultation, ReadyToSign, Signed, InForce, Closed };

const char* to_string(Status status);  // "draft", "consultation", "ready_to_sign", "signed", "in_force", "closed"
const char* label(Status status);      // "brouillon", "en consultation", "prête à signer", …
core::Result<Status> parse_status(std::string_view text);

enum class PartyRole { Cnsa, Ars, Departement, Mdph, Partner };

const char* to_string(PartyRole role);  // "cnsa", "ars", "departement", "mdph", "partner"
const char* label(PartyRole role);      // "CNSA", "ARS", "collectivité départementale", "MDPH / MDA", "partenaire"

struct Party {
    std::int64_t organisation_id = 0;
    std::string slug;
    std::string name;
    PartyRole role = PartyRole::Partner;
    std::optional<core::Timestamp> signed_at;
    std::string signed_by;
};

struct Convention {
    std::int64_t id = 0;
    std::string title;
    int period_start = 0;
    int period_end = 0;
    std::int64_t template_id = 0;
    Status status = Status::Draft;
    int amendment = 0;  // 0: the initial text; n: the n-th amendment
    int version = 1;
    std::vector<territory::TerritoryKey> territories;
    std::vector<Party> parties;
    core::Timestamp updated_at;
    std::string updated_by;

    const Party* party_of(std::int64_t organisation_id) const;
    bool all_signed() const;
};

// id, title, period, period_start, period_end, template_id, status,
// status_label, amendment, version, territories, parties (with signature),
// updated_at, updated_by.
nlohmann::json to_json(const Convention& convention);

struct ConventionInput {
    std::string title;                     // empty: "Convention territoriale unique — Gironde 2026-2029"
    std::vector<std::string> territories;  // "DEP-33"; several when one collectivity covers them all
    std::optional<int> period_start;
    std::optional<int> period_end;
    std::vector<std::string> partners;  // organisation slugs, one annex each
};

// Creates a draft from the latest template of the period: the parties are
// found from the organisations covering the departments, the socle commun is
// copied as commitments led by the departmental collectivity. Invalid, field
// named: no or unknown department, a region or the nation, departments that
// no single collectivity covers together, no template published for the
// period, an unknown partner or one of the branch. Conflict: a convention
// already exists for one of the departments and the period ("La Gironde a
// déjà une convention pour 2026-2029 (n° 4, en vigueur)…"). Forbidden
// outside the steering rights above.
core::Result<Convention> create_convention(storage::Connection& connection, const access::Principal& principal,
                                           const territory::TerritoryRegistry& registry, const ConventionInput& input);

// The convention of that id; nothing when there is none (no access check:
// see may_read).
std::optional<Convention> find_convention(storage::Connection& connection, std::int64_t id);

// Forbidden (or Unauthenticated) under the reading rules above.
core::Status may_read(const access::Principal& principal, const Convention& convention);

// Forbidden unless a national administrator or a territorial editor (or a
// writing token) whose scope covers every department. what completes
// "… ne permet pas de …".
core::Status may_steer(const access::Principal& principal, const Convention& convention, std::string_view what);

struct ConventionFilter {
    std::optional<territory::TerritoryKey> territory;  // a department, or a region for its departments
    std::optional<int> period_start;
    std::optional<Status> status;
};

// The conventions the principal may read, ordered by period then first
// department.
std::vector<Convention> list_conventions(storage::Connection& connection, const access::Principal& principal,
                                         const territory::TerritoryRegistry& registry, const ConventionFilter& filter);

// Renames a convention. NotFound, Forbidden (may_steer), Conflict when
// expected_version is stale, Invalid for an empty title or beyond 300
// characters.
core::Result<Convention> rename_convention(storage::Connection& connection, const access::Principal& principal,
                                           std::int64_t id, int expected_version, const std::string& title);

}  // namespace boussole::conventions
