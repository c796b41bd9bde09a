// The common roadmap on both backends: every faulty field named in French,
// the abandoned status needing its reason, « en retard » derived from the
// due date, stale changes refused naming who changed the action, a deletion
// kept in the history, progress notes moving the action on, and writing kept
// to the territory's editors.
#include "steering/roadmap.hpp"

#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::steering {

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::vector<std::string> fields_of(const core::Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

ActionInput action(std::string title, std::string due_on = "2027-06-30")
{
    ActionInput input;
    input.title = std::move(title);
    input.description = "Description de l'action.";
    input.priority = "P2";
    input.lead = "cd-33";
    input.partners = {"ars-75", "mdph-33"};
    input.indicators = {"mdph_delai_traitement"};
    input.milestones = {{"Cahier des charges", "2026-12-15", false}};
    input.starts_on = "2026-09-01";
    input.due_on = std::move(due_on);
    input.planned_budget = 120000;
    input.co_built = true;
    return input;
}

}  // namespace

class RoadmapTest : public test_support::ConventionTest {
protected:
    void SetUp() override
    {
        ConventionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto created = create({"DEP-33"});
        ASSERT_TRUE(created.ok()) << created.error().message;
        m_convention = created->id;
    }
    SteeredTerritory gironde()
    {
        return database().read(
            [&](storage::Connection& connection) { return *steered_territory(connection, registry(), "DEP-33"); });
    }
    core::Result<Action> add(const access::Principal& principal, const ActionInput& input)
    {
        auto territory = gironde();
        return in_write([&](storage::Connection& connection) {
            return add_action(connection, principal, catalogue(), territory, input);
        });
    }
    core::Result<Action> change(const access::Principal& principal, std::int64_t id, int version,
                                const ActionInput& input)
    {
        auto territory = gironde();
        return in_write([&](storage::Connection& connection) {
            return change_action(connection, principal, catalogue(), territory, id, version, input);
        });
    }
    std::vector<Action> actions(const ActionFilter& filter = {}, ActionSort sort = ActionSort::DueDate,
                                bool descending = false, std::chrono::year_month_day day = today())
    {
        auto territory = gironde();
        return database().read([&](storage::Connection& connection) {
            return list_actions(connection, territory, filter, sort, descending, day);
        });
    }
    std::int64_t convention() const { return m_convention; }

private:
    std::int64_t m_convention = 0;
};

TEST_P(RoadmapTest, AnActionIsSavedWithEverythingItCarries)
{
    auto socle = commitments_of(convention()).at(0);
    auto input = action("Guichet unique des demandes MDPH");
    input.commitments = {socle.id};
    auto saved = add(gironde_editor(), input);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(saved->territory, "DEP-33");
    EXPECT_EQ(saved->version, 1);
    EXPECT_EQ(saved->lead_name.empty(), false);
    auto listed = actions();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_THAT(listed[0].partners, ElementsAre("ars-75", "mdph-33"));
    EXPECT_THAT(listed[0].commitments, ElementsAre(socle.id));
    EXPECT_THAT(listed[0].indicators, ElementsAre("mdph_delai_traitement"));
    ASSERT_EQ(listed[0].milestones.size(), 1u);
    EXPECT_EQ(listed[0].milestones[0].date, "2026-12-15");
    EXPECT_EQ(listed[0].planned_budget, 120000);
    EXPECT_TRUE(listed[0].co_built);
}

TEST_P(RoadmapTest, EveryFaultyFieldIsNamedInFrench)
{
    auto input = action("");
    input.priority = "P99";
    input.lead = "inconnue";
    input.partners = {"personne"};
    input.commitments = {987654};
    input.indicators = {"pas_un_indicateur"};
    input.milestones = {{"Jalon", "30/06/2027", false}};
    input.starts_on = "2027-01-01";
    input.due_on = "2026-12-31";
    input.progress = 140;
    input.planned_budget = -5;
    auto refused = add(gironde_editor(), input);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Invalid);
    EXPECT_THAT(fields_of(refused.error()),
                UnorderedElementsAre("title", "priority", "lead", "partners", "commitments", "indicators", "milestones",
                                     "due_on", "progress", "planned_budget"));
    EXPECT_THAT(refused.error().message, HasSubstr("champs à corriger"));
}

