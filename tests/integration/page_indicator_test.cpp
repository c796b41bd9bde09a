// The indicator page (/indicateurs/{code}) and the comparison page over real
// HTTP, on both backends: values written through the API are on the map,
// in the table, the series, the distribution and the ranking at once; the
// public sees validated values only; filters restrict and highlight; an
// unknown indicator is a 404 and every bad or hostile parameter a French
// message with a 400, never a crash.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* kIndicator = "mdph_part_demandes_en_ligne";  // en ligne / demandes × 100, by quarter
constexpr const char* kPage = "/indicateurs/mdph_part_demandes_en_ligne";

nlohmann::json requests(const std::string& department, const std::string& period, int online, int all)
{
    return nlohmann::json::array(
        {{{"element", "mdph_demandes_en_ligne"}, {"territory", department}, {"period", period}, {"value", online}},
         {{"element", "mdph_demandes"}, {"territory", department}, {"period", period}, {"value", all}}});
}

std::size_t occurrences(const std::string& text, const std::string& what)
{
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++count;
    return count;
}

// The departments' table of the page, from its caption to its end.
std::string departments_table(const std::string& body)
{
    auto start = body.find("id=\"tableau-departements-legende\"");
    if (start == std::string::npos)
        return {};
    return body.substr(start, body.find("</table>", start) - start);
}

}  // namespace

class IndicatorPageTest : public AppTest {
protected:
    // Gironde 20 % then 25 %, Landes 30 % then 30 %: the gap narrows.
    void write_two_quarters(const Credentials& as)
    {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& part : {requests("33", "2025-T1", 300, 1500), requests("40", "2025-T1", 450, 1500),
                                 requests("33", "2025-T2", 350, 1400), requests("40", "2025-T2", 450, 1500)})
            for (const auto& value : part)
                values.push_back(value);
        auto written = send("POST", "/api/v1/data-values", {{"values", values}}, as);
        ASSERT_EQ(written.status, 200) << written.body;
    }
};

TEST_P(IndicatorPageTest, ShowsTheValuesWrittenOnTheMapTableChartsAndRanking)
{
    auto admin = sign_in(demo::kAdmin);
    write_two_quarters(admin);
    auto target = send("POST", "/api/v1/targets",
                       {{"indicator", kIndicator},
                        {"territory", "FR"},
                        {"scope", "national"},
                        {"baseline_period", "2024-T4"},
                        {"baseline_value", 20},
                        {"target_period", "2027-T4"},
                        {"target_value", 40}},
                       admin);
    ASSERT_EQ(target.status, 201) << target.body;

    auto page = get(kPage, admin);
    ASSERT_EQ(page.status, 200) << page.body;
    const auto& body = page.body;
    EXPECT_THAT(body, HasSubstr("Chiffres clés : 2e trimestre 2025"));
    EXPECT_THAT(body, HasSubstr("27,6\u00a0%"));  // (350 + 450) / (1400 + 1500), the national value
    EXPECT_THAT(body, HasSubstr("2/101 départements"));
    EXPECT_THAT(body, HasSubstr("inclut des valeurs non validées"));
    EXPECT_THAT(body, HasSubstr("href=\"/catalogue/indicateurs/mdph_part_demandes_en_ligne\""));
    EXPECT_THAT(body, HasSubstr("Cible : 40,0\u00a0% en 4e trimestre 2027 (nationale)"));
    // The map: every department, each a link that highlights it.
    EXPECT_EQ(occurrences(body, "data-code=\""), 101u);
    EXPECT_THAT(body, HasSubstr("territoire=DEP-33"));
    // The table, best first: Landes (30 %) before Gironde (25 %).
    auto table = departments_table(body);
    EXPECT_EQ(occurrences(table, "<tr"), 102u);  // the header and 101 departments
    ASSERT_NE(table.find("Landes (40)"), std::string::npos);
    EXPECT_LT(table.find("Landes (40)"), table.find("Gironde (33)"));
    EXPECT_THAT(table, HasSubstr("25,0\u00a0%"));
    EXPECT_THAT(table, HasSubstr("\u22122,6"));  // Gironde's gap to the nation
    EXPECT_THAT(table, HasSubstr("aria-sort=\"ascending\""));
    // The distribution, its figures, and the coefficient of variation over time.
    EXPECT_THAT(body, HasSubstr("Médiane"));
    EXPECT_THAT(body, HasSubstr("Rapport max/min"));
    EXPECT_THAT(body,
                HasSubstr("écart entre départements se réduit : CV de 20,0\u00a0% au 1er trimestre 2025 à 9,1\u00a0% "
                          "au 2e trimestre 2025."));
    EXPECT_THAT(body, HasSubstr("1. Landes (40)"));  // the ranking's first bar

    auto by_name = departments_table(get(std::string(kPage) + "?tri=nom", admin).body);
    EXPECT_LT(by_name.find("Gironde (33)"), by_name.find("Landes (40)"));
    EXPECT_LT(by_name.find("Ain (01)"), by_name.find("Gironde (33)"));

    auto catalogue = get("/catalogue/indicateurs/mdph_part_demandes_en_ligne");
    EXPECT_THAT(catalogue.body, HasSubstr("href=\"/indicateurs/mdph_part_demandes_en_ligne\""));
    EXPECT_THAT(catalogue.body, HasSubstr("Voir les valeurs"));
}

