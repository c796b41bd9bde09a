// Find a date on both backends: a meeting, a public holiday and a declared
// constraint take their slots out; the quietest days come first; faulty
// queries are named field by field.
#include "support/calendar_fixture.hpp"

#include "calendar/free_dates.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace boussole::calendar {

class FreeDatesTest : public CalendarTest {
protected:
    core::Result<std::vector<FreeDate>> search(const char* from, const char* to, std::size_t limit = 50)
    {
        FreeDateQuery query;
        query.territory = "DEP-33";
        query.audience_ids = {id_of("cd-33"), id_of("mdph-33")};
        query.duration_minutes = 120;
        query.from = from;
        query.to = to;
        return database().read(
            [&](storage::Connection& connection) { return find_free_dates(connection, registry(), query, limit); });
    }
    static bool has(const std::vector<FreeDate>& dates, const std::string& starts)
    {
        return std::any_of(dates.begin(), dates.end(), [&](const FreeDate& date) { return date.starts == starts; });
    }
};

TEST_P(FreeDatesTest, MeetingsHolidaysAndConstraintsTakeTheirSlotsOut)
{
    // Tuesday 10 March 2026, 9:30 to 12:00: the CDAPH.
    ASSERT_TRUE(create(gironde_editor(), cdaph("2026-03-10T09:30", "2026-03-10T12:00")).ok());
    auto declared = database().write([&](storage::Connection& connection) {
        return declare_constraint(connection, gironde_editor(),
                                  {id_of("cd-33"), "2026-03-12", "2026-03-12", {}, "Séance du conseil"});
    });
    ASSERT_TRUE(declared.ok()) << declared.error().message;

    auto week = search("2026-03-09", "2026-03-13");
    ASSERT_TRUE(week.ok()) << week.error().message;
    EXPECT_FALSE(has(*week, "2026-03-10T09:30"));
    EXPECT_TRUE(has(*week, "2026-03-10T14:00"));
    EXPECT_FALSE(has(*week, "2026-03-12T09:30"));
    EXPECT_FALSE(has(*week, "2026-03-12T14:00"));
    EXPECT_TRUE(has(*week, "2026-03-09T09:30"));
    EXPECT_EQ(week->size(), 7u);  // ten slots, less one meeting and one constrained day
    EXPECT_EQ(week->front().ends, "2026-03-09T11:30");

    // The quietest first: the next week, away from the CDAPH.
    auto fortnight = search("2026-03-09", "2026-03-20");
    ASSERT_TRUE(fortnight.ok());
    EXPECT_EQ(fortnight->front().starts, "2026-03-16T09:30");
    EXPECT_EQ(fortnight->front().nearby, 0);

    // 1 and 8 May 2026 are public holidays (Fridays); weekends are skipped.
    auto may = search("2026-04-30", "2026-05-08");
    ASSERT_TRUE(may.ok());
    EXPECT_FALSE(has(*may, "2026-05-01T09:30"));
    EXPECT_FALSE(has(*may, "2026-05-08T14:00"));
    EXPECT_FALSE(has(*may, "2026-05-02T09:30"));
    EXPECT_TRUE(has(*may, "2026-05-04T09:30"));
}

TEST_P(FreeDatesTest, AFaultyQueryNamesEachField)
{
    FreeDateQuery query;
    query.territory = "DEP-999";
    query.duration_minutes = 10;
    query.from = "2026-03-20";
    query.to = "2026-03-01";
    auto refused = database().read(
        [&](storage::Connection& connection) { return find_free_dates(connection, registry(), query); });
    ASSERT_FALSE(refused.ok());
    std::vector<std::string> fields;
    for (const auto& field : refused.error().fields)
        fields.push_back(field.field);
    EXPECT_THAT(fields, ::testing::IsSupersetOf({"territory", "audience_ids", "duration_minutes", "to"}));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(FreeDatesTest);

}  // namespace boussole::calendar
