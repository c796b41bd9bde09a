// The indicator catalogue over HTTP: read by everyone, grouped by priority;
// created and edited by national administrators only, every field and formula
// checked, each version kept; formulas checked without saving.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class CatalogueApiTest : public AppTest {};

TEST_P(CatalogueApiTest, ReturnsTheCatalogueGroupedByAxisAndPriority)
{
    auto response = get("/api/v1/catalogue");
    ASSERT_EQ(response.status, 200) << response.body;
    auto catalogue = json_of(response);
    EXPECT_EQ(catalogue.at("counts").at("sources"), 16);
    EXPECT_EQ(catalogue.at("counts").at("data_elements"), 72);
    EXPECT_EQ(catalogue.at("counts").at("indicators"), 43);
    ASSERT_EQ(catalogue.at("axes").size(), 3u);
    std::size_t priorities = 0;
    std::size_t indicators = 0;
    for (const auto& axis : catalogue.at("axes"))
        for (const auto& priority : axis.at("priorities")) {
            ++priorities;
            EXPECT_GE(priority.at("indicators").size(), 3u) << priority.at("code");
            indicators += priority.at("indicators").size();
        }
    EXPECT_EQ(priorities, 11u);
    EXPECT_EQ(indicators, 43u);
    const auto& p1 = catalogue.at("axes")[0].at("priorities")[0];
    EXPECT_EQ(p1.at("code"), "P1");
    int equity = 0;
    for (const auto& indicator : p1.at("indicators"))
        equity += indicator.at("kind") == "equity";
    EXPECT_EQ(equity, 3);
}

TEST_P(CatalogueApiTest, ListsAndFiltersEntriesAndShowsWhatUsesThem)
{
    auto quarterly = json_of(get("/api/v1/data-elements?period_type=quarter&source=si_mdph&page_size=100"));
    EXPECT_GT(quarterly.at("total").get<int>(), 5);
    for (const auto& element : quarterly.at("items"))
        EXPECT_EQ(element.at("period_type"), "quarter");
    auto computed = json_of(get("/api/v1/data-elements?collected=false&page_size=100"));
    EXPECT_EQ(computed.at("total"), 12) << "the INSEE populations";

    auto decisions = json_of(get("/api/v1/data-elements/mdph_decisions"));
    EXPECT_EQ(decisions.at("time_aggregation"), "sum");
    auto used_by = decisions.at("used_by").get<std::vector<std::string>>();
    EXPECT_NE(std::find(used_by.begin(), used_by.end(), "mdph_delai_traitement"), used_by.end());

    auto p2 = json_of(get("/api/v1/indicators?priority=P2"));
    EXPECT_EQ(p2.at("total"), 6);
    auto searched = json_of(get("/api/v1/indicators?q=satisfaction"));
    ASSERT_EQ(searched.at("total"), 1);
    EXPECT_EQ(searched.at("items")[0].at("code"), "mdph_taux_satisfaction");
    auto to_confirm = json_of(get("/api/v1/indicators?definition_status=to_confirm&page_size=100"));
    EXPECT_EQ(to_confirm.at("total"), 18);

    auto delay = json_of(get("/api/v1/indicators/mdph_delai_traitement"));
    EXPECT_EQ(delay.at("denominator"), "mdph_decisions * 30.4");
    EXPECT_EQ(delay.at("references").at("data_elements"),
              nlohmann::json({"mdph_jours_traitement_cumules", "mdph_decisions"}));
    EXPECT_EQ(json_of(get("/api/v1/sources/insee")).at("producer"), "INSEE");
    EXPECT_EQ(json_of(get("/api/v1/sources")).at("total"), 16);

    expect_problem(get("/api/v1/indicators/inconnu"), 404);
    expect_problem(get("/api/v1/data-elements/%FF"), 404);
    expect_problem(get("/api/v1/data-elements/MDPH"), 404);
    expect_problem(get("/api/v1/indicators?kind=rapport"), 422);
    expect_problem(get("/api/v1/data-elements?collected=oui"), 422);
}

