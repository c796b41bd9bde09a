// /api/v1/analytics, its equity and dashboard companions, and the dashboard
// pages, over real HTTP on both backends, for a small dataset written
// through POST /api/v1/data-values: the figures, the French CSV, the entity
// tag that a write changes at once, the territory shortcuts, the public's
// validated-only view, and hostile parameters refused in French.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

constexpr const char* kOnline = "mdph_part_demandes_en_ligne";  // online / requests × 100, quarterly, higher is better
constexpr const char* kMeetings = "cdca_nombre_reunions";       // meetings, yearly, summed

nlohmann::json value(const char* element, const char* territory, const char* period, double number)
{
    return {{"element", element}, {"territory", territory}, {"period", period}, {"value", number}};
}

// The row of an analytics answer for a territory and period; null when none.
nlohmann::json row_of(const nlohmann::json& answer, const std::string& territory, const std::string& period)
{
    for (const auto& row : answer["rows"])
        if (row["territory"] == territory && row["period"] == period)
            return row;
    return nullptr;
}

nlohmann::json indicator_of(const nlohmann::json& dashboard, const std::string& code)
{
    for (const auto& entry : dashboard["indicators"])
        if (entry["indicator"] == code)
            return entry;
    return nullptr;
}

}  // namespace

class AnalyticsApiTest : public AppTest {
protected:
    void SetUp() override
    {
        AppTest::SetUp();
        if (HasFatalFailure())
            return;
        m_admin = sign_in(demo::kAdmin);
        // Gironde: 50 % online in 2024-T3, 60 % in 2024-T4; Landes: 25 % in
        // 2024-T4. France and Nouvelle-Aquitaine in 2024-T4: 85 / 200.
        write({value("mdph_demandes", "DEP-33", "2024-T3", 100), value("mdph_demandes", "DEP-33", "2024-T4", 100),
               value("mdph_demandes", "DEP-40", "2024-T4", 100), value("cdca_reunions", "DEP-33", "2024", 4),
               value("cdca_reunions", "DEP-40", "2024", 6), value("cdca_reunions", "DEP-33", "2023", 3)});
        write({value("mdph_demandes_en_ligne", "DEP-33", "2024-T3", 50),
               value("mdph_demandes_en_ligne", "DEP-33", "2024-T4", 60),
               value("mdph_demandes_en_ligne", "DEP-40", "2024-T4", 25)});
    }

    void write(const std::vector<nlohmann::json>& values)
    {
        nlohmann::json batch{{"values", nlohmann::json(values)}};
        auto response = send("POST", "/api/v1/data-values", batch, m_admin);
        ASSERT_EQ(response.status, 200) << response.body;
        ASSERT_TRUE(json_of(response).value("applied", false)) << response.body;
    }

    nlohmann::json analytics(const std::string& query, const Credentials& as)
    {
        auto response = get("/api/v1/analytics?" + query, as);
        EXPECT_EQ(response.status, 200) << query << ": " << response.body;
        return json_of(response);
    }

    // The detail of the 422 a query gets.
    std::string refusal(const std::string& query)
    {
        auto problem = expect_problem(get("/api/v1/analytics?" + query, m_admin), 422);
        return problem.value("detail", "");
    }

    Credentials m_admin;
};

