// The national framework over HTTP: read by everyone (with an ETag that
// follows every edit), edited by the CNSA's national administrators only,
// each version kept.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class FrameworkApiTest : public AppTest {};

TEST_P(FrameworkApiTest, ReturnsTheValuesPrinciplesAndAxesWithTheirPriorities)
{
    auto response = get("/api/v1/framework");
    ASSERT_EQ(response.status, 200) << response.body;
    auto framework = json_of(response);
    EXPECT_EQ(framework.at("values").size(), 6u);
    EXPECT_EQ(framework.at("principles").size(), 6u);
    ASSERT_EQ(framework.at("axes").size(), 3u);
    std::size_t priorities = 0;
    for (const auto& axis : framework.at("axes")) {
        EXPECT_EQ(axis.at("kind"), "axis");
        for (const auto& priority : axis.at("priorities")) {
            EXPECT_EQ(priority.at("axis"), axis.at("code"));
            ++priorities;
        }
    }
    EXPECT_EQ(priorities, 11u);
    EXPECT_EQ(framework.at("axes")[0].at("priorities")[0].at("code"), "P1");

    const auto& efficiency = framework.at("values")[5];
    EXPECT_EQ(efficiency.at("code"), "efficience");
    EXPECT_TRUE(efficiency.at("awaiting_confirmation").get<bool>());
    EXPECT_TRUE(efficiency.at("body").empty()) << "the bullets of Transparence are not copied";

    EXPECT_GT(framework.at("revision").get<std::int64_t>(), 0);
    EXPECT_EQ(response.header("ETag").value_or(""),
              "\"cadre-" + std::to_string(framework.at("revision").get<std::int64_t>()) + "\"");
}

TEST_P(FrameworkApiTest, AnswersNotModifiedUntilTheFrameworkChanges)
{
    auto first = get("/api/v1/framework");
    auto etag = first.header("ETag").value_or("");
    ASSERT_FALSE(etag.empty());

    auto unchanged = get("/api/v1/framework", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());
    EXPECT_EQ(unchanged.header("ETag").value_or(""), etag);
    EXPECT_EQ(get("/api/v1/framework", {}, {{"If-None-Match", "\"autre\", W/" + etag}}).status, 304);
    EXPECT_EQ(get("/api/v1/framework", {}, {{"If-None-Match", "*"}}).status, 304);
    EXPECT_EQ(get("/api/v1/framework", {}, {{"If-None-Match", "\"cadre-0\""}}).status, 200);

    auto admin = sign_in(demo::kAdmin);
    ASSERT_EQ(
        send("PATCH", "/api/v1/framework/axis/A1", {{"title", "Mieux accompagner"}, {"version", 1}}, admin).status,
        200);
    auto changed = get("/api/v1/framework", {}, {{"If-None-Match", etag}});
    EXPECT_EQ(changed.status, 200);
    EXPECT_NE(changed.header("ETag").value_or(etag), etag);
    EXPECT_EQ(json_of(changed).at("axes")[0].at("title"), "Mieux accompagner");
}

TEST_P(FrameworkApiTest, ReturnsOneItem)
{
    auto priority = json_of(get("/api/v1/framework/priority/P1"));
    EXPECT_EQ(priority.at("kind"), "priority");
    EXPECT_EQ(priority.at("axis"), "A1");
    EXPECT_EQ(priority.at("position"), 1);
    EXPECT_FALSE(priority.at("summary").get<std::string>().empty());
    auto value = json_of(get("/api/v1/framework/value/confiance"));
    EXPECT_FALSE(value.at("body").empty());
    EXPECT_TRUE(value.at("axis").is_null());

    expect_problem(get("/api/v1/framework/priority/P12"), 404);
    expect_problem(get("/api/v1/framework/priorite/P1"), 404);
    expect_problem(get("/api/v1/framework/value/%FF%FE"), 404);
    expect_problem(get("/api/v1/framework/value/P1"), 404);
}

