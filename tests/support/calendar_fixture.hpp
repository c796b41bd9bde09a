#pragma once
// The set-up of the calendar's database tests, on both backends: the
// reference data and principals of CollectionTest, organisations by slug,
// and the calendar operations each in a transaction of its own.

#include "calendar/events.hpp"
#include "calendar/ical_import.hpp"
#include "storage/connection.hpp"
#include "support/values_fixture.hpp"

namespace boussole::calendar {

class CalendarTest : public test_support::CollectionTest {
protected:
    std::int64_t id_of(std::string_view slug)
    {
        return database().read([&](storage::Connection& connection) {
            return connection.query("SELECT id FROM organisations WHERE slug = $1", {slug}).front().integer("id");
        });
    }
    // A CDAPH of the MDPH of Gironde, on 12 March 2026 from 9:30 to 12:00.
    EventInput cdaph(std::string starts = "2026-03-12T09:30", std::string ends = "2026-03-12T12:00")
    {
        EventInput input;
        input.title = "CDAPH plénière";
        input.kind = "cdaph";
        input.organiser_id = id_of("cd-33");
        input.audience_ids = {id_of("mdph-33")};
        input.priority_codes = {"P3"};
        input.territory = "DEP-33";
        input.starts = std::move(starts);
        input.ends = std::move(ends);
        input.place = "Hôtel du département, Bordeaux";
        return input;
    }
    core::Result<SaveOutcome> create(const access::Principal& principal, const EventInput& input,
                                     SaveOptions options = {})
    {
        return database().write([&](storage::Connection& connection) {
            return create_event(connection, principal, registry(), input, options);
        });
    }
    core::Result<SaveOutcome> update(const access::Principal& principal, std::int64_t id, const EventInput& input,
                                     SaveOptions options)
    {
        return database().write([&](storage::Connection& connection) {
            return update_event(connection, principal, registry(), id, input, options);
        });
    }
    std::vector<Event> list(EventFilter filter)
    {
        return database().read([&](storage::Connection& connection) { return find_events(connection, filter); });
    }
    core::Result<ImportReport> import(const access::Principal& principal, const std::string& text,
                                      const ImportOptions& options)
    {
        return database().write([&](storage::Connection& connection) {
            return import_ics(connection, principal, registry(), text, options);
        });
    }
    static core::Timestamp utc(std::string_view text) { return core::parse_iso8601(text).value(); }
};

}  // namespace boussole::calendar
