// The storage layer on both backends: parameters, values, transactions,
// constraint errors, migrations and the append-only audit log.

#include "core/clock.hpp"
#include "storage/migrations.hpp"
#include "support/backends.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace boussole::storage {

namespace {

using Kind = DatabaseError::Kind;

constexpr const char* kInsertSetting = "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)";
constexpr const char* kSelectSetting = "SELECT value FROM settings WHERE key = $1";
constexpr const char* kCountSettings = "SELECT COUNT(*) AS n FROM settings";
constexpr const char* kCreateSamples =
    "CREATE TABLE samples (id @ID@, label TEXT, whole BIGINT, ratio @REAL@, flag INTEGER)";
constexpr const char* kInsertSample = "INSERT INTO samples (label, whole, ratio, flag) VALUES ($1, $2, $3, $4)";
constexpr const char* kSelectSamples = "SELECT label, whole, ratio, flag FROM samples ORDER BY id";
constexpr const char* kInsertTerritory =
    "INSERT INTO territories (key, level, code, name, parent_key, position, search_key) "
    "VALUES ($1, $2, $3, $4, $5, 0, $4)";
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id) VALUES ($1, $2, 'create', 'setting', $3)";

// The kind of DatabaseError that work throws, or nullopt when it succeeds.
template <typename Work>
std::optional<Kind> failure_kind(Work&& work)
{
    try {
        work();
    } catch (const DatabaseError& error) {
        return error.kind();
    }
    return std::nullopt;
}

}  // namespace

class StorageTest : public test_support::BackendTest {
protected:
    void insert_setting(std::string_view key, std::string_view value)
    {
        database().write([&](Connection& connection) {
            connection.execute(kInsertSetting, {key, value, "2026-11-23T10:52:34.123Z"});
        });
    }

    std::optional<std::string> setting(std::string_view key)
    {
        auto rows = database().read([&](Connection& connection) { return connection.query(kSelectSetting, {key}); });
        return rows.empty() ? std::nullopt : rows.front().optional_text("value");
    }

    std::int64_t count(const char* sql)
    {
        return database().read([&](Connection& connection) { return connection.query(sql).front().integer("n"); });
    }
};

TEST_P(StorageTest, StoresAnInjectionAttemptVerbatim)
{
    const std::string attack = "'; DROP TABLE settings; --";
    insert_setting(attack, attack + " \"quoted\" \\ $1");
    EXPECT_EQ(setting(attack), attack + " \"quoted\" \\ $1");
    EXPECT_EQ(count(kCountSettings), 1);
}

TEST_P(StorageTest, BindsRepeatedAndOutOfOrderMarkers)
{
    database().write([](Connection& connection) {
        connection.execute("INSERT INTO settings (key, value, updated_at) VALUES ($2, $1, $1)", {"valeur", "clé"});
    });
    EXPECT_EQ(setting("clé"), "valeur");
    auto rows = database().read([](Connection& connection) {
        return connection.query("SELECT key FROM settings WHERE updated_at = $1 AND value = $1", {"valeur"});
    });
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front().text("key"), "clé");
}

TEST_P(StorageTest, RefusesParametersThatDoNotMatchTheMarkers)
{
    auto query = [&](const char* sql, Params params) {
        return failure_kind([&] { database().read([&](Connection& connection) { connection.query(sql, params); }); });
    };
    EXPECT_EQ(query(kSelectSetting, {}), Kind::Other);
    EXPECT_EQ(query(kSelectSetting, {"a", "b"}), Kind::Other);
    EXPECT_EQ(query("SELECT key FROM settings WHERE key = $2", {"a", "b"}), Kind::Other);
    EXPECT_EQ(query("SELECT key FROM settings WHERE key = ?", {"a"}), Kind::Other);
    EXPECT_EQ(count(kCountSettings), 0);
}

