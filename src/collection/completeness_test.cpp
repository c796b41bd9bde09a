// Completeness on both backends: which departments reported, out of those
// expected, on time or late against the element's due date, with totals per
// period, per region, and per element for one period.
#include "collection/completeness.hpp"
#include "support/values_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::collection {

using test_support::input;
using test_support::kQuarterly;
using test_support::kQuarterlyPart;
using ::testing::HasSubstr;

class CompletenessTest : public test_support::CollectionTest {
protected:
    void SetUp() override
    {
        CollectionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto admin = national_admin();
        ASSERT_EQ(write(admin, {input(1, kQuarterly, "33", "2025-T1", 100), input(2, kQuarterly, "40", "2025-T1", 80),
                                input(3, kQuarterly, "24", "2025-T1", 90), input(4, kQuarterly, "33", "2025-T2", 95),
                                input(5, kQuarterly, "40", "2025-T2", 70)})
                      ->written,
                  5);
        ASSERT_EQ(write(admin, {input(1, kQuarterly, "40", "2025-T2", std::nullopt)})->written, 1);
        // 2025-T1 is due on 15/05/2025 (31 March + 45 days): the Gironde
        // reported before, the Landes after; the Dordogne just now.
        arrived("DEP-33", "2025-T1", "2025-05-01T08:00:00.000Z");
        arrived("DEP-40", "2025-T1", "2025-06-30T08:00:00.000Z");
    }

    void arrived(const char* territory, const char* period, const char* at)
    {
        database().write([&](storage::Connection& connection) {
            connection.execute(
                "UPDATE data_value_history SET changed_at = $1 WHERE version = 1 AND data_value_id = "
                "(SELECT id FROM data_values WHERE element_code = $2 AND territory_key = $3 AND "
                "period = $4)",
                {at, kQuarterly, territory, period});
        });
    }

    core::Result<CompletenessGrid> grid(std::string from, std::string to,
                                        std::optional<territory::TerritoryKey> within = std::nullopt,
                                        core::Timestamp now = core::now(), std::string element = kQuarterly)
    {
        return database().read([&](storage::Connection& connection) {
            return completeness_grid(connection, registry(), catalogue(), {element, from, to, within, now});
        });
    }

    static const CompletenessCell& cell(const CompletenessGrid& grid, std::string_view department, std::size_t period)
    {
        for (std::size_t i = 0; i < grid.departments.size(); ++i)
            if (grid.departments[i]->key.code() == department)
                return grid.cells[i][period];
        throw std::out_of_range(std::string(department));
    }
};

TEST_P(CompletenessTest, CountsTheDepartmentsThatReportedAndWhenTheyDid)
{
    auto result = grid("2025-T1", "2025-T2");
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result->departments.size(), 101u);
    ASSERT_EQ(result->periods.size(), 2u);
    EXPECT_EQ(result->periods[0].period.to_string(), "2025-T1");
    EXPECT_EQ(result->periods[0].reported, 3);
    EXPECT_EQ(result->periods[0].on_time, 1);
    EXPECT_EQ(result->periods[0].expected, 101);
    EXPECT_EQ(result->periods[0].due, std::chrono::year{2025} / std::chrono::May / 15);
    EXPECT_EQ(result->periods[1].reported, 1);  // the Landes' value was deleted
    EXPECT_EQ(result->reported, 4);
    EXPECT_EQ(result->expected, 202);
    EXPECT_EQ(reported_out_of(result->periods[0].reported, result->periods[0].expected), "3/101 départements");

    EXPECT_EQ(cell(*result, "33", 0).timeliness, Timeliness::OnTime);
    EXPECT_EQ(cell(*result, "33", 0).status, ValueStatus::Draft);
    EXPECT_EQ(cell(*result, "40", 0).timeliness, Timeliness::Late);
    EXPECT_EQ(cell(*result, "24", 0).timeliness, Timeliness::Late);
    EXPECT_EQ(cell(*result, "75", 0).timeliness, Timeliness::Missing);
    EXPECT_FALSE(cell(*result, "40", 1).reported);
    EXPECT_STREQ(label(Timeliness::NotYetDue), "attendue");
}

TEST_P(CompletenessTest, APeriodNotYetDueIsAwaitedRatherThanMissing)
{
    auto june_2025 = core::parse_iso8601("2025-06-01T12:00:00Z").value();
    auto result = grid("2025-T1", "2025-T2", std::nullopt, june_2025);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(cell(*result, "75", 0).timeliness, Timeliness::Missing);
    EXPECT_EQ(cell(*result, "75", 1).timeliness, Timeliness::NotYetDue);
}

TEST_P(CompletenessTest, ARegionExpectsItsOwnDepartments)
{
    auto result = grid("2025-T1", "2025-T1", territory::TerritoryKey::region("75"));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->departments.size(), 12u);
    EXPECT_EQ(result->periods[0].expected, 12);
    EXPECT_EQ(result->periods[0].reported, 3);
    auto paris = grid("2025-T1", "2025-T1", territory::TerritoryKey::region("11"));
    EXPECT_EQ(paris->periods[0].reported, 0);
    EXPECT_EQ(paris->periods[0].expected, 8);
}

TEST_P(CompletenessTest, WrongRangesAreRefused)
{
    EXPECT_EQ(grid("2025-T2", "2025-T1").error().code, core::ErrorCode::Invalid);
    auto type = grid("2025", "2025-T2");
    EXPECT_EQ(type.error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(type.error().fields.at(0).field, "from");
    EXPECT_THAT(grid("2000-T1", "2025-T1").error().message, HasSubstr("60 périodes"));
    EXPECT_EQ(grid("2025-T1", "2025-T1", std::nullopt, core::now(), "inconnu").error().code, core::ErrorCode::NotFound);
}

TEST_P(CompletenessTest, SummarisesEveryElementOfAPeriod)
{
    auto summary = database().read([&](storage::Connection& connection) {
        return completeness_summary(connection, registry(), catalogue(), "2025-T1", std::nullopt, core::now());
    });
    ASSERT_TRUE(summary.ok());
    const ElementCompleteness* total = nullptr;
    const ElementCompleteness* part = nullptr;
    for (const auto& entry : *summary) {
        EXPECT_NE(entry.element, "essai_mensuel");  // another period type
        if (entry.element == kQuarterly)
            total = &entry;
        if (entry.element == kQuarterlyPart)
            part = &entry;
    }
    ASSERT_TRUE(total && part);
    EXPECT_EQ(total->reported, 3);
    EXPECT_EQ(total->on_time, 1);
    EXPECT_EQ(total->expected, 101);
    EXPECT_EQ(part->reported, 0);
    auto in_region = database().read([&](storage::Connection& connection) {
        return completeness_summary(connection, registry(), catalogue(), "2025-T1",
                                    territory::TerritoryKey::region("11"), core::now());
    });
    for (const auto& entry : *in_region) {
        if (entry.element == kQuarterly) {
            EXPECT_EQ(entry.reported, 0);
        }
    }
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CompletenessTest);

}  // namespace boussole::collection
