#include "instance/demo.hpp"
#include "instance/demo_targets.hpp"
#include "instance/reference_data.hpp"
#include "instance/settings.hpp"

#include "access/sessions.hpp"
#include "collection/demo_values.hpp"
#include "core/clock.hpp"
#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"
#include "targets/targets.hpp"

namespace boussole::instance {

class InstanceTest : public test_support::BackendTest {};

TEST_P(InstanceTest, LoadsReferenceDataOnceAndDemoAccounts)
{
    auto first = load_reference_data(database(), test_support::repository_data_dir(), ReloadPolicy::IfMissing);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->territories, 120);
    EXPECT_EQ(first->population_rows, 6060);
    EXPECT_GT(first->organisations, 600);
    EXPECT_EQ(first->framework_items, 26);
    EXPECT_EQ(first->catalogue_written, 16 + 72 + 43) << "sources, data elements and indicators of data/catalogue";
    EXPECT_EQ(first->catalogue_kept, 0);
    auto second = load_reference_data(database(), test_support::repository_data_dir(), ReloadPolicy::IfMissing);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->territories, 0);
    EXPECT_EQ(second->framework_items, 0);
    EXPECT_EQ(second->catalogue_written, 0);

    EXPECT_FALSE(database().read([](storage::Connection& connection) { return is_demo(connection); }));
    auto created = create_demo_accounts(database());
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(*created, static_cast<int>(demo_accounts().size()));
    EXPECT_EQ(*create_demo_accounts(database()), 0);
    EXPECT_TRUE(database().read([](storage::Connection& connection) { return is_demo(connection); }));
    for (const auto& account : demo_accounts())
        EXPECT_TRUE(access::login(database(), {account.email, kDemoPassword, "127.0.0.1", "test"}).ok())
            << account.email;
}

TEST_P(InstanceTest, ReportsAMissingDataDirectory)
{
    auto report = load_reference_data(database(), "/nonexistent", ReloadPolicy::Always);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().message.find("/nonexistent"), std::string::npos);
}

TEST_P(InstanceTest, DemoTargetsFollowTheDemoValues)
{
    ASSERT_TRUE(load_reference_data(database(), test_support::repository_data_dir(), ReloadPolicy::IfMissing).ok());
    auto values = collection::create_demo_values(database(), core::now());
    ASSERT_GT(values.cells, 0);

    auto created = create_demo_targets(database());
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(*created, 2 * kDemoTargetIndicators) << "the nation and one department for each indicator";
    auto again = create_demo_targets(database());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0) << "a second run keeps the targets as they are";

    auto targets =
        database().read([](storage::Connection& connection) { return targets::find_targets(connection, {}); });
    ASSERT_EQ(targets.size(), static_cast<std::size_t>(2 * kDemoTargetIndicators));
    for (const auto& target : targets) {
        EXPECT_LT(target.baseline_period, target.target_period) << target.indicator;
        EXPECT_NE(target.baseline_value, target.target_value) << target.indicator;
        EXPECT_NE(target.comment.find("démonstration"), std::string::npos);
    }
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(InstanceTest);

}  // namespace boussole::instance