TEST_P(StorageTest, RoundTripsNullIntegersRealsTextAndBooleans)
{
    constexpr auto kBiggest = std::numeric_limits<std::int64_t>::max();
    constexpr auto kSmallest = std::numeric_limits<std::int64_t>::min();
    const std::string french = "Île-de-France — « l'Haÿ-les-Roses », œuvre 2½ € 😀";
    database().write([&](Connection& connection) {
        connection.execute_script(render_migration_sql(kCreateSamples, connection.backend()));
        connection.execute(kInsertSample, {nullptr, std::nullopt, std::optional<double>(), std::optional<bool>()});
        connection.execute(kInsertSample, {french, kBiggest, 0.1, true});
        connection.execute(kInsertSample, {"", kSmallest, -1e-300, false});
        connection.execute(kInsertSample, {std::string("a\nb\tc"), 0, 2.5, 7});
    });

    auto rows = database().read([](Connection& connection) { return connection.query(kSelectSamples); });
    ASSERT_EQ(rows.size(), 4u);
    for (const char* column : {"label", "whole", "ratio", "flag"})
        EXPECT_TRUE(rows[0].is_null(column)) << column;
    EXPECT_EQ(rows[0].optional_text("label"), std::nullopt);
    EXPECT_EQ(rows[0].optional_integer("whole"), std::nullopt);
    EXPECT_EQ(rows[0].optional_real("ratio"), std::nullopt);

    EXPECT_EQ(rows[1].text("label"), french);
    EXPECT_EQ(rows[1].integer("whole"), kBiggest);
    EXPECT_EQ(rows[1].real("ratio"), 0.1);
    EXPECT_TRUE(rows[1].boolean("flag"));

    EXPECT_EQ(rows[2].optional_text("label"), "");
    EXPECT_EQ(rows[2].integer("whole"), kSmallest);
    EXPECT_EQ(rows[2].real("ratio"), -1e-300);
    EXPECT_FALSE(rows[2].boolean("flag"));

    EXPECT_EQ(rows[3].text("label"), "a\nb\tc");
    EXPECT_EQ(rows[3].real("whole"), 0.0);  // integers widen to reals
    EXPECT_EQ(rows[3].integer("flag"), 7);
}

TEST_P(StorageTest, ReadsComputedValuesTheSameWayOnBothBackends)
{
    auto rows = database().write([](Connection& connection) {
        connection.execute_script(render_migration_sql(kCreateSamples, connection.backend()));
        connection.execute(kInsertSample, {"a", 40, 1.5, 1});
        connection.execute(kInsertSample, {"b", 2, 2.0, 0});
        return connection.query(
            "SELECT COUNT(*) AS n, SUM(whole) AS total, SUM(ratio) AS ratios, "
            "1 = 1 AS yes, 1 = 0 AS no, MAX(label) AS last FROM samples");
    });
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front().integer("n"), 2);
    EXPECT_EQ(rows.front().integer("total"), 42);  // PostgreSQL's SUM(bigint) is numeric
    EXPECT_EQ(rows.front().real("ratios"), 3.5);
    EXPECT_TRUE(rows.front().boolean("yes"));
    EXPECT_FALSE(rows.front().boolean("no"));
    EXPECT_EQ(rows.front().text("last"), "b");
}

TEST_P(StorageTest, NamesTheColumnWhenAReadDoesNotMatch)
{
    insert_setting("k", "v");
    auto rows = database().read([](Connection& connection) { return connection.query(kCountSettings); });
    auto expect_schema_error = [](auto read, std::string_view part) {
        try {
            read();
            ADD_FAILURE() << "no error for " << part;
        } catch (const DatabaseError& error) {
            EXPECT_EQ(error.kind(), Kind::Schema);
            EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
        }
    };
    expect_schema_error([&] { (void)rows.front().text("n"); }, "\"n\"");
    expect_schema_error([&] { (void)rows.front().integer("missing"); }, "\"missing\"");
    auto none = database().read([](Connection& connection) { return connection.query(kSelectSetting, {"absent"}); });
    expect_schema_error([&] { (void)none.front().text("value"); }, "row 0");
}

TEST_P(StorageTest, CommitsOrRollsBackTheWholeTransaction)
{
    insert_setting("committed", "1");
    EXPECT_THROW(database().write([](Connection& connection) {
        connection.execute(kInsertSetting, {"thrown", "1", "t"});
        throw std::runtime_error("the work failed");
    }),
                 std::runtime_error);
    core::Status refused = database().write([](Connection& connection) -> core::Status {
        connection.execute(kInsertSetting, {"refused", "1", "t"});
        return core::Error::conflict("Conflit de version");
    });
    EXPECT_FALSE(refused.ok());
    core::Result<int> accepted = database().write([](Connection& connection) -> core::Result<int> {
        return static_cast<int>(connection.execute(kInsertSetting, {"accepted", "1", "t"}));
    });
    ASSERT_TRUE(accepted.ok());
    EXPECT_EQ(*accepted, 1);

    EXPECT_EQ(setting("committed"), "1");
    EXPECT_EQ(setting("thrown"), std::nullopt);
    EXPECT_EQ(setting("refused"), std::nullopt);
    EXPECT_EQ(setting("accepted"), "1");
}