TEST_P(IndicatorPageTest, FiltersRestrictToARegionAndHighlightATerritory)
{
    auto admin = sign_in(demo::kAdmin);
    write_two_quarters(admin);
    auto page = get(std::string(kPage) + "?periode=2025-T1&region=REG-75&territoire=DEP-33", admin);
    ASSERT_EQ(page.status, 200) << page.body;
    auto table = departments_table(page.body);
    EXPECT_THAT(table, HasSubstr("de la région Nouvelle-Aquitaine"));
    EXPECT_EQ(occurrences(table, "<tr"), 13u);  // the 12 departments of Nouvelle-Aquitaine
    EXPECT_THAT(table, Not(HasSubstr("Ain (01)")));
    EXPECT_THAT(table, HasSubstr("aria-current=\"true\">Gironde (33)"));
    EXPECT_THAT(table, HasSubstr("20,0\u00a0%"));
    EXPECT_THAT(page.body, HasSubstr("Chiffres clés : 1er trimestre 2025"));
    EXPECT_THAT(page.body, HasSubstr("departement-mis-en-avant"));
    EXPECT_THAT(page.body, HasSubstr("Nouvelle-Aquitaine (région)"));
    EXPECT_THAT(page.body, HasSubstr("Rang : 2 sur 2 départements classés"));
    EXPECT_THAT(page.body, HasSubstr("/territoires/DEP-33/comparaison?indicateur=mdph_part_demandes_en_ligne"));
    EXPECT_THAT(page.body, HasSubstr("<option value=\"2025-T1\" selected>"));

    auto year = get(std::string(kPage) + "?periode=2025", admin);
    EXPECT_EQ(year.status, 200);
    EXPECT_THAT(year.body, HasSubstr("Aucune valeur pour cette période"));
}

TEST_P(IndicatorPageTest, ThePublicSeesValidatedValuesOnly)
{
    auto anonymous = get(kPage);
    ASSERT_EQ(anonymous.status, 200);
    EXPECT_THAT(anonymous.body, HasSubstr("Aucune valeur pour cet indicateur"));

    auto gironde = sign_in(demo::kGirondeEditor);
    auto written = send("POST", "/api/v1/data-values", {{"values", requests("33", "2025-T1", 300, 1500)}}, gironde);
    ASSERT_EQ(written.status, 200) << written.body;
    auto admin = sign_in(demo::kAdmin);
    written = send("POST", "/api/v1/data-values", {{"values", requests("40", "2025-T1", 450, 1500)}}, admin);
    ASSERT_EQ(written.status, 200) << written.body;
    EXPECT_THAT(get(kPage).body, HasSubstr("Aucune valeur pour cet indicateur"));

    nlohmann::json approval{{"territory", "DEP-33"}, {"period", "2025-T1"}, {"action", "submit"}};
    ASSERT_EQ(send("POST", "/api/v1/approvals", approval, gironde).status, 200);
    approval["action"] = "validate";
    ASSERT_EQ(send("POST", "/api/v1/approvals", approval, sign_in(demo::kArsEditor)).status, 200);

    auto page = get(kPage);
    ASSERT_EQ(page.status, 200);
    auto table = departments_table(page.body);
    EXPECT_THAT(table, HasSubstr("20,0\u00a0%"));
    EXPECT_THAT(page.body, Not(HasSubstr("30,0\u00a0%")));
    EXPECT_THAT(page.body, HasSubstr("en attente de validation"));
    EXPECT_THAT(get(kPage, admin).body, HasSubstr("30,0\u00a0%"));
}

