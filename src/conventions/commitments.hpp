#pragma once
// The commitments (engagements) of a convention, in its three sections: the
// socle commun copied from the national template (its items cannot be
// removed, and a local target may be more ambitious than the national one,
// never weaker), the briques locales, and the volets partenaires (one annex
// per partner organisation, which that partner edits). Each commitment
// carries a version: a stale change is a Conflict, never an overwrite; a
// deletion is a recorded version (the row stays, deleted); every change is in
// the audit log, in the caller's transaction.
//
// Simplification: a national setting caps the number of commitments per
// convention, and warnings() points out near-duplicates. Commitments change
// only while the convention is a draft or in consultation (lifecycle.hpp).
// Thread-safety: reentrant. Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "catalogue/catalogue.hpp"
#include "conventions/convention.hpp"
#include "core/period.hpp"
#include "targets/trajectory.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boussole::conventions {

enum class Section { Socle, Local, Partner };

const char* to_string(Section section);  // "socle", "local", "partner"
const char* label(Section section);      // "socle commun", "briques locales", "volets partenaires"
core::Result<Section> parse_section(std::string_view text);

struct Commitment {
    std::int64_t id = 0;
    std::int64_t convention_id = 0;
    Section section = Section::Local;
    std::string partner;  // slug of the annex's partner; empty outside the partner section
    std::optional<std::int64_t> template_item_id;
    std::string priority;  // "P1"…"P11"
    std::string title;
    std::string text;
    std::string lead;                       // organisation slug
    std::vector<std::string> contributors;  // organisation slugs
    std::string indicator;                  // catalogue code; empty: no indicator
    std::optional<core::Period> baseline_period;
    std::optional<double> baseline_value;
    std::optional<double> target_value;
    std::optional<core::Period> deadline;
    std::optional<double> national_target;  // socle commun only
    std::string final_assessment;           // written when the convention closes
    bool deleted = false;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;
};

// The most recent (period, value) of an indicator for the convention's
// departments, from the live analytics; nothing when not measured.
using LatestValue = std::function<std::optional<std::pair<core::Period, double>>(
    const catalogue::Indicator& indicator, const std::vector<territory::TerritoryKey>& territories)>;

// Where a commitment stands: the trajectory from its baseline to its target
// (targets::assess) when it has an indicator, a baseline, a target and a
// deadline; not measurable otherwise.
targets::TrajectoryAssessment assess_commitment(const Commitment& commitment, const catalogue::Catalogue& catalogue,
                                                const std::vector<territory::TerritoryKey>& territories,
                                                const LatestValue& latest);

// Every member of the commitment, with status and status_label when an
// assessment is given.
nlohmann::json to_json(const Commitment& commitment, const targets::TrajectoryAssessment* assessment = nullptr);

struct CommitmentInput {
    std::string section;  // "local" or "partner" (the socle comes from the template)
    std::string partner;  // the annex's organisation slug, for the partner section
    std::string priority;
    std::string title;
    std::string text;
    std::string lead;
    std::vector<std::string> contributors;
    std::string indicator;
    std::string baseline_period;
    std::optional<double> baseline_value;
    std::optional<double> target_value;
    std::string deadline;
};

// The input that leaves a commitment as it is (for partial changes).
CommitmentInput input_of(const Commitment& commitment);

// Adds a commitment to a draft (or a convention in consultation). Invalid,
// every faulty field named: an unknown priority, lead, contributor or
// indicator, a partner that is not a party, a lead outside the parties, a
// target without deadline, a deadline outside the convention's period, a
// baseline period not before the deadline; the commitment cap reached
// ("La convention compte déjà 30 engagements pour un plafond national de
// 30…"). Forbidden: the socle and the briques locales to the steering rights
// of the convention; an annex also to its partner's own members.
// Conflict: a convention no longer in preparation.
core::Result<Commitment> add_commitment(storage::Connection& connection, const access::Principal& principal,
                                        const catalogue::Catalogue& catalogue, std::int64_t convention_id,
                                        const CommitmentInput& input);

// Changes a commitment, from expected_version (Conflict when stale, naming
// who changed it). The section, the partner and a socle item's indicator do
// not change; a socle target may not be weaker than the national one.
core::Result<Commitment> change_commitment(storage::Connection& connection, const access::Principal& principal,
                                           const catalogue::Catalogue& catalogue, std::int64_t convention_id,
                                           std::int64_t commitment_id, int expected_version,
                                           const CommitmentInput& input);

// Deletes a commitment as a recorded version. Invalid for an item of the
// socle commun; otherwise the rules of change_commitment.
core::Result<Commitment> delete_commitment(storage::Connection& connection, const access::Principal& principal,
                                           std::int64_t convention_id, std::int64_t commitment_id,
                                           std::optional<int> expected_version);

// The commitments of a convention in section then creation order; deleted
// ones only when asked.
std::vector<Commitment> list_commitments(storage::Connection& connection, std::int64_t convention_id,
                                         bool include_deleted = false);

std::optional<Commitment> find_commitment(storage::Connection& connection, std::int64_t convention_id,
                                          std::int64_t commitment_id);

struct Warning {
    std::string kind;  // "same_indicator", "similar_titles"
    std::vector<std::int64_t> commitments;
    std::string message;  // French
};

// Near-duplicates among the (not deleted) commitments: the same indicator in
// two commitments, titles with nearly the same words.
std::vector<Warning> warnings(const std::vector<Commitment>& commitments);

inline constexpr int kDefaultCommitmentCap = 40;

// The national cap on the commitments of one convention (the settings
// table), kDefaultCommitmentCap until set.
int commitment_cap(storage::Connection& connection);

// Sets the cap: national administrators only; Invalid outside 1 to 500.
// Conventions already beyond keep their commitments; only additions are
// refused.
core::Result<int> set_commitment_cap(storage::Connection& connection, const access::Principal& principal, int cap);

}  // namespace boussole::conventions
