// POST, GET and DELETE /api/v1/data-values over real HTTP, on both backends:
// an information system writes with its token within its organisation's
// departments only, people write with their session and CSRF token, every
// fault comes back with its line, and what the API wrote is on the pages at
// once, with its history and status.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;

namespace {

nlohmann::json value(const std::string& territory, const std::string& period, const nlohmann::json& number,
                     const std::string& element = "mdph_decisions")
{
    return {{"element", element}, {"territory", territory}, {"period", period}, {"value", number}};
}

nlohmann::json batch(nlohmann::json values, const char* mode = nullptr)
{
    nlohmann::json body{{"values", std::move(values)}};
    if (mode)
        body["mode"] = mode;
    return body;
}

}  // namespace

class DataValuesApiTest : public AppTest {
protected:
    HttpResponse post_values(const nlohmann::json& body, const Credentials& as)
    {
        return send("POST", "/api/v1/data-values", body, as);
    }
};

TEST_P(DataValuesApiTest, ATokenWritesAndTheValueIsOnThePagesAtOnce)
{
    auto token = Credentials::token(create_token("mdph-33", true));
    auto response = post_values(batch({value("33", "2025-T1", 1250), value("DEP-33", "2025-T2", 1310)}), token);
    ASSERT_EQ(response.status, 200) << response.body;
    auto report = json_of(response);
    EXPECT_EQ(report["applied"], true);
    EXPECT_EQ(report["written"], 2);
    EXPECT_EQ(report["rejected"].size(), 0u);

    auto editor = sign_in(demo::kGirondeEditor);
    auto listed = json_of(get("/api/v1/data-values?element=mdph_decisions&territory=DEP-33", editor));
    ASSERT_EQ(listed["total"], 2);
    EXPECT_EQ(listed["items"][0]["value"], 1250);
    EXPECT_EQ(listed["items"][0]["status"], "draft");
    EXPECT_EQ(listed["items"][0]["origin"], "api");
    EXPECT_EQ(listed["items"][0]["period_label"], "1er trimestre 2025");

    auto history = json_of(get("/api/v1/data-values/mdph_decisions/33/2025-T1/history", editor));
    ASSERT_EQ(history["versions"].size(), 1u);
    EXPECT_EQ(history["versions"][0]["action"], "create");
    EXPECT_THAT(history["versions"][0]["changed_by"].get<std::string>(), HasSubstr("SI mdph-33"));

    auto page = get("/donnees/historique/mdph_decisions/DEP-33/2025-T1", editor);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("1\u00A0250"));
    EXPECT_THAT(page.body, HasSubstr("brouillon"));
    EXPECT_THAT(page.body, HasSubstr("SI mdph-33"));
    auto entry = get("/donnees/saisie?territoire=DEP-33&periode=2025-T1", editor);
    ASSERT_EQ(entry.status, 200);
    EXPECT_THAT(entry.body, HasSubstr("value=\"1250\""));
}

TEST_P(DataValuesApiTest, ValuesOutsideTheTokensScopeAreRefusedWithTheirLine)
{
    auto token = Credentials::token(create_token("mdph-33", true));
    auto refused = post_values(batch({value("33", "2025-T1", 10), value("40", "2025-T1", 10)}), token);
    auto problem = expect_problem(refused, 422);
    ASSERT_EQ(problem["errors"].size(), 1u);
    EXPECT_EQ(problem["errors"][0]["line"], 2);
    EXPECT_EQ(problem["errors"][0]["field"], "territory");
    EXPECT_THAT(problem["errors"][0]["message"].get<std::string>(), HasSubstr("périmètre"));
    EXPECT_EQ(problem["report"]["applied"], false);
    EXPECT_EQ(problem["report"]["written"], 0);
    auto admin = sign_in(demo::kAdmin);
    EXPECT_EQ(json_of(get("/api/v1/data-values", admin))["total"], 0);

    auto partial = post_values(batch({value("33", "2025-T1", 10), value("40", "2025-T1", 10)}, "valid_lines"), token);
    ASSERT_EQ(partial.status, 200);
    EXPECT_EQ(json_of(partial)["written"], 1);
    EXPECT_EQ(json_of(partial)["rejected"][0]["line"], 2);
}

