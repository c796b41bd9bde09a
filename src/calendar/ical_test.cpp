// iCalendar on both backends: the exported file is read back by libical's
// parser and by an independent one (Debian's python3-icalendar, run as
// /usr/bin/python3), with stable UIDs, time zones, recurrence and
// cancellations; an import is idempotent by UID and an export imported into
// a fresh database gives the same events.
#include "calendar/event_rows.hpp"
#include "calendar/ical_export.hpp"
#include "calendar/mutualisations.hpp"
#include "calendar/occurrences.hpp"
#include "storage/migrations.hpp"
#include "support/calendar_fixture.hpp"
#include "support/processes.hpp"
#include "support/reference.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace boussole::calendar {

namespace {

using ::testing::HasSubstr;

// Prints one line per VEVENT: UID, SUMMARY, DTSTART in UTC (or the date),
// DTEND likewise, STATUS, RRULE.
constexpr const char* kPythonReader = R"(import sys, datetime, icalendar
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
def when(value):
    value = value.dt
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ')
    return value.isoformat()
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for event in calendar.walk('VEVENT'):
        rrule = event.get('RRULE')
        out.write('|'.join([str(event['UID']), str(event['SUMMARY']), when(event['DTSTART']), when(event['DTEND']),
                            str(event.get('STATUS', '')), rrule.to_ical().decode() if rrule else '']) + '\n')
)";

// Prints one line per VEVENT: UID, RECURRENCE-ID, DTSTART and DTEND in UTC
// (or dates), STATUS, LOCATION, the EXDATEs in UTC, RELATED-TO.
constexpr const char* kPythonExceptionReader = R"(import sys, datetime, icalendar
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
def when(value):
    value = value.dt if hasattr(value, 'dt') else value
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ')
    return value.isoformat()
def exdates(event):
    found = event.get('EXDATE')
    if found is None:
        return ''
    lists = found if isinstance(found, list) else [found]
    return ','.join(when(each.dt) for dates in lists for each in dates.dts)
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for event in calendar.walk('VEVENT'):
        recurrence = event.get('RECURRENCE-ID')
        out.write('|'.join([str(event['UID']), when(recurrence) if recurrence else '', when(event['DTSTART']),
                            when(event['DTEND']), str(event.get('STATUS', '')), str(event.get('LOCATION', '')),
                            exdates(event), str(event.get('RELATED-TO', ''))]) + '\n')
)";

std::vector<std::string> read_with_python(const std::string& ics, const char* reader = kPythonReader)
{
    auto directory = std::filesystem::temp_directory_path() /
                     ("boussole-ics-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(directory);
    auto write = [&](const char* name, const std::string& text) {
        std::ofstream(directory / name, std::ios::binary) << text;
        return (directory / name).string();
    };
    auto script = write("reader.py", reader);
    auto file = write("calendar.ics", ics);
    auto out = (directory / "events.txt").string();
    auto log = (directory / "log.txt").string();
    int status = test_support::run_program({"/usr/bin/python3", script, file, out}, log, {}, directory.string());
    EXPECT_EQ(status, 0) << test_support::log_tail(log);
    std::vector<std::string> lines;
    std::ifstream input(out);
    for (std::string line; std::getline(input, line);)
        lines.push_back(line);
    std::filesystem::remove_all(directory);
    return lines;
}

}  // namespace

class IcalTest : public CalendarTest {
protected:
    // Three events of Gironde: a timed one, a monthly CDAPH, a cancelled
    // all-day day; and a Guyane meeting in Cayenne time.
    std::vector<Event> programme()
    {
        auto one = create(gironde_editor(), cdaph());
        auto monthly_input = cdaph("2026-01-08T14:00", "2026-01-08T17:00");
        monthly_input.title = "CDAPH mensuelle";
        monthly_input.rrule = "FREQ=MONTHLY;BYDAY=2TH;COUNT=10";
        monthly_input.audience_ids = {};
        monthly_input.co_organiser_ids = {id_of("mdph-33")};
        auto monthly = create(gironde_editor(), monthly_input, {std::nullopt, "Ascension : séance maintenue."});
        auto day_input = cdaph("2026-06-02", "2026-06-03");
        day_input.all_day = true;
        day_input.title = "Forum « bien vieillir »";
        day_input.kind = "rencontre_territoriale";
        day_input.status = "cancelled";
        auto day = create(gironde_editor(), day_input);
        auto guyane_input = cdaph("2026-03-12T14:00", "2026-03-12T16:00");
        guyane_input.title = "ITA de Guyane";
        guyane_input.kind = "ita";
        guyane_input.organiser_id = id_of("ctg-guyane");
        guyane_input.audience_ids = {};
        guyane_input.territory = "DEP-973";
        guyane_input.time_zone = "America/Cayenne";
        auto guyane = create(national_admin(), guyane_input);
        std::vector<Event> events;
        for (auto* outcome : {&one, &monthly, &day, &guyane}) {
            EXPECT_TRUE(outcome->ok()) << outcome->error().message;
            if (outcome->ok()) {
                EXPECT_TRUE((*outcome)->saved) << ((*outcome)->warnings.empty() ? "" : (*outcome)->warnings[0].message);
                if ((*outcome)->event)
                    events.push_back(*(*outcome)->event);
            }
        }
        return events;
    }
    std::string export_all()
    {
        return database().read([&](storage::Connection& connection) {
            auto events = find_events(
                connection, {std::nullopt, std::nullopt, utc("2025-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")});
            return export_ics(events, "Calendrier commun — essai",
                              [&](std::int64_t id) { return rows::organisation_slug(connection, id); });
        });
    }
};

