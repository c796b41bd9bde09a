// /api/v1/conventions/{id}/consultations and /api/v1/consultations over real
// HTTP, on both backends: the Gironde's writers open a consultation and
// invite the CAF; the CAF contributes, an organisation not invited gets a
// 403; an answer without reason when not taken is a 422 naming the field; a
// stale answer is a 409; the synthesis lists contributions and answers; a
// consultation past its closing day refuses contributions (409).
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

class ConsultationsApiTest : public AppTest {
protected:
    // The Gironde's convention, created from a socle commun; returns its path.
    std::string prepare()
    {
        nlohmann::json socle{{"period_start", 2026},
                             {"period_end", 2029},
                             {"items", {{{"priority", "P1"}, {"title", "Garantir l'équité d'accès aux droits"}}}}};
        auto published = send("POST", "/api/v1/conventions/templates", socle, sign_in(demo::kAdmin));
        EXPECT_EQ(published.status, 201) << published.body;
        nlohmann::json gironde{{"territories", {"DEP-33"}}, {"period_start", 2026}, {"period_end", 2029}};
        auto created = send("POST", "/api/v1/conventions", gironde, sign_in(demo::kGirondeEditor));
        EXPECT_EQ(created.status, 201) << created.body;
        return created.header("Location").value_or("/api/v1/conventions/0");
    }
};

TEST_P(ConsultationsApiTest, InvitedContributeOwnersAnswerAndTheSynthesisListsBoth)
{
    auto path = prepare();
    auto gironde = sign_in(demo::kGirondeEditor);
    auto caf = sign_in(demo::kPartner);
    nlohmann::json opening{{"title", "Consultation des partenaires"},
                           {"opens_on", day_from_today(0)},
                           {"closes_on", day_from_today(10)},
                           {"invited", {"caf-33"}}};
    auto refused = send("POST", path + "/consultations", opening, caf);
    expect_problem(refused, 403);
    auto opened = send("POST", path + "/consultations", opening, gironde);
    ASSERT_EQ(opened.status, 201) << opened.body;
    auto consultation = json_of(opened);
    EXPECT_EQ(consultation["state"], "open");
    EXPECT_EQ(consultation["subject_kind"], "convention");
    auto location = opened.header("Location").value_or("");
    EXPECT_EQ(json_of(get(path + "/consultations", gironde))["items"].size(), 1U);

    auto outsider = send("POST", location + "/contributions", {{"text", "Et nous ?"}}, sign_in(demo::kGirondeReader));
    EXPECT_THAT(expect_problem(outsider, 403)["detail"].get<std::string>(), HasSubstr("n'est pas invitée"));
    auto empty = send("POST", location + "/contributions", {{"text", " "}}, caf);
    expect_problem(empty, 422);
    auto given = send("POST", location + "/contributions", {{"text", "Associer les aidants."}}, caf);
    ASSERT_EQ(given.status, 201) << given.body;
    auto contribution = json_of(given);
    auto answer_path =
        location + "/contributions/" + std::to_string(contribution["id"].get<std::int64_t>()) + "/answer";

    auto no_reason = send("PUT", answer_path, {{"version", 1}, {"answer", "not_taken"}}, gironde);
    auto problem = expect_problem(no_reason, 422);
    EXPECT_EQ(problem["errors"][0]["field"], "reason");
    expect_problem(send("PUT", answer_path, {{"version", 1}, {"answer", "taken"}}, caf), 403);
    auto answered =
        send("PUT", answer_path, {{"version", 1}, {"answer", "partly"}, {"reason", "Repris dans les briques locales."}},
             gironde);
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(json_of(answered)["answer_label"], "partiellement pris en compte");
    expect_problem(send("PUT", answer_path, {{"version", 1}, {"answer", "taken"}}, gironde), 409);

    auto synthesis = json_of(get(location, caf));
    ASSERT_EQ(synthesis["contributions"].size(), 1U);
    EXPECT_EQ(synthesis["contributions"][0]["answer"], "partly");
    EXPECT_EQ(synthesis["contributions"][0]["reason"], "Repris dans les briques locales.");
    EXPECT_EQ(audit_count("consultation", std::to_string(consultation["id"].get<std::int64_t>())), 1);
}

TEST_P(ConsultationsApiTest, AClosedConsultationRefusesContributions)
{
    auto path = prepare();
    auto gironde = sign_in(demo::kGirondeEditor);
    auto past =
        send("POST", path + "/consultations",
             {{"opens_on", day_from_today(-9)}, {"closes_on", day_from_today(-2)}, {"invited", {"caf-33"}}}, gironde);
    EXPECT_EQ(expect_problem(past, 422)["errors"][0]["field"], "closes_on");
    auto upcoming =
        send("POST", path + "/consultations",
             {{"opens_on", day_from_today(5)}, {"closes_on", day_from_today(9)}, {"invited", {"caf-33"}}}, gironde);
    ASSERT_EQ(upcoming.status, 201) << upcoming.body;
    EXPECT_EQ(json_of(upcoming)["state"], "upcoming");
    auto location = upcoming.header("Location").value_or("");
    auto early = send("POST", location + "/contributions", {{"text", "Trop tôt"}}, sign_in(demo::kPartner));
    expect_problem(early, 409);
    expect_problem(get("/api/v1/consultations/999999", gironde), 404);
    expect_problem(get(location), 401);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ConsultationsApiTest);

}  // namespace boussole::test_support
