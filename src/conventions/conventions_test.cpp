// The national template and the conventions on both backends: who publishes
// the socle commun, its faults named field by field, a convention copied
// from it with its parties, one convention per department and period, the
// departments a single collectivity covers, and who may read which.
#include "conventions/convention.hpp"

#include "support/conventions_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::conventions {

namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> fields_of(const core::Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

std::vector<std::string> party_slugs(const Convention& convention)
{
    std::vector<std::string> slugs;
    for (const auto& party : convention.parties)
        slugs.push_back(party.slug);
    return slugs;
}

}  // namespace

class ConventionsTest : public test_support::ConventionTest {};

TEST_P(ConventionsTest, OnlyNationalAdministratorsPublishTheTemplateAndEachPublicationIsAVersion)
{
    EXPECT_EQ(national_template().version, 1);
    ASSERT_EQ(national_template().items.size(), 3u);
    EXPECT_EQ(national_template().items[0].target_period->to_string(), "2029-T4");
    EXPECT_EQ(national_template().items[1].target_period->to_string(), "2029");

    auto refused = publish(gironde_editor(), test_support::national_template_input());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(refused.error().message, HasSubstr("administrateurs nationaux"));

    auto second = publish(national_admin(), test_support::national_template_input());
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->version, 2);
    auto latest =
        database().read([&](storage::Connection& connection) { return latest_template(connection, 2026, 2029); });
    ASSERT_TRUE(latest.has_value());
    EXPECT_EQ(latest->id, second->id);
}

TEST_P(ConventionsTest, EveryFaultOfTheTemplateIsNamedInFrench)
{
    auto input = test_support::national_template_input();
    input.items[0].priority = "P42";
    input.items[1].indicator = "inconnu";
    input.items[2].target_value = 12;
    auto refused = publish(national_admin(), input);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Invalid);
    EXPECT_THAT(fields_of(refused.error()),
                ElementsAre("items[0].priority", "items[1].indicator", "items[2].target_value"));
    EXPECT_THAT(refused.error().message, HasSubstr("priorité"));

    input = test_support::national_template_input();
    input.period_end = 2020;
    EXPECT_THAT(fields_of(publish(national_admin(), input).error()), ElementsAre("period_end"));
}

TEST_P(ConventionsTest, AConventionCopiesTheSocleCommunAndFindsItsParties)
{
    auto created = create({"DEP-33"}, gironde_editor(), {"caf-33"});
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->status, Status::Draft);
    EXPECT_EQ(created->version, 1);
    EXPECT_EQ(created->amendment, 0);
    EXPECT_EQ(created->template_id, national_template().id);
    EXPECT_THAT(created->title, HasSubstr("Gironde"));
    EXPECT_THAT(party_slugs(*created), ElementsAre("cnsa", "ars-75", "cd-33", "mdph-33", "caf-33"));

    auto commitments = commitments_of(created->id);
    ASSERT_EQ(commitments.size(), 3u);
    EXPECT_EQ(commitments[0].section, Section::Socle);
    EXPECT_EQ(commitments[0].lead, "cd-33");
    EXPECT_EQ(commitments[0].national_target, 3.0);
    EXPECT_EQ(commitments[0].indicator, "mdph_delai_traitement");
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'convention'"), 1);
}

TEST_P(ConventionsTest, ASecondConventionForTheSameDepartmentAndPeriodIsRefused)
{
    ASSERT_TRUE(create({"DEP-33"}).ok());
    auto second = create({"DEP-33"}, gironde_editor());
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(second.error().message, HasSubstr("a déjà une convention pour 2026-2029"));
    EXPECT_THAT(second.error().message, HasSubstr("unique"));
}

