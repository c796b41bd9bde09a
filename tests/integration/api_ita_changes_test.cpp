// Changing and removing the ITA's members and decisions, and consulting a
// territory's roadmap, over real HTTP on both backends: PATCH with the
// version read (409 naming who changed it when stale, 422 naming the
// field), DELETE as a recorded version (the decision's history keeps it),
// 403 outside the territory's editors; a consultation opened on the
// Gironde's roadmap, the CAF contributing on one of its actions (an action
// of another territory is a 422 naming action_id) and the department
// answering; the pages of these forms answer.
#include "integration/app_fixture.hpp"

#include "core/clock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace boussole::test_support {

using ::testing::HasSubstr;

namespace {

std::string day_from_today(int days)
{
    return core::to_iso8601(core::now() + std::chrono::days(days)).substr(0, 10);
}

}  // namespace

class ItaChangesApiTest : public AppTest {};

TEST_P(ItaChangesApiTest, AMemberIsChangedFromItsVersionAndRemoved)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto created = send("POST", "/api/v1/territories/DEP-33/ita/members",
                        {{"organisation", "caf-33"}, {"role", "partenaire"}, {"starts_on", "2026-01-01"}}, gironde);
    ASSERT_EQ(created.status, 201) << created.body;
    auto path = "/api/v1/territories/DEP-33/ita/members/" + std::to_string(json_of(created)["id"].get<std::int64_t>());

    auto ars = sign_in(demo::kArsEditor);
    auto changed =
        send("PATCH", path, {{"version", 1}, {"role", "conference_financeurs"}, {"ends_on", "2028-12-31"}}, ars);
    ASSERT_EQ(changed.status, 200) << changed.body;
    auto member = json_of(changed);
    EXPECT_EQ(member["role"], "conference_financeurs");
    EXPECT_EQ(member["organisation"], "caf-33");
    EXPECT_EQ(member["starts_on"], "2026-01-01");
    EXPECT_EQ(member["ends_on"], "2028-12-31");
    EXPECT_EQ(member["version"], 2);

    auto stale = expect_problem(send("PATCH", path, {{"version", 1}, {"person", "Autre"}}, gironde), 409);
    EXPECT_THAT(stale["detail"].get<std::string>(), HasSubstr("modifiée par"));
    auto invalid = expect_problem(send("PATCH", path, {{"version", 2}, {"ends_on", "2025-01-01"}}, gironde), 422);
    EXPECT_EQ(invalid["errors"][0]["field"], "ends_on");
    expect_problem(send("PATCH", path, {{"version", 2}, {"person", "x"}}, sign_in(demo::kPartner)), 403);
    expect_problem(del(path + "?version=2", sign_in(demo::kGirondeReader)), 403);
    expect_problem(del(path + "?version=1", gironde), 409);

    auto page = get("/territoires/DEP-33/ita/membres/" + std::to_string(member["id"].get<std::int64_t>()) + "/modifier",
                    gironde);
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Membre jusqu"));
    EXPECT_EQ(get("/territoires/DEP-33/ita/membres/" + std::to_string(member["id"].get<std::int64_t>()) + "/retirer",
                  sign_in(demo::kGirondeReader))
                  .status,
              403);

    auto removed = del(path + "?version=2", gironde);
    EXPECT_EQ(removed.status, 204) << removed.body;
    auto ita = json_of(get("/api/v1/territories/DEP-33/ita", gironde));
    for (const auto& listed : ita["members"])
        EXPECT_NE(listed["id"], member["id"]);
    expect_problem(send("PATCH", path, {{"version", 3}, {"person", "Retour"}}, gironde), 404);
}

TEST_P(ItaChangesApiTest, ADecisionIsChangedThenDeletedAndItsHistoryShowsBoth)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto created = send("POST", "/api/v1/territories/DEP-33/ita/decisions",
                        {{"decided_on", "2026-10-15"}, {"text", "Étudier un guichet unique."}}, gironde);
    ASSERT_EQ(created.status, 201) << created.body;
    auto id = json_of(created)["id"].get<std::int64_t>();
    auto path = "/api/v1/territories/DEP-33/ita/decisions/" + std::to_string(id);
    auto action =
        send("POST", "/api/v1/territories/DEP-33/roadmap",
             {{"title", "Guichet unique"}, {"priority", "P2"}, {"lead", "cd-33"}, {"status", "planned"}}, gironde);
    ASSERT_EQ(action.status, 201) << action.body;
    auto action_id = json_of(action)["id"].get<std::int64_t>();

    auto ars = sign_in(demo::kArsEditor);
    auto changed =
        send("PATCH", path, {{"version", 1}, {"text", "Lancer le guichet unique."}, {"actions", {action_id}}}, ars);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json_of(changed)["actions"][0], action_id);
    EXPECT_EQ(json_of(changed)["decided_on"], "2026-10-15");
    EXPECT_GE(audit_count("ita_decision", std::to_string(id)), 2);
    auto stale = expect_problem(send("PATCH", path, {{"version", 1}, {"text", "Autre."}}, gironde), 409);
    EXPECT_THAT(stale["detail"].get<std::string>(), HasSubstr("modifiée par"));
    auto invalid = expect_problem(send("PATCH", path, {{"version", 2}, {"text", " "}}, gironde), 422);
    EXPECT_EQ(invalid["errors"][0]["field"], "text");
    expect_problem(del(path + "?version=2", sign_in(demo::kPartner)), 403);

    auto page = get("/territoires/DEP-33/ita/decisions/" + std::to_string(id) + "/modifier", gironde);
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Lancer le guichet unique."));

    EXPECT_EQ(del(path + "?version=2", gironde).status, 204);
    auto detail = json_of(get(path, sign_in(demo::kGirondeReader)));
    EXPECT_TRUE(detail["deleted"].get<bool>());
    ASSERT_EQ(detail["versions"].size(), 3u);
    EXPECT_EQ(detail["versions"][0]["change"], "create");
    EXPECT_EQ(detail["versions"][0]["decision"]["text"], "Étudier un guichet unique.");
    EXPECT_EQ(detail["versions"][1]["change"], "update");
    EXPECT_EQ(detail["versions"][2]["change"], "delete");
    auto ita = json_of(get("/api/v1/territories/DEP-33/ita", gironde));
    for (const auto& listed : ita["decisions"])
        EXPECT_NE(listed["id"], id);
    auto room = get("/territoires/DEP-33/ita", gironde);
    EXPECT_THAT(room.body, HasSubstr("Décisions supprimées"));
}