TEST_P(RoadmapTest, AnAbandonedActionNeedsItsReason)
{
    auto input = action("Plateforme de répit");
    input.status = "abandoned";
    auto refused = add(gironde_editor(), input);
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(fields_of(refused.error()), ElementsAre("abandon_reason"));
    EXPECT_THAT(refused.error().message, HasSubstr("Motif d'abandon"));
    input.abandon_reason = "Portée par le plan régional.";
    auto saved = add(gironde_editor(), input);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(saved->status, ActionStatus::Abandoned);
    EXPECT_EQ(saved->abandon_reason, "Portée par le plan régional.");
}

TEST_P(RoadmapTest, LateIsDerivedFromTheDueDateUnlessDoneOrAbandoned)
{
    using namespace std::chrono;
    auto past = action("Échéance passée", "2026-03-31");
    past.starts_on = "2026-01-05";
    past.milestones = {};
    auto due = add(gironde_editor(), past);
    ASSERT_TRUE(due.ok()) << due.error().message;
    ASSERT_TRUE(add(gironde_editor(), action("Échéance lointaine", "2029-12-31")).ok());
    auto before = year{2026} / March / 31;
    auto after = year{2026} / April / 1;
    EXPECT_FALSE(due->late(before));
    EXPECT_TRUE(due->late(after));
    ActionFilter late_only;
    late_only.late_only = true;
    ASSERT_EQ(actions(late_only, ActionSort::DueDate, false, after).size(), 1u);
    EXPECT_EQ(actions(late_only, ActionSort::DueDate, false, after)[0].title, "Échéance passée");
    EXPECT_TRUE(actions(late_only, ActionSort::DueDate, false, before).empty());
    EXPECT_TRUE(to_json(*due, after)["late"].get<bool>());

    auto done = action("Échéance passée");
    done.due_on = "2026-03-31";
    done.starts_on = "2026-01-05";
    done.status = "done";
    done.progress = 100;
    ASSERT_TRUE(change(gironde_editor(), due->id, due->version, done).ok());
    EXPECT_TRUE(actions(late_only, ActionSort::DueDate, false, after).empty());
}

TEST_P(RoadmapTest, FiltersAndSortsAsAsked)
{
    auto first = action("Bêta", "2027-01-31");
    first.progress = 80;
    auto second = action("Alpha", "2026-10-31");
    second.priority = "P5";
    second.lead = "ars-75";
    second.progress = 10;
    ASSERT_TRUE(add(gironde_editor(), first).ok());
    ASSERT_TRUE(add(gironde_editor(), second).ok());
    auto titles = [](const std::vector<Action>& listed) {
        std::vector<std::string> titles;
        for (const auto& item : listed)
            titles.push_back(item.title);
        return titles;
    };
    EXPECT_THAT(titles(actions({}, ActionSort::DueDate)), ElementsAre("Alpha", "Bêta"));
    EXPECT_THAT(titles(actions({}, ActionSort::Progress, true)), ElementsAre("Bêta", "Alpha"));
    EXPECT_THAT(titles(actions({}, ActionSort::Title, true)), ElementsAre("Bêta", "Alpha"));
    ActionFilter by_lead;
    by_lead.lead = "ars-75";
    EXPECT_THAT(titles(actions(by_lead)), ElementsAre("Alpha"));
    ActionFilter by_priority;
    by_priority.priority = "P2";
    EXPECT_THAT(titles(actions(by_priority)), ElementsAre("Bêta"));
}

TEST_P(RoadmapTest, AStaleChangeIsAConflictNamingWhoChangedIt)
{
    auto saved = add(gironde_editor(), action("Coordination des SSIAD"));
    ASSERT_TRUE(saved.ok());
    auto first = input_of(*saved);
    first.progress = 30;
    auto ars = nouvelle_aquitaine_ars();
    ASSERT_TRUE(change(ars, saved->id, 1, first).ok());
    auto second = input_of(*saved);
    second.title = "Coordination des services à domicile";
    auto stale = change(gironde_editor(), saved->id, 1, second);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message,
                HasSubstr("modifiée par " + (ars.display_name.empty() ? ars.label : ars.display_name)));
    EXPECT_THAT(stale.error().message, HasSubstr("avancement 30 %"));
    EXPECT_EQ(actions().at(0).title, "Coordination des SSIAD");
}

