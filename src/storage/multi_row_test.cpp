// Multi-row statements on both backends: every row written with its own
// values whatever the slicing, a shorter last slice, and an upsert.

#include "storage/multi_row.hpp"
#include "support/backends.hpp"

#include <gtest/gtest.h>

namespace boussole::storage {

TEST(ValuesListTest, NumbersTheMarkersAcrossRows)
{
    EXPECT_EQ(values_list("?, ?, 'x'", 2), "($1, $2, 'x'), ($3, $4, 'x')");
    EXPECT_EQ(values_list("?", 1), "($1)");
    EXPECT_EQ(values_list("?", 0), "");
}

class MultiRowTest : public test_support::BackendTest {};

TEST_P(MultiRowTest, WritesEveryRowInSlicesAndUpserts)
{
    const MultiRowStatement upsert("INSERT INTO settings (key, value, updated_at) VALUES ", "?, ?, ?",
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", 3);
    std::vector<Params> rows;
    for (int i = 0; i < 8; ++i)  // two full slices of 3 and one of 2
        rows.push_back({"cle-" + std::to_string(i), "valeur " + std::to_string(i), "2026-01-01T00:00:00Z"});
    database().write([&](Connection& connection) { EXPECT_EQ(upsert.execute(connection, rows), 8); });

    rows.resize(2);
    rows[1][1] = "changée";
    database().write([&](Connection& connection) { upsert.execute(connection, rows); });

    auto stored = database().read([](Connection& connection) {
        std::vector<std::string> values;
        for (auto row : connection.query("SELECT value FROM settings WHERE key LIKE 'cle-%' ORDER BY key"))
            values.push_back(row.text("value"));
        return values;
    });
    ASSERT_EQ(stored.size(), 8u);
    EXPECT_EQ(stored[0], "valeur 0");
    EXPECT_EQ(stored[1], "changée");
    EXPECT_EQ(stored[7], "valeur 7");
}

TEST_P(MultiRowTest, RefusesARowOfTheWrongWidth)
{
    const MultiRowStatement insert("INSERT INTO settings (key, value, updated_at) VALUES ", "?, ?, ?", "");
    std::vector<Params> rows{{"a", "b"}};
    EXPECT_THROW(database().write([&](Connection& connection) { insert.execute(connection, rows); }), std::logic_error);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(MultiRowTest);

}  // namespace boussole::storage
