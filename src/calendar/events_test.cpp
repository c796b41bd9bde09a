// Calendar events on both backends: versions and the audit log, stale saves,
// who may edit where, warnings that stop a save until a reason is given,
// faulty input named field by field, declared constraints and the merged
// calendar of a territory.
#include "support/calendar_fixture.hpp"

#include "calendar/demo_calendar.hpp"
#include "calendar/event_rows.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace boussole::calendar {

namespace {

using ::testing::HasSubstr;

std::vector<std::string> fields_of(const core::Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

}  // namespace

class EventsTest : public CalendarTest {};

TEST_P(EventsTest, ACdAgentProgrammesAnEventAndEachChangeIsAVersion)
{
    auto gironde = gironde_editor();
    auto created = create(gironde, cdaph());
    ASSERT_TRUE(created.ok()) << created.error().message;
    ASSERT_TRUE(created->saved);
    EXPECT_TRUE(created->warnings.empty());
    const auto& event = *created->event;
    EXPECT_EQ(event.version, 1);
    EXPECT_FALSE(event.uid.empty());
    EXPECT_EQ(event.territory, territory::TerritoryKey::department("33"));
    EXPECT_EQ(event.audience_ids, std::vector<std::int64_t>{id_of("mdph-33")});
    EXPECT_EQ(event.priority_codes, std::vector<std::string>{"P3"});

    auto moved_input = cdaph("2026-03-19T09:30", "2026-03-19T12:00");
    moved_input.status = "confirmed";
    auto moved = update(gironde, event.id, moved_input, {1});
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    ASSERT_TRUE(moved->saved);
    EXPECT_EQ(moved->event->version, 2);
    EXPECT_EQ(moved->event->uid, event.uid);
    EXPECT_EQ(moved->event->status, EventStatus::Confirmed);

    // The same content again is no new version.
    auto same = update(gironde, event.id, moved_input, {2});
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->event->version, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'calendar_event' AND entity_id = $1",
                    {std::to_string(event.id)}),
              2);
}

TEST_P(EventsTest, AStaleSaveIsAConflictThatNamesWhoChangedIt)
{
    auto gironde = gironde_editor();
    auto created = create(gironde, cdaph());
    ASSERT_TRUE(created.ok() && created->saved);
    auto id = created->event->id;
    ASSERT_TRUE(update(gironde, id, cdaph("2026-03-19T09:30", "2026-03-19T12:00"), {1}).ok());
    auto stale = update(nouvelle_aquitaine_ars(), id, cdaph("2026-03-26T09:30", "2026-03-26T12:00"), {1});
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("L'événement a été modifié par " + gironde.display_name));
    auto missing_version = update(gironde, id, cdaph(), {});
    ASSERT_FALSE(missing_version.ok());
    EXPECT_EQ(missing_version.error().code, core::ErrorCode::Invalid);
}

TEST_P(EventsTest, ACdAgentCannotEditAnotherDepartmentsEvents)
{
    auto created = create(gironde_editor(), cdaph());
    ASSERT_TRUE(created.ok() && created->saved);
    auto id = created->event->id;

    auto landes = person("cd-40", access::Role::TerritorialEditor);
    auto foreign = update(landes, id, cdaph("2026-03-13T09:30", "2026-03-13T12:00"), {1});
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::Forbidden);

    auto elsewhere = cdaph();
    elsewhere.territory = "DEP-40";
    auto outside = create(gironde_editor(), elsewhere);
    ASSERT_FALSE(outside.ok());
    EXPECT_EQ(outside.error().code, core::ErrorCode::Forbidden);
    // Nor may it move its own event out of its department.
    auto moved_out = update(gironde_editor(), id, elsewhere, {1});
    ASSERT_FALSE(moved_out.ok());
    EXPECT_EQ(moved_out.error().code, core::ErrorCode::Forbidden);

    auto national = cdaph();
    national.territory = "FR";
    EXPECT_EQ(create(gironde_editor(), national).error().code, core::ErrorCode::Forbidden);
    auto reader = person("cd-33", access::Role::TerritorialReader);
    EXPECT_EQ(create(reader, cdaph("2026-04-02T09:30", "2026-04-02T12:00")).error().code, core::ErrorCode::Forbidden);

    // The ARS of the region co-owns the department's calendar.
    auto by_ars = update(nouvelle_aquitaine_ars(), id, cdaph("2026-03-13T09:30", "2026-03-13T12:00"), {1});
    ASSERT_TRUE(by_ars.ok()) << by_ars.error().message;
    EXPECT_TRUE(by_ars->saved);
}