TEST_P(FrameworkApiTest, TheNationalAdministratorEditsAnItemAndItsHistoryGrows)
{
    auto admin = sign_in(demo::kAdmin);
    nlohmann::json changes{{"title", "Efficience"},
                           {"body", {"Utiliser au mieux les moyens de la branche.", "  ", "Mesurer pour ajuster."}},
                           {"awaiting_confirmation", false},
                           {"confirmation_note", ""},
                           {"change_note", "Description confirmée par la CNSA."},
                           {"version", 1}};
    auto response = send("PATCH", "/api/v1/framework/value/efficience", changes, admin);
    ASSERT_EQ(response.status, 200) << response.body;
    auto item = json_of(response);
    EXPECT_EQ(item.at("version"), 2);
    EXPECT_EQ(item.at("body"),
              nlohmann::json({"Utiliser au mieux les moyens de la branche.", "Mesurer pour ajuster."}));
    EXPECT_FALSE(item.at("awaiting_confirmation").get<bool>());
    EXPECT_EQ(json_of(get("/api/v1/framework/value/efficience")), item);

    auto history = json_of(get("/api/v1/framework/value/efficience/history"));
    EXPECT_EQ(history.at("kind"), "value");
    EXPECT_EQ(history.at("code"), "efficience");
    ASSERT_EQ(history.at("total"), 2);
    EXPECT_EQ(history.at("items")[0].at("version"), 2);
    EXPECT_EQ(history.at("items")[0].at("change_note"), "Description confirmée par la CNSA.");
    EXPECT_EQ(history.at("items")[0].at("changed_by"), "Camille Martin (démo)");
    EXPECT_EQ(history.at("items")[1].at("version"), 1);
    EXPECT_EQ(history.at("items")[1].at("changed_by"), "données de référence");
    EXPECT_TRUE(history.at("items")[1].at("awaiting_confirmation").get<bool>());
    auto second_page = json_of(get("/api/v1/framework/value/efficience/history?page_size=1&page=2"));
    EXPECT_EQ(second_page.at("items")[0].at("version"), 1);

    EXPECT_EQ(audit_count("framework_item", "value:efficience"), 1);
    expect_problem(get("/api/v1/framework/value/inconnue/history"), 404);
}

TEST_P(FrameworkApiTest, RefusesInvalidEditsAndStaleVersions)
{
    auto admin = sign_in(demo::kAdmin);
    auto path = "/api/v1/framework/priority/P3";
    auto empty_title = expect_problem(send("PATCH", path, {{"title", "   "}, {"version", 1}}, admin), 422);
    EXPECT_EQ(empty_title.at("errors")[0].at("field"), "title");
    auto bullets = expect_problem(send("PATCH", path, {{"body", "une seule chaîne"}, {"version", 1}}, admin), 422);
    EXPECT_EQ(bullets.at("errors")[0].at("field"), "body");
    auto pending = expect_problem(send("PATCH", path, {{"awaiting_confirmation", true}, {"version", 1}}, admin), 422);
    EXPECT_EQ(pending.at("errors")[0].at("field"), "confirmation_note");
    auto unknown = expect_problem(send("PATCH", path, {{"titre", "Équité"}, {"version", 1}}, admin), 422);
    EXPECT_EQ(unknown.at("errors")[0].at("field"), "titre");
    expect_problem(send("PATCH", path, {{"title", "Équité"}}, admin), 422);

    ASSERT_EQ(send("PATCH", path, {{"summary", "Nouvel énoncé."}, {"version", 1}}, admin).status, 200);
    auto stale = expect_problem(send("PATCH", path, {{"summary", "Autre énoncé."}, {"version", 1}}, admin), 409);
    EXPECT_NE(stale.at("detail").get<std::string>().find("version 2"), std::string::npos);
    EXPECT_EQ(json_of(get(path)).at("summary"), "Nouvel énoncé.");
}

TEST_P(FrameworkApiTest, OnlyNationalAdministratorsEditTheFramework)
{
    nlohmann::json changes{{"title", "Autre intitulé"}, {"version", 1}};
    for (const char* email : {demo::kAnalyst, demo::kArsEditor, demo::kGirondeReader, demo::kPartner}) {
        auto problem = expect_problem(send("PATCH", "/api/v1/framework/axis/A2", changes, sign_in(email)), 403);
        EXPECT_NE(problem.at("detail").get<std::string>().find("administrateurs nationaux"), std::string::npos);
    }
    expect_problem(send("PATCH", "/api/v1/framework/axis/A2", changes), 401);
    expect_problem(send("PATCH", "/api/v1/framework/axis/A2", changes, Credentials::token(create_token("cnsa", true))),
                   403);
    auto admin = sign_in(demo::kAdmin);
    expect_problem(send("PATCH", "/api/v1/framework/axis/A2", changes, admin.without_csrf()), 403);
    EXPECT_EQ(json_of(get("/api/v1/framework/axis/A2")).at("version"), 1);
    EXPECT_EQ(send("PATCH", "/api/v1/framework/axis/A2", changes, admin).status, 200);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(FrameworkApiTest);

}  // namespace boussole::test_support
