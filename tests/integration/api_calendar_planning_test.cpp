// Planning over /api/v1/calendar on both backends: an organisation declares
// its constraints (and only its own), and find-a-date leaves out the days
// they cover, best first; faulty queries come back named in French.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;

class CalendarPlanningApiTest : public AppTest {};

TEST_P(CalendarPlanningApiTest, ADeclaredConstraintTakesItsDaysOutOfTheFreeDates)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto cd = actor("cd-33")["id"].get<std::int64_t>();
    auto mdph = actor("mdph-33")["id"].get<std::int64_t>();
    expect_problem(send("POST", "/api/v1/calendar/constraints",
                        {{"organisation_id", mdph},
                         {"first_day", "2027-03-17"},
                         {"last_day", "2027-03-17"},
                         {"reason", "Commission"}},
                        gironde),
                   403);
    auto declared = send("POST", "/api/v1/calendar/constraints",
                         {{"organisation_id", cd},
                          {"first_day", "2027-03-17"},
                          {"last_day", "2027-03-18"},
                          {"kinds", {"groupe_thematique"}},
                          {"reason", "Session budgétaire"}},
                         gironde);
    ASSERT_EQ(declared.status, 201) << declared.body;
    auto listed = json_of(get("/api/v1/calendar/constraints?organisation_id=" + std::to_string(cd), gironde));
    ASSERT_EQ(listed["total"], 1);
    EXPECT_EQ(listed["items"][0]["kinds"], nlohmann::json::array({"groupe_thematique"}));

    auto path = "/api/v1/calendar/free-dates?territory=DEP-33&audience_ids=" + std::to_string(cd) + "," +
                std::to_string(mdph) + "&duration_minutes=90&from=2027-03-15&to=2027-03-19";
    auto themed = json_of(get(path + "&kind=groupe_thematique", gironde));
    std::vector<std::string> starts;
    for (const auto& item : themed["items"])
        starts.push_back(item["starts"]);
    EXPECT_EQ(starts.size(), 6u);  // five days, two slots, less the two constrained days
    EXPECT_THAT(starts, ::testing::Not(::testing::Contains("2027-03-17T09:30")));
    EXPECT_EQ(themed["items"][0]["ends"], "2027-03-15T11:00");
    // The constraint only concerns thematic groups.
    EXPECT_EQ(json_of(get(path + "&kind=formation", gironde))["total"], 10);

    auto faulty =
        expect_problem(get("/api/v1/calendar/free-dates?territory=DEP-33&from=2027-03-15&to=2027-01-01", gironde), 422);
    EXPECT_THAT(faulty.dump(), HasSubstr("audience_ids"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CalendarPlanningApiTest);

}  // namespace boussole::test_support
