#pragma once
// The storage of roadmap actions, their versions and their notes. No rule is
// checked here; roadmap.cpp checks first. For the steering module only.

#include "steering/roadmap.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::steering::store {

std::vector<Action> select_actions(storage::Connection& connection, const std::string& territory, bool include_deleted);
std::optional<Action> select_action(storage::Connection& connection, const std::string& territory, std::int64_t id);

// The id of an organisation from its slug; nothing when unknown.
std::optional<std::int64_t> organisation_id(storage::Connection& connection, std::string_view slug);

// Inserts at version 1 (origin "user" or "demo") and returns the saved action.
Action insert(storage::Connection& connection, Action action, std::int64_t lead_id, const std::string& origin,
              const std::string& at, const std::string& by);

// Writes the action as the version after from_version; nothing when the row
// is no longer at from_version.
std::optional<Action> update(storage::Connection& connection, Action action, std::int64_t lead_id, int from_version,
                             const std::string& at, const std::string& by);

void record_version(storage::Connection& connection, const Action& action, const std::string& change);

void insert_note(storage::Connection& connection, std::int64_t action_id, const Note& note);
std::vector<Note> select_notes(storage::Connection& connection, std::int64_t action_id);
std::vector<HistoryEntry> select_history(storage::Connection& connection, std::int64_t action_id);

// The snapshot kept in the history: the stored members, without derived ones.
nlohmann::json snapshot_of(const Action& action);

}  // namespace boussole::steering::store
