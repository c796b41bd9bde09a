#pragma once
// The lifecycle of a convention:
//
//   draft → consultation → ready_to_sign → signed → in_force → closed
//     ↑__________|______________|                      |
//     └──────────── amend (a new version) ─────────────┘
//
// Signatures: while ready to sign, each party signs, by a signed-in person
// of that party's organisation with the right role (an editor, a partner's
// member for a partner, a national administrator for the CNSA); the date and
// the signer are recorded; the last signature makes the convention signed.
// Entering into force records the text as version « amendment » (0 for the
// initial text) for the diff (versions.hpp). Amending an in-force convention
// makes it a draft again with the next amendment number and no signatures.
// Closing records a final assessment for every commitment. Every step checks
// the convention's version (Conflict when stale) and is in the audit log.

#include "access/principal.hpp"
#include "conventions/convention.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace boussole::conventions {

enum class Step { Consult, ReadyToSign, Reopen, EnterIntoForce, Amend, Close };

const char* to_string(Step step);  // "consult", "ready_to_sign", "reopen", "enter_into_force", "amend", "close"
core::Result<Step> parse_step(std::string_view text);

// Takes a step. Forbidden outside the steering rights (may_steer). Conflict
// with the reason when the status does not allow the step ("La convention est
// « brouillon » : elle entre en vigueur une fois signée par toutes les
// parties.") or when expected_version is stale. Close: Invalid unless every
// commitment has a final assessment in assessments (by commitment id), the
// missing ones named.
core::Result<Convention> take_step(storage::Connection& connection, const access::Principal& principal,
                                   std::int64_t convention_id, int expected_version, Step step,
                                   const std::map<std::int64_t, std::string>& assessments = {});

// Signs for the principal's organisation. Forbidden when the organisation
// is not a party ("Votre organisation n'est pas partie à cette
// convention.") or the role may not sign; Conflict when the convention is
// not ready to sign, the party has signed already, or expected_version is
// given and stale.
core::Result<Convention> sign_convention(storage::Connection& connection, const access::Principal& principal,
                                         std::int64_t convention_id, std::optional<int> expected_version);

}  // namespace boussole::conventions
