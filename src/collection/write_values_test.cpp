// The life of a cell through write_values, on both backends: creation with
// its first history row, idempotent re-sends, changes, deletion as a
// recorded change and restoration, who and when, and the reads.
#include "collection/data_values.hpp"
#include "support/values_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::collection {

using test_support::input;
using test_support::kMonthly;
using test_support::kQuarterly;
using test_support::kYearlyRate;
using ::testing::HasSubstr;

class WriteValuesTest : public test_support::CollectionTest {};

TEST_P(WriteValuesTest, CreatesACellWithItsFirstVersionAndWho)
{
    auto editor = gironde_editor();
    auto report = write(editor, {input(1, kMonthly, "33", "2025-07", 120, "Chiffre du SI MDPH")});
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->applied);
    EXPECT_EQ(report->written, 1);
    EXPECT_TRUE(report->rejected.empty());

    auto value = value_of(kMonthly, "DEP-33", "2025-07");
    ASSERT_TRUE(value);
    EXPECT_EQ(value->value, 120);
    EXPECT_EQ(value->comment, "Chiffre du SI MDPH");
    EXPECT_EQ(value->status, ValueStatus::Draft);
    EXPECT_EQ(value->origin, ValueOrigin::User);
    EXPECT_EQ(value->version, 1);
    EXPECT_EQ(value->updated_by, editor.label);
    EXPECT_FALSE(value->deleted);

    auto history = history_of(kMonthly, "DEP-33", "2025-07");
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].version, 1);
    EXPECT_EQ(history[0].action, "create");
    EXPECT_EQ(history[0].value, 120);
    EXPECT_EQ(history[0].changed_by, editor.label);
    EXPECT_LT(core::now() - history[0].changed_at, std::chrono::minutes(1));
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_value_history WHERE user_id = $1", {*editor.user_id}), 1);
}

TEST_P(WriteValuesTest, TheSameValueAndCommentAgainChangesNothing)
{
    auto editor = gironde_editor();
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "DEP-33", "2025-07", 120, "note")}).ok());
    auto again = write(editor, {input(1, kMonthly, "33", "2025-07", 120, "  note ")});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->written, 0);
    EXPECT_EQ(again->unchanged, 1);
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-07")->version, 1);
    EXPECT_EQ(history_of(kMonthly, "DEP-33", "2025-07").size(), 1u);

    auto new_comment = write(editor, {input(1, kMonthly, "33", "2025-07", 120, "autre note")});
    ASSERT_TRUE(new_comment.ok());
    EXPECT_EQ(new_comment->written, 1);
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-07")->version, 2);
}

TEST_P(WriteValuesTest, AChangeKeepsThePreviousVersion)
{
    auto editor = gironde_editor();
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-07", 120)}).ok());
    auto token = this->token("mdph-33", true);
    auto report = database().write([&](storage::Connection& connection) {
        return write_values(connection, token, registry(), catalogue(), {input(1, kMonthly, "33", "2025-07", 125)},
                            {ValueOrigin::Api, std::nullopt, WriteMode::AllOrNothing});
    });
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->written, 1);

    auto value = value_of(kMonthly, "DEP-33", "2025-07");
    EXPECT_EQ(value->value, 125);
    EXPECT_EQ(value->version, 2);
    EXPECT_EQ(value->origin, ValueOrigin::Api);
    auto history = history_of(kMonthly, "DEP-33", "2025-07");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].version, 2);
    EXPECT_EQ(history[0].action, "update");
    EXPECT_EQ(history[0].value, 125);
    EXPECT_EQ(history[0].changed_by, token.label);
    EXPECT_EQ(history[1].value, 120);
    EXPECT_EQ(history[1].changed_by, editor.label);
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_value_history WHERE token_id = $1", {*token.token_id}), 1);
}

