// A partner added after creation and, at an amendment, the move to a newer
// socle commun, on both backends: who may, in which status, with which
// version, and what the convention holds afterwards.
#include "conventions/partners.hpp"

#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::conventions {

using ::testing::HasSubstr;

class PartnersTest : public test_support::ConventionTest {
protected:
    core::Result<Convention> add(const access::Principal& principal, std::int64_t id, const std::string& slug)
    {
        return in_write([&](storage::Connection& connection) -> core::Result<Convention> {
            auto current = find_convention(connection, id);
            return add_partner(connection, principal, id, current->version, slug);
        });
    }
    core::Result<Convention> adopt(const access::Principal& principal, std::int64_t id)
    {
        return in_write([&](storage::Connection& connection) -> core::Result<Convention> {
            auto current = find_convention(connection, id);
            return adopt_newer_template(connection, principal, id, current->version);
        });
    }
};

TEST_P(PartnersTest, APartnerJoinsADraftWithItsAnnex)
{
    auto created = create({"DEP-33"});
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto added = add(gironde_editor(), created->id, "caf-33");
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_EQ(added->parties.back().slug, "caf-33");
    EXPECT_EQ(added->parties.back().role, PartyRole::Partner);
    EXPECT_EQ(added->version, created->version + 1);

    EXPECT_THAT(add(gironde_editor(), created->id, "caf-33").error().message, HasSubstr("déjà partie"));
    EXPECT_EQ(add(gironde_editor(), created->id, "mdph-33").error().fields.front().field, "partner");
    EXPECT_EQ(add(gironde_editor(), created->id, "inconnue").error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(add(person("caf-33", access::Role::Partner), created->id, "dsden-33").error().code,
              core::ErrorCode::Forbidden);
    auto stale = in_write([&](storage::Connection& connection) {
        return add_partner(connection, gironde_editor(), created->id, created->version, "dsden-33");
    });
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);

    auto annex = local("Scolarisation en milieu ordinaire");
    annex.section = "partner";
    annex.partner = "caf-33";
    annex.lead = "caf-33";
    auto saved = ConventionTest::add(person("caf-33", access::Role::Partner), created->id, annex);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
}

TEST_P(PartnersTest, AnAmendmentTakesTheNewerSocleCommun)
{
    auto created = create({"DEP-33"});
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(adopt(gironde_editor(), created->id).error().code, core::ErrorCode::Conflict);
    ASSERT_TRUE(step(gironde_editor(), created->id, Step::ReadyToSign).ok());
    for (const auto& principal : {national_admin(), nouvelle_aquitaine_ars(), gironde_editor(),
                                  person("mdph-33", access::Role::TerritorialEditor)})
        ASSERT_TRUE(sign(principal, created->id).ok()) << principal.label;
    ASSERT_TRUE(step(gironde_editor(), created->id, Step::EnterIntoForce).ok());
    ASSERT_TRUE(step(gironde_editor(), created->id, Step::Amend).ok());
    auto unchanged = database().read([&](storage::Connection& connection) {
        return newer_template(connection, *find_convention(connection, created->id));
    });
    EXPECT_FALSE(unchanged.has_value());
    EXPECT_THAT(adopt(gironde_editor(), created->id).error().message, HasSubstr("déjà la dernière version"));

    auto input = test_support::national_template_input();
    input.items.push_back(
        {"P6", "Soutenir les proches aidants", "Une offre de répit dans chaque territoire.", "", std::nullopt, ""});
    auto published = publish(national_admin(), input);
    ASSERT_TRUE(published.ok()) << published.error().message;
    auto before = commitments_of(created->id).size();
    EXPECT_EQ(adopt(person("caf-33", access::Role::Partner), created->id).error().code, core::ErrorCode::Forbidden);
    auto adopted = adopt(gironde_editor(), created->id);
    ASSERT_TRUE(adopted.ok()) << adopted.error().message;
    EXPECT_EQ(adopted->template_id, published->id);
    auto after = commitments_of(created->id);
    ASSERT_EQ(after.size(), before + 1);
    EXPECT_EQ(after.back().title, "Soutenir les proches aidants");
    EXPECT_EQ(after.back().section, Section::Socle);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(PartnersTest);

}  // namespace boussole::conventions
