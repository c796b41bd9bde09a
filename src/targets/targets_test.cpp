// Targets on both backends: who may set national and local targets where,
// every field checked with a French message naming it, versions and their
// history, stale versions refused, deletion as a recorded version.
#include "targets/targets.hpp"

#include "storage/connection.hpp"
#include "support/values_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace boussole::targets {

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kWaitingTime = "mdph_delai_traitement";             // quarter, lower is better
constexpr const char* kSatisfaction = "mdph_taux_satisfaction";           // year, higher is better
constexpr const char* kEquity = "equite_cv_delai_mdph";                   // equity, quarter
constexpr const char* kNeutral = "aah_premieres_attributions_pour_1000";  // year, neutral

TargetInput waiting_time(std::string territory, std::string scope, double target = 90)
{
    return {kWaitingTime, std::move(territory), std::move(scope), "2024-T4", 120, "2027-T4", target, ""};
}

std::vector<std::string> fields_of(const core::Error& error)
{
    std::vector<std::string> fields;
    for (const auto& field : error.fields)
        fields.push_back(field.field);
    return fields;
}

}  // namespace

class TargetsTest : public test_support::CollectionTest {
protected:
    core::Result<Target> set(const access::Principal& principal, const TargetInput& input,
                             std::optional<int> expected_version = std::nullopt)
    {
        return database().write([&](storage::Connection& connection) {
            return set_target(connection, principal, registry(), catalogue(), input, expected_version);
        });
    }
    core::Result<Target> remove(const access::Principal& principal, std::int64_t id,
                                std::optional<int> expected_version = std::nullopt)
    {
        return database().write([&](storage::Connection& connection) {
            return delete_target(connection, principal, id, expected_version);
        });
    }
    std::vector<Target> list(TargetFilter filter = {})
    {
        return database().read([&](storage::Connection& connection) { return find_targets(connection, filter); });
    }
    std::vector<TargetVersion> history(std::int64_t id)
    {
        auto versions =
            database().read([&](storage::Connection& connection) { return target_history(connection, id); });
        return versions.ok() ? std::move(versions).value() : std::vector<TargetVersion>{};
    }
};

TEST_P(TargetsTest, ANationalAdministratorSetsANationalTargetAndEachChangeIsAVersion)
{
    auto admin = national_admin();
    auto created = set(admin, waiting_time("FR", "national"));
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->version, 1);
    EXPECT_EQ(created->territory, territory::TerritoryKey::nation());
    EXPECT_EQ(created->baseline_period, core::Period::quarter(2024, 4));
    EXPECT_EQ(created->target_period, core::Period::quarter(2027, 4));
    EXPECT_EQ(created->updated_by, admin.display_name);

    auto changed_input = waiting_time("FR", "national", 85);
    changed_input.comment = "  Objectif révisé en comité de pilotage.  ";
    auto changed = set(admin, changed_input, 1);
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    EXPECT_EQ(changed->id, created->id);
    EXPECT_EQ(changed->version, 2);
    EXPECT_EQ(changed->target_value, 85);
    EXPECT_EQ(changed->comment, "Objectif révisé en comité de pilotage.");

    // The same content again is no new version.
    auto same = set(admin, changed_input, 2);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->version, 2);

    auto versions = history(created->id);
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].version, 2);
    EXPECT_EQ(versions[0].action, "update");
    EXPECT_EQ(versions[0].target_value, 85);
    EXPECT_EQ(versions[1].action, "create");
    EXPECT_EQ(versions[1].target_value, 90);
    EXPECT_STREQ(action_label(versions[1].action), "création");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'indicator_target' AND entity_id = $1",
                    {std::to_string(created->id)}),
              2);
}

TEST_P(TargetsTest, EveryChangeMovesTheChangeSequenceTheDashboardsFollow)
{
    auto sequence = [&] { return count("SELECT last_value FROM change_sequences WHERE name = 'data_values'", {}); };
    auto admin = national_admin();
    auto before = sequence();
    auto created = set(admin, waiting_time("FR", "national"));
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(sequence(), before + 1);
    ASSERT_TRUE(set(admin, waiting_time("FR", "national", 85), 1).ok());
    EXPECT_EQ(sequence(), before + 2);
    // A refused change takes no number: its transaction is rolled back.
    EXPECT_FALSE(set(admin, waiting_time("FR", "national", 80), 1).ok());
    EXPECT_EQ(sequence(), before + 2);
}

TEST_P(TargetsTest, AStaleVersionIsAConflictThatNamesWhoChangedIt)
{
    auto admin = national_admin();
    auto created = set(admin, waiting_time("DEP-33", "national"));
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE(set(admin, waiting_time("DEP-33", "national", 80), 1).ok());
    auto stale = set(national_admin(), waiting_time("DEP-33", "national", 70), 1);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(stale.error().message, HasSubstr("La cible a été modifiée par " + admin.display_name));
    EXPECT_THAT(stale.error().message, HasSubstr("depuis votre lecture"));
    EXPECT_EQ(list({kWaitingTime}).front().target_value, 80);

    auto stale_delete = remove(admin, created->id, 1);
    ASSERT_FALSE(stale_delete.ok());
    EXPECT_EQ(stale_delete.error().code, core::ErrorCode::Conflict);
}

