// Conflict detection on crafted cases: double bookings, a shared audience in
// enclosing territories, events across midnight, all-day events, events in
// different time zones, recurring events, holidays and constraints.
#include "calendar/conflicts.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace boussole::calendar {

namespace {

using namespace std::chrono;
using territory::TerritoryKey;

constexpr std::int64_t kArs = 1, kCd33 = 2, kCd40 = 3, kMdph33 = 4, kCdGuyane = 5;

const territory::TerritoryRegistry& registry()
{
    static const auto registry = territory::TerritoryRegistry::from_territories({
        {TerritoryKey::nation(), "France", std::nullopt, 2, 0},
        {TerritoryKey::region("75"), "Nouvelle-Aquitaine", TerritoryKey::nation(), 0, 1},
        {TerritoryKey::region("03"), "Guyane", TerritoryKey::nation(), 0, 2},
        {TerritoryKey::department("33"), "Gironde", TerritoryKey::region("75"), 3, 3},
        {TerritoryKey::department("40"), "Landes", TerritoryKey::region("75"), 4, 4},
        {TerritoryKey::department("973"), "Guyane", TerritoryKey::region("03"), 3, 5},
    });
    return registry;
}

Event event(std::int64_t id, std::int64_t organiser, TerritoryKey territory, std::string starts, std::string ends,
            std::vector<std::int64_t> audience = {})
{
    Event event;
    event.id = id;
    event.title = "Événement " + std::to_string(id);
    event.kind = EventKind::Cdaph;
    event.organiser_id = organiser;
    event.territory = std::move(territory);
    event.starts_local = std::move(starts);
    event.ends_local = std::move(ends);
    event.all_day = event.starts_local.size() == 10;
    event.audience_ids = std::move(audience);
    return event;
}

std::vector<Warning> conflicts(const Event& candidate, const std::vector<Event>& others,
                               const std::vector<Constraint>& constraints = {})
{
    ConflictContext context{registry(), [](std::int64_t id) { return "organisation " + std::to_string(id); }};
    return find_conflicts(candidate, others, constraints, context, core::parse_iso8601("2020-01-01T00:00:00Z").value(),
                          core::parse_iso8601("2030-01-01T00:00:00Z").value());
}

std::vector<WarningKind> kinds_of(const std::vector<Warning>& warnings)
{
    std::vector<WarningKind> kinds;
    for (const auto& warning : warnings)
        kinds.push_back(warning.kind);
    return kinds;
}

const auto kGironde = TerritoryKey::department("33");

}  // namespace

TEST(ConflictsTest, AnOrganisationHoldingTwoEventsAtOnceIsADoubleBooking)
{
    auto candidate = event(0, kCd33, kGironde, "2026-03-12T09:00", "2026-03-12T12:00");
    auto other = event(7, kCd33, TerritoryKey::department("40"), "2026-03-12T11:00", "2026-03-12T13:00");
    auto warnings = conflicts(candidate, {other});
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].kind, WarningKind::DoubleBooking);
    EXPECT_EQ(warnings[0].event_id, 7);
    EXPECT_EQ(warnings[0].day, "2026-03-12");
    EXPECT_NE(warnings[0].message.find("Double réservation"), std::string::npos);
    // Back to back is no overlap.
    EXPECT_TRUE(conflicts(event(0, kCd33, kGironde, "2026-03-12T09:00", "2026-03-12T11:00"), {other}).empty());
    // A cancelled event frees the slot.
    other.status = EventStatus::Cancelled;
    EXPECT_TRUE(conflicts(candidate, {other}).empty());
}

TEST(ConflictsTest, ACommonAudienceMattersInTheSameOrAnEnclosingTerritoryOnly)
{
    auto candidate = event(0, kCd33, kGironde, "2026-03-12T09:00", "2026-03-12T12:00", {kMdph33});
    auto regional = event(8, kArs, TerritoryKey::region("75"), "2026-03-12T10:00", "2026-03-12T11:00", {kMdph33});
    auto warnings = conflicts(candidate, {regional});
    ASSERT_EQ(kinds_of(warnings), std::vector<WarningKind>{WarningKind::AudienceOverlap});
    EXPECT_NE(warnings[0].message.find("organisation 4"), std::string::npos);
    // Another department's meeting with another audience does not matter.
    auto landes = event(9, kCd40, TerritoryKey::department("40"), "2026-03-12T10:00", "2026-03-12T11:00", {kMdph33});
    EXPECT_TRUE(conflicts(candidate, {landes}).empty());
    // Without a common audience, no warning.
    regional.audience_ids = {kCd40};
    EXPECT_TRUE(conflicts(candidate, {regional}).empty());
}

