// Consultations on both backends: the owners open one on a draft and
// invite organisations; an invited organisation contributes on the whole
// convention or on a commitment while it is open, another one may not
// (403); a closed or not yet open consultation refuses contributions; the
// owners answer, with a reason unless the contribution is taken into
// account; a stale answer is a conflict; every change is audited.
#include "conventions/consultations.hpp"

#include "core/clock.hpp"
#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace boussole::conventions {

namespace {

using ::testing::HasSubstr;

// A day counted from today, YYYY-MM-DD.
std::string day_from_today(int days)
{
    return core::to_iso8601(core::now() + std::chrono::days(days)).substr(0, 10);
}

}  // namespace

class ConsultationsTest : public test_support::ConventionTest {
protected:
    void SetUp() override
    {
        ConventionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto created = create({"DEP-33"}, std::nullopt, {"caf-33"});
        ASSERT_TRUE(created.ok()) << created.error().message;
        m_convention = created->id;
    }
    std::int64_t convention() const { return m_convention; }

    core::Result<Consultation> open(const access::Principal& principal, ConsultationInput input)
    {
        return in_write([&](storage::Connection& connection) {
            return open_consultation(connection, principal, convention(), input);
        });
    }
    core::Result<Consultation> open_now(std::vector<std::string> invited = {"caf-33", "mdph-33"})
    {
        return open(gironde_editor(),
                    {"Consultation des partenaires", day_from_today(-1), day_from_today(14), std::move(invited)});
    }
    core::Result<Contribution> give(const access::Principal& principal, std::int64_t consultation,
                                    ContributionInput input)
    {
        return in_write(
            [&](storage::Connection& connection) { return contribute(connection, principal, consultation, input); });
    }
    core::Result<Contribution> reply(const access::Principal& principal, std::int64_t consultation,
                                     std::int64_t contribution, int version, Answer answer, std::string reason)
    {
        return in_write([&](storage::Connection& connection) {
            return answer_contribution(connection, principal, consultation, contribution, version, answer, reason);
        });
    }

private:
    std::int64_t m_convention = 0;
};

