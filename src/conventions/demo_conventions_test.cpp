// The demonstration conventions: one for every department but the Dordogne,
// in a realistic mix of states, with plausible signers and dates, an
// amendment whose diff shows a change, and nothing more on a second run.
#include "conventions/demo_conventions.hpp"
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "conventions/versions.hpp"

#include "support/values_fixture.hpp"

#include <gtest/gtest.h>

#include <map>

namespace boussole::conventions {

class DemoConventionsTest : public test_support::CollectionTest {};

TEST_P(DemoConventionsTest, EveryDepartmentButTheDordogneHasExactlyOneConvention)
{
    auto report = create_demo_conventions(database());
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_FALSE(report->skipped);
    // 101 departments; Alsace and Corse share one each; the Dordogne has none.
    EXPECT_EQ(report->conventions, 98);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM convention_territories WHERE territory_key = 'DEP-24'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM (SELECT territory_key FROM convention_territories "
                    "GROUP BY territory_key HAVING COUNT(*) > 1) AS twice"),
              0);
    for (const auto* department : registry().departments()) {
        auto key = department->key.to_string();
        EXPECT_EQ(count("SELECT COUNT(*) AS n FROM convention_territories WHERE territory_key = $1", {key}),
                  key == "DEP-24" ? 0 : 1)
            << key;
    }

    std::map<std::string, std::int64_t> states;
    auto system = access::Principal::system("test");
    auto all = database().read(
        [&](storage::Connection& connection) { return list_conventions(connection, system, registry(), {}); });
    int amended = 0;
    for (const auto& convention : all) {
        ++states[to_string(convention.status)];
        amended += convention.amendment > 0;
        EXPECT_NE(convention.title.find("(démonstration)"), std::string::npos) << convention.title;
        if (convention.status == Status::InForce)
            for (const auto& party : convention.parties) {
                ASSERT_TRUE(party.signed_at.has_value()) << convention.title << " " << party.name;
                // Signed in 2026, the convention's first year, not at the moment of the demonstration.
                EXPECT_EQ(core::to_iso8601(*party.signed_at).substr(0, 4), "2026");
            }
    }
    EXPECT_GT(states["in_force"], static_cast<std::int64_t>(all.size()) / 2);
    EXPECT_GE(states["consultation"], 5);
    EXPECT_GE(states["ready_to_sign"], 5);  // some still waiting for a first signature, some partly signed
    EXPECT_EQ(states["draft"], 1);          // the Corse
    EXPECT_GE(amended, 5);
    EXPECT_GT(count("SELECT COUNT(*) AS n FROM convention_parties WHERE role = 'partner'"), 98);
    EXPECT_GT(count("SELECT COUNT(*) AS n FROM convention_parties WHERE signed_by LIKE '%(démo), présidente'"), 0);

    // An amended department: the diff between the initial text and the
    // amendment names a changed and an added commitment.
    auto nord = database().read([&](storage::Connection& connection) {
        ConventionFilter filter;
        filter.territory = *territory::TerritoryKey::parse("DEP-59");
        return list_conventions(connection, system, registry(), filter);
    });
    ASSERT_EQ(nord.size(), 1u);
    auto commitments =
        database().read([&](storage::Connection& connection) { return list_commitments(connection, nord.front().id); });
    EXPECT_GE(commitments.size(), 8u);  // the socle, three local ones, one annex or two

    auto before = count("SELECT COUNT(*) AS n FROM convention_commitments");
    auto again = create_demo_conventions(database());
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(again->skipped);
    EXPECT_EQ(again->conventions, 0);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM convention_commitments"), before);
}

TEST_P(DemoConventionsTest, AnAmendedConventionShowsItsChanges)
{
    ASSERT_TRUE(create_demo_conventions(database()).ok());
    auto system = access::Principal::system("test");
    auto all = database().read(
        [&](storage::Connection& connection) { return list_conventions(connection, system, registry(), {}); });
    int checked = 0;
    for (const auto& convention : all) {
        if (convention.amendment == 0 || convention.territories.front().to_string() == "DEP-33")
            continue;
        auto changes = database().read([&](storage::Connection& connection) {
            return diff(*version_snapshot(connection, convention.id, 0),
                        *version_snapshot(connection, convention.id, 1));
        });
        bool added = false, changed = false;
        for (const auto& change : changes) {
            added = added || change.change == "added";
            changed = changed || change.change == "changed";
        }
        EXPECT_TRUE(added) << convention.title;
        EXPECT_TRUE(changed) << convention.title;
        ++checked;
    }
    EXPECT_GE(checked, 4);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(DemoConventionsTest);

}  // namespace boussole::conventions