TEST_P(TargetsTest, OneTargetPerIndicatorTerritoryAndScope)
{
    auto admin = national_admin();
    ASSERT_TRUE(set(admin, waiting_time("DEP-33", "national")).ok());
    auto twice = set(admin, waiting_time("DEP-33", "national", 80));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(twice.error().message, HasSubstr("existe déjà"));
    // The department's own target lives beside the national one.
    ASSERT_TRUE(set(gironde_editor(), waiting_time("DEP-33", "local", 100)).ok());
    auto changing_nothing = set(admin, waiting_time("DEP-40", "national"), 1);
    ASSERT_FALSE(changing_nothing.ok());
    EXPECT_EQ(changing_nothing.error().code, core::ErrorCode::NotFound);

    auto targets = list({kWaitingTime, territory::TerritoryKey::department("33")});
    ASSERT_EQ(targets.size(), 2u);
    EXPECT_EQ(targets[0].scope, TargetScope::National);  // national first
    EXPECT_EQ(targets[1].scope, TargetScope::Local);
    EXPECT_EQ(list({"", std::nullopt, TargetScope::Local}).size(), 1u);
    EXPECT_TRUE(list({kSatisfaction}).empty());
}

TEST_P(TargetsTest, LocalTargetsStayWithinTheWritersScope)
{
    auto gironde = gironde_editor();
    EXPECT_TRUE(set(gironde, waiting_time("DEP-33", "local")).ok());
    for (const auto& [territory, scope] : std::vector<std::pair<const char*, const char*>>{
             {"DEP-40", "local"}, {"REG-75", "local"}, {"DEP-33", "national"}, {"FR", "national"}}) {
        auto refused = set(gironde, waiting_time(territory, scope));
        ASSERT_FALSE(refused.ok()) << territory << " " << scope;
        EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden) << territory << " " << scope;
    }
    EXPECT_THAT(set(gironde, waiting_time("DEP-40", "local")).error().message, HasSubstr("périmètre"));
    EXPECT_THAT(set(gironde, waiting_time("DEP-33", "national")).error().message, HasSubstr("cible locale"));

    // An ARS acts on its region and the departments within it.
    auto ars = nouvelle_aquitaine_ars();
    EXPECT_TRUE(set(ars, waiting_time("REG-75", "local")).ok());
    EXPECT_TRUE(set(ars, waiting_time("DEP-40", "local")).ok());
    EXPECT_EQ(set(ars, waiting_time("DEP-84", "local")).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(set(ars, waiting_time("REG-84", "local")).error().code, core::ErrorCode::Forbidden);

    // Readers, analysts, partners and read-only tokens set nothing.
    for (const auto& principal :
         {person("mdph-33", access::Role::TerritorialReader), person("cnsa", access::Role::NationalAnalyst),
          person("caf-33", access::Role::Partner), token("cd-33", false), access::Principal::anonymous()}) {
        auto refused = set(principal, waiting_time("DEP-33", "local", 95));
        ASSERT_FALSE(refused.ok());
        EXPECT_TRUE(refused.error().code == core::ErrorCode::Forbidden ||
                    refused.error().code == core::ErrorCode::Unauthenticated);
    }
    EXPECT_TRUE(set(token("cd-33", true), waiting_time("DEP-33", "local", 95), 1).ok());
}