TEST_P(RoadmapTest, ADeletionIsAVersionKeptInTheHistory)
{
    auto saved = add(gironde_editor(), action("Action retirée"));
    ASSERT_TRUE(saved.ok());
    auto territory = gironde();
    auto deleted = in_write([&](storage::Connection& connection) {
        return delete_action(connection, gironde_editor(), territory, saved->id, 1);
    });
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    EXPECT_TRUE(actions().empty());
    auto history =
        database().read([&](storage::Connection& connection) { return action_history(connection, saved->id); });
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].change, "create");
    EXPECT_EQ(history[1].change, "delete");
    EXPECT_EQ(history[1].version, 2);
    EXPECT_TRUE(history[1].snapshot["deleted"].get<bool>());
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'roadmap_action' AND action = 'delete'"),
              1);
    auto again = in_write([&](storage::Connection& connection) {
        return delete_action(connection, gironde_editor(), territory, saved->id, std::nullopt);
    });
    EXPECT_EQ(again.error().code, core::ErrorCode::NotFound);
}

TEST_P(RoadmapTest, AProgressNoteMovesTheActionOn)
{
    auto saved = add(gironde_editor(), action("Formation des aidants"));
    ASSERT_TRUE(saved.ok());
    auto territory = gironde();
    auto note = [&](int version, std::string text, std::optional<int> progress) {
        return in_write([&](storage::Connection& connection) {
            return add_note(connection, gironde_editor(), territory, saved->id, version, "2026-10-02", text, progress);
        });
    };
    auto refused = note(1, " ", 120);
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(fields_of(refused.error()), UnorderedElementsAre("text", "progress"));
    auto moved = note(1, "Premier module ouvert.", 40);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_EQ(moved->progress, 40);
    EXPECT_EQ(moved->status, ActionStatus::InProgress);
    EXPECT_EQ(moved->version, 2);
    EXPECT_EQ(note(1, "Version périmée.", 50).error().code, core::ErrorCode::Conflict);
    auto finished = note(2, "Tous les modules ouverts.", 100);
    ASSERT_TRUE(finished.ok());
    EXPECT_EQ(finished->status, ActionStatus::Done);
    auto notes = database().read([&](storage::Connection& connection) { return list_notes(connection, saved->id); });
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].progress, 100);
    EXPECT_EQ(notes[1].body, "Premier module ouvert.");
}

TEST_P(RoadmapTest, OnlyTheTerritorysEditorsWrite)
{
    auto landes = person("cd-40", access::Role::TerritorialEditor);
    auto refused = add(landes, action("Hors périmètre"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);
    auto reader = person("cd-33", access::Role::TerritorialReader);
    EXPECT_EQ(add(reader, action("Lecture seule")).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(add(access::Principal::anonymous(), action("Anonyme")).error().code, core::ErrorCode::Unauthenticated);
    EXPECT_TRUE(add(nouvelle_aquitaine_ars(), action("Par l'ARS")).ok());
    auto territory = gironde();
    EXPECT_TRUE(may_read(reader, territory).ok());
    EXPECT_FALSE(may_read(landes, territory).ok());
}

TEST_P(RoadmapTest, AGroupOfDepartmentsSharesOneRoadmap)
{
    auto alsace = create({"DEP-67", "DEP-68"});
    ASSERT_TRUE(alsace.ok()) << alsace.error().message;
    auto territory = database().read(
        [&](storage::Connection& connection) { return steered_territory(connection, registry(), "DEP-68"); });
    ASSERT_TRUE(territory.ok());
    EXPECT_EQ(territory->key.to_string(), "DEP-67");
    EXPECT_EQ(territory->departments.size(), 2u);
    EXPECT_THAT(territory->name, HasSubstr(" et "));
    auto region = database().read(
        [&](storage::Connection& connection) { return steered_territory(connection, registry(), "REG-75"); });
    EXPECT_EQ(region.error().code, core::ErrorCode::Invalid);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(RoadmapTest);

}  // namespace boussole::steering
