#include "access/policy.hpp"

#include <gtest/gtest.h>

namespace boussole::access {

namespace {

using territory::TerritoryKey;

territory::TerritoryRegistry registry()
{
    return territory::TerritoryRegistry::from_territories({
        {TerritoryKey::nation(), "France", std::nullopt, 2, 0},
        {TerritoryKey::region("75"), "Nouvelle-Aquitaine", TerritoryKey::nation(), 0, 1},
        {TerritoryKey::region("84"), "Auvergne-Rhône-Alpes", TerritoryKey::nation(), 0, 2},
        {TerritoryKey::department("33"), "Gironde", TerritoryKey::region("75"), 3, 3},
        {TerritoryKey::department("40"), "Landes", TerritoryKey::region("75"), 4, 4},
        {TerritoryKey::department("69"), "Rhône", TerritoryKey::region("84"), 2, 5},
    });
}

Principal person(Role role, std::vector<TerritoryKey> coverage)
{
    Principal principal;
    principal.kind = PrincipalKind::User;
    principal.user_id = 1;
    principal.role = role;
    principal.scope = Scope::from_coverage(coverage, registry());
    principal.can_write = role == Role::NationalAdmin || role == Role::TerritorialEditor || role == Role::Partner;
    return principal;
}

}  // namespace

TEST(Policy, AnonymousMustSignIn)
{
    auto status = require_territorial_write(Principal::anonymous(), {TerritoryKey::department("33")}, "modifier");
    EXPECT_EQ(status.error().code, core::ErrorCode::Unauthenticated);
}

TEST(Policy, DepartmentEditorWritesItsDepartmentOnly)
{
    auto editor = person(Role::TerritorialEditor, {TerritoryKey::department("33")});
    EXPECT_TRUE(require_territorial_write(editor, {TerritoryKey::department("33")}, "modifier").ok());
    auto other = require_territorial_write(editor, {TerritoryKey::department("40")}, "modifier cette fiche");
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, core::ErrorCode::Forbidden);
    EXPECT_NE(other.error().message.find("DEP-40"), std::string::npos);
    // The region is more than the department.
    EXPECT_FALSE(require_territorial_write(editor, {TerritoryKey::region("75")}, "modifier").ok());
}

TEST(Policy, RegionalEditorWritesTheDepartmentsOfItsRegion)
{
    auto ars = person(Role::TerritorialEditor, {TerritoryKey::region("75")});
    EXPECT_TRUE(
        require_territorial_write(ars, {TerritoryKey::department("33"), TerritoryKey::department("40")}, "x").ok());
    EXPECT_TRUE(require_territorial_write(ars, {TerritoryKey::region("75")}, "x").ok());
    EXPECT_FALSE(require_territorial_write(ars, {TerritoryKey::department("69")}, "x").ok());
    // Department 75 (Paris) is not in region 75 (Nouvelle-Aquitaine).
    EXPECT_FALSE(ars.scope.covers(TerritoryKey::department("75")));
}

TEST(Policy, ReadersAndAnalystsDoNotWrite)
{
    auto reader = person(Role::TerritorialReader, {TerritoryKey::department("33")});
    EXPECT_EQ(require_territorial_write(reader, {TerritoryKey::department("33")}, "x").error().code,
              core::ErrorCode::Forbidden);
    auto analyst = person(Role::NationalAnalyst, {TerritoryKey::nation()});
    EXPECT_FALSE(require_territorial_write(analyst, {TerritoryKey::department("33")}, "x").ok());
    EXPECT_FALSE(require_national_admin(analyst, "modifier le cadre national").ok());
    EXPECT_TRUE(require_territorial_read(analyst, TerritoryKey::department("69")).ok());
}

TEST(Policy, NationalAdminWritesEverywhere)
{
    auto admin = person(Role::NationalAdmin, {TerritoryKey::nation()});
    EXPECT_TRUE(require_national_admin(admin, "x").ok());
    EXPECT_TRUE(require_territorial_write(admin, {TerritoryKey::department("69")}, "x").ok());
    // A national role on a territorial organisation is not national.
    auto misplaced = person(Role::NationalAdmin, {TerritoryKey::department("33")});
    EXPECT_FALSE(require_national_admin(misplaced, "x").ok());
}

}  // namespace boussole::access