TEST_P(TargetsTest, DeletionFollowsTheSameScopeRules)
{
    auto national = set(national_admin(), waiting_time("DEP-33", "national"));
    auto regional = set(nouvelle_aquitaine_ars(), waiting_time("REG-75", "local"));
    ASSERT_TRUE(national.ok() && regional.ok());
    EXPECT_EQ(remove(gironde_editor(), national->id).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(remove(gironde_editor(), regional->id).error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(remove(person("mdph-33", access::Role::TerritorialReader), regional->id).error().code,
              core::ErrorCode::Forbidden);
    EXPECT_EQ(list().size(), 2u);
}

TEST_P(TargetsTest, ADeletionIsARecordedVersionAndSettingAgainRestores)
{
    auto gironde = gironde_editor();
    auto created = set(gironde, waiting_time("DEP-33", "local"));
    ASSERT_TRUE(created.ok());
    auto deleted = remove(gironde, created->id, 1);
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    EXPECT_TRUE(deleted->deleted);
    EXPECT_EQ(deleted->version, 2);
    EXPECT_TRUE(list().empty());
    TargetFilter with_deleted;
    with_deleted.include_deleted = true;
    ASSERT_EQ(list(with_deleted).size(), 1u);
    EXPECT_EQ(remove(gironde, created->id).error().code, core::ErrorCode::NotFound);
    EXPECT_EQ(set(gironde, waiting_time("DEP-33", "local"), 2).error().code, core::ErrorCode::NotFound);

    auto restored = set(gironde, waiting_time("DEP-33", "local", 95));
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    EXPECT_EQ(restored->id, created->id);
    EXPECT_EQ(restored->version, 3);
    EXPECT_FALSE(restored->deleted);
    std::vector<std::string> actions;
    for (const auto& version : history(created->id))
        actions.push_back(version.action);
    EXPECT_THAT(actions, ElementsAre("restore", "delete", "create"));

    auto unknown = database().read([](storage::Connection& connection) { return target_history(connection, 999999); });
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
}

TEST_P(TargetsTest, EveryFaultyFieldIsNamedInFrench)
{
    auto admin = national_admin();
    TargetInput empty;
    auto nothing = set(admin, empty);
    ASSERT_FALSE(nothing.ok());
    EXPECT_EQ(nothing.error().code, core::ErrorCode::Invalid);
    EXPECT_THAT(fields_of(nothing.error()), ElementsAre("indicator", "territory", "scope", "baseline_period",
                                                        "baseline_value", "target_period", "target_value"));

    auto unknown = set(admin, {"delai_inconnu", "DEP-20", "national", "2024", 1, "2027", 2, ""});
    ASSERT_FALSE(unknown.ok());
    EXPECT_THAT(fields_of(unknown.error()), ElementsAre("indicator", "territory"));
    EXPECT_THAT(unknown.error().fields[0].message, HasSubstr("« delai_inconnu » inconnu"));
    EXPECT_THAT(unknown.error().fields[1].message, HasSubstr("2A"));

    // Years for a quarterly indicator; a deadline before the baseline.
    auto years = set(admin, {kWaitingTime, "FR", "national", "2024", 120, "2027", 90, ""});
    EXPECT_THAT(fields_of(years.error()), ElementsAre("baseline_period", "target_period"));
    auto backwards = set(admin, {kWaitingTime, "FR", "national", "2027-T4", 120, "2027-T4", 90, ""});
    EXPECT_THAT(fields_of(backwards.error()), ElementsAre("target_period"));
    EXPECT_THAT(backwards.error().message, HasSubstr("après la période de référence"));

    double nan = std::numeric_limits<double>::quiet_NaN();
    double infinity = std::numeric_limits<double>::infinity();
    auto numbers = set(admin, {kWaitingTime, "FR", "national", "2024-T4", nan, "2027-T4", infinity, ""});
    EXPECT_THAT(fields_of(numbers.error()), ElementsAre("baseline_value", "target_value"));

    auto long_comment = waiting_time("FR", "national");
    long_comment.comment = std::string(2001, 'a');
    EXPECT_THAT(fields_of(set(admin, long_comment).error()), ElementsAre("comment"));
    long_comment.comment = "\xC3\x28";
    EXPECT_THAT(fields_of(set(admin, long_comment).error()), ElementsAre("comment"));

    EXPECT_THAT(fields_of(set(admin, waiting_time("FR", "local")).error()), ElementsAre("scope"));
    EXPECT_THAT(fields_of(set(admin, waiting_time("FR", "regional")).error()), ElementsAre("scope"));
    auto flat = set(admin, {kNeutral, "FR", "national", "2023", 5.2, "2027", 5.2, ""});
    EXPECT_THAT(fields_of(flat.error()), ElementsAre("target_value"));
    EXPECT_TRUE(set(admin, {kNeutral, "FR", "national", "2023", 5.2, "2027", 4.8, ""}).ok());

    // Equity indicators have targets too, for the nation or a region.
    EXPECT_TRUE(set(admin, {kEquity, "FR", "national", "2024-T4", 30, "2027-T4", 20, ""}).ok());
    EXPECT_TRUE(set(admin, {kEquity, "REG-75", "national", "2024-T4", 30, "2027-T4", 20, ""}).ok());
    auto department = set(admin, {kEquity, "DEP-33", "national", "2024-T4", 30, "2027-T4", 20, ""});
    EXPECT_THAT(fields_of(department.error()), ElementsAre("territory"));
    EXPECT_EQ(list().size(), 3u);
}

TEST_P(TargetsTest, ATargetGivesItsTrajectory)
{
    auto saved = set(national_admin(), {kSatisfaction, "DEP-33", "national", "2024", 60, "2028", 80, ""});
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    const auto* indicator = catalogue().find_indicator(kSatisfaction);
    ASSERT_NE(indicator, nullptr);
    auto assessment = assess(trajectory_of(*saved, *indicator), std::pair{core::Period::year(2026), 72.0});
    EXPECT_EQ(assessment.status, TargetStatus::OnTrack);
    EXPECT_THAT(assessment.explanation, HasSubstr("vers 80,0 en 2028"));
    auto json = to_json(*saved);
    EXPECT_EQ(json["territory"], "DEP-33");
    EXPECT_EQ(json["scope"], "national");
    EXPECT_EQ(json["target_period"], "2028");
    EXPECT_EQ(json["version"], 1);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(TargetsTest);

}  // namespace boussole::targets
