// Changing and removing the ITA's members and decisions on both backends:
// a change from a stale version is a Conflict naming who changed it; a
// removal or a deletion is a recorded change (new version, audit entry, the
// decision's history keeps it); only the territory's editors and the
// national administrators may do it.
#include "steering/ita.hpp"
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

}  // namespace

class ItaChangesTest : public test_support::ConventionTest {
protected:
    void SetUp() override
    {
        ConventionTest::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(create({"DEP-33"}).ok());
        m_territory = database().read(
            [&](storage::Connection& connection) { return *steered_territory(connection, registry(), "DEP-33"); });
    }
    const SteeredTerritory& gironde() const { return m_territory; }
    std::string name_of(const access::Principal& principal)
    {
        return principal.display_name.empty() ? principal.label : principal.display_name;
    }

private:
    SteeredTerritory m_territory;
};

TEST_P(ItaChangesTest, AMemberIsChangedFromItsVersionAndRemovedAsARecordedChange)
{
    auto added = in_write([&](storage::Connection& connection) {
        return add_member(connection, gironde_editor(), gironde(), {"caf-33", "", "partenaire", "2026-01-01", ""});
    });
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_EQ(added->version, 1);
    EXPECT_EQ(added->starts_on, "2026-01-01");

    auto ars = nouvelle_aquitaine_ars();
    auto changed = in_write([&](storage::Connection& connection) {
        return change_member(connection, ars, gironde(), added->id, 1,
                             {"caf-33", "Directrice", "conference_financeurs", "2026-01-01", "2028-12-31"});
    });
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_EQ(changed->version, 2);
    EXPECT_EQ(changed->role, MemberRole::ConferenceFinanceurs);
    EXPECT_EQ(changed->person, "Directrice");
    EXPECT_EQ(changed->ends_on, "2028-12-31");
    EXPECT_EQ(changed->updated_by, name_of(ars));

    auto stale = in_write([&](storage::Connection& connection) {
        return change_member(connection, gironde_editor(), gironde(), added->id, 1,
                             {"caf-33", "", "partenaire", "", ""});
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr(name_of(ars)));

    auto invalid = in_write([&](storage::Connection& connection) {
        return change_member(connection, gironde_editor(), gironde(), added->id, 2,
                             {"inconnue", "", "tresorier", "2027-01-01", "2026-01-01"});
    });
    ASSERT_FALSE(invalid.ok());
    EXPECT_THAT(fields_of(invalid.error()), UnorderedElementsAre("organisation", "role", "ends_on"));

    auto landes = person("cd-40", access::Role::TerritorialEditor);
    auto forbidden = in_write(
        [&](storage::Connection& connection) { return remove_member(connection, landes, gironde(), added->id, 2); });
    EXPECT_EQ(forbidden.error().code, core::ErrorCode::Forbidden);
    auto reader = in_write([&](storage::Connection& connection) {
        return change_member(connection, person("cd-33", access::Role::TerritorialReader), gironde(), added->id, 2,
                             {"caf-33", "", "partenaire", "", ""});
    });
    EXPECT_EQ(reader.error().code, core::ErrorCode::Forbidden);
    auto stale_removal = in_write([&](storage::Connection& connection) {
        return remove_member(connection, gironde_editor(), gironde(), added->id, 1);
    });
    EXPECT_EQ(stale_removal.error().code, core::ErrorCode::Conflict);

    auto removed = in_write([&](storage::Connection& connection) {
        return remove_member(connection, national_admin(), gironde(), added->id, 2);
    });
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_EQ(removed->version, 3);
    EXPECT_TRUE(
        database().read([&](storage::Connection& connection) { return list_members(connection, gironde()); }).empty());
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM ita_members WHERE deleted = 1 AND version = 3"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'ita_member'"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'ita_member' AND action = 'delete'"), 1);
    auto again = in_write([&](storage::Connection& connection) {
        return remove_member(connection, gironde_editor(), gironde(), added->id, std::nullopt);
    });
    EXPECT_EQ(again.error().code, core::ErrorCode::NotFound);
}

TEST_P(ItaChangesTest, ADecisionIsChangedThenDeletedWithItsHistory)
{
    ActionInput input;
    input.title = "Guichet unique";
    input.priority = "P2";
    input.lead = "cd-33";
    auto action = in_write([&](storage::Connection& connection) {
        return add_action(connection, gironde_editor(), catalogue(), gironde(), input);
    });
    ASSERT_TRUE(action.ok()) << action.error().message;
    auto decided = in_write([&](storage::Connection& connection) {
        return add_decision(connection, gironde_editor(), gironde(),
                            {std::nullopt, "2026-10-15", "Étudier un guichet unique.", {}, std::nullopt});
    });
    ASSERT_TRUE(decided.ok()) << decided.error().message;
    EXPECT_EQ(decided->version, 1);

    auto ars = nouvelle_aquitaine_ars();
    auto changed = in_write([&](storage::Connection& connection) {
        return change_decision(connection, ars, gironde(), decided->id, 1,
                               {std::nullopt, "2026-10-16", "Lancer le guichet unique.", {action->id}, 1});
    });
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_EQ(changed->version, 2);
    EXPECT_THAT(changed->actions, ElementsAre(action->id));
    EXPECT_EQ(changed->amendment, 1);
    EXPECT_EQ(changed->decided_on, "2026-10-16");

    auto stale = in_write([&](storage::Connection& connection) {
        return change_decision(connection, gironde_editor(), gironde(), decided->id, 1,
                               {std::nullopt, "2026-10-15", "Autre texte.", {}, std::nullopt});
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr(name_of(ars)));

    auto invalid = in_write([&](storage::Connection& connection) {
        return change_decision(connection, gironde_editor(), gironde(), decided->id, 2,
                               {std::nullopt, "demain", " ", {424242}, std::nullopt});
    });
    ASSERT_FALSE(invalid.ok());
    EXPECT_THAT(fields_of(invalid.error()), UnorderedElementsAre("decided_on", "text", "actions"));

    auto forbidden = in_write([&](storage::Connection& connection) {
        return delete_decision(connection, person("cd-40", access::Role::TerritorialEditor), gironde(), decided->id, 2);
    });
    EXPECT_EQ(forbidden.error().code, core::ErrorCode::Forbidden);
    auto deleted = in_write([&](storage::Connection& connection) {
        return delete_decision(connection, gironde_editor(), gironde(), decided->id, 2);
    });
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    EXPECT_TRUE(deleted->deleted);
    EXPECT_EQ(deleted->version, 3);

    database().read([&](storage::Connection& connection) {
        EXPECT_TRUE(list_decisions(connection, gironde()).empty());
        auto gone = list_deleted_decisions(connection, gironde());
        EXPECT_EQ(gone.size(), 1u);
        auto history = decision_history(connection, gironde(), decided->id);
        EXPECT_EQ(history.size(), 3u);
        if (history.size() == 3) {
            EXPECT_EQ(history[0].change, "create");
            EXPECT_EQ(history[0].snapshot["text"], "Étudier un guichet unique.");
            EXPECT_EQ(history[1].change, "update");
            EXPECT_EQ(history[1].snapshot["text"], "Lancer le guichet unique.");
            EXPECT_EQ(history[1].recorded_by, name_of(ars));
            EXPECT_EQ(history[2].change, "delete");
        }
        return 0;
    });
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'ita_decision'"), 3);
    auto after = in_write([&](storage::Connection& connection) {
        return change_decision(connection, gironde_editor(), gironde(), decided->id, 3,
                               {std::nullopt, "2026-10-15", "Trop tard.", {}, std::nullopt});
    });
    EXPECT_EQ(after.error().code, core::ErrorCode::NotFound);
}

TEST_P(ItaChangesTest, ADecisionRecordedBeforeVersionsWereKeptStartsItsHistoryAtItsFirstChange)
{
    in_write([&](storage::Connection& connection) {
        connection.execute(
            "INSERT INTO ita_decisions (territory_key, decided_on, body, created_at, created_by) "
            "VALUES ('DEP-33', '2025-06-01', 'Décision ancienne.', '2025-06-01T10:00:00Z', 'démonstration')");
        return 0;
    });
    auto id = count("SELECT MAX(id) AS n FROM ita_decisions");
    auto changed = in_write([&](storage::Connection& connection) {
        return change_decision(connection, gironde_editor(), gironde(), id, 1,
                               {std::nullopt, "2025-06-01", "Décision ancienne, précisée.", {}, std::nullopt});
    });
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    auto history =
        database().read([&](storage::Connection& connection) { return decision_history(connection, gironde(), id); });
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].snapshot["text"], "Décision ancienne.");
    EXPECT_EQ(history[0].recorded_by, "démonstration");
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ItaChangesTest);

}  // namespace boussole::steering