TEST_P(ConsultationsTest, InvitedOrganisationsContributeAndOwnersAnswer)
{
    auto consultation = open_now();
    ASSERT_TRUE(consultation.ok()) << consultation.error().message;
    EXPECT_EQ(consultation->subject_kind, "convention");
    ASSERT_EQ(consultation->invited.size(), 2U);
    EXPECT_EQ(consultation->state_on(today()), "open");

    auto commitment = commitments_of(convention()).front();
    auto whole =
        give(person("caf-33", access::Role::Partner), consultation->id, {std::nullopt, "Ajouter les aidants."});
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    EXPECT_FALSE(whole->commitment_id.has_value());
    EXPECT_EQ(whole->organisation, "caf-33");
    auto on_one = give(person("mdph-33", access::Role::TerritorialReader), consultation->id,
                       {commitment.id, "Une cible à 2,5 mois serait tenable."});
    ASSERT_TRUE(on_one.ok()) << on_one.error().message;
    EXPECT_EQ(on_one->commitment_id, commitment.id);

    auto outsider = give(person("dsden-33", access::Role::Partner), consultation->id, {std::nullopt, "Et nous ?"});
    ASSERT_FALSE(outsider.ok());
    EXPECT_EQ(outsider.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(outsider.error().message, HasSubstr("n'est pas invitée"));

    auto by_partner =
        reply(person("caf-33", access::Role::Partner), consultation->id, whole->id, whole->version, Answer::Taken, "");
    EXPECT_EQ(by_partner.error().code, core::ErrorCode::Forbidden);

    auto without_reason =
        reply(gironde_editor(), consultation->id, on_one->id, on_one->version, Answer::NotTaken, "  ");
    ASSERT_FALSE(without_reason.ok());
    EXPECT_EQ(without_reason.error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(without_reason.error().fields.front().field, "reason");
    auto partly = reply(gironde_editor(), consultation->id, on_one->id, on_one->version, Answer::Partly, "");
    EXPECT_EQ(partly.error().code, core::ErrorCode::Invalid);

    auto taken = reply(gironde_editor(), consultation->id, whole->id, whole->version, Answer::Taken, "");
    ASSERT_TRUE(taken.ok()) << taken.error().message;
    EXPECT_EQ(taken->answer, Answer::Taken);
    EXPECT_EQ(taken->version, 2);
    auto not_taken = reply(gironde_editor(), consultation->id, on_one->id, on_one->version, Answer::NotTaken,
                           "La cible nationale est de trois mois.");
    ASSERT_TRUE(not_taken.ok()) << not_taken.error().message;
    EXPECT_EQ(not_taken->reason, "La cible nationale est de trois mois.");

    auto stale = reply(nouvelle_aquitaine_ars(), consultation->id, on_one->id, on_one->version, Answer::Taken, "");
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("personne.cd-33@essai.invalid"));

    auto listed = database().read(
        [&](storage::Connection& connection) { return list_contributions(connection, consultation->id); });
    ASSERT_EQ(listed.size(), 2U);
    EXPECT_EQ(listed[0].answer, Answer::Taken);
    EXPECT_EQ(listed[1].answer, Answer::NotTaken);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'consultation.%'"), 5);
}

TEST_P(ConsultationsTest, ClosedOrUpcomingConsultationsRefuseContributions)
{
    auto closed = open(gironde_editor(), {"", day_from_today(-10), day_from_today(-1), {"caf-33"}});
    ASSERT_FALSE(closed.ok()) << "a consultation already over is not opened";
    EXPECT_EQ(closed.error().fields.front().field, "closes_on");

    auto upcoming = open(gironde_editor(), {"", day_from_today(3), day_from_today(10), {"caf-33"}});
    ASSERT_TRUE(upcoming.ok()) << upcoming.error().message;
    auto early = give(person("caf-33", access::Role::Partner), upcoming->id, {std::nullopt, "Trop tôt"});
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, core::ErrorCode::Conflict);

    // The closing day passes: the row is moved to the past, as time would.
    auto open_one = open_now({"caf-33"});
    ASSERT_TRUE(open_one.ok());
    in_write([&](storage::Connection& connection) {
        return connection.execute("UPDATE consultations SET opens_on = $1, closes_on = $2 WHERE id = $3",
                                  {day_from_today(-20), day_from_today(-1), open_one->id});
    });
    auto late = give(person("caf-33", access::Role::Partner), open_one->id, {std::nullopt, "Trop tard"});
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(late.error().message, HasSubstr("close"));
}

TEST_P(ConsultationsTest, OpeningIsForTheOwnersOfADraftWithValidFields)
{
    auto by_partner =
        open(person("caf-33", access::Role::Partner), {"", day_from_today(0), day_from_today(5), {"caf-33"}});
    EXPECT_EQ(by_partner.error().code, core::ErrorCode::Forbidden);

    auto invalid = open(gironde_editor(), {"", "2026-02-30", "demain", {"inconnue-99"}});
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error().fields.size(), 3U);
    auto nobody = open(gironde_editor(), {"", day_from_today(0), day_from_today(5), {}});
    EXPECT_EQ(nobody.error().fields.front().field, "invited");

    auto commitment_elsewhere = open_now();
    ASSERT_TRUE(commitment_elsewhere.ok());
    auto wrong = give(person("caf-33", access::Role::Partner), commitment_elsewhere->id, {999999, "Sur quoi ?"});
    EXPECT_EQ(wrong.error().fields.front().field, "commitment_id");

    ASSERT_TRUE(step(gironde_editor(), convention(), Step::ReadyToSign).ok());
    auto too_late = open_now();
    ASSERT_FALSE(too_late.ok());
    EXPECT_EQ(too_late.error().code, core::ErrorCode::Conflict);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ConsultationsTest);

}  // namespace boussole::conventions