TEST(ConflictsTest, AnEventAcrossMidnightMeetsTheNextMorning)
{
    auto night = event(0, kCd33, kGironde, "2026-03-11T22:00", "2026-03-12T01:00");
    auto early = event(5, kCd33, kGironde, "2026-03-12T00:30", "2026-03-12T02:00");
    EXPECT_EQ(kinds_of(conflicts(night, {early})), std::vector<WarningKind>{WarningKind::DoubleBooking});
    auto later = event(6, kCd33, kGironde, "2026-03-12T01:00", "2026-03-12T02:00");
    EXPECT_TRUE(conflicts(night, {later}).empty());
}

TEST(ConflictsTest, AnAllDayEventOverlapsEveryMeetingOfItsDays)
{
    auto seminar = event(0, kCd33, kGironde, "2026-03-11", "2026-03-12");
    auto meeting = event(5, kCd33, kGironde, "2026-03-12T16:00", "2026-03-12T18:00");
    EXPECT_EQ(kinds_of(conflicts(seminar, {meeting})), std::vector<WarningKind>{WarningKind::DoubleBooking});
    auto next_day = event(6, kCd33, kGironde, "2026-03-13T00:00", "2026-03-13T02:00");
    EXPECT_TRUE(conflicts(seminar, {next_day}).empty());
}

TEST(ConflictsTest, TimesInDifferentZonesAreComparedAsInstants)
{
    // 14:00 in Cayenne is 18:00 in Paris (winter): a Paris meeting from 17:30
    // overlaps, one at 14:00 Paris time does not.
    auto cayenne = event(0, kArs, TerritoryKey::department("973"), "2026-03-12T14:00", "2026-03-12T15:00");
    cayenne.time_zone = "America/Cayenne";
    auto paris_evening = event(5, kArs, kGironde, "2026-03-12T17:30", "2026-03-12T18:30");
    auto paris_afternoon = event(6, kArs, kGironde, "2026-03-12T14:00", "2026-03-12T15:00");
    auto warnings = conflicts(cayenne, {paris_evening, paris_afternoon});
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].event_id, 5);
}

TEST(ConflictsTest, ARecurringEventMeetsAnOccurrenceFarFromItsStart)
{
    auto cdaph = event(0, kMdph33, kGironde, "2026-01-08T14:00", "2026-01-08T17:00");
    cdaph.rrule = "FREQ=MONTHLY;BYDAY=2TH;COUNT=12";
    auto one_off = event(5, kMdph33, kGironde, "2026-10-08T16:00", "2026-10-08T18:00");
    auto warnings = conflicts(cdaph, {one_off});
    // The May meeting falls on Ascension (14 May 2026), a holiday.
    ASSERT_EQ(kinds_of(warnings), (std::vector<WarningKind>{WarningKind::DoubleBooking, WarningKind::Holiday}));
    EXPECT_EQ(warnings[0].day, "2026-10-08");
    EXPECT_EQ(warnings[1].day, "2026-05-14");
    // And the other way round: a recurring other event.
    auto meeting = event(0, kMdph33, kGironde, "2026-05-14T15:00", "2026-05-14T16:00");
    cdaph.id = 9;
    auto reverse = conflicts(meeting, {cdaph});
    ASSERT_FALSE(reverse.empty());
    EXPECT_EQ(reverse[0].event_id, 9);
}

