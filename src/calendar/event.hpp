#pragma once
// An event of the common ARS/CD calendar: what it is (kind), who organises
// it and who must attend or is concerned, where (a territory, a place or an
// online link), when (a day range or a timed range in an IANA time zone,
// repeated by an RFC 5545 RRULE) and how sure it is (status).
//
// Times are kept as people enter them: local date-times in the event's own
// zone ("2026-03-12T09:30" in "America/Cayenne"), because an overseas
// department's meeting is not at a Paris hour and a monthly meeting stays
// at 9:30 across summer time. The UTC instants are derived (occurrences.hpp).

#include "core/clock.hpp"
#include "core/result.hpp"
#include "territory/registry.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::calendar {

enum class EventKind {
    CallForProjects,     // appel à projets, appel à manifestation d'intérêt
    BudgetCampaign,      // campagne budgétaire
    CpomNegotiation,     // négociation de CPOM
    Ita,                 // instance territoriale de l'autonomie
    Cdca,                // conseil départemental de la citoyenneté et de l'autonomie
    FundersConference,   // conférence des financeurs
    Comex,               // commission exécutive de la MDPH
    Cdaph,               // commission des droits et de l'autonomie des personnes handicapées
    DecisionDeadline,    // échéance de décision
    NationalDay,         // journée nationale
    TerritorialMeeting,  // rencontre territoriale
    ThematicGroup,       // groupe thématique
    Training,            // formation
    Other,
};

enum class EventStatus { Planned, Confirmed, Cancelled };

const std::vector<EventKind>& all_event_kinds();
const char* to_string(EventKind kind);  // "appel_a_projets", "cdaph"…
const char* label(EventKind kind);      // "Appel à projets ou à manifestation d'intérêt"…
core::Result<EventKind> parse_event_kind(std::string_view text);

// Whether events of this kind are periods (a call for projects open for
// weeks, a budget campaign, a decision deadline, a national day) rather than
// meetings: they occupy nobody, so they neither cause nor suffer double
// bookings, and only their first and last days matter for holidays.
bool is_period(EventKind kind);

const char* to_string(EventStatus status);  // "planned", "confirmed", "cancelled"
const char* label(EventStatus status);      // "prévu", "confirmé", "annulé"
core::Result<EventStatus> parse_event_status(std::string_view text);

// One occurrence of a recurring event set apart from its rule: excluded
// (iCalendar EXDATE: the CDAPH does not meet in August) or changed (an
// overriding instance with RECURRENCE-ID: another time, place or status).
struct EventException {
    // The occurrence as the rule places it, local like starts_local:
    // "2026-08-13T14:00", or "2026-08-13" for an all-day event.
    std::string recurrence;
    bool excluded = false;
    // A changed occurrence's own times (same form as the event's), place and
    // status; unused when excluded.
    std::string starts_local;
    std::string ends_local;
    std::string place;
    EventStatus status = EventStatus::Planned;

    bool operator==(const EventException&) const = default;
};

struct Event {
    std::int64_t id = 0;
    std::string uid;  // iCalendar UID, stable for the life of the event
    std::string title;
    EventKind kind = EventKind::Other;
    std::int64_t organiser_id = 0;
    std::vector<std::int64_t> co_organiser_ids;  // sorted, without the organiser
    std::vector<std::int64_t> audience_ids;      // sorted
    std::vector<std::string> priority_codes;     // framework priorities, sorted
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    bool all_day = false;
    // Local to time_zone: "2026-03-12T09:30" when timed; "2026-03-12" when
    // all day, the end then being the last day (inclusive).
    std::string starts_local;
    std::string ends_local;
    std::string time_zone = "Europe/Paris";
    std::string rrule;  // "" or an RFC 5545 RRULE value, "FREQ=MONTHLY;BYDAY=2TH"
    std::string place;
    std::string online_link;
    std::string description;
    EventStatus status = EventStatus::Planned;
    std::string origin = "user";  // "user", "import" or "demo"
    int version = 1;
    core::Timestamp updated_at;
    std::string updated_by;
    // The joint event that replaces this one since a mutualisation was
    // accepted: kept for the record, it no longer counts in conflicts nor in
    // suggestions.
    std::optional<std::int64_t> replaced_by;
    std::string replaced_by_uid;  // the joint event's UID, for iCalendar's RELATED-TO
    // Occurrences excluded or changed, sorted by recurrence; only for a
    // recurring event.
    std::vector<EventException> exceptions;

    // Every organisation that holds the event: organiser and co-organisers.
    std::vector<std::int64_t> holders() const;
};

// The event as the API and the audit log show it.
nlohmann::json to_json(const Event& event);
nlohmann::json to_json(const EventException& exception);

}  // namespace boussole::calendar
