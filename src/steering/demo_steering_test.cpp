// The demonstration roadmaps and ITAs: every department steered, 15 to 30
// actions each with some late, done and abandoned (with a reason), an ITA
// with members, meetings and decisions, consultations on two roadmaps with
// contributions on actions and answers, and nothing more on a second run.
#include "steering/demo_steering.hpp"
#include "steering/ita.hpp"
#include "steering/roadmap.hpp"

#include "support/values_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::steering {

class DemoSteeringTest : public test_support::CollectionTest {};

TEST_P(DemoSteeringTest, EveryDepartmentGetsARoadmapAndAnItaOnce)
{
    using namespace std::chrono;
    auto today = year{2026} / November / 24;
    auto report = create_demo_steering(database(), registry(), today);
    EXPECT_GE(report.territories, 100);
    EXPECT_GE(report.actions, 15 * report.territories);
    EXPECT_LE(report.actions, 30 * report.territories);
    EXPECT_GT(report.decisions, report.territories);

    auto gironde = database().read(
        [&](storage::Connection& connection) { return *steered_territory(connection, registry(), "DEP-33"); });
    auto actions = database().read([&](storage::Connection& connection) {
        return list_actions(connection, gironde, {}, ActionSort::DueDate, false, today);
    });
    EXPECT_GE(actions.size(), 15u);
    EXPECT_LE(actions.size(), 30u);
    std::int64_t late = 0, done = 0, abandoned = 0;
    for (const auto& action : actions) {
        late += action.late(today);
        done += action.status == ActionStatus::Done;
        if (action.status == ActionStatus::Abandoned) {
            ++abandoned;
            EXPECT_FALSE(action.abandon_reason.empty());
        }
    }
    EXPECT_GT(late, 0);
    EXPECT_GT(done + abandoned, 0);
    EXPECT_GT(count("SELECT COUNT(*) AS n FROM roadmap_actions WHERE status = 'abandoned'"), 0);
    auto members = database().read([&](storage::Connection& connection) { return list_members(connection, gironde); });
    EXPECT_GE(members.size(), 5u);
    EXPECT_EQ(members.front().role, MemberRole::CoChairArs);
    auto meetings =
        database().read([&](storage::Connection& connection) { return list_meetings(connection, gironde); });
    EXPECT_EQ(meetings.size(), 5u);
    EXPECT_GT(meetings.front().held_on, day_text(today));

    EXPECT_EQ(report.consultations, 2);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM consultations WHERE subject_kind = 'roadmap'"), 2);
    EXPECT_GT(count("SELECT COUNT(*) AS n FROM consultation_contributions c JOIN consultations k "
                    "ON k.id = c.consultation_id WHERE k.subject_key = 'DEP-33' AND c.item_id IS NOT NULL "
                    "AND c.answer IS NOT NULL"),
              0);

    auto before = count("SELECT COUNT(*) AS n FROM roadmap_actions");
    auto again = create_demo_steering(database(), registry(), today);
    EXPECT_EQ(again.actions, 0);
    EXPECT_EQ(again.meetings, 0);
    EXPECT_EQ(again.consultations, 0);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM consultations"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM roadmap_actions"), before);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(DemoSteeringTest);

}  // namespace boussole::steering
