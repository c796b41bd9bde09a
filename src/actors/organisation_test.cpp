#include "actors/organisation.hpp"
#include "actors/organisation_changes.hpp"

#include "access/users.hpp"
#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"

namespace boussole::actors {

using territory::TerritoryKey;

class OrganisationTest : public test_support::BackendTest {
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        test_support::load_reference(database());
        m_registry = test_support::load_registry(database());
    }

    Organisation by_slug(const std::string& slug)
    {
        auto found = database().read(
            [&](storage::Connection& connection) { return find_organisation_by_slug(connection, slug); });
        EXPECT_TRUE(found.ok()) << slug;
        return found.ok() ? *found : Organisation{};
    }

    access::Principal editor_of(const std::string& slug)
    {
        access::Principal principal;
        principal.kind = access::PrincipalKind::User;
        principal.user_id = 1;
        principal.role = access::Role::TerritorialEditor;
        principal.can_write = true;
        principal.scope = access::Scope::from_coverage(by_slug(slug).territories, m_registry);
        return principal;
    }

    core::Page<Organisation> search(OrganisationQuery query)
    {
        auto page =
            database().read([&](storage::Connection& connection) { return search_organisations(connection, query); });
        EXPECT_TRUE(page.ok());
        return page.ok() ? *page : core::Page<Organisation>{};
    }

    territory::TerritoryRegistry m_registry;
};

TEST_P(OrganisationTest, KnowsTheSpecialCasesOfDepartmentalCollectivities)
{
    EXPECT_EQ(by_slug("cea-alsace").territories,
              (std::vector<TerritoryKey>{TerritoryKey::department("67"), TerritoryKey::department("68")}));
    EXPECT_EQ(by_slug("collectivite-corse").territories,
              (std::vector<TerritoryKey>{TerritoryKey::department("2A"), TerritoryKey::department("2B")}));
    auto rhone = database().read([](storage::Connection& connection) {
        return organisations_in_territory(connection, TerritoryKey::department("69"));
    });
    int collectivities = 0;
    for (const auto& organisation : rhone)
        if (organisation.type->code == "departement")
            ++collectivities;
    EXPECT_EQ(collectivities, 2);  // Département du Rhône and Métropole de Lyon
    EXPECT_EQ(by_slug("ars-75").territories, (std::vector<TerritoryKey>{TerritoryKey::region("75")}));
}

TEST_P(OrganisationTest, ATerritoryListsTheActorsPresent)
{
    auto gironde = database().read([](storage::Connection& connection) {
        return organisations_in_territory(connection, TerritoryKey::department("33"));
    });
    std::vector<std::string> slugs;
    for (const auto& organisation : gironde)
        slugs.push_back(organisation.slug);
    EXPECT_NE(std::find(slugs.begin(), slugs.end(), "cd-33"), slugs.end());
    EXPECT_NE(std::find(slugs.begin(), slugs.end(), "mdph-33"), slugs.end());
    EXPECT_NE(std::find(slugs.begin(), slugs.end(), "ars-75"), slugs.end());  // the region's ARS
    EXPECT_EQ(std::find(slugs.begin(), slugs.end(), "cd-40"), slugs.end());
    EXPECT_EQ(std::find(slugs.begin(), slugs.end(), "cnsa"), slugs.end());  // national, not local
    EXPECT_EQ(gironde.front().type->code, "ars");                           // in type order
}

