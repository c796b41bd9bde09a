// The ITA on both backends: members with their roles, meetings with a
// version (a stale change is a Conflict naming who changed it), decisions
// linked to roadmap actions or to an amendment of the territory's
// convention, and writing kept to the territory's editors.
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

class ItaTest : public test_support::ConventionTest {
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

private:
    SteeredTerritory m_territory;
};

TEST_P(ItaTest, MembersHaveTheirRoles)
{
    auto added = in_write([&](storage::Connection& connection) {
        return add_member(connection, gironde_editor(), gironde(),
                          {"cd-33", "Présidence du département", "copresidence_cd"});
    });
    ASSERT_TRUE(added.ok()) << added.error().message;
    ASSERT_TRUE(in_write([&](storage::Connection& connection) {
                    return add_member(connection, gironde_editor(), gironde(), {"ars-75", "", "copresidence_ars"});
                }).ok());
    auto refused = in_write([&](storage::Connection& connection) {
        return add_member(connection, gironde_editor(), gironde(), {"", "", "tresorier"});
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(fields_of(refused.error()), UnorderedElementsAre("role", "person"));
    auto members =
        database().read([&](storage::Connection& connection) { return list_members(connection, gironde()); });
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].role, MemberRole::CoChairArs);
    EXPECT_EQ(members[1].person, "Présidence du département");
    EXPECT_STREQ(label(members[1].role), "co-présidence département");
}

TEST_P(ItaTest, AStaleMeetingChangeIsAConflictNamingWhoChangedIt)
{
    auto meeting = in_write([&](storage::Connection& connection) {
        return add_meeting(connection, gironde_editor(), gironde(),
                           {"2026-10-15", "Bilan de la feuille de route", {"ARS", "Département"}, ""});
    });
    ASSERT_TRUE(meeting.ok()) << meeting.error().message;
    auto ars = nouvelle_aquitaine_ars();
    ASSERT_TRUE(in_write([&](storage::Connection& connection) {
                    return change_meeting(connection, ars, gironde(), meeting->id, 1,
                                          {"2026-10-15", "Bilan de la feuille de route", {}, "Compte rendu."});
                }).ok());
    auto stale = in_write([&](storage::Connection& connection) {
        return change_meeting(connection, gironde_editor(), gironde(), meeting->id, 1, {"2026-10-16", "Bilan", {}, ""});
    });
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr(ars.display_name.empty() ? ars.label : ars.display_name));
    auto invalid = in_write([&](storage::Connection& connection) {
        return add_meeting(connection, gironde_editor(), gironde(), {"15/10/2026", " ", {}, ""});
    });
    EXPECT_THAT(fields_of(invalid.error()), UnorderedElementsAre("held_on", "agenda"));
}

TEST_P(ItaTest, DecisionsLinkActionsOfTheTerritoryAndAnAmendment)
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
                            {std::nullopt, "2026-10-15", "Lancer le guichet unique.", {action->id}, 1});
    });
    ASSERT_TRUE(decided.ok()) << decided.error().message;
    EXPECT_THAT(decided->actions, ElementsAre(action->id));
    EXPECT_EQ(decided->amendment, 1);
    auto refused = in_write([&](storage::Connection& connection) {
        return add_decision(connection, gironde_editor(), gironde(), {987, "2026-10-15", "", {424242}, 9});
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(fields_of(refused.error()), UnorderedElementsAre("meeting_id", "text", "actions", "amendment"));
    auto landes = person("cd-40", access::Role::TerritorialEditor);
    auto forbidden = in_write([&](storage::Connection& connection) {
        return add_decision(connection, landes, gironde(), {std::nullopt, "2026-10-15", "Hors périmètre.", {}, {}});
    });
    EXPECT_EQ(forbidden.error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(
        database().read([&](storage::Connection& connection) { return list_decisions(connection, gironde()); }).size(),
        1u);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ItaTest);

}  // namespace boussole::steering
