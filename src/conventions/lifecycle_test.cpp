// The lifecycle on both backends: from draft to signature by each party and
// entry into force, who may sign, steps refused by the status or a stale
// version, an amendment and its diff commitment by commitment, and the
// closing with a final assessment of each commitment.
#include "conventions/lifecycle.hpp"

#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::conventions {

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

}  // namespace

class LifecycleTest : public test_support::ConventionTest {
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

    // Every party of the Gironde's convention, each by a person who may sign.
    std::vector<access::Principal> signatories()
    {
        return {national_admin(), nouvelle_aquitaine_ars(), gironde_editor(),
                person("mdph-33", access::Role::TerritorialEditor), person("caf-33", access::Role::Partner)};
    }

    void sign_by_all()
    {
        for (const auto& principal : signatories()) {
            auto signed_by = sign(principal, convention());
            ASSERT_TRUE(signed_by.ok()) << principal.label << " : " << signed_by.error().message;
        }
    }

private:
    std::int64_t m_convention = 0;
};

TEST_P(LifecycleTest, EachPartySignsThenTheConventionEntersIntoForce)
{
    auto early = sign(gironde_editor(), convention());
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, core::ErrorCode::Conflict);

    ASSERT_TRUE(step(gironde_editor(), convention(), Step::Consult).ok());
    auto ready = step(gironde_editor(), convention(), Step::ReadyToSign);
    ASSERT_TRUE(ready.ok()) << ready.error().message;
    EXPECT_EQ(ready->status, Status::ReadyToSign);

    auto outsider = sign(person("dsden-33", access::Role::Partner), convention());
    ASSERT_FALSE(outsider.ok());
    EXPECT_EQ(outsider.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(outsider.error().message, HasSubstr("n'est pas partie"));
    auto reader = sign(person("mdph-33", access::Role::TerritorialReader), convention());
    EXPECT_EQ(reader.error().code, core::ErrorCode::Forbidden);
    auto by_token = sign(token("cd-33", true), convention());
    EXPECT_EQ(by_token.error().code, core::ErrorCode::Forbidden);

    auto first = sign(gironde_editor(), convention());
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->status, Status::ReadyToSign);
    const auto* cd = first->party_of(*gironde_editor().organisation_id);
    ASSERT_NE(cd, nullptr);
    EXPECT_TRUE(cd->signed_at.has_value());
    EXPECT_EQ(cd->signed_by, "personne.cd-33@essai.invalid");
    EXPECT_THAT(sign(gironde_editor(), convention()).error().message, HasSubstr("a déjà signé"));

    for (const auto& principal : signatories()) {
        if (principal.organisation_id != gironde_editor().organisation_id) {
            ASSERT_TRUE(sign(principal, convention()).ok()) << principal.label;
        }
    }
    auto signed_all =
        database().read([&](storage::Connection& connection) { return find_convention(connection, convention()); });
    EXPECT_EQ(signed_all->status, Status::Signed);
    EXPECT_TRUE(signed_all->all_signed());

    auto in_force = step(gironde_editor(), convention(), Step::EnterIntoForce);
    ASSERT_TRUE(in_force.ok()) << in_force.error().message;
    EXPECT_EQ(in_force->status, Status::InForce);
    auto versions =
        database().read([&](storage::Connection& connection) { return list_versions(connection, convention()); });
    ASSERT_EQ(versions.size(), 1u);
    EXPECT_EQ(versions[0].number, 0);
}

TEST_P(LifecycleTest, TheStatusAndTheVersionDecideWhichStepIsPossible)
{
    auto early = step(gironde_editor(), convention(), Step::EnterIntoForce);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(early.error().message, HasSubstr("signée par toutes les parties"));

    auto stale = in_write([&](storage::Connection& connection) {
        return take_step(connection, gironde_editor(), convention(), 7, Step::Consult);
    });
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("vous partiez de la version 7"));

    auto outside = step(person("cd-40", access::Role::TerritorialEditor), convention(), Step::Consult);
    EXPECT_EQ(outside.error().code, core::ErrorCode::NotFound);
    auto partner = step(person("caf-33", access::Role::Partner), convention(), Step::Consult);
    EXPECT_EQ(partner.error().code, core::ErrorCode::Forbidden);
}

TEST_P(LifecycleTest, AnAmendmentIsANewVersionWithItsDiff)
{
    ASSERT_TRUE(step(gironde_editor(), convention(), Step::ReadyToSign).ok());
    sign_by_all();
    ASSERT_TRUE(step(gironde_editor(), convention(), Step::EnterIntoForce).ok());

    auto waiting = commitments_of(convention()).at(0);
    auto frozen = change(gironde_editor(), convention(), waiting.id, waiting.version, input_of(waiting));
    ASSERT_FALSE(frozen.ok());
    EXPECT_THAT(frozen.error().message, HasSubstr("avenant"));

    auto amending = step(gironde_editor(), convention(), Step::Amend);
    ASSERT_TRUE(amending.ok()) << amending.error().message;
    EXPECT_EQ(amending->status, Status::Draft);
    EXPECT_EQ(amending->amendment, 1);
    EXPECT_FALSE(amending->all_signed());

    auto input = input_of(waiting);
    input.target_value = 2.5;
    ASSERT_TRUE(change(gironde_editor(), convention(), waiting.id, waiting.version, input).ok());
    auto added = add(gironde_editor(), convention(), local("Développer l'habitat inclusif"));
    ASSERT_TRUE(added.ok()) << added.error().message;
    ASSERT_TRUE(step(gironde_editor(), convention(), Step::ReadyToSign).ok());
    sign_by_all();
    ASSERT_TRUE(step(gironde_editor(), convention(), Step::EnterIntoForce).ok());

    auto changes = database().read([&](storage::Connection& connection) {
        return diff(*version_snapshot(connection, convention(), 0), *version_snapshot(connection, convention(), 1));
    });
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].commitment_id, waiting.id);
    EXPECT_EQ(changes[0].change, "changed");
    ASSERT_EQ(changes[0].fields.size(), 1u);
    EXPECT_EQ(changes[0].fields[0].field, "target_value");
    EXPECT_EQ(changes[0].fields[0].before, 3.0);
    EXPECT_EQ(changes[0].fields[0].after, 2.5);
    EXPECT_EQ(changes[1].commitment_id, added->id);
    EXPECT_EQ(changes[1].change, "added");
}

TEST_P(LifecycleTest, ClosingAsksForTheFinalAssessmentOfEveryCommitment)
{
    ASSERT_TRUE(step(gironde_editor(), convention(), Step::ReadyToSign).ok());
    sign_by_all();
    ASSERT_TRUE(step(gironde_editor(), convention(), Step::EnterIntoForce).ok());
    auto commitments = commitments_of(convention());
    std::map<std::int64_t, std::string> assessments = {{commitments[0].id, "Délai ramené à 3,1 mois."}};
    auto incomplete = step(gironde_editor(), convention(), Step::Close, assessments);
    ASSERT_FALSE(incomplete.ok());
    EXPECT_EQ(incomplete.error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(incomplete.error().fields.size(), commitments.size() - 1);
    EXPECT_THAT(incomplete.error().message, HasSubstr("sans bilan final"));

    for (const auto& commitment : commitments)
        assessments.emplace(commitment.id, "Bilan de l'engagement.");
    auto closed = step(gironde_editor(), convention(), Step::Close, assessments);
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->status, Status::Closed);
    EXPECT_EQ(commitments_of(convention()).at(0).final_assessment, "Délai ramené à 3,1 mois.");
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(LifecycleTest);

}  // namespace boussole::conventions