TEST(ConflictsTest, PeriodsOccupyNobodyAndMatterOnlyWhereTheyOpenAndClose)
{
    // A call for projects from 4 May to 30 June 2026 spans Ascension and Whit
    // Monday and the CD's own meetings: none of it matters.
    auto call = event(0, kCd33, kGironde, "2026-05-04", "2026-06-30");
    call.kind = EventKind::CallForProjects;
    auto meeting = event(5, kCd33, kGironde, "2026-05-12T09:00", "2026-05-12T12:00");
    EXPECT_TRUE(conflicts(call, {meeting}).empty());
    EXPECT_TRUE(conflicts(meeting, {call}).empty());
    // Closing it on 14 July does.
    call.ends_local = "2026-07-14";
    EXPECT_EQ(kinds_of(conflicts(call, {meeting})), std::vector<WarningKind>{WarningKind::Holiday});
}

TEST(ConflictsTest, HolidaysOfTheTerritoryAreReported)
{
    auto national_day = event(0, kCd33, kGironde, "2026-07-14T10:00", "2026-07-14T12:00");
    auto warnings = conflicts(national_day, {});
    ASSERT_EQ(kinds_of(warnings), std::vector<WarningKind>{WarningKind::Holiday});
    EXPECT_EQ(warnings[0].day, "2026-07-14");
    EXPECT_NE(warnings[0].message.find("Fête nationale"), std::string::npos);
    // 10 June is a holiday in French Guiana only.
    auto guyane = event(0, kCdGuyane, TerritoryKey::department("973"), "2026-06-10", "2026-06-10");
    guyane.time_zone = "America/Cayenne";
    EXPECT_EQ(kinds_of(conflicts(guyane, {})), std::vector<WarningKind>{WarningKind::Holiday});
    EXPECT_TRUE(conflicts(event(0, kCd33, kGironde, "2026-06-10", "2026-06-10"), {}).empty());
}

TEST(ConflictsTest, DeclaredConstraintsApplyToTheirKindsAndOrganisations)
{
    Constraint budget{3, kCd33, 2026y / December / 14, 2026y / December / 18, {EventKind::Cdaph}, "Vote du budget"};
    auto candidate = event(0, kArs, kGironde, "2026-12-16T09:00", "2026-12-16T12:00", {kCd33});
    auto warnings = conflicts(candidate, {}, {budget});
    ASSERT_EQ(kinds_of(warnings), std::vector<WarningKind>{WarningKind::Constraint});
    EXPECT_EQ(warnings[0].constraint_id, 3);
    EXPECT_NE(warnings[0].message.find("Vote du budget"), std::string::npos);
    candidate.kind = EventKind::Training;
    EXPECT_TRUE(conflicts(candidate, {}, {budget}).empty());
    candidate.kind = EventKind::Cdaph;
    candidate.audience_ids = {kCd40};
    EXPECT_TRUE(conflicts(candidate, {}, {budget}).empty());
}

TEST(ConflictsTest, AnExcludedOccurrenceOfASeriesNoLongerConflicts)
{
    // The monthly CDAPH of the Gironde, second Thursday 14:00-17:00.
    auto cdaph = event(11, kCd33, kGironde, "2026-06-11T14:00", "2026-06-11T17:00");
    cdaph.rrule = "FREQ=MONTHLY;BYDAY=2TH;COUNT=6";
    auto august = event(0, kCd33, kGironde, "2026-08-13T15:00", "2026-08-13T16:00");
    EXPECT_EQ(kinds_of(conflicts(august, {cdaph})), std::vector<WarningKind>{WarningKind::DoubleBooking});
    cdaph.exceptions = {{"2026-08-13T14:00", true}};
    EXPECT_TRUE(conflicts(august, {cdaph}).empty());
    // Moved to the Friday, the occurrence meets what is held that day.
    cdaph.exceptions = {{"2026-08-13T14:00", false, "2026-08-14T14:00", "2026-08-14T17:00", "", EventStatus::Planned}};
    EXPECT_TRUE(conflicts(august, {cdaph}).empty());
    auto friday = event(0, kCd33, kGironde, "2026-08-14T15:00", "2026-08-14T16:00");
    EXPECT_EQ(kinds_of(conflicts(friday, {cdaph})), std::vector<WarningKind>{WarningKind::DoubleBooking});
}

}  // namespace boussole::calendar
