#pragma once
// The storage of calendar events and constraints, for the calendar module
// only: no rule is checked here (events.cpp and constraints.cpp check
// first). An update names the version it starts from and reports whether
// the row was still at it (optimistic concurrency).

#include "calendar/conflicts.hpp"
#include "calendar/event.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::calendar::rows {

std::optional<Event> select_by_id(storage::Connection& connection, std::int64_t id);
std::optional<Event> select_by_uid(storage::Connection& connection, std::string_view uid);

// Every event with an occurrence that may fall within [from, to), in start
// order; cancelled ones included.
std::vector<Event> select_window(storage::Connection& connection, core::Timestamp from, core::Timestamp to);

// The events of a territory's common calendar within [from, to): those of
// the territory, of the territories that enclose it and of those within it.
std::vector<Event> select_for_territory(storage::Connection& connection, const territory::TerritoryKey& key,
                                        core::Timestamp from, core::Timestamp to);

// The events an organisation organises, co-organises or attends.
std::vector<Event> select_for_organisation(storage::Connection& connection, std::int64_t organisation_id,
                                           core::Timestamp from, core::Timestamp to);

// Inserts at version 1 with its organisations and priorities; returns the
// event as saved. The UID must be new.
Event insert(storage::Connection& connection, Event event);

// Writes event as the version after from_version; nothing when the row is no
// longer at it.
std::optional<Event> update(storage::Connection& connection, Event event, int from_version);

// Marks `event` (at event.version, not yet replaced) replaced by joint_id,
// as the next version by event.updated_by at event.updated_at; nothing when
// the row moved on.
std::optional<Event> mark_replaced(storage::Connection& connection, Event event, std::int64_t joint_id);

// The exceptions of a recurring event, by recurrence (exception_rows.cpp);
// writing replaces them all with event.exceptions.
std::vector<EventException> exceptions_of(storage::Connection& connection, std::int64_t event_id);
void write_exceptions(storage::Connection& connection, const Event& event);

void record_override(storage::Connection& connection, const Event& event, const std::string& warnings_json,
                     const std::string& reason);

// Constraints (constraint_rows.cpp): those of some organisations, by first
// day; one by id; a change names the version it starts from and returns
// nothing when the row is no longer at it (or is gone).
std::vector<Constraint> constraints_of(storage::Connection& connection, const std::vector<std::int64_t>& organisations);
std::optional<Constraint> select_constraint(storage::Connection& connection, std::int64_t id);
Constraint insert_constraint(storage::Connection& connection, Constraint constraint, const std::string& author);
std::optional<Constraint> update_constraint(storage::Connection& connection, Constraint constraint, int from_version,
                                            const std::string& author);
bool delete_constraint(storage::Connection& connection, std::int64_t id, int version);

// The events a joint event replaces: id and title, by id.
std::vector<std::pair<std::int64_t, std::string>> replaced_events(storage::Connection& connection,
                                                                  std::int64_t joint_id);

// Short names of organisations, for messages; unknown ids are absent.
std::string organisation_name(storage::Connection& connection, std::int64_t id);
bool organisation_exists(storage::Connection& connection, std::int64_t id);
std::string organisation_slug(storage::Connection& connection, std::int64_t id);  // empty when unknown
std::optional<std::int64_t> organisation_id(storage::Connection& connection, std::string_view slug);
bool priority_exists(storage::Connection& connection, std::string_view code);

// The organisations a territory's calendar may name, for forms: those that
// cover the territory or a territory enclosing it, by name.
std::vector<std::pair<std::int64_t, std::string>> organisations_around(storage::Connection& connection,
                                                                       const territory::TerritoryKey& key);
// The priorities of the national framework: code and title, in order.
std::vector<std::pair<std::string, std::string>> priorities(storage::Connection& connection);

}  // namespace boussole::calendar::rows
