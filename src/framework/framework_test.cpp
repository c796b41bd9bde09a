#include "framework/framework.hpp"

#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"

namespace boussole::framework {

class FrameworkTest : public test_support::BackendTest {
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        test_support::load_reference(database());
    }
    Framework load()
    {
        return database().read([](storage::Connection& connection) { return load_framework(connection); });
    }
};

TEST_P(FrameworkTest, HoldsTheFrameworkOfTheSeedDocument)
{
    auto framework = load();
    ASSERT_EQ(framework.values.size(), 6u);
    ASSERT_EQ(framework.principles.size(), 6u);
    ASSERT_EQ(framework.axes.size(), 3u);
    ASSERT_EQ(framework.priorities.size(), 11u);
    EXPECT_EQ(framework.priorities_of("A1").size(), 5u);
    EXPECT_EQ(framework.priorities_of("A2").size(), 3u);
    EXPECT_EQ(framework.priorities_of("A3").size(), 3u);
    EXPECT_EQ(framework.priorities[0].summary,
              "Garantir l'équité de traitement, quels que soient la situation de la personne et son lieu de vie.");
    // The slip of the source: Efficience repeats Transparence's bullets.
    const auto& efficience = framework.values[5];
    EXPECT_EQ(efficience.title, "Efficience");
    EXPECT_TRUE(efficience.body.empty());
    EXPECT_TRUE(efficience.awaiting_confirmation);
    EXPECT_FALSE(efficience.confirmation_note.empty());
    EXPECT_EQ(framework.values[4].body.size(), 3u);
}

TEST_P(FrameworkTest, SeedingNeverOverwritesEdits)
{
    auto edited = database().write([](storage::Connection& connection) {
        ItemChanges changes;
        changes.title = "Équité";
        return update_item(connection, access::Principal::system(), ItemKind::Priority, "P1", 1, changes);
    });
    ASSERT_TRUE(edited.ok());
    auto again = database().write([](storage::Connection& connection) {
        return seed_framework(connection, test_support::repository_data_dir() + "/framework/cadre-national.json");
    });
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(load().priorities[0].title, "Équité");
}

TEST_P(FrameworkTest, EditsAreVersionedWithTheirHistory)
{
    auto revision = load().revision;
    auto edited = database().write([](storage::Connection& connection) {
        ItemChanges changes;
        changes.body = std::vector<std::string>{"Recherche de la meilleure utilisation des moyens", "  "};
        changes.awaiting_confirmation = false;
        changes.confirmation_note = "";
        changes.change_note = "Validé par le comité";
        return update_item(connection, access::Principal::system(), ItemKind::Value, "efficience", 1, changes);
    });
    ASSERT_TRUE(edited.ok()) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    EXPECT_EQ(edited->body.size(), 1u);  // blank bullets dropped
    EXPECT_GT(load().revision, revision);

    auto history = database().read(
        [](storage::Connection& connection) { return item_history(connection, ItemKind::Value, "efficience"); });
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].version, 2);
    EXPECT_EQ((*history)[0].change_note, "Validé par le comité");
    EXPECT_TRUE((*history)[1].awaiting_confirmation);

    auto stale = database().write([](storage::Connection& connection) {
        ItemChanges changes;
        changes.title = "Autre";
        return update_item(connection, access::Principal::system(), ItemKind::Value, "efficience", 1, changes);
    });
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
}

TEST_P(FrameworkTest, RefusesInvalidEditsAndNonAdministrators)
{
    auto empty_title = database().write([](storage::Connection& connection) {
        ItemChanges changes;
        changes.title = "   ";
        return update_item(connection, access::Principal::system(), ItemKind::Axis, "A1", 1, changes);
    });
    EXPECT_EQ(empty_title.error().fields[0].field, "title");
    auto unconfirmed = database().write([](storage::Connection& connection) {
        ItemChanges changes;
        changes.awaiting_confirmation = true;
        return update_item(connection, access::Principal::system(), ItemKind::Axis, "A1", 1, changes);
    });
    EXPECT_EQ(unconfirmed.error().fields[0].field, "confirmation_note");
    auto analyst = access::Principal::system();
    analyst.kind = access::PrincipalKind::User;
    analyst.role = access::Role::NationalAnalyst;
    analyst.can_write = false;
    auto forbidden = database().write([&](storage::Connection& connection) {
        ItemChanges changes;
        changes.title = "x";
        return update_item(connection, analyst, ItemKind::Axis, "A1", 1, changes);
    });
    EXPECT_EQ(forbidden.error().code, core::ErrorCode::Forbidden);
    auto unknown = database().read(
        [](storage::Connection& connection) { return find_item(connection, ItemKind::Priority, "P12"); });
    EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(FrameworkTest);

}  // namespace boussole::framework