TEST_P(IndicatorPageTest, UnknownIndicatorsAreNotFound)
{
    auto missing = get("/indicateurs/inconnu");
    EXPECT_EQ(missing.status, 404);
    EXPECT_THAT(missing.body, HasSubstr("est pas dans le catalogue"));
    auto hostile = get("/indicateurs/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    EXPECT_EQ(hostile.status, 404);
    EXPECT_THAT(hostile.body, Not(HasSubstr("<script>alert")));
    EXPECT_EQ(get("/indicateurs/%FF%FE").status, 404);
}

TEST_P(IndicatorPageTest, BadParametersAreExplainedInFrench)
{
    struct Case {
        std::string query;
        std::string message;
    };
    for (const auto& [query, message] : std::vector<Case>{
             {"periode=2025-03", "cet indicateur se calcule par trimestre"},
             {"periode=2025-T5", "attendu T1 à T4"},
             {"region=REG-99", "Code région « 99 » inconnu"},
             {"region=DEP-33", "est pas une région"},
             {"territoire=DEP-2C", "2A"},
             {"territoire=XYZ", "Territoire « XYZ »"},
             {"tri=prix", "attendu rang, nom ou valeur"},
             {"periode=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Valeur illisible"},
             {"territoire=%FF", "Valeur illisible"},
             {"periode=" + std::string(5000, '9'), "Valeur illisible"},
         }) {
        auto page = get(std::string(kPage) + "?" + query);
        EXPECT_EQ(page.status, 400) << query;
        EXPECT_THAT(page.body, HasSubstr(message)) << query;
        EXPECT_THAT(page.body, HasSubstr("<title>Erreur : ")) << query;
        EXPECT_THAT(page.body, Not(HasSubstr("<script>alert"))) << query;
    }
    // Repeated and unknown parameters are not errors: the first value counts.
    EXPECT_EQ(get(std::string(kPage) + "?tri=nom&tri=prix&autre=1").status, 200);
}

TEST_P(IndicatorPageTest, ADispersionIndicatorLeadsToTheOneItMeasures)
{
    auto page = get("/indicateurs/equite_cv_delai_mdph?territoire=DEP-33");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_THAT(page.body, HasSubstr("href=\"/indicateurs/mdph_delai_traitement\""));
    EXPECT_THAT(page.body, Not(HasSubstr("data-code=\"")));
}

TEST_P(IndicatorPageTest, TheComparisonPageRefusesWhatIsNotADepartment)
{
    auto chooser = get("/comparaison");
    ASSERT_EQ(chooser.status, 200);
    EXPECT_THAT(chooser.body, HasSubstr("Choisir un département"));
    EXPECT_EQ(get("/territoires/DEP-2C/comparaison").status, 404);
    auto region = get("/territoires/REG-75/comparaison");
    EXPECT_EQ(region.status, 400);
    EXPECT_THAT(region.body, HasSubstr("est pas un département"));
    auto unknown = get("/comparaison?territoire=DEP-33&indicateur=inconnu");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_THAT(unknown.body, HasSubstr("Indicateur « inconnu » inconnu"));
    EXPECT_EQ(get("/comparaison?territoire=DEP-33&voisins=tous").status, 400);
    EXPECT_EQ(get("/comparaison?territoire=%3Cb%3E").status, 400);
    // Without population, the region's departments stand in for the nearest.
    auto fallback = get("/territoires/DEP-33/comparaison");
    ASSERT_EQ(fallback.status, 200);
    EXPECT_THAT(fallback.body, HasSubstr("Les populations ne sont pas chargées"));
    EXPECT_THAT(fallback.body, HasSubstr("Landes (40)"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(IndicatorPageTest);

class ComparisonPageTest : public IndicatorPageTest {
protected:
    WithPopulation population() const override { return WithPopulation::Yes; }
};

TEST_P(ComparisonPageTest, ComparesADepartmentWithTheNearestByPopulation)
{
    auto admin = sign_in(demo::kAdmin);
    write_two_quarters(admin);
    auto page = get(std::string("/territoires/DEP-33/comparaison?indicateur=") + kIndicator, admin);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_THAT(page.body, HasSubstr("Comparer Gironde (33) à des départements semblables"));
    EXPECT_THAT(page.body, HasSubstr("écart-type entre les 101 départements"));
    EXPECT_EQ(occurrences(page.body, "département semblable)"), 5u);
    EXPECT_THAT(page.body, HasSubstr("25,0\u00a0%"));
    EXPECT_THAT(page.body, HasSubstr("Gironde (33) : 25,0\u00a0% (2e trimestre 2025)"));

    auto region = get(std::string("/comparaison?territoire=DEP-33&voisins=region&indicateur=") + kIndicator, admin);
    ASSERT_EQ(region.status, 200) << region.body;
    EXPECT_EQ(occurrences(region.body, "département semblable)"), 11u);
    EXPECT_THAT(region.body, HasSubstr("rang 2 sur 2 départements comparés"));

    // By default, the indicators of priority 1 that have values (none here but
    // the base of a dispersion indicator the page offers instead).
    auto defaults = get("/territoires/DEP-33/comparaison");
    ASSERT_EQ(defaults.status, 200);
    EXPECT_THAT(defaults.body, HasSubstr("Aucun indicateur à comparer"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ComparisonPageTest);

}  // namespace boussole::test_support
