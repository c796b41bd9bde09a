#pragma once
// Mutualisations: an ARS event and a CD event (by the kind of their
// organising organisation) of the same kind, or serving the same priority,
// in the same territory (or a regional ARS event and a departmental CD event
// of that region) and starting within a national window (six weeks unless
// set) could be one event held together — « deux appels à projets sur
// « Vie autonome des personnes vivant avec un handicap » à trois semaines
// d'écart ». Accepting a suggestion creates the co-organised event and marks
// both originals replaced by it (kept, with the link; they no longer count
// in conflicts nor suggestions); dismissing it is recorded so that it does
// not come back.
//
// Recurring events are left out: a series is not merged with one date.
// Thread-safety: reentrant; database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "calendar/event.hpp"

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::calendar {

inline constexpr int kDefaultMutualisationWindowDays = 42;

struct Suggestion {
    Event ars_event;
    Event cd_event;
    bool same_kind = false;
    std::vector<std::string> shared_priorities;  // sorted codes
    int gap_days = 0;                            // between their first days
    std::string message;                         // the French sentence
};

// What detection needs beyond the events: the type of an organisation
// ("ars", "departement"…) and the title of a priority.
struct SuggestionContext {
    std::function<std::string(std::int64_t)> organisation_type;
    std::function<std::string(const std::string&)> priority_title;
    // Whether the first territory (a region) holds the second (a
    // department); unset, only events of one territory pair.
    std::function<bool(const territory::TerritoryKey&, const territory::TerritoryKey&)> encloses;
    int window_days = kDefaultMutualisationWindowDays;
    std::set<std::pair<std::int64_t, std::int64_t>> decided;  // (ARS event, CD event) accepted or dismissed
};

// Pure: the pairs of `events` that could be mutualised, soonest first. Only
// pairs within one territory, or of a regional ARS event and a CD event of a
// department the region encloses; cancelled, replaced and recurring events, and
// pairs where one already holds the other with it, are skipped.
std::vector<Suggestion> find_suggestions(const std::vector<Event>& events, const SuggestionContext& context);

// « à trois semaines d'écart », « le même jour », « à cinq jours d'écart ».
std::string gap_phrase(int days);

// The window, in days, from the settings table.
int mutualisation_window(storage::Connection& connection);
// National administrators only; Invalid outside 1 to 366 days.
core::Result<int> set_mutualisation_window(storage::Connection& connection, const access::Principal& principal,
                                           int days);

// The open suggestions of a territory starting from `from`, over the next
// two years: for a department, the pairs of its own CD events with its own
// or its region's ARS events; for a region, its own pairs and those of its
// departments; for the nation, its own.
std::vector<Suggestion> open_suggestions(storage::Connection& connection, const territory::TerritoryKey& territory,
                                         core::Timestamp from);

struct Mutualisation {
    Event joint;
    Event ars_event;  // as now, replaced
    Event cd_event;
};

// Accepts the suggestion of these two events: the joint event (organised by
// the CD, co-organised by the ARS, with both audiences and priorities; the
// dates of both when they are periods, the earlier one's otherwise), titled
// `title` or after the earlier event. NotFound for an unknown event;
// Conflict when either is replaced already or the pair was decided;
// Invalid when they are no suggestion; Forbidden outside the writer's scope.
core::Result<Mutualisation> accept_mutualisation(storage::Connection& connection, const access::Principal& principal,
                                                 const territory::TerritoryRegistry& registry,
                                                 std::int64_t ars_event_id, std::int64_t cd_event_id,
                                                 const std::string& title = {});

// The mutualisations accepted in a territory, the latest first: the joint
// event with the titles of the two it replaced.
struct MadeMutualisation {
    Event joint;
    std::string ars_title;
    std::string cd_title;
    std::string made_by;
};
std::vector<MadeMutualisation> mutualisations_made(storage::Connection& connection,
                                                   const territory::TerritoryKey& territory);

// Records that the suggestion is not wanted (with an optional reason).
core::Status dismiss_mutualisation(storage::Connection& connection, const access::Principal& principal,
                                   std::int64_t ars_event_id, std::int64_t cd_event_id, const std::string& reason);

// The mutualisations made across the country, per kind of joint event
// (kinds with none left out), most first.
std::vector<std::pair<EventKind, int>> count_mutualisations(storage::Connection& connection);

}  // namespace boussole::calendar
