#pragma once
// The instance territoriale de l'autonomie (ITA) of a steered territory: the
// ARS and the departmental collectivity co-chair it with the MDPH, partners
// and the representatives of the CDCA and of the conférence des financeurs.
// It meets (date, agenda, attendees, minutes) and decides (text, date,
// linked to roadmap actions or to a convention amendment).
//
// Reading and writing follow territory.hpp. Every change is an audit entry;
// members, meetings and decisions carry a version (a stale change is a
// Conflict naming who changed it). Removing a member or deleting a decision
// is a recorded change: the row stays, marked deleted, with its version, and
// a decision's versions are kept for its history. Thread-safety: reentrant.
// Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "core/clock.hpp"
#include "steering/territory.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::steering {

enum class MemberRole { CoChairArs, CoChairCd, Mdph, Partner, Cdca, ConferenceFinanceurs };

const char* to_string(MemberRole role);  // "copresidence_ars", "copresidence_cd", "mdph", "partenaire", "cdca", …
const char* label(MemberRole role);      // "co-présidence ARS", …, "représentant de la conférence des financeurs"
core::Result<MemberRole> parse_member_role(std::string_view text);
inline constexpr MemberRole kMemberRoles[] = {MemberRole::CoChairArs, MemberRole::CoChairCd,
                                              MemberRole::Mdph,       MemberRole::Partner,
                                              MemberRole::Cdca,       MemberRole::ConferenceFinanceurs};

struct Member {
    std::int64_t id = 0;
    std::string organisation;  // slug; empty for a person alone
    std::string organisation_name;
    std::string person;
    MemberRole role = MemberRole::Partner;
    std::string starts_on;  // ISO day, or empty
    std::string ends_on;    // ISO day, or empty
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;
};

struct Meeting {
    std::int64_t id = 0;
    std::string held_on;  // ISO day
    std::string agenda;
    std::vector<std::string> attendees;
    std::string minutes;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;
};

struct Decision {
    std::int64_t id = 0;
    std::optional<std::int64_t> meeting_id;
    std::string decided_on;  // ISO day
    std::string text;
    std::vector<std::int64_t> actions;  // roadmap action ids
    std::optional<std::int64_t> convention_id;
    std::optional<int> amendment;
    std::string created_by;
    bool deleted = false;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;
};

// One saved version of a decision: "create", "update" or "delete", with the
// decision as it was then.
struct DecisionVersion {
    int version = 1;
    std::string change;
    nlohmann::json snapshot;
    core::Timestamp recorded_at;
    std::string recorded_by;
};

nlohmann::json to_json(const Member& member);
nlohmann::json to_json(const Meeting& meeting);
nlohmann::json to_json(const Decision& decision);

struct MemberInput {
    std::string organisation;
    std::string person;
    std::string role;
    std::string starts_on;  // optional ISO days
    std::string ends_on;
};

// Invalid: an unknown role or organisation, neither organisation nor person,
// a malformed date or an end before the start.
core::Result<Member> add_member(storage::Connection& connection, const access::Principal& principal,
                                const SteeredTerritory& territory, const MemberInput& input);
// Changes a member from expected_version: NotFound for a member of another
// ITA or removed; Conflict when stale, naming who changed it; Invalid as for
// add_member.
core::Result<Member> change_member(storage::Connection& connection, const access::Principal& principal,
                                   const SteeredTerritory& territory, std::int64_t id, int expected_version,
                                   const MemberInput& input);
// Removes a member as a recorded change (expected_version checked when
// given): it leaves the list, its row stays with a new version.
core::Result<Member> remove_member(storage::Connection& connection, const access::Principal& principal,
                                   const SteeredTerritory& territory, std::int64_t id,
                                   std::optional<int> expected_version);
// The current members, removed ones left out.
std::vector<Member> list_members(storage::Connection& connection, const SteeredTerritory& territory);
std::optional<Member> find_member(storage::Connection& connection, const SteeredTerritory& territory, std::int64_t id);

struct MeetingInput {
    std::string held_on;
    std::string agenda;
    std::vector<std::string> attendees;
    std::string minutes;
};

// Invalid: no or malformed date, an empty agenda, texts too long.
core::Result<Meeting> add_meeting(storage::Connection& connection, const access::Principal& principal,
                                  const SteeredTerritory& territory, const MeetingInput& input);
core::Result<Meeting> change_meeting(storage::Connection& connection, const access::Principal& principal,
                                     const SteeredTerritory& territory, std::int64_t id, int expected_version,
                                     const MeetingInput& input);
// Newest first.
std::vector<Meeting> list_meetings(storage::Connection& connection, const SteeredTerritory& territory);

struct DecisionInput {
    std::optional<std::int64_t> meeting_id;
    std::string decided_on;
    std::string text;
    std::vector<std::int64_t> actions;
    std::optional<int> amendment;  // of the territory's convention
};

// Invalid: no or malformed date, an empty text, a meeting or action of
// another territory, an amendment without a convention or beyond its
// current number.
core::Result<Decision> add_decision(storage::Connection& connection, const access::Principal& principal,
                                    const SteeredTerritory& territory, const DecisionInput& input);
// Changes a decision from expected_version, with the same checks as
// add_decision: NotFound for a decision of another ITA or deleted;
// Conflict when stale, naming who changed it.
core::Result<Decision> change_decision(storage::Connection& connection, const access::Principal& principal,
                                       const SteeredTerritory& territory, std::int64_t id, int expected_version,
                                       const DecisionInput& input);
// Deletes a decision as a recorded version (expected_version checked when
// given); it stays in its history.
core::Result<Decision> delete_decision(storage::Connection& connection, const access::Principal& principal,
                                       const SteeredTerritory& territory, std::int64_t id,
                                       std::optional<int> expected_version);
// Newest first, deleted ones left out.
std::vector<Decision> list_decisions(storage::Connection& connection, const SteeredTerritory& territory);
// The deleted decisions, latest deletion first, for their history.
std::vector<Decision> list_deleted_decisions(storage::Connection& connection, const SteeredTerritory& territory);
// A decision of the territory, deleted or not.
std::optional<Decision> find_decision(storage::Connection& connection, const SteeredTerritory& territory,
                                      std::int64_t id);
// The saved versions of a decision of the territory, oldest first; empty
// for an unknown one. A decision recorded before versions were kept starts
// at its first change.
std::vector<DecisionVersion> decision_history(storage::Connection& connection, const SteeredTerritory& territory,
                                              std::int64_t id);

}  // namespace boussole::steering