TEST_P(AnalyticsApiTest, GivesTheFiguresOfEveryTerritoryLevel)
{
    auto answer = analytics(std::string("indicators=") + kOnline + "&territories=FR,REG-75,DEP-33,DEP-40", m_admin);
    EXPECT_GT(answer["sequence"].get<std::int64_t>(), 0);
    ASSERT_EQ(answer["rows"].size(), 4u) << answer.dump();
    auto nation = row_of(answer, "FR", "2024-T4");
    ASSERT_TRUE(nation.is_object()) << answer.dump();
    EXPECT_DOUBLE_EQ(nation["value"].get<double>(), 42.5);
    EXPECT_EQ(nation["indicator"], kOnline);
    EXPECT_EQ(nation["territory_name"], "France");
    EXPECT_EQ(nation["unit"], "%");
    EXPECT_EQ(nation["decimals"], 1);
    EXPECT_EQ(nation["reported"], 2);
    EXPECT_EQ(nation["expected"], 101);
    EXPECT_EQ(nation["complete"], false);
    EXPECT_EQ(nation["includes_unvalidated"], true);
    EXPECT_EQ(nation["includes_synthetic"], false);
    EXPECT_EQ(nation["withheld"], false);
    auto region = row_of(answer, "REG-75", "2024-T4");
    EXPECT_DOUBLE_EQ(region["value"].get<double>(), 42.5);
    EXPECT_EQ(region["expected"], 12);
    auto gironde = row_of(answer, "DEP-33", "2024-T4");
    EXPECT_DOUBLE_EQ(gironde["value"].get<double>(), 60);
    EXPECT_EQ(gironde["complete"], true);
    EXPECT_EQ(gironde["territory_name"], "Gironde");

    auto both = analytics(std::string("indicators=") + kOnline + "&territories=DEP-33&periods=2024-T3,2024-T4,2024-T2",
                          m_admin);
    ASSERT_EQ(both["rows"].size(), 3u);
    EXPECT_DOUBLE_EQ(row_of(both, "DEP-33", "2024-T3")["value"].get<double>(), 50);
    EXPECT_TRUE(row_of(both, "DEP-33", "2024-T2")["value"].is_null());
    auto range = analytics(std::string("indicators=") + kMeetings + "&from=2023&to=2024", m_admin);
    ASSERT_EQ(range["rows"].size(), 2u);
    EXPECT_EQ(row_of(range, "FR", "2023")["value"], 3);
    EXPECT_EQ(row_of(range, "FR", "2024")["value"], 10);
    auto quarters = analytics(std::string("indicators=") + kOnline + "&from=2024&to=2024&period_type=quarter", m_admin);
    EXPECT_EQ(quarters["rows"].size(), 4u);
}

TEST_P(AnalyticsApiTest, ShortcutsNameWholeLevels)
{
    std::string query = std::string("indicators=") + kMeetings + "&periods=2024&territories=";
    EXPECT_EQ(analytics(query + "departments:REG-75", m_admin)["rows"].size(), 12u);
    EXPECT_EQ(analytics(query + "regions", m_admin)["rows"].size(), 18u);
    EXPECT_EQ(analytics(query + "departments", m_admin)["rows"].size(), 101u);
    EXPECT_EQ(analytics(query + "FR,regions,FR", m_admin)["rows"].size(), 19u);
    auto gironde = analytics(query + "33,DEP-33,dep-33", m_admin);
    ASSERT_EQ(gironde["rows"].size(), 1u);
    EXPECT_EQ(gironde["rows"][0]["value"], 4);
    auto repeated = analytics(std::string("indicators=") + kMeetings + "&indicators=" + kOnline, m_admin);
    EXPECT_EQ(repeated["rows"].size(), 2u);
}

TEST_P(AnalyticsApiTest, ExportsAFrenchCsv)
{
    auto response =
        get(std::string("/api/v1/analytics?format=csv&territories=FR,DEP-33&indicators=") + kOnline, m_admin);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.header("Content-Type").value_or(""), "text/csv; charset=utf-8");
    EXPECT_THAT(response.header("Content-Disposition").value_or(""), HasSubstr("attachment"));
    EXPECT_THAT(response.body, StartsWith("\xEF\xBB\xBF\"indicateur\";\"territoire\";\"nom_territoire\";\"periode\""));
    EXPECT_THAT(response.body, HasSubstr("\"FR\";\"France\";\"2024-T4\";\"42,5\";\"non\";\"%\";\"1\";\"2\";\"101\""));
    EXPECT_THAT(response.body, HasSubstr("\"DEP-33\";\"Gironde\";\"2024-T4\";\"60\""));
    EXPECT_THAT(response.body, HasSubstr("\r\n"));
    EXPECT_TRUE(response.header("ETag").has_value());
}