TEST_P(EventsTest, WarningsStopASaveUntilAReasonIsGivenAndTheReasonIsRecorded)
{
    auto gironde = gironde_editor();
    ASSERT_TRUE(create(gironde, cdaph()).ok());
    auto overlapping = cdaph("2026-03-12T11:00", "2026-03-12T13:00");
    overlapping.title = "Comité CPOM";
    overlapping.kind = "negociation_cpom";
    auto refused = create(gironde, overlapping);
    ASSERT_TRUE(refused.ok()) << refused.error().message;
    EXPECT_FALSE(refused->saved);
    ASSERT_EQ(refused->warnings.size(), 1u);
    EXPECT_EQ(refused->warnings[0].kind, WarningKind::DoubleBooking);
    EXPECT_THAT(refused->warnings[0].message, HasSubstr("CDAPH plénière"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_events"), 1);

    auto accepted = create(gironde, overlapping, {std::nullopt, "Salle différente, élus distincts."});
    ASSERT_TRUE(accepted.ok());
    EXPECT_TRUE(accepted->saved);
    EXPECT_EQ(accepted->warnings.size(), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_overrides WHERE reason = $1", {"Salle différente, élus distincts."}),
              1);

    // A holiday is a warning too: 14 July.
    auto holiday = create(gironde, cdaph("2026-07-14T09:30", "2026-07-14T12:00"));
    ASSERT_TRUE(holiday.ok());
    EXPECT_FALSE(holiday->saved);
    ASSERT_EQ(holiday->warnings.size(), 1u);
    EXPECT_EQ(holiday->warnings[0].kind, WarningKind::Holiday);
}

TEST_P(EventsTest, FaultyInputNamesEveryFieldInFrench)
{
    EventInput input;
    input.kind = "kermesse";
    input.territory = "DEP-20";
    input.starts = "2026-03-12T09:30";
    input.ends = "2026-03-12T08:00";
    input.online_link = "ftp://exemple.invalid";
    input.priority_codes = {"P12"};
    input.status = "maybe";
    auto faulty = create(gironde_editor(), input);
    ASSERT_FALSE(faulty.ok());
    EXPECT_EQ(faulty.error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(fields_of(faulty.error()), (std::vector<std::string>{"title", "kind", "organiser_id", "priorities",
                                                                   "territory", "ends", "online_link", "status"}));
    EXPECT_THAT(faulty.error().message, HasSubstr("champs à corriger"));
    EXPECT_THAT(faulty.error().fields[1].message, HasSubstr("Type d'événement : « kermesse » inconnu"));

    auto zone = cdaph();
    zone.time_zone = "Europe/Bordeaux";
    auto unknown_zone = create(gironde_editor(), zone);
    ASSERT_FALSE(unknown_zone.ok());
    EXPECT_EQ(fields_of(unknown_zone.error()), std::vector<std::string>{"time_zone"});
}

TEST_P(EventsTest, DeclaredConstraintsWarnTheOrganisationsAudience)
{
    auto gironde = gironde_editor();
    auto declared = database().write([&](storage::Connection& connection) {
        return declare_constraint(connection, gironde,
                                  {id_of("cd-33"), "2026-12-14", "2026-12-18", {"cdaph", "ita"}, "Vote du budget"});
    });
    ASSERT_TRUE(declared.ok()) << declared.error().message;
    auto foreign = database().write([&](storage::Connection& connection) {
        return declare_constraint(connection, gironde, {id_of("cd-40"), "2026-12-14", "2026-12-18", {}, "Été"});
    });
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::Forbidden);
    auto backwards = database().write([&](storage::Connection& connection) {
        return declare_constraint(connection, gironde, {id_of("cd-33"), "2026-12-18", "2026-12-14", {}, "Été"});
    });
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(fields_of(backwards.error()), std::vector<std::string>{"last_day"});

    auto input = cdaph("2026-12-16T09:30", "2026-12-16T12:00");
    input.organiser_id = id_of("ars-75");
    input.audience_ids = {id_of("cd-33")};
    auto warned = create(nouvelle_aquitaine_ars(), input);
    ASSERT_TRUE(warned.ok()) << warned.error().message;
    EXPECT_FALSE(warned->saved);
    ASSERT_EQ(warned->warnings.size(), 1u);
    EXPECT_EQ(warned->warnings[0].kind, WarningKind::Constraint);
    EXPECT_THAT(warned->warnings[0].message, HasSubstr("Vote du budget"));
}

TEST_P(EventsTest, AChangedConstraintWarnsOnItsNewDaysAndAWithdrawnOneNoLonger)
{
    auto gironde = gironde_editor();
    auto declared = database().write([&](storage::Connection& connection) {
        return declare_constraint(connection, gironde,
                                  {id_of("cd-33"), "2026-12-14", "2026-12-15", {}, "Vote du budget"});
    });
    ASSERT_TRUE(declared.ok()) << declared.error().message;
    auto change = [&](const access::Principal& principal, int version, const char* last_day) {
        return database().write([&](storage::Connection& connection) {
            return change_constraint(connection, principal, declared->id, version,
                                     {std::nullopt, "2026-12-14", last_day, {}, "Vote du budget"});
        });
    };
    auto meeting = cdaph("2026-12-17T09:30", "2026-12-17T12:00");
    meeting.organiser_id = id_of("ars-75");
    meeting.audience_ids = {id_of("cd-33")};
    auto check = [&] {
        return database().read(
            [&](storage::Connection& connection) { return check_event(connection, registry(), meeting); });
    };
    ASSERT_TRUE(check()->empty());

    auto longer = change(gironde, 1, "2026-12-18");
    ASSERT_TRUE(longer.ok()) << longer.error().message;
    EXPECT_EQ(longer->version, 2);
    ASSERT_EQ(check()->size(), 1u);
    auto stale = change(gironde, 1, "2026-12-19");
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("modifiée par"));
    auto foreign = change(nouvelle_aquitaine_ars(), 2, "2026-12-19");
    ASSERT_FALSE(foreign.ok());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::Forbidden);

    auto withdrawn = database().write(
        [&](storage::Connection& connection) { return withdraw_constraint(connection, gironde, declared->id, 2); });
    ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
    EXPECT_TRUE(check()->empty());
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'calendar_constraint' AND entity_id = $1",
                    {std::to_string(declared->id)}),
              3);
}

