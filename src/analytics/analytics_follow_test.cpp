// Freshness, on both backends: an Analytics following the database has a
// value in its figures as soon as the transaction that wrote it returns (no
// waiting), follows deletions and approvals, ignores what was rolled back,
// and another node (a second pool on the same database) sees the write
// within seconds through notifications (PostgreSQL) or its periodic check
// (SQLite).
#include "analytics/analytics.hpp"
#include "support/analytics_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace boussole::analytics {

using core::PeriodType;
using namespace test_support;

class AnalyticsFollowTest : public AnalyticsTest {
protected:
    Figure figure(Analytics& analytics, const char* code, const std::string& territory, const std::string& period)
    {
        return analytics.figure(cube_catalogue(), indicator(code), *territory::TerritoryKey::parse(territory),
                                *core::Period::parse(period));
    }
    std::optional<double> value(Analytics& analytics, const char* code, const std::string& territory,
                                const std::string& period)
    {
        return figure(analytics, code, territory, period).value;
    }
};

TEST_P(AnalyticsFollowTest, AWriteIsInTheFiguresWhenItsTransactionReturns)
{
    Analytics analytics(registry());
    analytics.catch_up(database());
    analytics.follow(database());
    EXPECT_FALSE(value(analytics, kRotation, "DEP-22", "2024-01"));

    write_cells({input(1, kCubeDecisions, "22", "2024-01", 30), input(2, kCubeFiles, "22", "2024-01", 200)});
    EXPECT_EQ(value(analytics, kRotation, "DEP-22", "2024-01"), 15);
    EXPECT_EQ(value(analytics, kRotation, "REG-53", "2024-01"), 15);
    EXPECT_EQ(value(analytics, kRotation, "FR", "2024-01"), 15);
    const auto after_first = analytics.sequence();

    // The cached grid is dropped by the next change.
    write_cells({input(1, kCubeDecisions, "22", "2024-01", 50), input(2, kCubeDecisions, "29", "2024-01", 10),
                 input(3, kCubeFiles, "29", "2024-01", 100)});
    EXPECT_GT(analytics.sequence(), after_first);
    EXPECT_EQ(value(analytics, kRotation, "DEP-22", "2024-01"), 25);
    EXPECT_EQ(value(analytics, kRotation, "REG-53", "2024-01"), 20);  // (50 + 10) / (200 + 100)
    EXPECT_EQ(figure(analytics, kRotation, "REG-53", "2024-01").reported, 2);

    // A deletion takes the department out of its region.
    write_cells({input(1, kCubeFiles, "22", "2024-01", std::nullopt)});
    EXPECT_FALSE(value(analytics, kRotation, "DEP-22", "2024-01"));
    EXPECT_EQ(value(analytics, kRotation, "REG-53", "2024-01"), 10);
    EXPECT_EQ(figure(analytics, kRotation, "REG-53", "2024-01").reported, 1);

    // A cube loaded afresh from the database agrees with the one that followed.
    Analytics fresh(registry());
    fresh.catch_up(database());
    EXPECT_EQ(fresh.sequence(), analytics.sequence());
    EXPECT_EQ(fresh.values(), analytics.values());
    for (const char* territory : {"DEP-22", "DEP-29", "REG-53", "FR"})
        EXPECT_EQ(value(fresh, kRotation, territory, "2024-01"), value(analytics, kRotation, territory, "2024-01"))
            << territory;
}