TEST_P(CatalogueApiTest, TheNationalAdministratorCreatesAndEditsWithHistory)
{
    auto admin = sign_in(demo::kAdmin);
    nlohmann::json element{{"code", "mdph_recours_gracieux"},
                           {"name", "Recours gracieux reçus par la MDPH"},
                           {"unit", "recours"},
                           {"value_type", "integer"},
                           {"period_type", "quarter"},
                           {"territory_aggregation", "sum"},
                           {"time_aggregation", "sum"},
                           {"source_code", "si_mdph"},
                           {"minimum", 0},
                           {"change_note", "Suivi des recours"}};
    auto created = send("POST", "/api/v1/data-elements", element, admin);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("Location").value_or(""), "/api/v1/data-elements/mdph_recours_gracieux");
    EXPECT_EQ(json_of(created).at("version"), 1);

    nlohmann::json indicator{{"code", "mdph_recours_pour_1000_decisions"},
                             {"name", "Recours gracieux pour 1 000 décisions"},
                             {"definition", "Recours gracieux reçus rapportés aux décisions du trimestre."},
                             {"kind", "ratio"},
                             {"numerator", "mdph_recours_gracieux"},
                             {"denominator", "mdph_decisions"},
                             {"factor", 1000},
                             {"unit", "pour 1 000 décisions"},
                             {"direction", "lower_is_better"},
                             {"periodicity", "year"},
                             {"source_code", "si_mdph"},
                             {"definition_status", "to_confirm"},
                             {"priorities", {"P5"}}};
    ASSERT_EQ(send("POST", "/api/v1/indicators", indicator, admin).status, 201);
    expect_problem(send("POST", "/api/v1/indicators", indicator, admin), 409);

    auto changed = send("PATCH", "/api/v1/indicators/mdph_recours_pour_1000_decisions",
                        {{"periodicity", "quarter"}, {"version", 1}, {"change_note", "Suivi trimestriel"}}, admin);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json_of(changed).at("version"), 2);
    EXPECT_EQ(json_of(changed).at("numerator"), "mdph_recours_gracieux") << "members absent keep their value";

    auto history = json_of(get("/api/v1/indicators/mdph_recours_pour_1000_decisions/history"));
    EXPECT_EQ(history.at("entity_type"), "indicator");
    ASSERT_EQ(history.at("total"), 2);
    EXPECT_EQ(history.at("items")[0].at("change_note"), "Suivi trimestriel");
    EXPECT_EQ(history.at("items")[0].at("changed_by"), "Camille Martin (démo)");
    EXPECT_EQ(history.at("items")[0].at("origin"), "user");
    EXPECT_EQ(history.at("items")[1].at("snapshot").at("periodicity"), "year");
    EXPECT_EQ(audit_count("indicator", "mdph_recours_pour_1000_decisions"), 2);

    auto shipped = json_of(get("/api/v1/data-elements/mdph_decisions/history"));
    EXPECT_EQ(shipped.at("items")[0].at("origin"), "reference");
    expect_problem(get("/api/v1/indicators/inconnu/history"), 404);

    auto source =
        send("PATCH", "/api/v1/sources/si_mdph", {{"url", "https://www.cnsa.fr/si-mdph"}, {"version", 1}}, admin);
    ASSERT_EQ(source.status, 200) << source.body;
    EXPECT_EQ(json_of(source).at("version"), 2);
    ASSERT_EQ(send("POST", "/api/v1/sources", {{"code", "cnaf"}, {"name", "CNAF"}}, admin).status, 201);
}

TEST_P(CatalogueApiTest, RefusesWhoIsNotANationalAdministrator)
{
    nlohmann::json changes{{"name", "Autre nom"}, {"version", 1}};
    for (const char* email : {demo::kAnalyst, demo::kGirondeEditor}) {
        auto problem =
            expect_problem(send("PATCH", "/api/v1/data-elements/mdph_decisions", changes, sign_in(email)), 403);
        EXPECT_NE(problem.at("detail").get<std::string>().find("administrateurs nationaux"), std::string::npos);
    }
    expect_problem(send("PATCH", "/api/v1/indicators/mdph_delai_traitement", changes), 401);
    expect_problem(send("POST", "/api/v1/sources", {{"code", "cnaf"}, {"name", "CNAF"}},
                        Credentials::token(create_token("mdph-33", true))),
                   403);
    EXPECT_EQ(json_of(get("/api/v1/data-elements/mdph_decisions")).at("version"), 1);
}

