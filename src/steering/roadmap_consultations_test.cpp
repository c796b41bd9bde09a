// Consultations on a territory's common roadmap, on both backends: its
// editors open one and invite organisations; an invited organisation
// contributes on the whole roadmap or on one of its actions (an action of
// another territory is refused, field named); the editors answer; a
// reader, a partner or another department's editor may neither open nor
// answer; a closed consultation refuses contributions; the convention's
// consultations are not mixed with the roadmap's.
#include "steering/roadmap_consultations.hpp"
#include "steering/roadmap.hpp"

#include "core/clock.hpp"
#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace boussole::steering {

namespace {

using conventions::Answer;
using ::testing::HasSubstr;

std::string day_from_today(int days)
{
    return core::to_iso8601(core::now() + std::chrono::days(days)).substr(0, 10);
}

}  // namespace

class RoadmapConsultationsTest : public test_support::ConventionTest {
protected:
    void SetUp() override
    {
        ConventionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto created = create({"DEP-33"});
        ASSERT_TRUE(created.ok()) << created.error().message;
        m_convention = created->id;
        m_territory = database().read(
            [&](storage::Connection& connection) { return *steered_territory(connection, registry(), "DEP-33"); });
        m_landes = database().read(
            [&](storage::Connection& connection) { return *steered_territory(connection, registry(), "DEP-40"); });
    }
    const SteeredTerritory& gironde() const { return m_territory; }
    const SteeredTerritory& landes() const { return m_landes; }
    std::int64_t convention() const { return m_convention; }

    core::Result<Action> action_in(const SteeredTerritory& territory, const access::Principal& editor, std::string lead)
    {
        ActionInput input;
        input.title = "Guichet unique";
        input.priority = "P2";
        input.lead = std::move(lead);
        return in_write([&](storage::Connection& connection) {
            return add_action(connection, editor, catalogue(), territory, input);
        });
    }
    core::Result<conventions::Consultation> open(const access::Principal& principal, int from, int to,
                                                 std::vector<std::string> invited = {"caf-33", "mdph-33"})
    {
        return in_write([&](storage::Connection& connection) {
            return open_roadmap_consultation(connection, principal, gironde(),
                                             {"", day_from_today(from), day_from_today(to), std::move(invited)});
        });
    }
    core::Result<conventions::Contribution> give(const access::Principal& principal, std::int64_t consultation,
                                                 conventions::ContributionInput input)
    {
        return in_write([&](storage::Connection& connection) {
            return conventions::contribute(connection, principal, consultation, input, subject_resolver(registry()));
        });
    }
    core::Result<conventions::Contribution> reply(const access::Principal& principal, std::int64_t consultation,
                                                  const conventions::Contribution& contribution, Answer answer,
                                                  std::string reason)
    {
        return in_write([&](storage::Connection& connection) {
            return conventions::answer_contribution(connection, principal, consultation, contribution.id,
                                                    contribution.version, answer, reason, subject_resolver(registry()));
        });
    }

private:
    std::int64_t m_convention = 0;
    SteeredTerritory m_territory;
    SteeredTerritory m_landes;
};

