// POST /api/v1/approvals, GET /api/v1/approvals/queue and the completeness
// endpoints over real HTTP, on both backends: the Gironde submits, the ARS
// Nouvelle-Aquitaine validates, the value is locked until reopened with a
// reason; the completeness counts what arrived.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;

class ApprovalsApiTest : public AppTest {
protected:
    void SetUp() override
    {
        AppTest::SetUp();
        if (HasFatalFailure())
            return;
        m_gironde = sign_in(demo::kGirondeEditor);
        auto written =
            send("POST", "/api/v1/data-values",
                 {{"values",
                   {{{"element", "mdph_decisions"}, {"territory", "33"}, {"period", "2025-T1"}, {"value", 900}},
                    {{"element", "mdph_demandes"}, {"territory", "33"}, {"period", "2025-T1"}, {"value", 1500}}}}},
                 m_gironde);
        ASSERT_EQ(written.status, 200) << written.body;
    }

    HttpResponse approve(const char* action, const Credentials& as, const char* reason = nullptr,
                         const char* territory = "DEP-33")
    {
        nlohmann::json body{{"territory", territory}, {"period", "2025-T1"}, {"action", action}};
        if (reason)
            body["reason"] = reason;
        return send("POST", "/api/v1/approvals", body, as);
    }

    Credentials m_gironde;
};

TEST_P(ApprovalsApiTest, TheDepartmentSubmitsTheArsValidatesAndTheValueIsLocked)
{
    auto submitted = approve("submit", m_gironde);
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(json_of(submitted)["values_affected"], 2);
    EXPECT_EQ(json_of(submitted)["period_label"], "1er trimestre 2025");

    auto ars = sign_in(demo::kArsEditor);
    auto queue = json_of(get("/api/v1/approvals/queue", ars));
    ASSERT_EQ(queue["total"], 1);
    EXPECT_EQ(queue["items"][0]["territory"], "DEP-33");
    EXPECT_EQ(queue["items"][0]["submitted"], 2);
    EXPECT_EQ(queue["items"][0]["actions"]["validate"], true);
    EXPECT_EQ(json_of(get("/api/v1/approvals/queue", m_gironde))["items"][0]["actions"]["validate"], false);

    expect_problem(approve("validate", m_gironde), 403);
    ASSERT_EQ(approve("validate", ars).status, 200);
    auto value = json_of(get("/api/v1/data-values?element=mdph_decisions&territory=33", ars))["items"][0];
    EXPECT_EQ(value["status"], "validated");
    EXPECT_EQ(value["version"], 3);
    // Validated values are public.
    EXPECT_EQ(json_of(get("/api/v1/data-values"))["total"], 2);

    auto token = Credentials::token(create_token("mdph-33", true));
    auto locked = send(
        "POST", "/api/v1/data-values",
        {{"values", {{{"element", "mdph_decisions"}, {"territory", "33"}, {"period", "2025-T1"}, {"value", 950}}}}},
        token);
    EXPECT_THAT(expect_problem(locked, 422)["errors"][0]["message"].get<std::string>(), HasSubstr("verrouillée"));
    expect_problem(del("/api/v1/data-values/mdph_decisions/33/2025-T1", token), 422);

    auto no_reason = expect_problem(approve("reopen", ars), 422);
    EXPECT_EQ(no_reason["errors"][0]["field"], "reason");
    ASSERT_EQ(approve("reopen", ars, "Chiffre du SI à corriger").status, 200);
    auto history = json_of(get("/api/v1/data-values/mdph_decisions/33/2025-T1/history", m_gironde));
    EXPECT_EQ(history["versions"][0]["action"], "reopen");
    EXPECT_EQ(history["versions"][0]["reason"], "Chiffre du SI à corriger");
    EXPECT_EQ(history["value"]["status"], "submitted");
    EXPECT_EQ(audit_count("data_values", "DEP-33/2025-T1"), 3);
}

TEST_P(ApprovalsApiTest, RefusalsSayWhy)
{
    auto ars = sign_in(demo::kArsEditor);
    auto nothing = expect_problem(approve("validate", ars), 409);
    EXPECT_THAT(nothing["detail"].get<std::string>(), HasSubstr("Rien à valider"));
    expect_problem(approve("submit", m_gironde, nullptr, "DEP-40"), 403);
    expect_problem(approve("submit", m_gironde, nullptr, "REG-75"), 422);
    expect_problem(approve("valider", m_gironde), 422);
    expect_problem(approve("submit", {}), 401);
    expect_problem(approve("submit", m_gironde.without_csrf()), 403);
    expect_problem(send("POST", "/api/v1/approvals", {{"territory", "33"}, {"period", "2025-T1"}}, m_gironde), 422);
    expect_problem(get("/api/v1/approvals/queue"), 401);
    expect_problem(get("/api/v1/approvals/queue?status=tout", ars), 422);
    auto drafts = json_of(get("/api/v1/approvals/queue?status=draft&territory=REG-75", ars));
    EXPECT_EQ(drafts["total"], 1);
    EXPECT_EQ(drafts["items"][0]["actions"]["submit"], true);
}

TEST_P(ApprovalsApiTest, CompletenessCountsTheDepartmentsThatReported)
{
    auto admin = sign_in(demo::kAdmin);
    auto grid = get("/api/v1/completeness?element=mdph_decisions&from=2024-T4&to=2025-T1", admin);
    ASSERT_EQ(grid.status, 200) << grid.body;
    auto body = json_of(grid);
    ASSERT_EQ(body["periods"].size(), 2u);
    EXPECT_EQ(body["periods"][1]["reported"], 1);
    EXPECT_EQ(body["periods"][1]["expected"], 101);
    EXPECT_EQ(body["periods"][1]["summary"], "1/101 départements");
    EXPECT_EQ(body["periods"][1]["due"], "2025-05-15");
    EXPECT_EQ(body["departments"].size(), 101u);

    auto region = json_of(get("/api/v1/completeness?element=mdph_decisions&territory=REG-75", admin));
    EXPECT_EQ(region["periods"].size(), 8u);
    EXPECT_EQ(region["departments"].size(), 12u);

    auto summary = json_of(get("/api/v1/completeness/summary?period=2025-T1", admin));
    bool found = false;
    for (const auto& item : summary["items"])
        if (item["element"] == "mdph_demandes") {
            found = true;
            EXPECT_EQ(item["reported"], 1);
        }
    EXPECT_TRUE(found);

    expect_problem(get("/api/v1/completeness?element=mdph_decisions"), 401);
    expect_problem(get("/api/v1/completeness?element=inconnu", admin), 404);
    expect_problem(get("/api/v1/completeness", admin), 422);
    expect_problem(get("/api/v1/completeness?element=mdph_decisions&from=2025&to=2025", admin), 422);
    expect_problem(get("/api/v1/completeness/summary", admin), 422);
    expect_problem(get("/api/v1/completeness/summary?period=2025-07-01", admin), 422);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ApprovalsApiTest);

}  // namespace boussole::test_support
