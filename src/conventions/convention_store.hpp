#pragma once
// The storage of the convention rows shared by convention.cpp and
// lifecycle.cpp: every change of a convention writes its next row version,
// named from the version it starts from (optimistic concurrency), and its
// audit entry. For the conventions module only.

#include "access/principal.hpp"
#include "conventions/author.hpp"
#include "conventions/convention.hpp"

#include <optional>
#include <string_view>

namespace boussole::conventions::store {

// Writes title, status and amendment of convention as the version after
// from_version; nothing when the row is no longer at from_version. Returns
// the convention as saved.
std::optional<Convention> update(storage::Connection& connection, Convention convention, int from_version,
                                 const Author& author);

// Records the signature of one party.
void sign(storage::Connection& connection, std::int64_t convention_id, std::int64_t organisation_id,
          const access::Principal& principal, const Author& author);

// Clears every signature (an amendment is signed again).
void clear_signatures(storage::Connection& connection, std::int64_t convention_id);

void audit(storage::Connection& connection, const access::Principal& principal, std::string_view action,
           const Convention* before, const Convention& after);

// "La convention a été modifiée par … depuis votre lecture (version 3, vous
// partiez de la version 2) : rechargez-la et refaites votre modification."
core::Error stale(const Convention& current, int expected_version);
core::Error raced();

// NotFound naming the id.
core::Error not_found(std::int64_t id);

}  // namespace boussole::conventions::store
