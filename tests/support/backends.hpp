#pragma once
// Storage tests that run on both backends, SQLite and PostgreSQL.
//
// Write a test once with TEST_P on a fixture derived from BackendTest, then
// instantiate the suite for both backends:
//
//     #include "support/backends.hpp"
//
//     namespace boussole::actors {
//
//     class OrganisationStorageTest : public test_support::BackendTest {};
//
//     TEST_P(OrganisationStorageTest, FindsAnOrganisationBySlug)
//     {
//         database().write([](storage::Connection& connection) { ... });
//         auto found = database().read([](storage::Connection& connection) { ... });
//         EXPECT_EQ(...);
//     }
//
//     BOUSSOLE_INSTANTIATE_BACKEND_TESTS(OrganisationStorageTest);
//
//     }  // namespace boussole::actors
//
// Each test gets its own empty database with every migration applied: a new
// SQLite file in a temporary directory, or a database of its own on the test
// PostgreSQL server (started once for the whole program and emptied between
// tests, see postgres_server.hpp). The tests are named
// "Backends/OrganisationStorageTest.FindsAnOrganisationBySlug/Sqlite" and
// ".../Postgres": --gtest_filter='*/Sqlite' runs only the SQLite half.
//
// In a test: database() is the migrated Database, backend() says which one
// runs, open_another_pool() opens a second pool on the same data (e.g. a
// server under test next to the test's own checks).
//
// A fixture that needs set-up of its own overrides SetUp() and calls
// BackendTest::SetUp() first. Tests that need an empty, unmigrated database,
// or a second one, use ScratchDatabase directly.
//
// On PostgreSQL a failed statement aborts its whole transaction (and COMMIT
// then throws): check each expected DatabaseError in a transaction of its own.

#include "storage/database.hpp"
#include "storage/open.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace boussole::test_support {

// A fresh, empty database on one backend, removed when destroyed. Create it
// inside a test (it may start the PostgreSQL server). Throws
// std::runtime_error when it cannot be made.
class ScratchDatabase {
public:
    explicit ScratchDatabase(storage::Backend backend);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    storage::Backend backend() const { return m_backend; }
    // "sqlite:/tmp/boussole-test-…/boussole.db" or "postgresql://…".
    const std::string& url() const { return m_url; }

    // A new pool on this database (several may be open at once). Throws
    // std::runtime_error with open_database's message when it fails.
    std::unique_ptr<storage::Database> open(const storage::OpenOptions& options = {}) const;

private:
    storage::Backend m_backend;
    std::string m_url;
    std::string m_directory;  // SQLite only
};

class BackendTest : public ::testing::TestWithParam<storage::Backend> {
protected:
    // Creates the database, opens it and applies the migrations; a failure
    // fails the test before its body runs.
    void SetUp() override;
    // Closes the pool, then removes the database.
    void TearDown() override;

    storage::Backend backend() const { return GetParam(); }
    // The migrated database of this test.
    storage::Database& database() { return *m_database; }
    // Its URL, to open a second pool on the same data (see ScratchDatabase::open).
    const std::string& database_url() const { return m_scratch->url(); }
    std::unique_ptr<storage::Database> open_another_pool(const storage::OpenOptions& options = {}) const
    {
        return m_scratch->open(options);
    }

private:
    std::optional<ScratchDatabase> m_scratch;
    std::unique_ptr<storage::Database> m_database;
};

// "Sqlite" or "Postgres", for test names.
std::string backend_test_name(const ::testing::TestParamInfo<storage::Backend>& info);

}  // namespace boussole::test_support

namespace boussole::storage {

// Lets GoogleTest print "sqlite" or "postgresql" for a failing test's parameter.
void PrintTo(Backend backend, std::ostream* out);

}  // namespace boussole::storage

// Runs every TEST_P of `suite` (a BackendTest) on SQLite and on PostgreSQL.
#define BOUSSOLE_INSTANTIATE_BACKEND_TESTS(suite)                                                        \
    INSTANTIATE_TEST_SUITE_P(                                                                            \
        Backends, suite,                                                                                 \
        ::testing::Values(::boussole::storage::Backend::Sqlite, ::boussole::storage::Backend::Postgres), \
        ::boussole::test_support::backend_test_name)
