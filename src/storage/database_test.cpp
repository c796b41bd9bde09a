// The connection pool on both backends: concurrent writers, giving
// connections back, running out of them, and losing one.

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/backends.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace boussole::storage {

namespace {

using Kind = DatabaseError::Kind;
using namespace std::chrono_literals;

constexpr const char* kInsertSetting = "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)";
constexpr const char* kIncrementCounter =
    "UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'counter'";
constexpr const char* kSelectCounter = "SELECT CAST(value AS INTEGER) AS n FROM settings WHERE key = 'counter'";
constexpr const char* kCountSettings = "SELECT COUNT(*) AS n FROM settings";
constexpr const char* kBackendProcess = "SELECT pg_backend_pid() AS pid";
constexpr const char* kTerminateBackend = "SELECT pg_terminate_backend($1, 5000) AS terminated";

}  // namespace

class DatabaseTest : public test_support::BackendTest {};

TEST_P(DatabaseTest, LetsConcurrentWritersAllSucceed)
{
    constexpr int kThreads = 4;
    constexpr int kWritesPerThread = 25;
    database().write([](Connection& connection) { connection.execute(kInsertSetting, {"counter", "0", "t"}); });

    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int thread = 0; thread < kThreads; ++thread) {
        writers.emplace_back([&, thread] {
            for (int write = 0; write < kWritesPerThread; ++write) {
                try {
                    database().write([&](Connection& connection) {
                        // A read before the write: a SQLite transaction that
                        // took only a read lock at BEGIN would fail here at
                        // once, whatever the busy timeout.
                        connection.query(kCountSettings);
                        connection.execute(kIncrementCounter);
                        connection.execute(kInsertSetting,
                                           {"write-" + std::to_string(thread) + "-" + std::to_string(write), "1", "t"});
                    });
                } catch (const DatabaseError&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& writer : writers)
        writer.join();

    EXPECT_EQ(failures.load(), 0);
    database().read([](Connection& connection) {
        EXPECT_EQ(connection.query(kSelectCounter).front().integer("n"), kThreads * kWritesPerThread);
        EXPECT_EQ(connection.query(kCountSettings).front().integer("n"), kThreads * kWritesPerThread + 1);
    });
}

TEST_P(DatabaseTest, GivesConnectionsBackAndTimesOutWhenAllAreTaken)
{
    auto pool = open_another_pool({.max_connections = 2});
    pool->set_acquire_timeout(200ms);
    // Far more transactions than connections: each one gives its connection back.
    for (int index = 0; index < 20; ++index)
        pool->write([&](Connection& connection) {
            connection.execute(kInsertSetting, {"key-" + std::to_string(index), "v", "t"});
        });

    auto first = pool->acquire();
    std::optional<PooledConnection> second = pool->acquire();
    try {
        pool->acquire();
        FAIL() << "a third connection was given out of two";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.kind(), Kind::Unavailable);
    }
    second.reset();
    auto third = pool->acquire();
    EXPECT_EQ(third->query(kCountSettings).front().integer("n"), 20);

    // Assigning over a borrowed connection gives that one back.
    third = std::move(first);
    EXPECT_NO_THROW(pool->acquire());
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(DatabaseTest);

TEST(PostgresDatabase, DiscardsAConnectionTheServerClosed)
{
    test_support::ScratchDatabase scratch(Backend::Postgres);
    auto database = scratch.open({.max_connections = 2});
    std::int64_t victim_process = 0;
    {
        auto victim = database->acquire();
        victim_process = victim->query(kBackendProcess).front().integer("pid");
        auto other = database->acquire();
        ASSERT_TRUE(other->query(kTerminateBackend, {victim_process}).front().boolean("terminated"));
        try {
            victim->query(kBackendProcess);
            FAIL() << "a terminated connection still answered";
        } catch (const DatabaseError& error) {
            EXPECT_EQ(error.kind(), Kind::ConnectionLost) << error.what();
        }
        EXPECT_FALSE(victim->healthy());
    }
    // Both connections can be had again, and neither is the terminated one.
    auto first = database->acquire();
    auto second = database->acquire();
    EXPECT_NE(first->query(kBackendProcess).front().integer("pid"), victim_process);
    EXPECT_NE(second->query(kBackendProcess).front().integer("pid"), victim_process);
}

TEST(PostgresDatabase, RetriesOnceWhenAnIdleConnectionWasCut)
{
    test_support::ScratchDatabase scratch(Backend::Postgres);
    auto database = scratch.open({.max_connections = 2});
    // One connection goes idle into the pool, then the server cuts it, as a
    // restart of PostgreSQL would.
    auto idle_process =
        database->read([](Connection& connection) { return connection.query(kBackendProcess).front().integer("pid"); });
    {
        auto killer = scratch.open({.max_connections = 1});
        auto connection = killer->acquire();
        ASSERT_TRUE(connection->query(kTerminateBackend, {idle_process}).front().boolean("terminated"));
    }
    // The next transaction gets the cut connection first, and must not fail.
    auto process =
        database->read([](Connection& connection) { return connection.query(kBackendProcess).front().integer("pid"); });
    EXPECT_NE(process, idle_process);
}

TEST(PostgresDatabase, RefusesToCommitAfterAFailedStatement)
{
    // PostgreSQL aborts a transaction at its first error and turns COMMIT
    // into ROLLBACK: work that swallowed the error must not believe it saved.
    test_support::ScratchDatabase scratch(Backend::Postgres);
    auto database = scratch.open();
    migrate(*database);
    EXPECT_THROW(database->write([](Connection& connection) {
        connection.execute(kInsertSetting, {"taken", "1", "t"});
        try {
            connection.execute(kInsertSetting, {"taken", "2", "t"});
        } catch (const DatabaseError&) {}
    }),
                 DatabaseError);
    EXPECT_EQ(
        database->read([](Connection& connection) { return connection.query(kCountSettings).front().integer("n"); }),
        0);
}

}  // namespace boussole::storage