TEST_P(ItaChangesApiTest, ARoadmapIsConsultedAndTheCafContributesOnOneAction)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto caf = sign_in(demo::kPartner);
    auto action =
        send("POST", "/api/v1/territories/DEP-33/roadmap",
             {{"title", "Guichet unique"}, {"priority", "P2"}, {"lead", "cd-33"}, {"status", "planned"}}, gironde);
    ASSERT_EQ(action.status, 201) << action.body;
    auto action_id = json_of(action)["id"].get<std::int64_t>();
    nlohmann::json opening{{"title", "Consultation sur la feuille de route"},
                           {"opens_on", day_from_today(0)},
                           {"closes_on", day_from_today(10)},
                           {"invited", {"caf-33"}}};
    expect_problem(send("POST", "/api/v1/territories/DEP-33/roadmap/consultations", opening, caf), 403);
    auto invalid =
        expect_problem(send("POST", "/api/v1/territories/DEP-33/roadmap/consultations",
                            {{"opens_on", "demain"}, {"closes_on", day_from_today(3)}, {"invited", {}}}, gironde),
                       422);
    EXPECT_EQ(invalid["errors"].size(), 2u);
    auto opened = send("POST", "/api/v1/territories/DEP-33/roadmap/consultations", opening, gironde);
    ASSERT_EQ(opened.status, 201) << opened.body;
    auto consultation = json_of(opened);
    EXPECT_EQ(consultation["subject_kind"], "roadmap");
    EXPECT_EQ(consultation["subject_key"], "DEP-33");
    auto path = "/api/v1/consultations/" + std::to_string(consultation["id"].get<std::int64_t>());

    auto wrong =
        expect_problem(send("POST", path + "/contributions", {{"action_id", 999999}, {"text", "Ici ?"}}, caf), 422);
    EXPECT_EQ(wrong["errors"][0]["field"], "action_id");
    auto given =
        send("POST", path + "/contributions", {{"action_id", action_id}, {"text", "Prévoir des relais."}}, caf);
    ASSERT_EQ(given.status, 201) << given.body;
    auto contribution = json_of(given);
    EXPECT_EQ(contribution["item_id"], action_id);
    expect_problem(send("POST", path + "/contributions", {{"text", "Et nous ?"}}, gironde), 403);

    auto answer_path = path + "/contributions/" + std::to_string(contribution["id"].get<std::int64_t>()) + "/answer";
    expect_problem(send("PUT", answer_path, {{"version", 1}, {"answer", "taken"}}, caf), 403);
    auto reasonless = expect_problem(send("PUT", answer_path, {{"version", 1}, {"answer", "not_taken"}}, gironde), 422);
    EXPECT_EQ(reasonless["errors"][0]["field"], "reason");
    auto answered =
        send("PUT", answer_path, {{"version", 1}, {"answer", "partly"}, {"reason", "Deux relais."}}, gironde);
    ASSERT_EQ(answered.status, 200) << answered.body;
    expect_problem(send("PUT", answer_path, {{"version", 1}, {"answer", "taken"}}, sign_in(demo::kArsEditor)), 409);

    auto listed = json_of(get("/api/v1/territories/DEP-33/roadmap/consultations", sign_in(demo::kGirondeReader)));
    bool found = false;
    for (const auto& item : listed["items"])
        found = found || item["id"] == consultation["id"];
    EXPECT_TRUE(found);
    auto synthesis = json_of(get(path, caf));
    ASSERT_EQ(synthesis["contributions"].size(), 1u);
    EXPECT_EQ(synthesis["contributions"][0]["answer"], "partly");
    auto page = get("/consultations/" + std::to_string(consultation["id"].get<std::int64_t>()), gironde);
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("action « P2 — Guichet unique »"));
    auto list_page = get("/territoires/DEP-33/feuille-de-route/consultations", gironde);
    EXPECT_EQ(list_page.status, 200);
    EXPECT_THAT(list_page.body, HasSubstr("Consultation sur la feuille de route"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ItaChangesApiTest);

}  // namespace boussole::test_support
