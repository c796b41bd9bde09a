// Commitments on both backends: a socle target more ambitious but never
// weaker than the national one, socle items that cannot be removed, the
// national cap, stale versions refused, partners editing only their own
// annex, every faulty field named, near-duplicate warnings and the status
// derived from the trajectory.
#include "conventions/commitments.hpp"

#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::conventions {

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> fields_of(const core::Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

}  // namespace

class CommitmentsTest : public test_support::ConventionTest {
protected:
    void SetUp() override
    {
        ConventionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto created = create({"DEP-33"}, std::nullopt, {"caf-33", "dsden-33"});
        ASSERT_TRUE(created.ok()) << created.error().message;
        m_convention = created->id;
    }
    std::int64_t convention() const { return m_convention; }
    Commitment socle(std::size_t index) { return commitments_of(m_convention).at(index); }

private:
    std::int64_t m_convention = 0;
};

TEST_P(CommitmentsTest, ASocleTargetMayBeMoreAmbitiousThanTheNationalOneNeverWeaker)
{
    auto waiting = socle(0);  // lower is better, national target 3 months
    auto input = input_of(waiting);
    input.baseline_period = "2025-T4";
    input.baseline_value = 4.5;
    input.target_value = 3.5;
    auto weaker = change(gironde_editor(), convention(), waiting.id, waiting.version, input);
    ASSERT_FALSE(weaker.ok());
    EXPECT_EQ(weaker.error().code, core::ErrorCode::Invalid);
    EXPECT_THAT(fields_of(weaker.error()), ElementsAre("target_value"));
    EXPECT_THAT(weaker.error().message, HasSubstr("jamais moins"));
    EXPECT_THAT(weaker.error().message, HasSubstr("plus bas, mieux c'est"));

    input.target_value = 2.5;
    auto bolder = change(gironde_editor(), convention(), waiting.id, waiting.version, input);
    ASSERT_TRUE(bolder.ok()) << bolder.error().message;
    EXPECT_EQ(bolder->target_value, 2.5);
    EXPECT_EQ(bolder->version, 2);

    auto satisfaction = socle(1);  // higher is better, national target 80 %
    auto higher = input_of(satisfaction);
    higher.target_value = 75;
    EXPECT_THAT(fields_of(change(gironde_editor(), convention(), satisfaction.id, 1, higher).error()),
                ElementsAre("target_value"));
    higher.target_value = 85;
    EXPECT_TRUE(change(gironde_editor(), convention(), satisfaction.id, 1, higher).ok());
}

TEST_P(CommitmentsTest, SocleItemsCannotBeRemovedAndADeletionIsARecordedVersion)
{
    auto removal = [&](std::int64_t id) {
        return in_write([&](storage::Connection& connection) {
            return delete_commitment(connection, gironde_editor(), convention(), id, std::nullopt);
        });
    };
    auto refused = removal(socle(0).id);
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(refused.error().message, HasSubstr("socle commun national"));

    auto added = add(gironde_editor(), convention(), local("Développer l'habitat inclusif"));
    ASSERT_TRUE(added.ok()) << added.error().message;
    auto deleted = removal(added->id);
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    EXPECT_TRUE(deleted->deleted);
    EXPECT_EQ(deleted->version, 2);
    EXPECT_EQ(commitments_of(convention()).size(), 3u);
    EXPECT_EQ(commitments_of(convention(), true).size(), 4u);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'convention_commitment' AND "
                    "entity_id = $1",
                    {std::to_string(added->id)}),
              2);
}

TEST_P(CommitmentsTest, TheNationalCapRefusesOneCommitmentTooManyWithTheCountAndTheCap)
{
    auto refused =
        in_write([&](storage::Connection& connection) { return set_commitment_cap(connection, gironde_editor(), 4); });
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);
    auto set =
        in_write([&](storage::Connection& connection) { return set_commitment_cap(connection, national_admin(), 4); });
    ASSERT_TRUE(set.ok()) << set.error().message;

    ASSERT_TRUE(add(gironde_editor(), convention(), local("Développer l'habitat inclusif")).ok());
    auto beyond = add(gironde_editor(), convention(), local("Former les aidants"));
    ASSERT_FALSE(beyond.ok());
    EXPECT_THAT(beyond.error().message, HasSubstr("compte déjà 4 engagements pour un plafond national de 4"));
}