TEST_P(AnalyticsFollowTest, ValidatingAndReopeningChangeTheFlagAtOnce)
{
    Analytics analytics(registry());
    analytics.follow(database());
    write_cells({input(1, kCubeDecisions, "35", "2024-02", 12), input(2, kCubeFiles, "35", "2024-02", 48)});
    auto draft = figure(analytics, kRotation, "DEP-35", "2024-02");
    EXPECT_EQ(draft.value, 25);
    EXPECT_TRUE(draft.includes_unvalidated);

    validate("35", "2024-02");
    auto validated = figure(analytics, kRotation, "DEP-35", "2024-02");
    EXPECT_EQ(validated.value, 25);
    EXPECT_FALSE(validated.includes_unvalidated);
    EXPECT_FALSE(figure(analytics, kRotation, "REG-53", "2024-02").includes_unvalidated);

    reopen("35", "2024-02");
    EXPECT_TRUE(figure(analytics, kRotation, "DEP-35", "2024-02").includes_unvalidated);
    EXPECT_TRUE(figure(analytics, kRotation, "FR", "2024-02").includes_unvalidated);
}

TEST_P(AnalyticsFollowTest, WhatWasRolledBackChangesNothing)
{
    write_cells({input(1, kCubeDecisions, "56", "2024-04", 40), input(2, kCubeFiles, "56", "2024-04", 80)});
    Analytics analytics(registry());
    analytics.catch_up(database());
    const auto sequence = analytics.sequence();
    const auto values = analytics.values();
    ASSERT_EQ(value(analytics, kRotation, "DEP-56", "2024-04"), 50);

    // Written, then the transaction fails and rolls back.
    auto principal = national_admin();
    EXPECT_THROW(database().write([&](storage::Connection& connection) {
        auto report = collection::write_values(
            connection, principal, registry(), cube_catalogue(),
            {input(1, kCubeDecisions, "56", "2024-04", 80), input(2, kCubeDecisions, "29", "2024-04", 7)}, {});
        if (!report.ok() || !report->applied)
            ADD_FAILURE() << "the write itself should succeed";
        throw std::runtime_error("échec simulé après l'écriture");
    }),
                 std::runtime_error);
    // A batch refused as a whole in a transaction that commits.
    auto refused = database().write([&](storage::Connection& connection) {
        return collection::write_values(
            connection, principal, registry(), cube_catalogue(),
            {input(1, kCubeDecisions, "56", "2024-04", 90), input(2, "cube_inconnu", "56", "2024-04", 1)}, {});
    });
    ASSERT_TRUE(refused.ok());
    EXPECT_FALSE(refused->applied);

    auto caught = analytics.catch_up(database());
    EXPECT_EQ(caught.cells, 0);
    // A refused batch may have consumed a sequence number (taken before its
    // cells were locked): a number without cells, nothing to apply.
    EXPECT_GE(analytics.sequence(), sequence);
    EXPECT_EQ(analytics.values(), values);
    EXPECT_EQ(value(analytics, kRotation, "DEP-56", "2024-04"), 50);
    EXPECT_FALSE(value(analytics, kRotation, "DEP-29", "2024-04"));
}

TEST_P(AnalyticsFollowTest, AnotherNodeSeesTheWriteWithinSeconds)
{
    auto other_pool = open_another_pool();
    Analytics here(registry());
    here.catch_up(database());
    here.follow(database());
    Analytics there(registry());
    there.catch_up(*other_pool);
    there.follow(*other_pool);

    write_cells(*other_pool, {input(1, kCubeDecisions, "2A", "2024-05", 9), input(2, kCubeFiles, "2A", "2024-05", 90)});
    // The node that wrote has it at once; the other within a few seconds.
    EXPECT_EQ(value(there, kRotation, "DEP-2A", "2024-05"), 10);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!value(here, kRotation, "DEP-2A", "2024-05") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(value(here, kRotation, "DEP-2A", "2024-05"), 10);
    EXPECT_EQ(value(here, kRotation, "REG-94", "2024-05"), 10);

    // And the other way round, a deletion.
    write_cells({input(1, kCubeFiles, "2A", "2024-05", std::nullopt)});
    EXPECT_FALSE(value(here, kRotation, "DEP-2A", "2024-05"));
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (value(there, kRotation, "DEP-2A", "2024-05") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(value(there, kRotation, "DEP-2A", "2024-05"));
    here.stop();
    there.stop();
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(AnalyticsFollowTest);

}  // namespace boussole::analytics