TEST_P(EventsTest, TheCalendarOfADepartmentMergesItsRegionAndNationalEvents)
{
    ASSERT_TRUE(create(gironde_editor(), cdaph()).ok());
    auto regional = cdaph("2026-03-20T09:30", "2026-03-20T12:00");
    regional.title = "Rencontre territoriale Nouvelle-Aquitaine";
    regional.kind = "rencontre_territoriale";
    regional.organiser_id = id_of("ars-75");
    regional.territory = "REG-75";
    regional.audience_ids = {};
    ASSERT_TRUE(create(nouvelle_aquitaine_ars(), regional).ok());
    auto national = cdaph("2026-03-24", "2026-03-24");
    national.all_day = true;
    national.title = "Journée nationale des aidants";
    national.kind = "journee_nationale";
    national.organiser_id = id_of("cnsa");
    national.territory = "FR";
    national.audience_ids = {};
    ASSERT_TRUE(create(national_admin(), national).ok());
    auto landes = cdaph("2026-03-25T09:30", "2026-03-25T12:00");
    landes.organiser_id = id_of("cd-40");
    landes.audience_ids = {id_of("mdph-40")};
    landes.territory = "DEP-40";
    ASSERT_TRUE(create(person("cd-40", access::Role::TerritorialEditor), landes).ok());

    auto from = utc("2026-03-01T00:00:00Z"), to = utc("2026-04-01T00:00:00Z");
    auto gironde = list({territory::TerritoryKey::department("33"), std::nullopt, from, to});
    ASSERT_EQ(gironde.size(), 3u);
    EXPECT_EQ(gironde[0].title, "CDAPH plénière");
    EXPECT_EQ(gironde[1].title, "Rencontre territoriale Nouvelle-Aquitaine");
    EXPECT_EQ(gironde[2].title, "Journée nationale des aidants");
    EXPECT_EQ(list({territory::TerritoryKey::region("75"), std::nullopt, from, to}).size(), 4u);
    EXPECT_EQ(list({territory::TerritoryKey::department("33"), std::nullopt, from, to, EventKind::Cdaph}).size(), 1u);
    EXPECT_EQ(list({std::nullopt, id_of("mdph-40"), from, to}).size(), 1u);
    EXPECT_TRUE(
        list({territory::TerritoryKey::department("33"), std::nullopt, to, to + std::chrono::days{30}}).empty());
}