TEST_P(ConventionsTest, SeveralDepartmentsOnlyWhenOneCollectivityCoversThemAll)
{
    auto alsace = create({"DEP-67", "DEP-68"});
    ASSERT_TRUE(alsace.ok()) << alsace.error().message;
    EXPECT_THAT(party_slugs(*alsace), Contains("cea-alsace"));
    EXPECT_THAT(party_slugs(*alsace), Contains("mdph-67"));
    EXPECT_THAT(party_slugs(*alsace), Contains("mdph-68"));
    EXPECT_THAT(party_slugs(*alsace), Contains("ars-44"));
    EXPECT_EQ(alsace->territories.size(), 2u);

    auto corse = create({"DEP-2A", "DEP-2B"});
    ASSERT_TRUE(corse.ok()) << corse.error().message;
    EXPECT_THAT(party_slugs(*corse), Contains("collectivite-corse"));

    auto apart = create({"DEP-33", "DEP-40"});
    ASSERT_FALSE(apart.ok());
    EXPECT_EQ(apart.error().code, core::ErrorCode::Invalid);
    EXPECT_THAT(fields_of(apart.error()), ElementsAre("territories"));
    EXPECT_THAT(apart.error().message, HasSubstr("aucune collectivité"));

    auto region = create({"REG-75"});
    EXPECT_THAT(fields_of(region.error()), ElementsAre("territories"));
}

TEST_P(ConventionsTest, PublishingANewTemplateVersionNeverChangesExistingConventions)
{
    auto created = create({"DEP-33"});
    ASSERT_TRUE(created.ok());
    auto input = test_support::national_template_input();
    input.items.resize(1);
    input.items[0].target_value = 2.5;
    ASSERT_TRUE(publish(national_admin(), input).ok());

    auto commitments = commitments_of(created->id);
    ASSERT_EQ(commitments.size(), 3u);
    EXPECT_EQ(commitments[0].national_target, 3.0);
    auto again =
        database().read([&](storage::Connection& connection) { return find_convention(connection, created->id); });
    EXPECT_EQ(again->template_id, national_template().id);
}

TEST_P(ConventionsTest, CreatingAndReadingFollowTheScopes)
{
    auto outside = create({"DEP-40"}, gironde_editor());
    ASSERT_FALSE(outside.ok());
    EXPECT_EQ(outside.error().code, core::ErrorCode::Forbidden);
    auto reader = create({"DEP-33"}, person("mdph-33", access::Role::TerritorialReader));
    EXPECT_EQ(reader.error().code, core::ErrorCode::Forbidden);

    auto landes = create({"DEP-40"});
    auto gironde = create({"DEP-33"});
    ASSERT_TRUE(landes.ok() && gironde.ok());
    auto visible = [&](const access::Principal& principal) {
        return database().read([&](storage::Connection& connection) {
            std::vector<std::int64_t> ids;
            for (const auto& convention : list_conventions(connection, principal, registry(), {}))
                ids.push_back(convention.id);
            return ids;
        });
    };
    EXPECT_THAT(visible(gironde_editor()), ElementsAre(gironde->id));
    EXPECT_THAT(visible(national_admin()), ElementsAre(gironde->id, landes->id));
    EXPECT_THAT(visible(nouvelle_aquitaine_ars()), ElementsAre(gironde->id, landes->id));
    EXPECT_TRUE(visible(access::Principal::anonymous()).empty());
}

TEST_P(ConventionsTest, ARenamingFromAStaleVersionIsAConflict)
{
    auto created = create({"DEP-33"});
    ASSERT_TRUE(created.ok());
    auto rename = [&](int version, std::string title) {
        return in_write([&](storage::Connection& connection) {
            return rename_convention(connection, gironde_editor(), created->id, version, title);
        });
    };
    auto renamed = rename(1, "Convention de la Gironde");
    ASSERT_TRUE(renamed.ok()) << renamed.error().message;
    EXPECT_EQ(renamed->version, 2);
    auto stale = rename(1, "Autre intitulé");
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("personne.cd-33@essai.invalid"));
    EXPECT_EQ(rename(2, "  ").error().fields.at(0).field, "title");
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = 'convention' AND action = 'update'"), 1);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ConventionsTest);

}  // namespace boussole::conventions
