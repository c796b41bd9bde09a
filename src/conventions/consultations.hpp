#pragma once
// Consultations on a convention being prepared. Its owners (the people who
// may steer the convention) open a consultation for a period, from one day
// to another included, and invite organisations of the directory (users'
// associations, the CDCA, partners…). A person of an invited organisation
// contributes, on the whole convention or on one of its commitments, while
// the consultation is open; the owners answer each contribution: taken into
// account, partly, or not taken — the last two with a reason. Whether a
// consultation is open is decided from today's date at each read and write.
//
// The subject is a kind with an id or a key: ("convention", its id) here,
// ("roadmap", 0, "DEP-33") for a territory's common roadmap, which the
// steering module resolves (it sits above this one). Whoever owns a kind of
// document answers for it through a Subject: who may read it, who may steer
// it, which items it has. The functions without a resolver know conventions
// only. Every change is audited in
// the caller's transaction; an answer carries the contribution's version
// (Conflict when stale). Thread-safety: reentrant. Database failures throw
// storage::DatabaseError.

#include "access/principal.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::conventions {

struct Convention;

struct Invitee {
    std::int64_t organisation_id = 0;
    std::string slug;
    std::string name;
};

struct Consultation {
    std::int64_t id = 0;
    std::string subject_kind;  // "convention" or "roadmap"
    std::int64_t subject_id = 0;
    std::string subject_key;  // the roadmap's territory ("DEP-33"); empty for a convention
    std::string title;
    std::string opens_on;   // YYYY-MM-DD
    std::string closes_on;  // YYYY-MM-DD, included
    std::vector<Invitee> invited;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;

    // "upcoming", "open" or "closed" on that day (YYYY-MM-DD).
    std::string state_on(const std::string& today) const;
    bool invites(std::int64_t organisation_id) const;
};

enum class Answer { Taken, Partly, NotTaken };

const char* to_string(Answer answer);  // "taken", "partly", "not_taken"
const char* label(Answer answer);      // "pris en compte", "partiellement pris en compte", "non retenu"
core::Result<Answer> parse_answer(std::string_view text);

struct Contribution {
    std::int64_t id = 0;
    std::int64_t consultation_id = 0;
    std::string organisation;  // slug
    std::string organisation_name;
    std::optional<std::int64_t> commitment_id;  // the item: a commitment, an action; nothing: the whole document
    std::string text;
    std::string author;
    core::Timestamp created_at;
    std::optional<Answer> answer;
    std::string reason;
    std::optional<core::Timestamp> answered_at;
    std::string answered_by;
    int version = 1;
};

// Today, as consultations count days (UTC).
std::string today();

// The document a consultation is about, as the module that owns it answers
// for it.
struct Subject {
    std::string kind;  // "convention", "roadmap"
    std::int64_t id = 0;
    std::string key;
    std::function<core::Status(const access::Principal&)> may_read;
    // what completes "… ne permet pas de …".
    std::function<core::Status(const access::Principal&, std::string_view what)> may_steer;
    // Nothing when the item is in the document, else the field's message.
    std::function<std::optional<std::string>(storage::Connection&, std::int64_t item_id)> item_fault;
};

// The subject of a consultation, or NotFound.
using SubjectResolver = std::function<core::Result<Subject>(storage::Connection&, const Consultation&)>;

// A convention's subject (kind "convention").
Subject convention_subject(const Convention& convention);
// Resolves conventions only.
core::Result<Subject> resolve_convention_subject(storage::Connection& connection, const Consultation& consultation);

// id, subject_kind, subject_id, title, opens_on, closes_on, state,
// state_label, invited [{organisation, name}], version, updated_at, updated_by.
nlohmann::json to_json(const Consultation& consultation, const std::string& today);
nlohmann::json to_json(const Contribution& contribution);

struct ConsultationInput {
    std::string title;                 // empty: "Consultation sur la convention"
    std::string opens_on;              // YYYY-MM-DD
    std::string closes_on;             // YYYY-MM-DD
    std::vector<std::string> invited;  // organisation slugs
};

// Opens a consultation on any subject, for those who may steer it (the
// caller checked that the subject is in a state to be consulted): Invalid,
// field named, as below.
core::Result<Consultation> open_consultation(storage::Connection& connection, const access::Principal& principal,
                                             const Subject& subject, const ConsultationInput& input,
                                             const std::string& default_title);

// Opens a consultation on a convention that is a draft or in consultation.
// Forbidden outside the convention's steering rights; Conflict for a
// convention past consultation; Invalid, field named: a date that is not a
// day, an end before the start or already past, no organisation invited or
// an unknown one.
core::Result<Consultation> open_consultation(storage::Connection& connection, const access::Principal& principal,
                                             std::int64_t convention_id, const ConsultationInput& input);

std::optional<Consultation> find_consultation(storage::Connection& connection, std::int64_t id);

// The consultations of a convention, latest first.
std::vector<Consultation> list_consultations(storage::Connection& connection, std::int64_t convention_id);
// The consultations of a subject, latest first.
std::vector<Consultation> list_consultations(storage::Connection& connection, const std::string& kind, std::int64_t id,
                                             const std::string& key);

// Reading: whoever may read the subject, and the people of the invited
// organisations.
core::Status may_read(const access::Principal& principal, storage::Connection& connection,
                      const Consultation& consultation, const SubjectResolver& resolve = resolve_convention_subject);

struct ContributionInput {
    std::optional<std::int64_t> commitment_id;
    std::string text;
};

// Contributes for the principal's organisation. Forbidden unless a
// signed-in person of an invited organisation, whatever their role: the
// people consulted are often readers elsewhere ("Votre organisation n'est pas invitée à cette consultation."); Conflict
// before the opening day and after the closing day; Invalid for an empty
// text (or beyond 5 000 characters) or a commitment not in the convention.
core::Result<Contribution> contribute(storage::Connection& connection, const access::Principal& principal,
                                      std::int64_t consultation_id, const ContributionInput& input,
                                      const SubjectResolver& resolve = resolve_convention_subject);

// The contributions of a consultation in the order they came.
std::vector<Contribution> list_contributions(storage::Connection& connection, std::int64_t consultation_id);

// Answers a contribution (or changes the answer) from expected_version.
// Forbidden outside the convention's steering rights; Invalid without a
// reason for "partly" and "not taken"; Conflict when stale, naming who
// answered.
core::Result<Contribution> answer_contribution(storage::Connection& connection, const access::Principal& principal,
                                               std::int64_t consultation_id, std::int64_t contribution_id,
                                               int expected_version, Answer answer, const std::string& reason,
                                               const SubjectResolver& resolve = resolve_convention_subject);

}  // namespace boussole::conventions