TEST_P(DataValuesApiTest, HostileTerritoriesPeriodsAndNumbersAreExplained)
{
    auto admin = sign_in(demo::kAdmin);
    auto response =
        post_values(batch({value("2C", "2025-T1", 1), value("20", "2025-T1", 1), value("975", "2025-T1", 1),
                           value("REG-75", "2025-T1", 1), value("33", "2025-03-31", 1), value("33", "31/03/2025", 1),
                           value("33", "2025-T2", 1.5), value("33", "2025-T3", -4), value("33", "2025-T4", 1e300)}),
                    admin);
    auto problem = expect_problem(response, 422);
    ASSERT_EQ(problem["errors"].size(), 9u);
    std::vector<std::string> fields;
    for (const auto& error : problem["errors"])
        fields.push_back(error["field"]);
    EXPECT_THAT(fields, ::testing::ElementsAre("territory", "territory", "territory", "territory", "period", "period",
                                               "value", "value", "value"));
    EXPECT_THAT(problem["errors"][1]["message"].get<std::string>(), HasSubstr("2A"));
    EXPECT_THAT(problem["errors"][3]["message"].get<std::string>(), HasSubstr("une région"));
    EXPECT_THAT(problem["errors"][4]["message"].get<std::string>(), HasSubstr("n'est pas une date"));
}

TEST_P(DataValuesApiTest, MalformedBatchesAreRefusedWithoutWriting)
{
    auto admin = sign_in(demo::kAdmin);
    auto as_text = post_values(batch({value("33", "2025-T1", "12,5")}), admin);
    EXPECT_EQ(expect_problem(as_text, 422)["errors"][0]["field"], "value");
    auto missing =
        post_values(batch({{{"element", "mdph_decisions"}, {"territory", "33"}, {"period", "2025-T1"}}}), admin);
    EXPECT_EQ(expect_problem(missing, 422)["errors"][0]["field"], "value");
    auto extra = post_values(
        batch(
            {{{"element", "mdph_decisions"}, {"territory", "33"}, {"period", "2025-T1"}, {"value", 1}, {"valeur", 2}}}),
        admin);
    EXPECT_EQ(expect_problem(extra, 422)["errors"][0]["field"], "valeur");
    // A malformed entry refuses the valid ones beside it too.
    auto mixed = post_values(batch({value("33", "2025-T1", 1), 42}), admin);
    auto problem = expect_problem(mixed, 422);
    EXPECT_EQ(problem["errors"][0]["line"], 2);
    EXPECT_EQ(problem["report"]["written"], 0);
    EXPECT_EQ(json_of(get("/api/v1/data-values", admin))["total"], 0);

    expect_problem(post_values({{"values", nlohmann::json::array()}}, admin), 422);
    expect_problem(post_values({{"values", "tout"}}, admin), 422);
    expect_problem(post_values(batch({value("33", "2025-T1", 1)}, "tout_ou_rien"), admin), 422);
    auto headers = admin.headers();
    headers.emplace_back("Content-Type", "application/json");
    expect_problem(checked(client().request("POST", "/api/v1/data-values",
                                            R"({"values": [{"element": "mdph_decisions", "territory": "33",
                                                "period": "2025-T1", "value": NaN}]})",
                                            headers)),
                   422);
    headers.back().second = "text/csv";
    expect_problem(checked(client().request("POST", "/api/v1/data-values", "a;b", headers)), 415);

    nlohmann::json too_many = nlohmann::json::array();
    for (int i = 0; i < 10001; ++i)
        too_many.push_back(value("33", "2025-T1", i));
    expect_problem(post_values(batch(too_many), admin), 422);
}

TEST_P(DataValuesApiTest, WhoMayWrite)
{
    auto read_only = Credentials::token(create_token("mdph-33", false));
    expect_problem(post_values(batch({value("33", "2025-T1", 1)}), read_only), 403);
    expect_problem(post_values(batch({value("33", "2025-T1", 1)}), {}), 401);
    auto reader = sign_in(demo::kGirondeReader);
    expect_problem(post_values(batch({value("33", "2025-T1", 1)}), reader), 403);
    auto editor = sign_in(demo::kGirondeEditor);
    expect_problem(post_values(batch({value("33", "2025-T1", 1)}), editor.without_csrf()), 403);
    auto written = post_values(batch({value("33", "2025-T1", 1)}), editor);
    ASSERT_EQ(written.status, 200) << written.body;
    EXPECT_EQ(json_of(get("/api/v1/data-values", editor))["items"][0]["origin"], "user");
}

