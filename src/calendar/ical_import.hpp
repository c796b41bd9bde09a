#pragma once
// Importing an organisation's existing calendar from an .ics file (RFC 5545,
// read by libical), idempotent by UID: an event whose UID Boussole knows is
// updated (or left alone when nothing changed), a new UID creates an event.
// A series' EXDATEs and overriding instances (same UID, RECURRENCE-ID) are
// its exceptions, replaced as a whole by those of the file.
// Events exported by a Boussole carry their organisations, territory and
// kind (X-BOUSSOLE-*); others take the defaults of the import.
//
// Each event goes through create_event / update_event: the same checks and
// access rules, in the caller's transaction. Conflicts do not stop an
// import: they are accepted with a recorded reason and counted in the
// report. Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "calendar/event.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::calendar {

struct ImportOptions {
    std::int64_t organiser_id = 0;           // for events that do not name theirs
    std::string territory;                   // likewise: "DEP-33"
    std::string time_zone = "Europe/Paris";  // for floating and UTC times
};

struct ImportedEvent {
    std::string uid;
    std::string title;
    std::string outcome;  // "created", "updated", "unchanged", "refused"
    std::string message;  // why it was refused, in French
    std::size_t warnings = 0;
};

struct ImportReport {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int refused = 0;
    std::vector<ImportedEvent> events;
};

// Invalid when the text is not an iCalendar file or holds no VEVENT.
core::Result<ImportReport> import_ics(storage::Connection& connection, const access::Principal& principal,
                                      const territory::TerritoryRegistry& registry, std::string_view text,
                                      const ImportOptions& options);

}  // namespace boussole::calendar
