// How the processes sharing a database learn of each other's changes
// (PostgreSQL's LISTEN/NOTIFY behind NotificationListener), and how one
// process learns of its own (commit listeners), on both backends.

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/postgres_listener.hpp"
#include "support/backends.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace boussole::storage {

namespace {

using Wake = NotificationListener::Wake;
using namespace std::chrono_literals;

constexpr const char* kChannel = "boussole_changes";
constexpr const char* kOtherChannel = "boussole_other";
constexpr const char* kNotify = "SELECT pg_notify($1, $2)";
constexpr const char* kTerminateBackend = "SELECT pg_terminate_backend($1, 5000) AS terminated";
constexpr const char* kDatabaseName = "SELECT current_database() AS name";
// ALLOW_CONNECTIONS stops new sessions, a superuser's too, while those
// already open (the pool's) go on: the server looks down to the listener
// only. A database cannot refuse connections to itself: these run on
// another one, with the target's name in a setting of the transaction.
constexpr const char* kSetTargetDatabase = "SELECT set_config('boussole.test_target', $1, true)";
constexpr const char* kRefuseConnections =
    "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I ALLOW_CONNECTIONS false', "
    "current_setting('boussole.test_target')); END $$";
constexpr const char* kAcceptConnections =
    "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I ALLOW_CONNECTIONS true', "
    "current_setting('boussole.test_target')); END $$";
constexpr const char* kInsertSetting = "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)";
constexpr const char* kCountSettings = "SELECT COUNT(*) AS n FROM settings";

// A wait expected to be woken: it returns as soon as the notification
// arrives, the margin only covers a loaded machine.
constexpr auto kPatience = 10s;
// A wait expected to time out: long enough for a notification wrongly let
// through to arrive within it.
constexpr auto kQuiet = 500ms;

const char* name_of(Wake wake)
{
    switch (wake) {
    case Wake::Notified: return "Notified";
    case Wake::TimedOut: return "TimedOut";
    case Wake::Reconnected: return "Reconnected";
    case Wake::Unavailable: return "Unavailable";
    }
    return "?";
}

void notify(Database& database, const std::string& channel, const std::string& payload = "")
{
    database.write([&](Connection& connection) { connection.query(kNotify, {channel, payload}); });
}

// Runs statement on administration with target's name as the setting above.
void run_on(Database& administration, Database& target, const char* statement)
{
    std::string name =
        target.read([](Connection& connection) { return connection.query(kDatabaseName).front().text("name"); });
    administration.write([&](Connection& connection) {
        connection.query(kSetTargetDatabase, {name});
        connection.execute(statement);
    });
}

}  // namespace

// Lets GoogleTest name the wake-up in a failure instead of printing a
// number; GoogleTest looks it up by this name.
static void PrintTo(Wake wake, std::ostream* out)  // NOLINT(readability-identifier-naming)
{
    *out << name_of(wake);
}

class NotificationBackendTest : public test_support::BackendTest {};

TEST_P(NotificationBackendTest, ListensOnPostgresOnly)
{
    // One process writes a SQLite database: there is nobody to hear from.
    auto listener = database().listen(kChannel);
    if (backend() == Backend::Sqlite)
        EXPECT_EQ(listener, nullptr);
    else
        EXPECT_NE(dynamic_cast<PostgresListener*>(listener.get()), nullptr);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(NotificationBackendTest);

class PostgresNotificationTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        try {
            m_scratch.emplace(Backend::Postgres);
            m_database = m_scratch->open();
        } catch (const std::exception& error) {
            FAIL() << "cannot prepare the PostgreSQL test database: " << error.what();
        }
        m_listener = m_database->listen(kChannel);
        ASSERT_NE(m_listener, nullptr);
        ASSERT_TRUE(postgres_listener().connected()) << postgres_listener().last_error();
    }

    void TearDown() override
    {
        m_listener.reset();
        m_database.reset();
        m_scratch.reset();
    }

    Database& database() { return *m_database; }
    NotificationListener& listener() { return *m_listener; }
    PostgresListener& postgres_listener() { return dynamic_cast<PostgresListener&>(*m_listener); }

    void terminate_listener_session()
    {
        int process = postgres_listener().backend_process();
        ASSERT_NE(process, 0);
        bool terminated = database().write([&](Connection& connection) {
            return connection.query(kTerminateBackend, {process}).front().boolean("terminated");
        });
        ASSERT_TRUE(terminated);
    }

