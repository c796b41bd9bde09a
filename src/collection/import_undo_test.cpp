// Undoing an import on both backends: every cell goes back to its state
// before the import through new versions (history is never erased), cells
// changed or validated since are kept and listed, and only the importer or a
// national administrator may undo.
#include "collection/import.hpp"
#include "storage/connection.hpp"
#include "support/import_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::collection {

using test_support::input;
using test_support::kMonthly;
using ::testing::HasSubstr;

class ImportUndoTest : public test_support::ImportTest {
protected:
    core::Result<UndoReport> undo(const access::Principal& principal, std::int64_t id)
    {
        return undo_import(database(), principal, id);
    }

    ImportStatus status_of(const access::Principal& principal, std::int64_t id)
    {
        return database()
            .read([&](storage::Connection& connection) { return find_import(connection, principal, id); })
            ->status;
    }

    static constexpr const char* kFile =
        "donnee;territoire;periode;valeur;commentaire\n"
        "essai_mensuel;33;2025-01;20;importé\n"  // changes a value entered by hand
        "essai_mensuel;33;2025-02;30;\n"         // creates a cell
        "essai_mensuel;33;2025-03;;\n";          // deletes a cell
};

TEST_P(ImportUndoTest, EveryCellGoesBackToItsStateBeforeTheImport)
{
    auto editor = gironde_account();
    ASSERT_TRUE(
        write(editor, {input(1, kMonthly, "33", "2025-01", 10, "saisi"), input(2, kMonthly, "33", "2025-03", 7)}).ok());
    auto import = this->import(editor, kFile);
    ASSERT_TRUE(import.ok());
    ASSERT_EQ(import->values_written, 3);
    auto history_before = history_rows();

    auto undone = undo(editor, import->id);
    ASSERT_TRUE(undone.ok()) << undone.error().message;
    EXPECT_EQ(undone->restored, 3);
    EXPECT_TRUE(undone->kept.empty());
    EXPECT_EQ(status_of(editor, import->id), ImportStatus::Undone);

    auto january = value_of(kMonthly, "DEP-33", "2025-01");
    EXPECT_EQ(january->value, 10);
    EXPECT_EQ(january->comment, "saisi");
    EXPECT_EQ(january->origin, ValueOrigin::User);
    EXPECT_FALSE(january->import_id.has_value());
    EXPECT_TRUE(value_of(kMonthly, "DEP-33", "2025-02")->deleted) << "created by the import: deleted by the undo";
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-03")->value, 7) << "deleted by the import: back";

    // Three new versions, none erased.
    EXPECT_EQ(history_rows(), history_before + 3);
    auto versions = history_of(kMonthly, "DEP-33", "2025-01");
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_EQ(versions[0].action, "undo");
    EXPECT_EQ(versions[0].value, 10);
    EXPECT_EQ(versions[0].changed_by, editor.label);
    EXPECT_THAT(versions[0].reason, HasSubstr("Annulation de l'import n° " + std::to_string(import->id)));
    EXPECT_EQ(versions[1].import_id, import->id);

    // The same file again is a new import, which the undo does not block.
    auto again = this->import(editor, kFile);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->values_written, 3);
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-01")->value, 20);
}

TEST_P(ImportUndoTest, CellsChangedOrValidatedSinceAreKeptAndListed)
{
    auto editor = gironde_account();
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-03", 7)}).ok());
    auto import = this->import(editor, kFile);
    ASSERT_TRUE(import.ok());
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-02", 31, "corrigé à la main")}).ok());
    database().write([&](storage::Connection& connection) {
        connection.execute("UPDATE data_values SET status = 'validated' WHERE period = '2025-01'");
    });

    auto undone = undo(editor, import->id);
    ASSERT_TRUE(undone.ok()) << undone.error().message;
    EXPECT_EQ(undone->restored, 1) << "only March, deleted by the import, comes back";
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-03")->value, 7);
    ASSERT_EQ(undone->kept.size(), 2u);
    EXPECT_EQ(undone->kept[0].period, "2025-01");
    EXPECT_THAT(undone->kept[0].reason, HasSubstr("validée"));
    EXPECT_EQ(undone->kept[1].period, "2025-02");
    EXPECT_THAT(undone->kept[1].reason, HasSubstr("modifiée depuis l'import"));
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-02")->value, 31);
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-01")->value, 20);
}

TEST_P(ImportUndoTest, NothingUndoneWhenEveryCellChangedSince)
{
    auto editor = gironde_account();
    auto import = this->import(editor, "donnee;territoire;periode;valeur\nessai_mensuel;33;2025-05;5\n");
    ASSERT_TRUE(import.ok());
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-05", 6)}).ok());
    auto refused = undo(editor, import->id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Conflict);
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].value, "essai_mensuel, DEP-33, 2025-05");
    EXPECT_EQ(status_of(editor, import->id), ImportStatus::Applied);
}

TEST_P(ImportUndoTest, OnlyTheImporterOrANationalAdministratorMayUndo)
{
    auto editor = gironde_account();
    auto colleague = gironde_account();
    auto reader = account("cd-33", access::Role::TerritorialReader);
    auto stranger = account("cd-40", access::Role::TerritorialEditor);
    auto first = this->import(editor, "donnee;territoire;periode;valeur\nessai_mensuel;33;2025-01;1\n");
    auto second = this->import(editor, "donnee;territoire;periode;valeur\nessai_mensuel;33;2025-02;1\n");
    ASSERT_TRUE(first.ok() && second.ok());

    EXPECT_EQ(undo(colleague, first->id).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(undo(reader, first->id).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(undo(stranger, first->id).error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(undo(access::Principal::anonymous(), first->id).error().code, core::ErrorCode::Unauthenticated);
    EXPECT_TRUE(undo(editor, first->id).ok());
    EXPECT_TRUE(undo(admin_account(), second->id).ok());

    auto twice = undo(editor, first->id);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(twice.error().message, HasSubstr("déjà été annulé"));

    auto refused = this->import(editor, "donnee;territoire;periode;valeur\nessai_mensuel;2C;2025-01;1\n");
    ASSERT_TRUE(refused.ok());
    EXPECT_THAT(undo(editor, refused->id).error().message, HasSubstr("rien à annuler"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ImportUndoTest);

}  // namespace boussole::collection
