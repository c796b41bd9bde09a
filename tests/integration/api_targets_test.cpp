// /api/v1/targets over real HTTP, on both backends: a national administrator
// sets national targets, a department its own local ones and nobody else's,
// a stale version is refused with the name of who changed the target, every
// faulty field comes back named, and a deletion stays in the history.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

nlohmann::json waiting_time(const std::string& territory, const std::string& scope, double target = 90)
{
    return {{"indicator", "mdph_delai_traitement"},
            {"territory", territory},
            {"scope", scope},
            {"baseline_period", "2024-T4"},
            {"baseline_value", 120},
            {"target_period", "2027-T4"},
            {"target_value", target},
            {"comment", "Feuille de route 2025-2027"}};
}

std::string path_of(const nlohmann::json& target)
{
    return "/api/v1/targets/" + std::to_string(target["id"].get<std::int64_t>());
}

}  // namespace

class TargetsApiTest : public AppTest {
protected:
    // Creates a target as the national administrator; fails the test otherwise.
    nlohmann::json create(const nlohmann::json& body, const Credentials& as)
    {
        auto response = send("POST", "/api/v1/targets", body, as);
        EXPECT_EQ(response.status, 201) << response.body;
        return json_of(response);
    }
};

TEST_P(TargetsApiTest, ANationalTargetIsCreatedListedAndReadByEveryone)
{
    auto admin = sign_in(demo::kAdmin);
    auto response = send("POST", "/api/v1/targets", waiting_time("FR", "national"), admin);
    ASSERT_EQ(response.status, 201) << response.body;
    auto target = json_of(response);
    EXPECT_EQ(response.header("Location").value_or(""), path_of(target));
    EXPECT_EQ(target["indicator"], "mdph_delai_traitement");
    EXPECT_EQ(target["territory"], "FR");
    EXPECT_EQ(target["scope"], "national");
    EXPECT_EQ(target["baseline_period"], "2024-T4");
    EXPECT_EQ(target["baseline_value"], 120);
    EXPECT_EQ(target["target_period"], "2027-T4");
    EXPECT_EQ(target["target_value"], 90);
    EXPECT_EQ(target["comment"], "Feuille de route 2025-2027");
    EXPECT_EQ(target["version"], 1);
    EXPECT_FALSE(target["updated_at"].get<std::string>().empty());
    EXPECT_FALSE(target["updated_by"].get<std::string>().empty());

    auto listed = json_of(get("/api/v1/targets?indicator=mdph_delai_traitement&territory=FR"));
    ASSERT_EQ(listed["total"], 1);
    EXPECT_EQ(listed["items"][0]["id"], target["id"]);
    EXPECT_EQ(json_of(get("/api/v1/targets?territory=DEP-33"))["total"], 0);
    EXPECT_EQ(json_of(get(path_of(target)))["version"], 1);

    auto again = send("POST", "/api/v1/targets", waiting_time("FR", "national", 80), admin);
    EXPECT_THAT(expect_problem(again, 409)["detail"].get<std::string>(), HasSubstr("existe déjà"));
    expect_problem(get("/api/v1/targets?territory=DEP-20"), 422);
    expect_problem(get("/api/v1/targets?indicator=inconnu"), 422);
    expect_problem(get("/api/v1/targets/999999"), 404);
}

TEST_P(TargetsApiTest, AStaleUpdateIsAConflict)
{
    auto admin = sign_in(demo::kAdmin);
    auto target = create(waiting_time("DEP-33", "national"), admin);
    auto changed = send("PATCH", path_of(target), {{"version", 1}, {"target_value", 85}}, admin);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json_of(changed)["version"], 2);
    EXPECT_EQ(json_of(changed)["target_value"], 85);
    EXPECT_EQ(json_of(changed)["baseline_value"], 120);

    auto stale = send("PATCH", path_of(target), {{"version", 1}, {"target_value", 70}}, admin);
    auto problem = expect_problem(stale, 409);
    EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("La cible a été modifiée par"));
    EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("depuis votre lecture"));
    EXPECT_EQ(json_of(get(path_of(target)))["target_value"], 85);

    expect_problem(send("PATCH", path_of(target), {{"target_value", 70}}, admin), 422);
    auto moved = send("PATCH", path_of(target), {{"version", 2}, {"territory", "DEP-40"}}, admin);
    EXPECT_EQ(expect_problem(moved, 422)["errors"][0]["field"], "territory");
    expect_problem(send("PATCH", "/api/v1/targets/999999", {{"version", 1}}, admin), 404);
}