private:
    std::optional<test_support::ScratchDatabase> m_scratch;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<NotificationListener> m_listener;
};

TEST_F(PostgresNotificationTest, WakesWhenANotificationIsCommittedDuringTheWait)
{
    std::thread sender([&] {
        std::this_thread::sleep_for(200ms);
        notify(database(), kChannel);
    });
    Wake wake = listener().wait(kPatience);
    sender.join();
    EXPECT_EQ(wake, Wake::Notified);
    EXPECT_EQ(listener().wait(kQuiet), Wake::TimedOut);
}

TEST_F(PostgresNotificationTest, AnswersAtOnceForANotificationSentBeforeTheWait)
{
    notify(database(), kChannel);
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(listener().wait(kPatience), Wake::Notified);
    EXPECT_LT(std::chrono::steady_clock::now() - start, kPatience / 2);
}

TEST_F(PostgresNotificationTest, IgnoresANotificationRolledBack)
{
    // PostgreSQL sends notifications at commit: a change that was undone
    // must not make the other nodes catch up.
    auto refused = database().write([](Connection& connection) -> core::Status {
        connection.query(kNotify, {kChannel, ""});
        return core::Error::invalid("refused");
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_THROW(database().write([](Connection& connection) {
        connection.query(kNotify, {kChannel, ""});
        throw std::runtime_error("failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(listener().wait(kQuiet), Wake::TimedOut);

    notify(database(), kChannel);
    EXPECT_EQ(listener().wait(kPatience), Wake::Notified);
}

TEST_F(PostgresNotificationTest, IgnoresOtherChannels)
{
    auto other = database().listen(kOtherChannel);
    notify(database(), kOtherChannel);
    // The other channel's listener shows that the notification went out.
    EXPECT_EQ(other->wait(kPatience), Wake::Notified);
    EXPECT_EQ(listener().wait(kQuiet), Wake::TimedOut);

    notify(database(), kChannel);
    EXPECT_EQ(listener().wait(kPatience), Wake::Notified);
    EXPECT_EQ(other->wait(kQuiet), Wake::TimedOut);
}

TEST_F(PostgresNotificationTest, WakesOnceForNotificationsThatArrivedTogether)
{
    // Distinct payloads, since PostgreSQL folds identical notifications of
    // one transaction into one; the server delivers them together at commit.
    database().write([](Connection& connection) {
        for (const char* payload : {"1", "2", "3", "4"})
            connection.query(kNotify, {kChannel, payload});
    });
    EXPECT_EQ(listener().wait(kPatience), Wake::Notified);
    EXPECT_EQ(listener().wait(kQuiet), Wake::TimedOut);
}

TEST_F(PostgresNotificationTest, ReconnectsAfterLosingItsSession)
{
    int lost_process = postgres_listener().backend_process();
    terminate_listener_session();

    // The server is up: the wait that sees the loss reconnects at once.
    Wake wake = listener().wait(kPatience);
    EXPECT_EQ(wake, Wake::Reconnected) << postgres_listener().last_error();
    EXPECT_TRUE(postgres_listener().connected());
    EXPECT_NE(postgres_listener().backend_process(), lost_process);
    EXPECT_FALSE(postgres_listener().last_error().empty());

    // It listens on the channel again.
    notify(database(), kChannel);
    EXPECT_EQ(listener().wait(kPatience), Wake::Notified);
}

TEST_F(PostgresNotificationTest, WaitsOutTheTimeoutWhileTheServerRefusesThenReconnects)
{
    test_support::ScratchDatabase administration_database(Backend::Postgres);
    auto administration = administration_database.open();
    run_on(*administration, database(), kRefuseConnections);
    terminate_listener_session();

    // Each failed attempt lasts the whole timeout, so that a caller looping
    // on wait() does not spin while the server is away.
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto start = std::chrono::steady_clock::now();
        EXPECT_EQ(listener().wait(300ms), Wake::Unavailable) << "attempt " << attempt;
        EXPECT_GE(std::chrono::steady_clock::now() - start, 300ms) << "attempt " << attempt;
        EXPECT_FALSE(postgres_listener().connected());
    }
    EXPECT_NE(postgres_listener().last_error().find("not currently accepting connections"), std::string::npos)
        << postgres_listener().last_error();

    run_on(*administration, database(), kAcceptConnections);
    EXPECT_EQ(listener().wait(kPatience), Wake::Reconnected) << postgres_listener().last_error();
    notify(database(), kChannel);
    EXPECT_EQ(listener().wait(kPatience), Wake::Notified);
}

TEST(PostgresListener, StartsDisconnectedWhenTheServerCannotBeReached)
{
    // Port 1 on the loopback refuses connections at once.
    PostgresListener listener("postgresql://boussole@127.0.0.1:1/boussole", kChannel);
    EXPECT_FALSE(listener.connected());
    EXPECT_EQ(listener.backend_process(), 0);
    EXPECT_NE(listener.last_error().find("cannot connect"), std::string::npos) << listener.last_error();

    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(listener.wait(200ms), Wake::Unavailable);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
}

// The commit listeners: how the analytics of the process that wrote catch up.
class CommitListenerTest : public test_support::BackendTest {
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        if (HasFatalFailure())
            return;
        database().add_commit_listener([this](std::int64_t sequence, Connection& connection) {
            m_announced.push_back(sequence);
            // The connection that committed can still read, outside any
            // transaction, and another one sees the change: it is committed.
            m_settings_read.push_back(connection.query(kCountSettings).front().integer("n"));
            m_settings_seen_elsewhere.push_back(
                database().read([](Connection& other) { return other.query(kCountSettings).front().integer("n"); }));
        });
    }

    std::vector<std::int64_t> m_announced;
    std::vector<std::int64_t> m_settings_read;
    std::vector<std::int64_t> m_settings_seen_elsewhere;
};

TEST_P(CommitListenerTest, AnnouncesTheSequenceOfACommittedTransactionOnce)
{
    database().write([](Connection& connection) {
        connection.execute(kInsertSetting, {"first", "1", "t"});
        connection.set_change_sequence(42);
    });
    EXPECT_EQ(m_announced, std::vector<std::int64_t>{42});
    EXPECT_EQ(m_settings_read, std::vector<std::int64_t>{1});
    EXPECT_EQ(m_settings_seen_elsewhere, std::vector<std::int64_t>{1});

    // Work returning a Result that is ok commits too.
    auto saved = database().write([](Connection& connection) -> core::Status {
        connection.execute(kInsertSetting, {"second", "2", "t"});
        connection.set_change_sequence(43);
        return {};
    });
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(m_announced, (std::vector<std::int64_t>{42, 43}));
    EXPECT_EQ(m_settings_read, (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(m_settings_seen_elsewhere, (std::vector<std::int64_t>{1, 2}));
}

TEST_P(CommitListenerTest, StaysSilentForARolledBackTransaction)
{
    auto refused = database().write([](Connection& connection) -> core::Status {
        connection.execute(kInsertSetting, {"refused", "1", "t"});
        connection.set_change_sequence(42);
        return core::Error::invalid("refused");
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_THROW(database().write([](Connection& connection) {
        connection.execute(kInsertSetting, {"failed", "1", "t"});
        connection.set_change_sequence(43);
        throw std::runtime_error("failed");
    }),
                 std::runtime_error);
    EXPECT_TRUE(m_announced.empty());
}

TEST_P(CommitListenerTest, StaysSilentForATransactionWithoutSequence)
{
    database().write([](Connection& connection) { connection.execute(kInsertSetting, {"plain", "1", "t"}); });
    EXPECT_TRUE(m_announced.empty());
}

TEST_P(CommitListenerTest, DoesNotCarryASequenceOverToTheNextTransaction)
{
    // One connection: the second transaction runs on the connection the
    // rolled-back one took its sequence on.
    auto pool = open_another_pool({.max_connections = 1});
    std::vector<std::int64_t> announced;
    pool->add_commit_listener([&](std::int64_t sequence, Connection&) { announced.push_back(sequence); });
    auto refused = pool->write([](Connection& connection) -> core::Status {
        connection.set_change_sequence(7);
        return core::Error::invalid("refused");
    });
    ASSERT_FALSE(refused.ok());
    pool->write([](Connection& connection) { connection.execute(kInsertSetting, {"plain", "1", "t"}); });
    EXPECT_TRUE(announced.empty());
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CommitListenerTest);

}  // namespace boussole::storage