TEST_P(CatalogueApiTest, RefusesBadFormulasFieldsAndStaleVersions)
{
    auto admin = sign_in(demo::kAdmin);
    auto path = "/api/v1/indicators/mdph_delai_traitement";
    auto formula =
        expect_problem(send("PATCH", path, {{"denominator", "mdph_decisions * (30.4"}, {"version", 1}}, admin), 422);
    EXPECT_EQ(formula.at("errors")[0].at("field"), "denominator");
    EXPECT_NE(formula.at("detail").get<std::string>().find("position 18"), std::string::npos) << formula.dump();

    auto period = expect_problem(send("PATCH", path, {{"denominator", "pop_totale"}, {"version", 1}}, admin), 422);
    EXPECT_NE(period.at("detail").get<std::string>().find("par année"), std::string::npos);

    auto fields = expect_problem(
        send("PATCH", path, {{"factor", "cent"}, {"direction", "haut"}, {"colour", "bleu"}, {"version", 1}}, admin),
        422);
    EXPECT_EQ(fields.at("errors").size(), 3u);

    auto missing = expect_problem(send("POST", "/api/v1/data-elements", {{"code", "x_y"}, {"name", "X"}}, admin), 422);
    EXPECT_NE(missing.at("detail").get<std::string>().find("time_aggregation"), std::string::npos);
    expect_problem(send("PATCH", path, {{"name", "Délai"}}, admin), 422);

    ASSERT_EQ(send("PATCH", path, {{"decimals", 2}, {"version", 1}}, admin).status, 200);
    auto stale = expect_problem(send("PATCH", path, {{"decimals", 0}, {"version", 1}}, admin), 409);
    EXPECT_NE(stale.at("detail").get<std::string>().find("version 2"), std::string::npos);
    EXPECT_EQ(json_of(get(path)).at("decimals"), 2);
    expect_problem(send("PATCH", "/api/v1/indicators/inconnu", {{"name", "X"}, {"version", 1}}, admin), 404);
}

TEST_P(CatalogueApiTest, ChecksAFormulaWithoutSavingIt)
{
    auto valid = send("POST", "/api/v1/formulas/check",
                      {{"formula", "mdph_jours_traitement_cumules/(mdph_decisions*30.4)"}, {"periodicity", "quarter"}});
    ASSERT_EQ(valid.status, 200) << valid.body;
    auto result = json_of(valid);
    EXPECT_TRUE(result.at("valid").get<bool>());
    EXPECT_EQ(result.at("formula"), "mdph_jours_traitement_cumules / (mdph_decisions * 30.4)");
    EXPECT_EQ(result.at("in_words"),
              "Jours de traitement cumulés des décisions ÷ (Décisions rendues par la MDPH × 30,4)");
    EXPECT_EQ(result.at("data_elements"), nlohmann::json({"mdph_jours_traitement_cumules", "mdph_decisions"}));

    auto syntax = expect_problem(send("POST", "/api/v1/formulas/check", {{"formula", "mdph_decisions * 30,4"}}), 422);
    EXPECT_EQ(syntax.at("position"), 20);
    EXPECT_EQ(syntax.at("errors")[0].at("position"), 20);

    auto several = expect_problem(
        send("POST", "/api/v1/formulas/check", {{"formula", "mdph_decision / (2 - 2)"}, {"periodicity", "quarter"}}),
        422);
    ASSERT_EQ(several.at("errors").size(), 2u);
    EXPECT_EQ(several.at("position"), 1);
    EXPECT_NE(several.at("errors")[0].at("message").get<std::string>().find("mdph_decisions"), std::string::npos);
    EXPECT_EQ(several.at("errors")[1].at("position"), 15);

    auto cycle = expect_problem(send("POST", "/api/v1/formulas/check",
                                     {{"formula", "ind:mdph_delai_traitement"},
                                      {"indicator", "mdph_delai_traitement"},
                                      {"periodicity", "quarter"}}),
                                422);
    EXPECT_NE(cycle.at("detail").get<std::string>().find("circulaire"), std::string::npos);
    expect_problem(send("POST", "/api/v1/formulas/check", {{"formula", "x"}, {"periodicity", "semaine"}}), 422);
    expect_problem(send("POST", "/api/v1/formulas/check", {{"texte", "x"}}), 422);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CatalogueApiTest);

}  // namespace boussole::test_support