TEST_P(StorageTest, TellsConstraintViolationsApart)
{
    insert_setting("taken", "1");
    auto in_transaction = [&](const char* sql, Params params) {
        return failure_kind(
            [&] { database().write([&](Connection& connection) { connection.execute(sql, params); }); });
    };
    EXPECT_EQ(in_transaction(kInsertSetting, {"taken", "2", "t"}), Kind::UniqueViolation);
    EXPECT_EQ(in_transaction(kInsertTerritory, {"DEP-33", "department", "33", "Gironde", "REG-75"}),
              Kind::ForeignKeyViolation);
    EXPECT_EQ(in_transaction(kInsertTerritory, {"FR", "planet", "FR", "France", nullptr}), Kind::CheckViolation);
    EXPECT_EQ(in_transaction(kInsertSetting, {"no value", nullptr, "t"}), Kind::Other);
    EXPECT_EQ(in_transaction("SELECT nothing FROM nowhere", {}), Kind::Other);
    // The failures left the database usable and unchanged.
    EXPECT_EQ(in_transaction(kInsertTerritory, {"FR", "nation", "FR", "France", nullptr}), std::nullopt);
    EXPECT_EQ(count(kCountSettings), 1);
}

TEST_P(StorageTest, ExecuteCountsTheChangedRows)
{
    insert_setting("a", "1");
    insert_setting("b", "1");
    database().write([](Connection& connection) {
        EXPECT_EQ(connection.execute("UPDATE settings SET value = $1", {"2"}), 2);
        EXPECT_EQ(connection.execute("UPDATE settings SET value = $1 WHERE key = $2", {"3", "none"}), 0);
        EXPECT_EQ(connection.execute("DELETE FROM settings WHERE key = $1", {"a"}), 1);
        EXPECT_EQ(connection.execute(kCountSettings), 0);
    });
}

TEST_P(StorageTest, AppliesMigrationsOnlyOnce)
{
    int latest = builtin_migrations().back().number;
    EXPECT_EQ(schema_version(database()), latest);
    MigrationReport again = migrate(database());
    EXPECT_TRUE(again.applied.empty());
    EXPECT_EQ(again.from_version, latest);
    EXPECT_EQ(again.to_version, latest);
}

TEST_P(StorageTest, MigratesAnEmptyDatabaseAndRollsBackAFailedMigration)
{
    test_support::ScratchDatabase scratch(backend());
    auto empty = scratch.open();
    EXPECT_EQ(schema_version(*empty), 0);
    std::vector<Migration> migrations = builtin_migrations();
    int broken_number = migrations.back().number + 1;
    migrations.push_back(
        {broken_number, "broken", "CREATE TABLE half_done (a TEXT);\nCREATE TABLE half_done (a TEXT);"});

    EXPECT_THROW(migrate(*empty, migrations), DatabaseError);
    EXPECT_EQ(schema_version(*empty), broken_number - 1);
    EXPECT_EQ(
        failure_kind([&] { empty->read([](Connection& connection) { connection.query("SELECT a FROM half_done"); }); }),
        Kind::Other);
    migrations.pop_back();
    EXPECT_TRUE(migrate(*empty, migrations).applied.empty());
}

TEST_P(StorageTest, RefusesADatabaseNewerThanTheProgram)
{
    database().write([](Connection& connection) {
        connection.execute("INSERT INTO schema_migrations (number, name, applied_at) VALUES ($1, $2, $3)",
                           {9999, "future", core::to_iso8601(core::now())});
    });
    try {
        migrate(database());
        FAIL() << "a newer database was accepted";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.kind(), Kind::Schema);
        EXPECT_NE(std::string(error.what()).find("9999"), std::string::npos) << error.what();
    }
}

TEST_P(StorageTest, KeepsTheAuditLogAppendOnly)
{
    database().write([](Connection& connection) {
        connection.execute(kInsertAudit, {core::to_iso8601(core::now()), "système", "retention_days"});
    });
    auto change = [&](const char* sql) {
        return failure_kind([&] { database().write([&](Connection& connection) { connection.execute(sql); }); });
    };
    EXPECT_EQ(change("UPDATE audit_log SET actor_label = 'quelqu''un d''autre'"), Kind::Other);
    EXPECT_EQ(change("DELETE FROM audit_log"), Kind::Other);
    auto rows =
        database().read([](Connection& connection) { return connection.query("SELECT actor_label FROM audit_log"); });
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front().text("actor_label"), "système");
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(StorageTest);

}  // namespace boussole::storage
