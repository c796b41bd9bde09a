// Two writers of the same cells at the same time, each on its own pool of
// connections (as two server nodes, or two imports), on both backends: every
// write is kept in the history, none is lost, versions stay consecutive, and
// the current value is the last version's.
#include "collection/approval.hpp"
#include "collection/data_values.hpp"
#include "support/values_fixture.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

namespace boussole::collection {

using test_support::input;
using test_support::kMonthly;

namespace {

constexpr int kRounds = 20;
const std::vector<std::string> kPeriods = {"2025-01", "2025-02", "2025-03", "2025-04", "2025-05"};

double value_for(int writer, int round)
{
    return writer * 1000 + round;
}

}  // namespace

class ConcurrencyTest : public test_support::CollectionTest {
protected:
    // Writes kRounds batches over the same cells; every value is unique to
    // the writer and the round, so that each one can be found afterwards.
    void run_writer(storage::Database& database, const access::Principal& principal, int writer,
                    std::vector<std::string>& failures)
    {
        for (int round = 0; round < kRounds; ++round) {
            std::vector<ValueInput> inputs;
            for (std::size_t i = 0; i < kPeriods.size(); ++i)
                inputs.push_back(
                    input(static_cast<long>(i + 1), kMonthly, "33", kPeriods[i], value_for(writer, round)));
            try {
                auto report = database.write([&](storage::Connection& connection) {
                    return write_values(connection, principal, registry(), catalogue(), inputs,
                                        {ValueOrigin::Import, std::nullopt, WriteMode::AllOrNothing});
                });
                if (!report.ok() || !report->applied || report->written != static_cast<int>(kPeriods.size()))
                    record(failures, "writer " + std::to_string(writer) + " round " + std::to_string(round) +
                                         " not fully written");
            } catch (const std::exception& error) {
                record(failures, error.what());
            }
        }
    }

    void record(std::vector<std::string>& failures, std::string failure)
    {
        std::lock_guard lock(m_mutex);
        failures.push_back(std::move(failure));
    }

    // Versions 1..n with no gap nor repeat, the current value the newest.
    void expect_consecutive_history(const std::string& period, std::size_t expected_versions)
    {
        auto history = history_of(kMonthly, "DEP-33", period);
        ASSERT_EQ(history.size(), expected_versions) << period;
        for (std::size_t i = 0; i < history.size(); ++i)
            EXPECT_EQ(history[i].version, static_cast<int>(history.size() - i)) << period;
        auto current = value_of(kMonthly, "DEP-33", period);
        ASSERT_TRUE(current);
        EXPECT_EQ(current->version, static_cast<int>(expected_versions));
        EXPECT_EQ(current->value, history.front().value);
        EXPECT_EQ(current->status, history.front().status);
    }

private:
    std::mutex m_mutex;
};

TEST_P(ConcurrencyTest, TwoWritersOfTheSameCellsKeepEveryVersion)
{
    auto other_pool = open_another_pool();
    auto first = gironde_editor();
    auto second = token("mdph-33", true);
    std::vector<std::string> failures;
    std::thread one([&] { run_writer(database(), first, 1, failures); });
    std::thread two([&] { run_writer(*other_pool, second, 2, failures); });
    one.join();
    two.join();
    EXPECT_TRUE(failures.empty()) << failures.front();

    for (const auto& period : kPeriods) {
        expect_consecutive_history(period, 2 * kRounds);
        std::multiset<double> seen;
        for (const auto& version : history_of(kMonthly, "DEP-33", period))
            seen.insert(*version.value);
        for (int writer : {1, 2})
            for (int round = 0; round < kRounds; ++round)
                EXPECT_EQ(seen.count(value_for(writer, round)), 1u) << period << " lost " << value_for(writer, round);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_values"), static_cast<std::int64_t>(kPeriods.size()));
}

TEST_P(ConcurrencyTest, SubmittingWhileAnotherWritesLosesNothing)
{
    auto other_pool = open_another_pool();
    auto writer = gironde_editor();
    auto submitter = gironde_editor();
    std::vector<std::string> failures;
    std::int64_t submitted_versions = 0;
    std::thread writing([&] { run_writer(database(), writer, 1, failures); });
    std::thread submitting([&] {
        for (int attempt = 0; attempt < kRounds; ++attempt) {
            try {
                auto result = other_pool->write([&](storage::Connection& connection) {
                    return apply_approval(connection, submitter, registry(),
                                          {"33", "2025-01", ApprovalAction::Submit, ""});
                });
                if (result.ok())
                    submitted_versions += result->values_affected;
                else if (result.error().code != core::ErrorCode::Conflict)
                    record(failures, result.error().message);
            } catch (const std::exception& error) {
                record(failures, error.what());
            }
        }
    });
    writing.join();
    submitting.join();
    EXPECT_TRUE(failures.empty()) << failures.front();
    // Each round writes one version of 2025-01; each submission adds one.
    expect_consecutive_history("2025-01", kRounds + static_cast<std::size_t>(submitted_versions));
    expect_consecutive_history("2025-02", kRounds);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ConcurrencyTest);

}  // namespace boussole::collection
