#pragma once
// The common roadmap (feuille de route commune) of a steered territory: its
// actions, each with priority, linked commitments, lead and partners, dates,
// status, progress, milestones, budget, impact indicators, co-construction
// with the people concerned, and a dated log of progress notes. An action is
// « en retard » when its due date has passed and it is neither done nor
// abandoned: derived, never stored.
//
// Every change is a version of the action (a stale one is a Conflict naming
// who changed it), a row of its history and an audit entry, in the caller's
// transaction; a deletion is such a version, the row stays, deleted.
// Thread-safety: reentrant. Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "catalogue/catalogue.hpp"
#include "core/clock.hpp"
#include "steering/territory.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::steering {

enum class ActionStatus { Planned, InProgress, Done, Paused, Abandoned };

const char* to_string(ActionStatus status);  // "planned", "in_progress", "done", "paused", "abandoned"
const char* label(ActionStatus status);      // "prévue", "en cours", "réalisée", "en pause", "abandonnée"
core::Result<ActionStatus> parse_action_status(std::string_view text);
inline constexpr ActionStatus kActionStatuses[] = {ActionStatus::Planned, ActionStatus::InProgress, ActionStatus::Done,
                                                   ActionStatus::Paused, ActionStatus::Abandoned};

struct Milestone {
    std::string title;
    std::string date;  // ISO day
    bool done = false;
};

struct Action {
    std::int64_t id = 0;
    std::string territory;  // "DEP-33"
    std::string title;
    std::string description;
    std::string priority;  // "P1"…"P11"
    std::string lead;      // organisation slug
    std::string lead_name;
    std::vector<std::string> partners;  // organisation slugs
    std::vector<std::int64_t> commitments;
    std::vector<std::string> indicators;  // catalogue codes
    std::vector<Milestone> milestones;
    ActionStatus status = ActionStatus::Planned;
    std::string abandon_reason;
    std::string starts_on;                 // ISO day or empty
    std::string due_on;                    // ISO day or empty
    int progress = 0;                      // percent
    std::optional<double> planned_budget;  // euros
    std::optional<double> spent_budget;
    bool co_built = false;
    bool deleted = false;
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;

    // Due date passed, neither done nor abandoned.
    bool late(std::chrono::year_month_day today) const;
};

// Every member, with status_label and late (as of today).
nlohmann::json to_json(const Action& action, std::chrono::year_month_day today);

struct ActionInput {
    std::string title;
    std::string description;
    std::string priority;
    std::string lead;
    std::vector<std::string> partners;
    std::vector<std::int64_t> commitments;
    std::vector<std::string> indicators;
    std::vector<Milestone> milestones;
    std::string status = "planned";
    std::string abandon_reason;
    std::string starts_on;
    std::string due_on;
    std::optional<int> progress;
    std::optional<double> planned_budget;
    std::optional<double> spent_budget;
    bool co_built = false;
};

ActionInput input_of(const Action& action);

// Adds an action. Invalid, every faulty field named (priority outside the
// framework, unknown lead or partner, commitment outside the territory's
// conventions, unknown indicator, due date before start, progress outside 0
// to 100, negative budget, malformed milestone, abandoned without a reason).
// Forbidden outside may_write.
core::Result<Action> add_action(storage::Connection& connection, const access::Principal& principal,
                                const catalogue::Catalogue& catalogue, const SteeredTerritory& territory,
                                const ActionInput& input);

// Changes an action from expected_version: Conflict when stale, naming who
// changed it and when.
core::Result<Action> change_action(storage::Connection& connection, const access::Principal& principal,
                                   const catalogue::Catalogue& catalogue, const SteeredTerritory& territory,
                                   std::int64_t id, int expected_version, const ActionInput& input);

// Deletes an action as a recorded version (expected_version checked when
// given).
core::Result<Action> delete_action(storage::Connection& connection, const access::Principal& principal,
                                   const SteeredTerritory& territory, std::int64_t id,
                                   std::optional<int> expected_version);

struct Note {
    std::int64_t id = 0;
    std::string written_on;  // ISO day
    std::string body;
    int progress = 0;
    core::Timestamp created_at;
    std::string created_by;
};

nlohmann::json to_json(const Note& note);

// Adds a progress note and sets the action's progress to it (a planned
// action becomes in progress; 100 % makes it done). Invalid: empty text,
// progress outside 0 to 100, a date that is not a day. Conflict when stale.
core::Result<Action> add_note(storage::Connection& connection, const access::Principal& principal,
                              const SteeredTerritory& territory, std::int64_t id, int expected_version,
                              const std::string& written_on, const std::string& body, std::optional<int> progress);

struct ActionFilter {
    std::optional<ActionStatus> status;
    std::string priority;
    std::string lead;  // organisation slug
    bool late_only = false;
};

enum class ActionSort { DueDate, Progress, Title, Priority };

// The actions of the territory (not deleted), filtered and sorted; late as
// of today.
std::vector<Action> list_actions(storage::Connection& connection, const SteeredTerritory& territory,
                                 const ActionFilter& filter, ActionSort sort, bool descending,
                                 std::chrono::year_month_day today);

// The action of that id in the territory (deleted ones too).
std::optional<Action> find_action(storage::Connection& connection, const SteeredTerritory& territory, std::int64_t id);

std::vector<Note> list_notes(storage::Connection& connection, std::int64_t action_id);

struct HistoryEntry {
    int version = 0;
    std::string change;  // "create", "update", "delete", "note"
    nlohmann::json snapshot;
    core::Timestamp recorded_at;
    std::string recorded_by;
};

// The versions of an action, oldest first.
std::vector<HistoryEntry> action_history(storage::Connection& connection, std::int64_t action_id);

}  // namespace boussole::steering