TEST_P(RoadmapConsultationsTest, InvitedOrganisationsContributeOnAnActionAndEditorsAnswer)
{
    auto action = action_in(gironde(), gironde_editor(), "cd-33");
    ASSERT_TRUE(action.ok()) << action.error().message;
    auto consultation = open(gironde_editor(), -1, 14);
    ASSERT_TRUE(consultation.ok()) << consultation.error().message;
    EXPECT_EQ(consultation->subject_kind, "roadmap");
    EXPECT_EQ(consultation->subject_key, "DEP-33");
    EXPECT_EQ(consultation->title, "Consultation sur la feuille de route commune");

    auto on_action = give(person("caf-33", access::Role::Partner), consultation->id,
                          {action->id, "Prévoir un relais dans chaque territoire."});
    ASSERT_TRUE(on_action.ok()) << on_action.error().message;
    EXPECT_EQ(on_action->commitment_id, action->id);
    auto whole = give(person("mdph-33", access::Role::TerritorialReader), consultation->id,
                      {std::nullopt, "Associer le CDCA au suivi."});
    ASSERT_TRUE(whole.ok()) << whole.error().message;

    auto elsewhere_action = action_in(landes(), person("cd-40", access::Role::TerritorialEditor), "cd-40");
    ASSERT_TRUE(elsewhere_action.ok()) << elsewhere_action.error().message;
    auto wrong = give(person("caf-33", access::Role::Partner), consultation->id, {elsewhere_action->id, "Ici ?"});
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().fields.front().field, "action_id");
    EXPECT_THAT(wrong.error().fields.front().message, HasSubstr("feuille de route"));
    auto outsider = give(person("dsden-33", access::Role::Partner), consultation->id, {std::nullopt, "Et nous ?"});
    EXPECT_EQ(outsider.error().code, core::ErrorCode::Forbidden);

    auto by_partner = reply(person("caf-33", access::Role::Partner), consultation->id, *on_action, Answer::Taken, "");
    EXPECT_EQ(by_partner.error().code, core::ErrorCode::Forbidden);
    auto by_landes =
        reply(person("cd-40", access::Role::TerritorialEditor), consultation->id, *on_action, Answer::Taken, "");
    EXPECT_FALSE(by_landes.ok());
    auto without_reason = reply(gironde_editor(), consultation->id, *on_action, Answer::Partly, " ");
    EXPECT_EQ(without_reason.error().code, core::ErrorCode::Invalid);
    auto partly = reply(nouvelle_aquitaine_ars(), consultation->id, *on_action, Answer::Partly, "Deux relais en 2027.");
    ASSERT_TRUE(partly.ok()) << partly.error().message;
    EXPECT_EQ(partly->answer, Answer::Partly);
    auto stale = reply(gironde_editor(), consultation->id, *on_action, Answer::Taken, "");
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);

    database().read([&](storage::Connection& connection) {
        auto listed = list_roadmap_consultations(connection, gironde());
        EXPECT_EQ(listed.size(), 1u);
        EXPECT_TRUE(conventions::list_consultations(connection, convention()).empty());
        EXPECT_TRUE(list_roadmap_consultations(connection, landes()).empty());
        auto resolved = subject_resolver(registry())(connection, listed.front());
        EXPECT_TRUE(resolved.ok());
        EXPECT_FALSE(conventions::may_read(person("cd-40", access::Role::TerritorialReader), connection, listed.front(),
                                           subject_resolver(registry()))
                         .ok());
        EXPECT_TRUE(conventions::may_read(person("cd-33", access::Role::TerritorialReader), connection, listed.front(),
                                          subject_resolver(registry()))
                        .ok());
        return 0;
    });
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'consultation.%'"), 4);
}

TEST_P(RoadmapConsultationsTest, OnlyEditorsOpenAndAClosedConsultationRefusesContributions)
{
    EXPECT_EQ(open(person("cd-33", access::Role::TerritorialReader), 0, 5).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(open(person("cd-40", access::Role::TerritorialEditor), 0, 5).error().code, core::ErrorCode::Forbidden);
    auto invalid = open(gironde_editor(), 0, -3, {"inconnue-99"});
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(invalid.error().fields.size(), 2u);

    auto consultation = open(national_admin(), -1, 3, {"caf-33"});
    ASSERT_TRUE(consultation.ok()) << consultation.error().message;
    in_write([&](storage::Connection& connection) {
        return connection.execute("UPDATE consultations SET opens_on = $1, closes_on = $2 WHERE id = $3",
                                  {day_from_today(-20), day_from_today(-1), consultation->id});
    });
    auto late = give(person("caf-33", access::Role::Partner), consultation->id, {std::nullopt, "Trop tard"});
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(late.error().message, HasSubstr("close"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(RoadmapConsultationsTest);

}  // namespace boussole::steering