TEST_P(TargetsApiTest, ReadersAndOtherDepartmentsAreForbidden)
{
    auto reader = sign_in(demo::kGirondeReader);
    expect_problem(send("POST", "/api/v1/targets", waiting_time("DEP-33", "local"), reader), 403);
    expect_problem(send("POST", "/api/v1/targets", waiting_time("DEP-33", "local"), sign_in(demo::kAnalyst)), 403);
    expect_problem(send("POST", "/api/v1/targets", waiting_time("DEP-33", "local")), 401);

    auto gironde = sign_in(demo::kGirondeEditor);
    auto elsewhere = send("POST", "/api/v1/targets", waiting_time("DEP-40", "local"), gironde);
    EXPECT_THAT(expect_problem(elsewhere, 403)["detail"].get<std::string>(), HasSubstr("périmètre"));
    expect_problem(send("POST", "/api/v1/targets", waiting_time("DEP-33", "national"), gironde), 403);
    expect_problem(send("POST", "/api/v1/targets", waiting_time("DEP-33", "local"), gironde.without_csrf()), 403);
    auto own = create(waiting_time("DEP-33", "local"), gironde);
    EXPECT_EQ(own["scope"], "local");

    // The ARS acts on its region and the departments within it.
    auto ars = sign_in(demo::kArsEditor);
    auto regional = create(waiting_time("REG-75", "local"), ars);
    auto landes = create(waiting_time("DEP-40", "local"), ars);
    expect_problem(send("PATCH", path_of(landes), {{"version", 1}, {"target_value", 80}}, gironde), 403);
    expect_problem(del(path_of(regional), gironde), 403);
    expect_problem(del(path_of(own), reader), 403);
    auto national = create(waiting_time("DEP-33", "national"), sign_in(demo::kAdmin));
    expect_problem(send("PATCH", path_of(national), {{"version", 1}, {"target_value", 80}}, gironde), 403);
    EXPECT_EQ(json_of(get("/api/v1/targets?territory=DEP-33"))["total"], 2);
}

TEST_P(TargetsApiTest, FaultyFieldsAreNamed)
{
    auto admin = sign_in(demo::kAdmin);
    auto body = waiting_time("DEP-33", "national");
    body["indicator"] = "delai_inconnu";
    body["target_period"] = "2027";
    auto unknown = expect_problem(send("POST", "/api/v1/targets", body, admin), 422);
    std::vector<std::string> fields;
    for (const auto& error : unknown["errors"])
        fields.push_back(error["field"]);
    EXPECT_THAT(fields, ElementsAre("indicator"));

    body = waiting_time("DEP-33", "national");
    body["target_period"] = "2027";
    body["baseline_period"] = "2028-T1";
    auto periods = expect_problem(send("POST", "/api/v1/targets", body, admin), 422);
    EXPECT_EQ(periods["errors"][0]["field"], "target_period");

    body = waiting_time("DEP-33", "national");
    body["target_value"] = "90";
    EXPECT_EQ(expect_problem(send("POST", "/api/v1/targets", body, admin), 422)["errors"][0]["field"], "target_value");
    body = waiting_time("DEP-33", "national");
    body["cible"] = 90;
    EXPECT_EQ(expect_problem(send("POST", "/api/v1/targets", body, admin), 422)["errors"][0]["field"], "cible");
    body = waiting_time("DEP-33", "national");
    body.erase("baseline_value");
    EXPECT_EQ(expect_problem(send("POST", "/api/v1/targets", body, admin), 422)["errors"][0]["field"],
              "baseline_value");
    EXPECT_EQ(json_of(get("/api/v1/targets"))["total"], 0);
}

TEST_P(TargetsApiTest, TheHistoryKeepsEveryVersionAndTheDeletion)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto target = create(waiting_time("DEP-33", "local"), gironde);
    ASSERT_EQ(send("PATCH", path_of(target), {{"version", 1}, {"comment", "Révisée"}}, gironde).status, 200);
    expect_problem(del(path_of(target) + "?version=1", gironde), 409);
    auto deleted = del(path_of(target) + "?version=2", gironde);
    EXPECT_EQ(deleted.status, 204) << deleted.body;
    expect_problem(get(path_of(target)), 404);
    expect_problem(del(path_of(target), gironde), 404);
    EXPECT_EQ(json_of(get("/api/v1/targets"))["total"], 0);

    auto history = json_of(get(path_of(target) + "/history"));
    EXPECT_EQ(history["target"]["deleted"], true);
    EXPECT_EQ(history["target"]["version"], 3);
    std::vector<std::string> actions;
    for (const auto& version : history["versions"])
        actions.push_back(version["action"]);
    EXPECT_THAT(actions, ElementsAre("delete", "update", "create"));
    EXPECT_EQ(history["versions"][1]["comment"], "Révisée");
    EXPECT_EQ(history["versions"][2]["action_label"], "création");
    EXPECT_EQ(audit_count("indicator_target", std::to_string(target["id"].get<std::int64_t>())), 3);
    expect_problem(get("/api/v1/targets/999999/history"), 404);

    // Setting it again restores it as a new version.
    auto restored = create(waiting_time("DEP-33", "local", 95), gironde);
    EXPECT_EQ(restored["id"], target["id"]);
    EXPECT_EQ(restored["version"], 4);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(TargetsApiTest);

}  // namespace boussole::test_support