TEST_P(IcalTest, TheExportIsReadByLibicalAndByPythonIcalendar)
{
    auto events = programme();
    ASSERT_EQ(events.size(), 4u);
    auto ics = export_all();
    EXPECT_THAT(ics, HasSubstr("\r\nTZID:Europe/Paris\r\n"));
    EXPECT_THAT(ics, HasSubstr("\r\nTZID:America/Cayenne\r\n"));
    EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/Paris:20260312T093000"));
    EXPECT_THAT(ics, HasSubstr("STATUS:CANCELLED"));
    EXPECT_THAT(ics, HasSubstr("RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=2TH"));

    // libical: every VEVENT, and no restriction of RFC 5545 broken.
    icalcomponent* parsed = icalparser_parse_string(ics.c_str());
    ASSERT_NE(parsed, nullptr);
    EXPECT_EQ(icalcomponent_count_components(parsed, ICAL_VEVENT_COMPONENT), 4);
    icalrestriction_check(parsed);
    EXPECT_EQ(icalcomponent_count_errors(parsed), 0) << ics;
    icalcomponent_free(parsed);

    auto lines = read_with_python(ics);
    ASSERT_EQ(lines.size(), 4u) << ics;
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> expected{
        events[0].uid + "|CDAPH plénière|2026-03-12T08:30Z|2026-03-12T11:00Z|TENTATIVE|",
        events[1].uid +
            "|CDAPH mensuelle|2026-01-08T13:00Z|2026-01-08T16:00Z|TENTATIVE|FREQ=MONTHLY;COUNT=10;BYDAY=2TH",
        events[2].uid + "|Forum « bien vieillir »|2026-06-02|2026-06-04|CANCELLED|",
        events[3].uid + "|ITA de Guyane|2026-03-12T17:00Z|2026-03-12T19:00Z|TENTATIVE|",
    };
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(lines, expected);

    // The UIDs are stable from one export to the next.
    EXPECT_EQ(export_all(), ics);
}

TEST_P(IcalTest, AnImportIsIdempotentByUid)
{
    programme();
    auto ics = export_all();
    auto options = ImportOptions{id_of("cd-33"), "DEP-33"};
    auto again = import(national_admin(), ics, options);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->unchanged, 4) << (again->events.empty() ? "" : again->events[0].message);
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_events"), 4);

    // A file from another calendar: new UIDs create events, with the defaults.
    std::string outside =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Essai//FR\r\nBEGIN:VEVENT\r\nUID:reunion-1@exemple.fr\r\n"
        "DTSTAMP:20260101T000000Z\r\nSUMMARY:Réunion des partenaires\r\nDTSTART:20260407T080000Z\r\n"
        "DTEND:20260407T100000Z\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    auto first = import(gironde_editor(), outside, options);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->created, 1);
    auto second = import(gironde_editor(), outside, options);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->unchanged, 1);
    auto imported = database().read(
        [&](storage::Connection& connection) { return rows::select_by_uid(connection, "reunion-1@exemple.fr"); });
    ASSERT_TRUE(imported);
    EXPECT_EQ(imported->starts_local, "2026-04-07T10:00");  // UTC read in Paris time (summer)
    EXPECT_EQ(imported->status, EventStatus::Confirmed);
    EXPECT_EQ(imported->origin, "import");
    EXPECT_EQ(imported->kind, EventKind::Other);

    auto moved = outside;
    moved.replace(moved.find("20260407T080000Z"), 16, "20260407T090000Z");
    auto third = import(gironde_editor(), moved, options);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third->updated, 1);

    auto garbage = import(gironde_editor(), "ceci n'est pas un calendrier", options);
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().fields.at(0).field, "file");
}