TEST_P(OrganisationTest, SearchesFiltersAndPaginates)
{
    OrganisationQuery query;
    query.search = "mdph gironde";
    auto found = search(query);
    ASSERT_EQ(found.total, 1);
    EXPECT_EQ(found.items[0].slug, "mdph-33");

    query = {};
    query.search = "Île-de-France";  // accents and case folded
    EXPECT_GE(search(query).total, 2);

    query = {};
    query.type = "ars";
    query.page.size = 5;
    auto ars = search(query);
    EXPECT_EQ(ars.total, 18);
    EXPECT_EQ(ars.items.size(), 5u);
    EXPECT_EQ(ars.page_count(), 4);
    EXPECT_FALSE(ars.items[0].territories.empty());

    query = {};
    query.territory = TerritoryKey::region("94");
    query.type = "departement";
    auto corsica = search(query);
    ASSERT_EQ(corsica.total, 1);
    EXPECT_EQ(corsica.items[0].slug, "collectivite-corse");

    // An injection attempt is only text: it finds what its words find.
    query = {};
    query.search = "or 1 1";
    auto plain = search(query).total;
    query.search = "%' OR '1'='1";
    EXPECT_EQ(search(query).total, plain);
    EXPECT_LT(plain, search({}).total);
    query = {};
    query.search = "100%";
    EXPECT_EQ(search(query).total, 0);

    auto wrong = database().read([](storage::Connection& connection) {
        OrganisationQuery bad;
        bad.type = "prefecture";
        return search_organisations(connection, bad);
    });
    EXPECT_EQ(wrong.error().code, core::ErrorCode::Invalid);
}

TEST_P(OrganisationTest, EditorsUpdateContactsWithinTheirScopeOnly)
{
    auto mdph = by_slug("mdph-33");
    ContactChanges changes;
    changes.website = "https://www.mdph33.fr";
    changes.phone = "05 56 99 66 99";
    auto updated = database().write([&](storage::Connection& connection) {
        return update_contact(connection, editor_of("cd-33"), mdph.id, mdph.version, changes);
    });
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    EXPECT_EQ(updated->website, "https://www.mdph33.fr");
    EXPECT_EQ(updated->version, mdph.version + 1);

    auto landes = by_slug("mdph-40");
    auto refused = database().write([&](storage::Connection& connection) {
        return update_contact(connection, editor_of("cd-33"), landes.id, landes.version, changes);
    });
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);

    // The ARS edits the departments of its region.
    auto by_ars = database().write([&](storage::Connection& connection) {
        return update_contact(connection, editor_of("ars-75"), landes.id, landes.version, changes);
    });
    EXPECT_TRUE(by_ars.ok());

    auto stale = database().write([&](storage::Connection& connection) {
        return update_contact(connection, editor_of("cd-33"), mdph.id, mdph.version, changes);
    });
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);

    ContactChanges bad;
    bad.website = "javascript:alert(1)";
    auto invalid = database().write([&](storage::Connection& connection) {
        return update_contact(connection, editor_of("cd-33"), mdph.id, mdph.version + 1, bad);
    });
    EXPECT_EQ(invalid.error().fields[0].field, "website");
}

TEST_P(OrganisationTest, NationalAdministratorsCreatePartners)
{
    NewOrganisation cpam{"cpam-33", "cpam", "CPAM de la Gironde", "CPAM 33", {"DEP-33"}};
    auto created = database().write([&](storage::Connection& connection) {
        return create_organisation(connection, access::Principal::system(), m_registry, cpam);
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->territories, (std::vector<TerritoryKey>{TerritoryKey::department("33")}));
    auto duplicate = database().write([&](storage::Connection& connection) {
        return create_organisation(connection, access::Principal::system(), m_registry, cpam);
    });
    EXPECT_EQ(duplicate.error().code, core::ErrorCode::Conflict);
    NewOrganisation wrong_territory{"cpam-2c", "cpam", "CPAM", "", {"DEP-2C"}};
    auto refused = database().write([&](storage::Connection& connection) {
        return create_organisation(connection, access::Principal::system(), m_registry, wrong_territory);
    });
    EXPECT_EQ(refused.error().fields[0].field, "territories");
    auto by_editor = database().write([&](storage::Connection& connection) {
        NewOrganisation other = cpam;
        other.slug = "cpam-33-bis";
        return create_organisation(connection, editor_of("cd-33"), m_registry, other);
    });
    EXPECT_EQ(by_editor.error().code, core::ErrorCode::Forbidden);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(OrganisationTest);

}  // namespace boussole::actors
