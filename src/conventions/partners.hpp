#pragma once
// Changes of a convention in preparation besides its commitments: a partner
// added after creation (its own annex and signature), and, during an
// amendment, the move to a newer version of the socle commun published for
// the period (its new national items are copied; the items already in the
// convention stay as they are, so nothing local is lost). Both need the
// convention's steering rights and its version (Conflict when stale), and
// are audited in the caller's transaction. Thread-safety: reentrant.
// Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "conventions/convention.hpp"
#include "conventions/template.hpp"

#include <optional>
#include <string>

namespace boussole::conventions {

// Adds a partner organisation (of the partners' family) as a party with its
// annex. Invalid, field "partner": unknown, of the branch, already a party.
// Conflict: a convention no longer a draft or in consultation.
core::Result<Convention> add_partner(storage::Connection& connection, const access::Principal& principal,
                                     std::int64_t convention_id, int expected_version, const std::string& slug);

// The newest template of the convention's period when it is newer than the
// one the convention was copied from; nothing otherwise.
std::optional<Template> newer_template(storage::Connection& connection, const Convention& convention);

// Moves an amendment in preparation (a draft with amendment > 0) to the
// newest template: copies its items absent from the convention (same
// priority and title) into the socle commun. Conflict when the convention is
// not an amendment in preparation or no newer template exists.
core::Result<Convention> adopt_newer_template(storage::Connection& connection, const access::Principal& principal,
                                              std::int64_t convention_id, int expected_version);

}  // namespace boussole::conventions