TEST_P(IcalTest, AnExportImportedIntoAFreshDatabaseGivesTheSameEvents)
{
    auto events = programme();
    auto ics = export_all();

    test_support::ScratchDatabase fresh(backend());
    auto other = fresh.open();
    storage::migrate(*other);
    test_support::load_reference(*other);
    auto report = other->write([&](storage::Connection& connection) {
        return import_ics(connection, national_admin(), registry(), ics, {id_of("cnsa"), "FR"});
    });
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->created, 4);
    for (const auto& event : events) {
        auto copy =
            other->read([&](storage::Connection& connection) { return rows::select_by_uid(connection, event.uid); });
        ASSERT_TRUE(copy) << event.title;
        auto expected = to_json(event), actual = to_json(*copy);
        for (const char* ignored : {"id", "version", "updated_at", "updated_by", "origin"}) {
            expected.erase(ignored);
            actual.erase(ignored);
        }
        EXPECT_EQ(actual, expected);
    }
}

TEST_P(IcalTest, ExcludedAndChangedOccurrencesSurviveAnExportAndAnImport)
{
    auto monthly_input = cdaph("2026-06-11T14:00", "2026-06-11T17:00");
    monthly_input.title = "CDAPH mensuelle";
    monthly_input.rrule = "FREQ=MONTHLY;BYDAY=2TH;COUNT=6";
    monthly_input.audience_ids = {};
    auto created = create(gironde_editor(), monthly_input, {std::nullopt, "Séances maintenues."});
    ASSERT_TRUE(created.ok() && created->saved);
    auto series = *created->event;

    auto cancel = [&](const access::Principal& principal, const std::string& recurrence, int version) {
        return database().write([&](storage::Connection& connection) {
            return cancel_occurrence(connection, principal, registry(), series.id, recurrence, version);
        });
    };
    auto forbidden = cancel(person("cd-40", access::Role::TerritorialEditor), "2026-08-13T14:00", series.version);
    ASSERT_FALSE(forbidden.ok());
    EXPECT_EQ(forbidden.error().code, core::ErrorCode::Forbidden);
    auto not_one = cancel(gironde_editor(), "2026-08-14T14:00", series.version);
    ASSERT_FALSE(not_one.ok());
    EXPECT_EQ(not_one.error().fields.at(0).field, "recurrence");
    auto cancelled = cancel(gironde_editor(), "2026-08-13T14:00", series.version);
    ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
    EXPECT_EQ(cancelled->version, series.version + 1);
    auto stale = cancel(gironde_editor(), "2026-09-10T14:00", series.version);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    auto changed = database().write([&](storage::Connection& connection) {
        return save_exception(connection, gironde_editor(), registry(), series.id,
                              {"2026-10-08T14:00", false, "2026-10-09T09:30", "2026-10-09T12:00", "Salle du conseil",
                               EventStatus::Confirmed},
                              cancelled->version);
    });
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    ASSERT_EQ(changed->exceptions.size(), 2u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'calendar_event' AND entity_id = $1",
                    {std::to_string(series.id)}),
              3);

    auto ics = export_all();
    EXPECT_THAT(ics, HasSubstr("EXDATE;TZID=Europe/Paris:20260813T140000"));
    EXPECT_THAT(ics, HasSubstr("RECURRENCE-ID;TZID=Europe/Paris:20261008T140000"));
    EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/Paris:20261009T093000"));

    // libical: the series and its overriding instance, valid, and its own
    // expansion skips August and holds October on the Friday.
    icalcomponent* parsed = icalparser_parse_string(ics.c_str());
    ASSERT_NE(parsed, nullptr);
    EXPECT_EQ(icalcomponent_count_components(parsed, ICAL_VEVENT_COMPONENT), 2);
    icalrestriction_check(parsed);
    EXPECT_EQ(icalcomponent_count_errors(parsed), 0) << ics;
    int with_recurrence_id = 0, exdates = 0;
    for (icalcomponent* vevent = icalcomponent_get_first_component(parsed, ICAL_VEVENT_COMPONENT); vevent;
         vevent = icalcomponent_get_next_component(parsed, ICAL_VEVENT_COMPONENT)) {
        EXPECT_EQ(std::string(icalcomponent_get_uid(vevent)), series.uid);
        if (icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY))
            ++with_recurrence_id;
        exdates += icalcomponent_count_properties(vevent, ICAL_EXDATE_PROPERTY);
    }
    EXPECT_EQ(with_recurrence_id, 1);
    EXPECT_EQ(exdates, 1);
    icalcomponent_free(parsed);

    // python3-icalendar: the same, in UTC (summer time in Paris).
    auto lines = read_with_python(ics, kPythonExceptionReader);
    ASSERT_EQ(lines.size(), 2u) << ics;
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> expected{
        series.uid +
            "||2026-06-11T12:00Z|2026-06-11T15:00Z|TENTATIVE|Hôtel du département, Bordeaux|2026-08-13T12:00Z|",
        series.uid + "|2026-10-08T12:00Z|2026-10-09T07:30Z|2026-10-09T10:00Z|CONFIRMED|Salle du conseil||",
    };
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(lines, expected);

    // Imported again: nothing changes; into a fresh database: the same
    // exceptions.
    auto again = import(national_admin(), ics, ImportOptions{id_of("cd-33"), "DEP-33"});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->unchanged, 1) << (again->events.empty() ? "" : again->events[0].message);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_event_exceptions"), 2);

    test_support::ScratchDatabase fresh(backend());
    auto other = fresh.open();
    storage::migrate(*other);
    test_support::load_reference(*other);
    auto report = other->write([&](storage::Connection& connection) {
        return import_ics(connection, national_admin(), registry(), ics, {id_of("cnsa"), "FR"});
    });
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->created, 1);
    auto copy =
        other->read([&](storage::Connection& connection) { return rows::select_by_uid(connection, series.uid); });
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->exceptions, changed->exceptions);
    auto occurrences_of = [](const Event& event) {
        std::vector<std::string> found;
        for (const auto& occurrence : occurrences(event, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
            found.push_back(core::to_iso8601(occurrence.start));
        return found;
    };
    EXPECT_EQ(occurrences_of(*copy), occurrences_of(*changed));
    EXPECT_EQ(occurrences_of(*copy).size(), 5u);
}

TEST_P(IcalTest, EventsReplacedByAJointEventAreCancelledWithALinkToIt)
{
    auto ars_input = cdaph("2026-09-08T09:30", "2026-09-08T12:00");
    ars_input.title = "Groupe de l'ARS";
    ars_input.kind = "groupe_thematique";
    ars_input.organiser_id = id_of("ars-75");
    ars_input.audience_ids = {};
    ars_input.priority_codes = {"P6"};
    auto ars = create(nouvelle_aquitaine_ars(), ars_input, {std::nullopt, "Essai"});
    auto cd_input = ars_input;
    cd_input.title = "Groupe du département";
    cd_input.organiser_id = id_of("cd-33");
    cd_input.starts = "2026-09-22T09:30";
    cd_input.ends = "2026-09-22T12:00";
    auto cd = create(gironde_editor(), cd_input, {std::nullopt, "Essai"});
    ASSERT_TRUE(ars.ok() && ars->saved && cd.ok() && cd->saved);
    auto done = database().write([&](storage::Connection& connection) {
        return accept_mutualisation(connection, gironde_editor(), registry(), ars->event->id, cd->event->id);
    });
    ASSERT_TRUE(done.ok()) << done.error().message;

    auto ics = export_all();
    auto lines = read_with_python(ics, kPythonExceptionReader);
    ASSERT_EQ(lines.size(), 3u) << ics;
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> expected{
        ars->event->uid + "||2026-09-08T07:30Z|2026-09-08T10:00Z|CANCELLED|Hôtel du département, Bordeaux||" +
            done->joint.uid,
        cd->event->uid + "||2026-09-22T07:30Z|2026-09-22T10:00Z|CANCELLED|Hôtel du département, Bordeaux||" +
            done->joint.uid,
        done->joint.uid + "||2026-09-08T07:30Z|2026-09-08T10:00Z|TENTATIVE|Hôtel du département, Bordeaux||",
    };
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(lines, expected);
    icalcomponent* parsed = icalparser_parse_string(ics.c_str());
    ASSERT_NE(parsed, nullptr);
    icalrestriction_check(parsed);
    EXPECT_EQ(icalcomponent_count_errors(parsed), 0) << ics;
    icalcomponent_free(parsed);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(IcalTest);

}  // namespace boussole::calendar