TEST_P(AnalyticsApiTest, AWriteChangesTheTagAndTheNationalFigureAtOnce)
{
    std::string path = std::string("/api/v1/analytics?territories=FR&periods=2024&indicators=") + kMeetings;
    auto first = get(path, m_admin);
    ASSERT_EQ(first.status, 200);
    auto tag = first.header("ETag").value_or("");
    ASSERT_FALSE(tag.empty());
    EXPECT_EQ(first.header("Cache-Control").value_or(""), "private, no-cache");
    EXPECT_EQ(json_of(first)["rows"][0]["value"], 10);

    auto again = get(path, m_admin, {{"If-None-Match", tag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("ETag").value_or(""), tag);
    EXPECT_EQ(get(path, m_admin, {{"If-None-Match", "\"autre\", W/" + tag}}).status, 304);
    // The same question spelt otherwise shares the tag.
    auto respelt = get(std::string("/api/v1/analytics?indicators=") + kMeetings + "&periods=2024&territories=fr",
                       m_admin, {{"If-None-Match", tag}});
    EXPECT_EQ(respelt.status, 304);

    write({value("cdca_reunions", "DEP-33", "2024", 5)});
    auto changed = get(path, m_admin, {{"If-None-Match", tag}});
    ASSERT_EQ(changed.status, 200);
    EXPECT_NE(changed.header("ETag").value_or(""), tag);
    EXPECT_EQ(json_of(changed)["rows"][0]["value"], 11);

    // A change of the catalogue changes the figures' tag and shape too.
    auto indicator = json_of(get(std::string("/api/v1/indicators/") + kMeetings));
    auto edited =
        send("PATCH", std::string("/api/v1/indicators/") + kMeetings,
             {{"decimals", 2}, {"version", indicator["version"]}, {"change_note", "Deux décimales"}}, m_admin);
    ASSERT_EQ(edited.status, 200) << edited.body;
    auto redone = get(path, m_admin, {{"If-None-Match", changed.header("ETag").value_or("")}});
    ASSERT_EQ(redone.status, 200);
    EXPECT_EQ(json_of(redone)["rows"][0]["decimals"], 2);

    // The public's answer is another entity: its own tag.
    auto anonymous = get(path);
    EXPECT_NE(anonymous.header("ETag").value_or(""), changed.header("ETag").value_or(""));
    EXPECT_EQ(anonymous.header("Cache-Control").value_or(""), "no-cache");
}

TEST_P(AnalyticsApiTest, ThePublicSeesValidatedFiguresOnly)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto submitted =
        send("POST", "/api/v1/approvals", {{"territory", "DEP-33"}, {"period", "2023"}, {"action", "submit"}}, gironde);
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    auto validated =
        send("POST", "/api/v1/approvals", {{"territory", "DEP-33"}, {"period", "2023"}, {"action", "validate"}},
             sign_in(demo::kArsEditor));
    ASSERT_EQ(validated.status, 200) << validated.body;

    std::string query = std::string("indicators=") + kMeetings + "&territories=FR,DEP-33&periods=2023,2024";
    auto anonymous = analytics(query, {});
    EXPECT_EQ(row_of(anonymous, "DEP-33", "2023")["value"], 3);
    EXPECT_EQ(row_of(anonymous, "FR", "2023")["value"], 3);
    auto unvalidated = row_of(anonymous, "FR", "2024");
    EXPECT_TRUE(unvalidated["value"].is_null());
    EXPECT_EQ(unvalidated["withheld"], true);
    EXPECT_EQ(row_of(analytics(query, m_admin), "FR", "2024")["value"], 10);

    // The public's latest figure is the latest validated one.
    auto dashboard = json_of(get("/api/v1/analytics/dashboard/DEP-33"));
    auto meetings = indicator_of(dashboard, kMeetings);
    EXPECT_EQ(meetings["period"], "2023");
    EXPECT_EQ(meetings["value"], 3);
    EXPECT_EQ(meetings["newer_withheld"], true);
    auto equity = json_of(get(std::string("/api/v1/analytics/equity?indicator=") + kOnline));
    EXPECT_TRUE(equity["distribution"].is_null()) << equity.dump();
}

TEST_P(AnalyticsApiTest, EquityGivesTheSpreadRanksAndGaps)
{
    auto response = get(std::string("/api/v1/analytics/equity?indicator=") + kOnline, m_admin);
    ASSERT_EQ(response.status, 200) << response.body;
    auto equity = json_of(response);
    EXPECT_EQ(equity["period"], "2024-T4");
    EXPECT_DOUBLE_EQ(equity["national_value"].get<double>(), 42.5);
    const auto& spread = equity["distribution"];
    EXPECT_EQ(spread["count"], 2);
    EXPECT_DOUBLE_EQ(spread["min"].get<double>(), 25);
    EXPECT_DOUBLE_EQ(spread["max"].get<double>(), 60);
    EXPECT_DOUBLE_EQ(spread["mean"].get<double>(), 42.5);
    EXPECT_DOUBLE_EQ(spread["stddev"].get<double>(), 17.5);
    EXPECT_NEAR(spread["cv"].get<double>(), 41.176, 0.001);
    EXPECT_DOUBLE_EQ(spread["max_min_ratio"].get<double>(), 2.4);
    EXPECT_EQ(equity["departments"].size(), 101u);
    for (const auto& department : equity["departments"]) {
        if (department["territory"] == "DEP-33") {
            EXPECT_EQ(department["rank"], 1);
            EXPECT_DOUBLE_EQ(department["gap_to_national"].get<double>(), 17.5);
        } else if (department["territory"] == "DEP-40") {
            EXPECT_EQ(department["rank"], 2);
            EXPECT_DOUBLE_EQ(department["gap_to_national"].get<double>(), -17.5);
        } else {
            EXPECT_TRUE(department["value"].is_null());
        }
    }
    ASSERT_EQ(equity["cv_series"].size(), 2u);
    EXPECT_EQ(equity["cv_series"][0]["period"], "2024-T3");
    EXPECT_DOUBLE_EQ(equity["cv_series"][0]["cv"].get<double>(), 0);

    auto region = json_of(get(std::string("/api/v1/analytics/equity?region=REG-75&indicator=") + kOnline, m_admin));
    EXPECT_EQ(region["departments"].size(), 12u);
    EXPECT_EQ(region["region"]["territory"], "REG-75");
    expect_problem(get("/api/v1/analytics/equity?indicator=equite_cv_delai_mdph", m_admin), 422);
    expect_problem(get(std::string("/api/v1/analytics/equity?region=DEP-33&indicator=") + kOnline, m_admin), 422);
    expect_problem(get(std::string("/api/v1/analytics/equity?period=2024-02&indicator=") + kOnline, m_admin), 422);
    expect_problem(get("/api/v1/analytics/equity", m_admin), 422);
}

TEST_P(AnalyticsApiTest, TheDashboardSummarisesEveryIndicatorWithItsTarget)
{
    auto target = send("POST", "/api/v1/targets",
                       {{"indicator", kOnline},
                        {"territory", "DEP-33"},
                        {"scope", "national"},
                        {"baseline_period", "2024-T1"},
                        {"baseline_value", 40},
                        {"target_period", "2026-T4"},
                        {"target_value", 80}},
                       m_admin);
    ASSERT_EQ(target.status, 201) << target.body;
    auto response = get("/api/v1/analytics/dashboard/DEP-33", m_admin);
    ASSERT_EQ(response.status, 200) << response.body;
    auto dashboard = json_of(response);
    EXPECT_EQ(dashboard["territory"], "DEP-33");
    EXPECT_EQ(dashboard["territory_name"], "Gironde");
    auto online = indicator_of(dashboard, kOnline);
    ASSERT_TRUE(online.is_object());
    EXPECT_EQ(online["period"], "2024-T4");
    EXPECT_DOUBLE_EQ(online["value"].get<double>(), 60);
    EXPECT_EQ(online["previous_period"], "2024-T3");
    EXPECT_EQ(online["trend"], "up");
    EXPECT_EQ(online["trend_meaning"], "better");
    EXPECT_EQ(online["rank"], 1);
    EXPECT_EQ(online["ranked"], 2);
    EXPECT_DOUBLE_EQ(online["gap_to_national"].get<double>(), 17.5);
    EXPECT_DOUBLE_EQ(online["region_value"].get<double>(), 42.5);
    EXPECT_EQ(online["reported"], 1);
    EXPECT_EQ(online["target"]["status"], "on_track");
    EXPECT_FALSE(online["target"]["explanation"].get<std::string>().empty());

    auto nation = json_of(get("/api/v1/analytics/dashboard/FR", m_admin));
    EXPECT_NEAR(indicator_of(nation, kOnline)["cv"].get<double>(), 41.176, 0.001);
    EXPECT_EQ(indicator_of(nation, kOnline)["reported"], 2);

    // The target is part of the tag: changing it changes the answer.
    auto tag = response.header("ETag").value_or("");
    EXPECT_EQ(get("/api/v1/analytics/dashboard/DEP-33", m_admin, {{"If-None-Match", tag}}).status, 304);
    auto id = json_of(target)["id"].get<std::int64_t>();
    auto changed =
        send("PATCH", "/api/v1/targets/" + std::to_string(id), {{"version", 1}, {"target_value", 90}}, m_admin);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(get("/api/v1/analytics/dashboard/DEP-33", m_admin, {{"If-None-Match", tag}}).status, 200);
    expect_problem(get("/api/v1/analytics/dashboard/DEP-2C"), 404);
    expect_problem(get("/api/v1/analytics/dashboard/REG-99"), 404);
}

TEST_P(AnalyticsApiTest, HostileParametersAreRefusedInFrench)
{
    std::string meetings = std::string("indicators=") + kMeetings;
    EXPECT_THAT(refusal("indicators=cdca_nombre_reunion"), HasSubstr("Vouliez-vous dire : cdca_nombre_reunions"));
    EXPECT_THAT(refusal(meetings + "&territories=DEP-2C"), HasSubstr("Paramètre « territories » invalide"));
    EXPECT_THAT(refusal(meetings + "&territories=2C"), HasSubstr("2C"));
    EXPECT_THAT(refusal(meetings + "&territories=20"), HasSubstr("2A"));
    EXPECT_THAT(refusal(meetings + "&territories=REG-99"), HasSubstr("Code région « 99 » inconnu"));
    EXPECT_THAT(refusal(meetings + "&territories=departments:DEP-33"), HasSubstr("une région est attendue"));
    EXPECT_THAT(refusal(meetings + "&periods=2025-T5"), HasSubstr("Paramètre « periods » invalide"));
    EXPECT_THAT(refusal(meetings + "&periods=2024-T1"), HasSubstr("cdca_nombre_reunions"));
    EXPECT_THAT(refusal(meetings + "&periods=2024&from=2023&to=2024"), HasSubstr("pas les deux"));
    EXPECT_THAT(refusal(meetings + "&from=2025&to=2023"), HasSubstr("précède"));
    EXPECT_THAT(refusal(meetings + "&from=2024"), HasSubstr("from et to vont ensemble"));
    EXPECT_THAT(refusal(meetings + "&format=xml"), HasSubstr("json"));
    EXPECT_THAT(refusal("indicator=cdca_nombre_reunions"), HasSubstr("Paramètre « indicator » inconnu"));
    EXPECT_THAT(refusal(""), HasSubstr("obligatoire"));
    EXPECT_THAT(refusal(meetings + "&territories=%FF%FE"), HasSubstr("UTF-8"));
    EXPECT_THAT(refusal("indicators=%27%3B%20DROP%20TABLE%20data_values%3B%20--"), HasSubstr("inconnu"));
    EXPECT_THAT(refusal(meetings + "&territories=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), HasSubstr("territories"));

    std::string many_indicators = "indicators=";
    for (int i = 0; i < 51; ++i)
        many_indicators += std::string(i ? "," : "") + kMeetings;
    EXPECT_THAT(refusal(many_indicators), HasSubstr("(51 demandés)"));
    std::string many_territories = meetings + "&territories=";
    for (int i = 0; i < 250; ++i)
        many_territories += std::string(i ? "," : "") + "FR";
    EXPECT_THAT(refusal(many_territories), HasSubstr("(250 demandés)"));
    EXPECT_THAT(refusal(meetings + "&from=2000&to=2200"), HasSubstr("(201 demandées)"));

    std::string all = "indicators=";
    auto listed = json_of(get("/api/v1/indicators?page_size=100"));
    for (const auto& indicator : listed["items"])
        all += indicator["code"].get<std::string>() + ",";
    auto cells = refusal(all + "&territories=FR,regions,departments&period_type=month&from=2024-01&to=2025-12");
    EXPECT_THAT(cells, HasSubstr("valeurs ("));
    EXPECT_THAT(cells, HasSubstr("100000 au plus"));
}

TEST_P(AnalyticsApiTest, TheDashboardPagesShowTheFigures)
{
    auto national = get("/tableau-de-bord", m_admin);
    ASSERT_EQ(national.status, 200) << national.body;
    EXPECT_THAT(national.body, HasSubstr("Tableau de bord national"));
    EXPECT_THAT(national.body, HasSubstr("42,5\u00a0%"));
    EXPECT_THAT(national.body, HasSubstr("2/101 départements"));
    EXPECT_THAT(national.body, HasSubstr("inclut des valeurs non validées"));
    EXPECT_THAT(national.body, HasSubstr("<caption"));
    EXPECT_THAT(national.body, HasSubstr("href=\"/indicateurs/mdph_part_demandes_en_ligne\""));

    auto gironde = get("/territoires/DEP-33/tableau-de-bord", m_admin);
    ASSERT_EQ(gironde.status, 200) << gironde.body;
    EXPECT_THAT(gironde.body, HasSubstr("Tableau de bord — Gironde (33)"));
    EXPECT_THAT(gironde.body, HasSubstr("60,0\u00a0%"));
    EXPECT_THAT(gironde.body, HasSubstr("Nouvelle-Aquitaine"));
    EXPECT_THAT(gironde.body, HasSubstr("1er sur 2"));
    EXPECT_THAT(gironde.body, HasSubstr("/indicateurs/mdph_part_demandes_en_ligne?territoire=DEP-33"));
    EXPECT_THAT(gironde.body, HasSubstr("En hausse depuis 3e trimestre 2024"));

    EXPECT_EQ(get("/territoires/REG-75/tableau-de-bord", m_admin).status, 200);
    EXPECT_EQ(get("/territoires/dep-33/tableau-de-bord").status, 301);
    EXPECT_EQ(get("/territoires/FR/tableau-de-bord").status, 303);
    EXPECT_EQ(get("/territoires/DEP-2C/tableau-de-bord").status, 404);
    EXPECT_EQ(get("/tableau-de-bord/territoire?territoire=DEP-33").header("Location").value_or(""),
              "/territoires/DEP-33/tableau-de-bord");

    auto anonymous = get("/tableau-de-bord");
    ASSERT_EQ(anonymous.status, 200);
    EXPECT_THAT(anonymous.body, HasSubstr("Chiffres publics"));
    EXPECT_THAT(anonymous.body, ::testing::Not(HasSubstr("42,5\u00a0%")));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(AnalyticsApiTest);

}  // namespace boussole::test_support