TEST_P(WriteValuesTest, DeletingIsARecordedChangeAndWritingAgainRestores)
{
    auto editor = gironde_editor();
    ASSERT_TRUE(write(editor, {input(1, kQuarterly, "33", "2025-T2", 300)}).ok());
    auto deleted = write(editor, {input(1, kQuarterly, "33", "2025-T2", std::nullopt, "doublon")});
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(deleted->written, 1);
    auto value = value_of(kQuarterly, "DEP-33", "2025-T2");
    ASSERT_TRUE(value);
    EXPECT_TRUE(value->deleted);
    EXPECT_FALSE(value->value);
    EXPECT_EQ(value->version, 2);

    auto twice = write(editor, {input(1, kQuarterly, "33", "2025-T2", std::nullopt, "doublon")});
    ASSERT_TRUE(twice.ok());
    EXPECT_EQ(twice->unchanged, 1);
    auto never_written = write(editor, {input(1, kQuarterly, "33", "2024-T2", std::nullopt)});
    ASSERT_TRUE(never_written.ok());
    EXPECT_EQ(never_written->unchanged, 1);
    EXPECT_FALSE(value_of(kQuarterly, "DEP-33", "2024-T2"));

    ASSERT_TRUE(write(editor, {input(1, kQuarterly, "33", "2025-T2", 310)}).ok());
    auto history = history_of(kQuarterly, "DEP-33", "2025-T2");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].action, "restore");
    EXPECT_EQ(history[0].value, 310);
    EXPECT_EQ(history[1].action, "delete");
    EXPECT_FALSE(history[1].value);
    EXPECT_EQ(history[1].comment, "doublon");
    EXPECT_EQ(history[2].action, "create");
    EXPECT_FALSE(value_of(kQuarterly, "DEP-33", "2025-T2")->deleted);
}

TEST_P(WriteValuesTest, FindsValuesWithFiltersAndPages)
{
    auto admin = national_admin();
    std::vector<ValueInput> inputs;
    long line = 0;
    for (const char* department : {"33", "40", "75", "2A"})
        for (const char* period : {"2025-01", "2025-02", "2025-03"}) {
            ++line;
            inputs.push_back(input(line, kMonthly, department, period, static_cast<double>(line)));
        }
    inputs.push_back(input(++line, kYearlyRate, "33", "2024", 12.5));
    auto report = write(admin, inputs);
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->written, 13);

    auto find = [&](ValueQuery query) {
        return database().read(
            [&](storage::Connection& connection) { return find_values(connection, registry(), query); });
    };
    ValueQuery all;
    all.page = {1, 5};
    auto first = find(all);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->total, 13);
    EXPECT_EQ(first->items.size(), 5u);
    EXPECT_EQ(first->page_count(), 3);

    ValueQuery region;
    region.element = kMonthly;
    region.territory = territory::TerritoryKey::region("75");  // Nouvelle-Aquitaine: 33 and 40, not Paris
    region.from = core::Period::month(2025, 2);
    region.page = {1, 100};
    auto within = find(region);
    ASSERT_TRUE(within.ok());
    EXPECT_EQ(within->total, 4);
    for (const auto& value : within->items) {
        EXPECT_TRUE(value.territory.code() == "33" || value.territory.code() == "40");
        EXPECT_GE(value.period, core::Period::month(2025, 2));
    }

    ValueQuery mixed;
    mixed.from = core::Period::month(2025, 1);
    mixed.to = core::Period::year(2025);
    EXPECT_EQ(find(mixed).error().code, core::ErrorCode::Invalid);

    ValueQuery drafts;
    drafts.status = ValueStatus::Validated;
    EXPECT_EQ(find(drafts)->total, 0);
}

TEST_P(WriteValuesTest, DeletedValuesAreListedOnlyWhenAsked)
{
    auto editor = gironde_editor();
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-07", 1), input(2, kMonthly, "33", "2025-08", 2)}).ok());
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-08", std::nullopt)}).ok());
    auto listed = [&](bool include_deleted) {
        ValueQuery query;
        query.include_deleted = include_deleted;
        return database()
            .read([&](storage::Connection& connection) { return find_values(connection, registry(), query); })
            ->total;
    };
    EXPECT_EQ(listed(false), 1);
    EXPECT_EQ(listed(true), 2);
}

TEST_P(WriteValuesTest, TheHistoryOfACellNeverWrittenIsNotFound)
{
    auto history = database().read([&](storage::Connection& connection) {
        return value_history(connection, kMonthly, territory::TerritoryKey::department("33"),
                             core::Period::month(2025, 7));
    });
    ASSERT_FALSE(history.ok());
    EXPECT_EQ(history.error().code, core::ErrorCode::NotFound);
    EXPECT_THAT(history.error().message, HasSubstr("juillet 2025"));
}

TEST_P(WriteValuesTest, AChangedSubmittedValueGoesBackToDraft)
{
    auto editor = gironde_editor();
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-07", 10)}).ok());
    database().write(
        [](storage::Connection& connection) { connection.execute("UPDATE data_values SET status = 'submitted'"); });
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-07", 11)}).ok());
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-07")->status, ValueStatus::Draft);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(WriteValuesTest);

}  // namespace boussole::collection
