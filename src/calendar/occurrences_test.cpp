// Event times read by libical: Paris, Cayenne and Réunion hours in UTC,
// summer time, events across midnight, all-day events and monthly rules.
#include "calendar/occurrences.hpp"

#include <gtest/gtest.h>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

core::Timestamp utc(std::string_view text)
{
    return core::parse_iso8601(text).value();
}

Event timed(std::string starts, std::string ends, std::string zone = "Europe/Paris", std::string rrule = {})
{
    Event event;
    event.title = "Réunion";
    event.starts_local = std::move(starts);
    event.ends_local = std::move(ends);
    event.time_zone = std::move(zone);
    event.rrule = std::move(rrule);
    return event;
}

Event all_day(std::string first, std::string last)
{
    auto event = timed(std::move(first), std::move(last));
    event.all_day = true;
    return event;
}

const auto kEver = utc("2000-01-01T00:00:00Z");
const auto kNever = utc("2100-01-01T00:00:00Z");

}  // namespace

TEST(OccurrencesTest, LocalHoursOfParisAndOfOverseasDepartments)
{
    auto paris = occurrences(timed("2026-03-12T09:30", "2026-03-12T11:00"), kEver, kNever);
    ASSERT_EQ(paris.size(), 1u);
    EXPECT_EQ(paris[0].start, utc("2026-03-12T08:30:00Z"));
    EXPECT_EQ(paris[0].end, utc("2026-03-12T10:00:00Z"));
    auto summer = occurrences(timed("2026-07-02T09:30", "2026-07-02T11:00"), kEver, kNever);
    EXPECT_EQ(summer.at(0).start, utc("2026-07-02T07:30:00Z"));
    auto cayenne = occurrences(timed("2026-03-12T09:30", "2026-03-12T11:00", "America/Cayenne"), kEver, kNever);
    EXPECT_EQ(cayenne.at(0).start, utc("2026-03-12T12:30:00Z"));
    auto reunion = occurrences(timed("2026-03-12T09:30", "2026-03-12T11:00", "Indian/Reunion"), kEver, kNever);
    EXPECT_EQ(reunion.at(0).start, utc("2026-03-12T05:30:00Z"));
    auto mayotte = occurrences(timed("2026-03-12T09:30", "2026-03-12T11:00", "Indian/Mayotte"), kEver, kNever);
    EXPECT_EQ(mayotte.at(0).start, utc("2026-03-12T06:30:00Z"));
}

TEST(OccurrencesTest, AnEventAcrossMidnightCoversTwoDays)
{
    auto night = occurrences(timed("2026-06-30T22:00", "2026-07-01T01:00"), kEver, kNever);
    ASSERT_EQ(night.size(), 1u);
    EXPECT_EQ(night[0].start, utc("2026-06-30T20:00:00Z"));
    EXPECT_EQ(night[0].end, utc("2026-06-30T23:00:00Z"));
    EXPECT_EQ(night[0].first_day, 2026y / June / 30);
    EXPECT_EQ(night[0].last_day, 2026y / July / 1);
}

TEST(OccurrencesTest, AnAllDayEventRunsFromLocalMidnightToTheEndOfItsLastDay)
{
    auto days = occurrences(all_day("2026-03-03", "2026-03-05"), kEver, kNever);
    ASSERT_EQ(days.size(), 1u);
    EXPECT_EQ(days[0].start, utc("2026-03-02T23:00:00Z"));
    EXPECT_EQ(days[0].end, utc("2026-03-05T23:00:00Z"));
    EXPECT_EQ(days[0].first_day, 2026y / March / 3);
    EXPECT_EQ(days[0].last_day, 2026y / March / 5);
}

TEST(OccurrencesTest, AMonthlyRuleKeepsItsLocalHourAcrossSummerTime)
{
    // The CDAPH on the second Thursday of each month, at 14:00.
    auto cdaph = timed("2026-01-08T14:00", "2026-01-08T17:00", "Europe/Paris", "FREQ=MONTHLY;BYDAY=2TH;COUNT=12");
    auto all = occurrences(cdaph, kEver, kNever);
    ASSERT_EQ(all.size(), 12u);
    EXPECT_EQ(all[0].start, utc("2026-01-08T13:00:00Z"));
    EXPECT_EQ(all[6].first_day, 2026y / July / 9);
    EXPECT_EQ(all[6].start, utc("2026-07-09T12:00:00Z"));
    EXPECT_EQ(all[11].first_day, 2026y / December / 10);
    auto span = span_of(cdaph);
    ASSERT_TRUE(span && span->last_end);
    EXPECT_EQ(*span->last_end, utc("2026-12-10T16:00:00Z"));

    auto summer = occurrences(cdaph, utc("2026-07-01T00:00:00Z"), utc("2026-09-01T00:00:00Z"));
    ASSERT_EQ(summer.size(), 2u);
    EXPECT_EQ(summer[1].first_day, 2026y / August / 13);

    auto endless = span_of(timed("2026-01-08T14:00", "2026-01-08T17:00", "Europe/Paris", "FREQ=MONTHLY;BYDAY=2TH"));
    ASSERT_TRUE(endless);
    EXPECT_FALSE(endless->last_end);
}