TEST_P(DataValuesApiTest, TheListIsFilteredPagedAndExportedForSpreadsheets)
{
    auto admin = sign_in(demo::kAdmin);
    nlohmann::json values = nlohmann::json::array();
    for (const char* department : {"33", "40", "24", "75"})
        for (const char* period : {"2024-T4", "2025-T1"})
            values.push_back(value(department, period, 1000.0));
    values.push_back(value("33", "2024", 12.5, "cfppa_montants_notifies"));
    ASSERT_EQ(post_values(batch(values), admin).status, 200);

    auto region = json_of(get("/api/v1/data-values?territory=REG-75&from=2025-T1&element=mdph_decisions", admin));
    EXPECT_EQ(region["total"], 3);
    auto paged = json_of(get("/api/v1/data-values?page=2&page_size=4", admin));
    EXPECT_EQ(paged["total"], 9);
    EXPECT_EQ(paged["items"].size(), 4u);
    expect_problem(get("/api/v1/data-values?from=2025-T1&to=2025", admin), 422);
    expect_problem(get("/api/v1/data-values?element=inconnu", admin), 422);
    expect_problem(get("/api/v1/data-values?territory=2C", admin), 422);
    expect_problem(get("/api/v1/data-values?status=valide", admin), 422);

    auto csv = get("/api/v1/data-values?element=cfppa_montants_notifies", admin, {{"Accept", "text/csv"}});
    ASSERT_EQ(csv.status, 200);
    EXPECT_THAT(csv.header("Content-Type").value_or(""), HasSubstr("text/csv"));
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_THAT(csv.body, HasSubstr("\"element\";\"territoire\""));
    EXPECT_THAT(csv.body, HasSubstr("\"12,5\""));
    EXPECT_EQ(get("/api/v1/data-values?format=csv", admin).status, 200);

    // The public sees validated values only; none is validated yet.
    EXPECT_EQ(json_of(get("/api/v1/data-values"))["total"], 0);
    expect_problem(get("/api/v1/data-values?status=draft"), 401);
}

TEST_P(DataValuesApiTest, DeletingACellIsRecordedAndScoped)
{
    auto token = Credentials::token(create_token("mdph-33", true));
    ASSERT_EQ(post_values(batch({value("33", "2025-T1", 7)}), token).status, 200);
    auto deleted = del("/api/v1/data-values/mdph_decisions/DEP-33/2025-T1", token);
    ASSERT_EQ(deleted.status, 200) << deleted.body;
    EXPECT_EQ(json_of(deleted)["written"], 1);
    auto editor = sign_in(demo::kGirondeEditor);
    auto history = json_of(get("/api/v1/data-values/mdph_decisions/DEP-33/2025-T1/history", editor));
    EXPECT_EQ(history["value"]["deleted"], true);
    EXPECT_EQ(history["versions"][0]["action"], "delete");
    EXPECT_EQ(history["versions"].size(), 2u);

    expect_problem(del("/api/v1/data-values/mdph_decisions/DEP-33/2024-T1", token), 404);
    expect_problem(del("/api/v1/data-values/inconnu/DEP-33/2025-T1", token), 404);
    expect_problem(del("/api/v1/data-values/mdph_decisions/DEP-2C/2025-T1", token), 404);
    auto admin = sign_in(demo::kAdmin);
    ASSERT_EQ(post_values(batch({value("40", "2025-T1", 7)}), admin).status, 200);
    expect_problem(del("/api/v1/data-values/mdph_decisions/DEP-40/2025-T1", token), 403);
    expect_problem(get("/api/v1/data-values/mdph_decisions/DEP-33/2025-T1/history"), 401);
    expect_problem(get("/api/v1/data-values/mdph_decisions/DEP-33/2019-T1/history", editor), 404);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(DataValuesApiTest);

}  // namespace boussole::test_support