TEST_P(CommitmentsTest, AStaleChangeIsAConflictAndNothingIsLost)
{
    auto added = add(gironde_editor(), convention(), local("Développer l'habitat inclusif"));
    ASSERT_TRUE(added.ok());
    auto first = input_of(*added);
    first.text = "Première rédaction.";
    auto second = input_of(*added);
    second.text = "Seconde rédaction.";
    ASSERT_TRUE(change(gironde_editor(), convention(), added->id, 1, first).ok());
    auto stale = change(nouvelle_aquitaine_ars(), convention(), added->id, 1, second);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("a été modifié par personne.cd-33"));
    EXPECT_THAT(stale.error().message, HasSubstr("Texte actuel : « Première rédaction. »"));
    EXPECT_EQ(commitments_of(convention()).back().text, "Première rédaction.");
}

TEST_P(CommitmentsTest, APartnerEditsItsOwnAnnexOnly)
{
    auto caf = person("caf-33", access::Role::Partner);
    auto annex = local("Accompagner les familles d'enfants handicapés");
    annex.section = "partner";
    annex.partner = "caf-33";
    annex.lead = "caf-33";
    auto own = add(caf, convention(), annex);
    ASSERT_TRUE(own.ok()) << own.error().message;
    EXPECT_EQ(own->section, Section::Partner);

    annex.partner = "dsden-33";
    annex.lead = "dsden-33";
    auto other = add(caf, convention(), annex);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(other.error().message, HasSubstr("appartient à ce partenaire"));
    EXPECT_EQ(add(caf, convention(), local("Brique locale")).error().code, core::ErrorCode::Forbidden);
    EXPECT_TRUE(add(gironde_editor(), convention(), annex).ok());
}

TEST_P(CommitmentsTest, EveryFaultyFieldIsNamedInFrench)
{
    auto input = local("", "inconnu");
    input.priority = "P99";
    input.lead = "personne";
    input.target_value = 12;
    auto refused = add(gironde_editor(), convention(), input);
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(fields_of(refused.error()), ElementsAre("priority", "title", "lead", "indicator", "deadline"));

    input = local("Réduire les délais", "mdph_delai_traitement");
    input.target_value = 2;
    input.deadline = "2031-T4";
    EXPECT_THAT(fields_of(add(gironde_editor(), convention(), input).error()), ElementsAre("deadline"));
    input.section = "socle";
    EXPECT_THAT(fields_of(add(gironde_editor(), convention(), input).error()), ElementsAre("section"));
}

TEST_P(CommitmentsTest, NearDuplicatesAreWarnedAbout)
{
    EXPECT_THAT(warnings(commitments_of(convention())), IsEmpty());
    auto same_indicator = local("Accélérer les décisions pour les enfants", "mdph_delai_traitement");
    same_indicator.target_value = 2.8;
    same_indicator.deadline = "2028-T4";
    ASSERT_TRUE(add(gironde_editor(), convention(), same_indicator).ok());
    ASSERT_TRUE(add(gironde_editor(), convention(), local("Améliorer la satisfaction des usagers de la MDPH")).ok());

    auto found = warnings(commitments_of(convention()));
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].kind, "same_indicator");
    EXPECT_THAT(found[0].message, HasSubstr("même indicateur"));
    EXPECT_EQ(found[1].kind, "similar_titles");
}

TEST_P(CommitmentsTest, TheStatusFollowsTheTrajectory)
{
    auto waiting = socle(0);
    waiting.baseline_period = core::Period::quarter(2025, 4);
    waiting.baseline_value = 5;
    waiting.target_value = 3;
    waiting.deadline = core::Period::quarter(2029, 4);
    auto at = [&](double value) -> LatestValue {
        return [value](const catalogue::Indicator&, const std::vector<territory::TerritoryKey>&) {
            return std::optional(std::pair{core::Period::quarter(2027, 4), value});
        };
    };
    std::vector<territory::TerritoryKey> gironde = {*territory::TerritoryKey::parse("DEP-33")};
    EXPECT_EQ(assess_commitment(waiting, catalogue(), gironde, at(3.9)).status, targets::TargetStatus::OnTrack);
    EXPECT_EQ(assess_commitment(waiting, catalogue(), gironde, at(4.8)).status, targets::TargetStatus::Late);
    EXPECT_EQ(assess_commitment(waiting, catalogue(), gironde, at(2.9)).status, targets::TargetStatus::Reached);
    EXPECT_EQ(assess_commitment(waiting, catalogue(), gironde, nullptr).status, targets::TargetStatus::NotMeasurable);
    EXPECT_EQ(assess_commitment(socle(2), catalogue(), gironde, at(1)).status, targets::TargetStatus::NotMeasurable);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CommitmentsTest);

}  // namespace boussole::conventions