TEST(OccurrencesTest, FaultyTimesNameTheirField)
{
    auto zone = check_times(timed("2026-03-12T09:30", "2026-03-12T11:00", "Europe/Pariss"));
    ASSERT_FALSE(zone.ok());
    EXPECT_EQ(zone.error().fields.at(0).field, "time_zone");
    EXPECT_NE(zone.error().message.find("Fuseau horaire"), std::string::npos);

    auto backwards = check_times(timed("2026-03-12T11:00", "2026-03-12T09:30"));
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(backwards.error().fields.at(0).field, "ends");

    auto unreadable = check_times(timed("12/03/2026 09:30", "2026-03-12T11:00"));
    ASSERT_FALSE(unreadable.ok());
    EXPECT_EQ(unreadable.error().fields.at(0).field, "starts");

    auto rule = check_times(timed("2026-03-12T09:30", "2026-03-12T11:00", "Europe/Paris", "TOUS LES MOIS"));
    ASSERT_FALSE(rule.ok());
    EXPECT_EQ(rule.error().fields.at(0).field, "rrule");

    EXPECT_TRUE(check_times(all_day("2026-03-12", "2026-03-12")).ok());
    EXPECT_FALSE(check_times(all_day("2026-03-12", "2026-03-11")).ok());
    EXPECT_FALSE(check_times(all_day("2026-02-30", "2026-03-01")).ok());
}

TEST(OccurrencesTest, AnExcludedOccurrenceIsLeftOutAcrossTheChangeToSummerTime)
{
    // Weekly on Thursdays at 09:30 Paris time from 19 March: summer time
    // begins on 29 March 2026, the hour stays 09:30 local.
    auto series = timed("2026-03-19T09:30", "2026-03-19T11:00", "Europe/Paris", "FREQ=WEEKLY;COUNT=4");
    series.exceptions = {{"2026-04-02T09:30", true}};
    auto found = occurrences(series, kEver, kNever);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].start, utc("2026-03-19T08:30:00Z"));
    EXPECT_EQ(found[1].start, utc("2026-03-26T08:30:00Z"));
    EXPECT_EQ(found[2].start, utc("2026-04-09T07:30:00Z"));  // after the change
    EXPECT_EQ(found[2].recurrence, "2026-04-09T09:30");
    // A changed occurrence moves after the change, at its own local hour.
    series.exceptions = {
        {"2026-03-26T09:30", false, "2026-03-30T14:00", "2026-03-30T15:30", "Mairie", EventStatus::Planned}};
    found = occurrences(series, kEver, kNever);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[1].start, utc("2026-03-30T12:00:00Z"));
    EXPECT_EQ(found[1].end, utc("2026-03-30T13:30:00Z"));
    EXPECT_TRUE(found[1].changed);
    EXPECT_EQ(found[1].recurrence, "2026-03-26T09:30");
    // Cancelled by its own status, it does not take place.
    series.exceptions[0].status = EventStatus::Cancelled;
    EXPECT_EQ(occurrences(series, kEver, kNever).size(), 3u);
    auto span = span_of(series);
    ASSERT_TRUE(span && span->last_end);
    EXPECT_EQ(*span->last_end, utc("2026-04-09T09:00:00Z"));
}

TEST(OccurrencesTest, ExceptionsInAnOverseasZone)
{
    // Monthly in Cayenne (UTC-3, no summer time), the August one excluded,
    // the October one moved to an afternoon.
    auto series = timed("2026-06-11T09:00", "2026-06-11T12:00", "America/Cayenne", "FREQ=MONTHLY;BYDAY=2TH;COUNT=5");
    series.exceptions = {
        {"2026-08-13T09:00", true},
        {"2026-10-08T09:00", false, "2026-10-08T14:00", "2026-10-08T16:00", "", EventStatus::Confirmed}};
    auto found = occurrences(series, kEver, kNever);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[0].start, utc("2026-06-11T12:00:00Z"));
    EXPECT_EQ(found[1].start, utc("2026-07-09T12:00:00Z"));
    EXPECT_EQ(found[2].start, utc("2026-09-10T12:00:00Z"));
    EXPECT_EQ(found[3].start, utc("2026-10-08T17:00:00Z"));
    // A window that holds only the excluded occurrence finds nothing.
    EXPECT_TRUE(occurrences(series, utc("2026-08-01T00:00:00Z"), utc("2026-09-01T00:00:00Z")).empty());
    EXPECT_TRUE(check_exceptions(series).ok());
}

TEST(OccurrencesTest, ExceptionsMustNameOccurrencesOfTheRule)
{
    auto series = timed("2026-06-11T09:00", "2026-06-11T12:00", "Europe/Paris", "FREQ=MONTHLY;BYDAY=2TH;COUNT=5");
    series.exceptions = {{"2026-08-14T09:00", true}};  // a Friday
    auto wrong = check_exceptions(series);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().fields.at(0).field, "exceptions");
    EXPECT_NE(wrong.error().message.find("n'est pas une occurrence"), std::string::npos);
    series.exceptions = {{"2026-08-13T09:00", false, "2026-08-13T12:00", "2026-08-13T10:00", "", EventStatus::Planned}};
    EXPECT_FALSE(check_exceptions(series).ok());
    auto single = timed("2026-06-11T09:00", "2026-06-11T12:00");
    single.exceptions = {{"2026-06-11T09:00", true}};
    EXPECT_FALSE(check_exceptions(single).ok());
}

}  // namespace boussole::calendar
