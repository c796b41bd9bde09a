#pragma once
// Keeping the events of the common calendar: creating, changing, cancelling
// them, with the checks a person needs (every faulty field named in French),
// the access rules (an editor acts within the territories of its scope; a
// national event belongs to the national administrators), optimistic
// versions (a stale save is a Conflict) and the audit log, in the caller's
// transaction.
//
// A save also looks for conflicts (conflicts.hpp). When it finds some and no
// override reason is given, nothing is saved and the warnings come back; with
// a reason the event is saved and the warnings and the reason are recorded.
//
// Thread-safety: reentrant; each call uses the connection it is given.
// Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "calendar/conflicts.hpp"
#include "calendar/event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::calendar {

// What a person or a system sends. Organisations are ids of the actors
// module; the territory is "FR", "REG-75" or "DEP-33"; times as in Event.
struct EventInput {
    std::string uid;  // empty: a new UID is made (import gives its own)
    std::string title;
    std::string kind;
    std::optional<std::int64_t> organiser_id;
    std::vector<std::int64_t> co_organiser_ids;
    std::vector<std::int64_t> audience_ids;
    std::vector<std::string> priority_codes;
    std::string territory;
    bool all_day = false;
    std::string starts;
    std::string ends;
    std::string time_zone = "Europe/Paris";
    std::string rrule;
    std::string place;
    std::string online_link;
    std::string description;
    std::string status = "planned";
    // The occurrences set apart from the rule; nothing keeps those the event
    // has (a form or an API call that does not speak of them).
    std::optional<std::vector<EventException>> exceptions;
};

struct SaveOptions {
    std::optional<int> expected_version;  // required to change an existing event
    std::string override_reason;          // saves despite warnings, recorded with them
    std::string origin = "user";          // "user", "import", "demo"
    // The events a joint event replaces (mutualisations.hpp): it does not
    // conflict with them.
    std::vector<std::int64_t> replacing;
};

struct SaveOutcome {
    bool saved = false;
    std::optional<Event> event;     // as saved, when saved
    std::vector<Warning> warnings;  // what was found (overridden when saved)
};

// Creates an event. Invalid with every faulty field named (title, kind,
// organiser_id, co_organiser_ids, audience_ids, priorities, territory,
// starts, ends, time_zone, rrule, online_link, status…); Forbidden outside
// the writer's scope; Conflict when the UID exists already.
core::Result<SaveOutcome> create_event(storage::Connection& connection, const access::Principal& principal,
                                       const territory::TerritoryRegistry& registry, const EventInput& input,
                                       const SaveOptions& options = {});

// Changes event `id` (moving it, cancelling it with status "cancelled"…).
// NotFound when there is none; Invalid when expected_version is missing;
// Conflict ("L'événement a été modifié par … depuis votre lecture") when it
// is stale; Forbidden unless the writer may edit both its current and its
// new territory. A change that changes nothing returns the event as it is.
core::Result<SaveOutcome> update_event(storage::Connection& connection, const access::Principal& principal,
                                       const territory::TerritoryRegistry& registry, std::int64_t id,
                                       const EventInput& input, const SaveOptions& options);

// The event of that id; nothing when there is none. Events are public to
// signed-in users and tokens, like the programming they describe.
std::optional<Event> find_event(storage::Connection& connection, std::int64_t id);

struct EventFilter {
    std::optional<territory::TerritoryKey> territory;  // its common calendar (see below)
    std::optional<std::int64_t> organisation_id;       // what it holds or attends
    core::Timestamp from;
    core::Timestamp to;
    std::optional<EventKind> kind;
    std::string priority;  // "P3": the events serving it
};

// The events with an occurrence in [from, to), in start order. With a
// territory, its common calendar: the events of the territory, of those that
// enclose it (its region's ARS, national days) and of those within it.
std::vector<Event> find_events(storage::Connection& connection, const EventFilter& filter);

// Declares a period when an organisation cannot hold or receive some kinds
// of events (every kind when `kinds` is empty). Forbidden unless the writer
// belongs to that organisation or is a national administrator; Invalid,
// naming the field (organisation_id, first_day, last_day, kinds, reason).
struct ConstraintInput {
    std::optional<std::int64_t> organisation_id;
    std::string first_day;  // "2026-07-01"
    std::string last_day;   // inclusive
    std::vector<std::string> kinds;
    std::string reason;
};
core::Result<Constraint> declare_constraint(storage::Connection& connection, const access::Principal& principal,
                                            const ConstraintInput& input);

// The constraint of that id; nothing when there is none.
std::optional<Constraint> find_constraint(storage::Connection& connection, std::int64_t id);

// Changes the days, kinds and reason of constraint `id` (its organisation
// stays; input.organisation_id is ignored). NotFound when there is none;
// Forbidden as for declaring; Conflict, naming who changed it, when it is no
// longer at expected_version; Invalid as for declaring. Audited.
core::Result<Constraint> change_constraint(storage::Connection& connection, const access::Principal& principal,
                                           std::int64_t id, int expected_version, const ConstraintInput& input);

// Withdraws constraint `id` and returns it as it was. The version is checked
// when given. NotFound, Forbidden, Conflict as above. Audited.
core::Result<Constraint> withdraw_constraint(storage::Connection& connection, const access::Principal& principal,
                                             std::int64_t id, std::optional<int> expected_version);

// The warnings an input would raise, without saving (for a form that
// checks as the person types, and for find-a-date).
core::Result<std::vector<Warning>> check_event(storage::Connection& connection,
                                               const territory::TerritoryRegistry& registry, const EventInput& input,
                                               std::optional<std::int64_t> id = std::nullopt);

// The EventInput that would save `event` unchanged.
EventInput input_of(const Event& event);

// Cancels one occurrence of a recurring event (an EXDATE): `recurrence`
// names it as the rule places it ("2026-08-13T14:00"). A new version of the
// event, audited. NotFound, Forbidden and Conflict (stale version) as
// update_event; Invalid, naming "recurrence", when the event has no rule or
// the rule has no such occurrence, or it is excluded already.
core::Result<Event> cancel_occurrence(storage::Connection& connection, const access::Principal& principal,
                                      const territory::TerritoryRegistry& registry, std::int64_t id,
                                      const std::string& recurrence, int expected_version);

// Excludes or changes one occurrence (exception.recurrence names it),
// replacing what was set for it before; as cancel_occurrence, and Invalid,
// naming "recurrence", when a changed occurrence's times are unreadable.
core::Result<Event> save_exception(storage::Connection& connection, const access::Principal& principal,
                                   const territory::TerritoryRegistry& registry, std::int64_t id,
                                   EventException exception, int expected_version);

}  // namespace boussole::calendar
