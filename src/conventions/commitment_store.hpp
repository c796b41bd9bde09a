#pragma once
// The storage of commitments: rows and their versions, organisations read by
// slug. No rule is checked here; commitments.cpp checks first. For the
// conventions module only.

#include "conventions/author.hpp"
#include "conventions/commitments.hpp"
#include "conventions/template.hpp"

#include <optional>

namespace boussole::conventions::store {

// Copies the items of the template as the socle commun of a new convention,
// led by lead_id.
void insert_socle(storage::Connection& connection, std::int64_t convention_id, const Template& model,
                  std::int64_t lead_id, const Author& author);

std::vector<Commitment> select_commitments(storage::Connection& connection, std::int64_t convention_id,
                                           bool include_deleted);
std::optional<Commitment> select_commitment(storage::Connection& connection, std::int64_t convention_id,
                                            std::int64_t id);
std::int64_t count_commitments(storage::Connection& connection, std::int64_t convention_id);

// The id of an organisation from its slug; nothing when unknown.
std::optional<std::int64_t> organisation_id(storage::Connection& connection, std::string_view slug);

// Inserts commitment at version 1 and returns it as saved.
Commitment insert(storage::Connection& connection, Commitment commitment, std::int64_t lead_id,
                  std::optional<std::int64_t> partner_id, const Author& author);

// Writes commitment as the version after from_version; nothing when the row
// is no longer at from_version.
std::optional<Commitment> update(storage::Connection& connection, Commitment commitment, std::int64_t lead_id,
                                 int from_version, const Author& author);

}  // namespace boussole::conventions::store