TEST_P(EventsTest, TheDemoProgrammeShowsAGirondeYearWithItsConflictsAndIsCreatedOnce)
{
    auto created = create_demo_calendar(database(), registry(), std::chrono::year{2026});
    EXPECT_GT(created, 500);
    EXPECT_EQ(create_demo_calendar(database(), registry(), std::chrono::year{2026}), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_events WHERE origin <> 'demo'"), 0);

    auto gironde = list({territory::TerritoryKey::department("33"), std::nullopt, utc("2026-01-01T00:00:00Z"),
                         utc("2027-01-01T00:00:00Z")});
    std::set<EventKind> kinds;
    for (const auto& event : gironde)
        kinds.insert(event.kind);
    for (auto kind :
         {EventKind::Cdaph, EventKind::Ita, EventKind::Cdca, EventKind::FundersConference, EventKind::CallForProjects,
          EventKind::CpomNegotiation, EventKind::TerritorialMeeting, EventKind::BudgetCampaign, EventKind::NationalDay})
        EXPECT_TRUE(kinds.count(kind)) << to_string(kind);
    // Réunion's events are in Réunion time.
    auto reunion = list({territory::TerritoryKey::department("974"), std::nullopt, utc("2026-01-01T00:00:00Z"),
                         utc("2027-01-01T00:00:00Z")});
    ASSERT_FALSE(reunion.empty());
    EXPECT_EQ(reunion.front().time_zone, "Indian/Reunion");

    // Checked again, the deliberate conflict of the first department shows.
    auto first = registry().departments().front()->key.code();
    auto committee = database().read([&](storage::Connection& connection) {
        return rows::select_by_uid(connection, "demo-" + first + "-comite-2026@boussole.invalid");
    });
    ASSERT_TRUE(committee);
    auto warnings = database().read([&](storage::Connection& connection) {
        return check_event(connection, registry(), input_of(*committee), committee->id);
    });
    ASSERT_TRUE(warnings.ok());
    ASSERT_FALSE(warnings->empty());
    EXPECT_EQ(warnings->front().kind, WarningKind::DoubleBooking);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(EventsTest);

}  // namespace boussole::calendar
