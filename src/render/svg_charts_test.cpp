#include "render/svg_charts.hpp"

#include "render/svg_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>

namespace boussole::render {

namespace {

using test_support::count_of;
using test_support::xml_problem;

constexpr const char* kNbsp = "\u00A0";

// The d attributes of the lines of a chart, in document order.
std::vector<std::string> line_paths(const std::string& svg)
{
    std::vector<std::string> paths;
    std::regex pattern("<path d=\"([^\"]*)\"[^>]*class=\"ligne\"");
    for (std::sregex_iterator it(svg.begin(), svg.end(), pattern), end; it != end; ++it)
        paths.push_back((*it)[1]);
    return paths;
}

std::vector<Series> department_region_nation()
{
    return {
        {"Gironde", {{"2025-T1", 1200.0}, {"2025-T2", std::nullopt}, {"2025-T3", 1500.5}, {"2025-T4", 1800.0}}, true},
        {"Nouvelle-Aquitaine & <co>", {{"2025-T1", 1000.0}, {"2025-T2", 1100.0}, {"2025-T3", 1300.0}}, false},
        {"France", {{"2025-T1", 900.0}, {"2025-T2", 950.0}, {"2025-T3", 1000.0}, {"2025-T4", 1050.0}}, false},
    };
}

}  // namespace

TEST(SvgLineChart, OnePointPerValueAndGapsWhereValuesAreMissing)
{
    LineChartOptions options;
    options.title = "Délai moyen";
    options.unit = "jours";
    options.decimals = 1;
    auto svg = line_chart(department_region_nation(), options);

    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count_of(svg, "class=\"point\""), 3u + 3u + 4u);
    auto paths = line_paths(svg);
    ASSERT_EQ(paths.size(), 3u);
    EXPECT_EQ(count_of(paths[0], "M"), 2u);  // broken at 2025-T2
    EXPECT_EQ(count_of(paths[0], "L"), 1u);
    EXPECT_EQ(count_of(paths[1], "M"), 1u);
    EXPECT_EQ(count_of(paths[2], "L"), 3u);
    // The emphasised series is blue-france and thick; the others dashed.
    EXPECT_NE(svg.find("stroke=\"#000091\" stroke-width=\"3.5\""), std::string::npos);
    EXPECT_GE(count_of(svg, "stroke-dasharray"), 2u);
    // Every period once on the axis, in order.
    auto t1 = svg.find(">2025-T1</text>");
    auto t4 = svg.find(">2025-T4</text>");
    ASSERT_NE(t1, std::string::npos);
    ASSERT_NE(t4, std::string::npos);
    EXPECT_LT(t1, t4);
    EXPECT_EQ(count_of(svg, "class=\"etiquette-periode\""), 4u);
}

TEST(SvgLineChart, FrenchNumbersOnTheAxisAndInTitles)
{
    LineChartOptions options;
    options.title = "Délai moyen";
    options.unit = "jours";
    auto svg = line_chart(department_region_nation(), options);

    EXPECT_NE(svg.find(std::string(">1") + kNbsp + "000</text>"), std::string::npos);
    EXPECT_NE(svg.find(std::string("<title>Gironde, 2025-T3 : 1") + kNbsp + "500,5" + kNbsp + "jours</title>"),
              std::string::npos);
    EXPECT_NE(svg.find("Unité : jours"), std::string::npos);
    // The description gives the first and last value of each series.
    EXPECT_NE(svg.find(std::string("Gironde : 1") + kNbsp + "200,0" + kNbsp + "jours (2025-T1) à 1" + kNbsp + "800,0" +
                       kNbsp + "jours (2025-T4)."),
              std::string::npos);
    EXPECT_EQ(svg.find("1200"), std::string::npos);
}

TEST(SvgLineChart, TargetLineWithItsLabel)
{
    LineChartOptions options;
    options.title = "Taux";
    options.unit = "%";
    options.target = 80;
    options.id_prefix = "taux";
    std::vector<Series> series = {{"Gironde", {{"2024", 70.0}, {"2025", 75.0}}, true}};
    auto svg = line_chart(series, options);

    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count_of(svg, "class=\"cible\""), 1u);
    EXPECT_NE(svg.find(std::string(">Cible : 80,0") + kNbsp + "%</text>"), std::string::npos);
    EXPECT_NE(svg.find("stroke=\"#e1000f\""), std::string::npos);
    // The axis reaches the target even though every value is below it.
    EXPECT_NE(svg.find(">80</text>"), std::string::npos);

    options.target_label = "Objectif national";
    EXPECT_NE(line_chart(series, options).find(">Objectif national</text>"), std::string::npos);
    options.target.reset();
    EXPECT_EQ(line_chart(series, options).find("class=\"cible\""), std::string::npos);
}

TEST(SvgLineChart, EscapesNamesAndLabels)
{
    LineChartOptions options;
    options.title = "A < B";
    options.id_prefix = "s\"><script>";
    auto svg = line_chart(department_region_nation(), options);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find(">Nouvelle-Aquitaine &amp; &lt;co&gt;</text>"), std::string::npos);
    EXPECT_EQ(svg.find("<co>"), std::string::npos);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"sscript-titre\">A &lt; B</title>"), std::string::npos);
}

TEST(SvgLineChart, NoValueSaysAucuneDonnee)
{
    LineChartOptions options;
    options.title = "Taux";
    for (const auto& series : {std::vector<Series>{}, std::vector<Series>{{"Gironde", {{"2025", std::nullopt}}}},
                               std::vector<Series>{{"Gironde", {{"2025", std::nan("")}}}}}) {
        auto svg = line_chart(series, options);
        EXPECT_NE(svg.find("Aucune donnée"), std::string::npos);
        EXPECT_EQ(svg.find("class=\"point\""), std::string::npos);
        EXPECT_EQ(xml_problem(svg), "");
    }
}

TEST(SvgLineChart, SeriesWithDifferentPeriodsShareOneAxis)
{
    std::vector<Series> series = {{"A", {{"2025-T2", 1.0}, {"2025-T3", 2.0}}},
                                  {"B", {{"2025-T1", 1.5}, {"2025-T2", 1.0}, {"2025-T4", 3.0}}}};
    auto svg = line_chart(series, {"Titre"});
    auto t1 = svg.find(">2025-T1</text>");
    auto t2 = svg.find(">2025-T2</text>");
    auto t3 = svg.find(">2025-T3</text>");
    auto t4 = svg.find(">2025-T4</text>");
    ASSERT_TRUE(t1 != std::string::npos && t2 != std::string::npos && t3 != std::string::npos &&
                t4 != std::string::npos);
    EXPECT_LT(t1, t2);
    EXPECT_LT(t2, t3);
    EXPECT_LT(t3, t4);
}

TEST(SvgBoxPlot, FiveStatisticsAndTheHighlightedValue)
{
    DistributionSummary summary{1.0, 2.5, 3.0, 4.25, 12.0, 3.6, "Gironde <33>"};
    auto svg = box_plot(summary, "Répartition", "Entre départements.", "%", 1, "boite");

    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find(std::string("<title>Médiane : 3,0") + kNbsp + "%</title>"), std::string::npos);
    EXPECT_NE(svg.find("premier quartile 2,5"), std::string::npos);
    EXPECT_NE(svg.find("troisième quartile 4,3"), std::string::npos);
    EXPECT_NE(svg.find(std::string(">Gironde &lt;33&gt; : 3,6") + kNbsp + "%</text>"), std::string::npos);
    EXPECT_EQ(count_of(svg, "class=\"valeur-mise-en-avant\""), 1u);
    EXPECT_NE(svg.find(">0</text>"), std::string::npos);  // round axis bounds around 1 and 12
    EXPECT_NE(svg.find(">15</text>"), std::string::npos);
    EXPECT_NE(svg.find("aria-labelledby=\"boite-titre boite-desc\""), std::string::npos);

    summary.highlighted.reset();
    EXPECT_EQ(box_plot(summary, "R", "", "%", 1, "b").find("valeur-mise-en-avant"), std::string::npos);
}

TEST(SvgBoxPlot, NonFiniteStatisticsSayAucuneDonnee)
{
    DistributionSummary summary{std::nan(""), 1, 2, 3, 4, std::nullopt, ""};
    auto svg = box_plot(summary, "Répartition", "", "%", 1, "boite");
    EXPECT_NE(svg.find("Aucune donnée"), std::string::npos);
    EXPECT_EQ(svg.find("mediane"), std::string::npos);
    EXPECT_EQ(xml_problem(svg), "");
}

TEST(SvgBarChart, BarsInOrderWithValuesHighlightAndLinks)
{
    std::vector<Bar> bars = {
        {"Paris", 1234.5, "", false, "/departements/75"},
        {"Gironde", 900.0, "900 places", true, "javascript:alert(1)"},
        {"Lozère & <co>", std::nullopt, "", false, ""},
        {"Ain", 10.0, "", false, ""},
    };
    auto svg = bar_chart(bars, "Classement", "Du plus grand au plus petit.", "places", 0, "barres");

    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count_of(svg, "class=\"barre"), 4u);
    EXPECT_EQ(count_of(svg, "<rect"), 3u);  // no bar for the missing value
    EXPECT_EQ(count_of(svg, "fill=\"#000091\""), 1u);
    EXPECT_NE(svg.find(std::string(">1") + kNbsp + "235" + kNbsp + "places</text>"), std::string::npos);
    EXPECT_NE(svg.find(">900 places</text>"), std::string::npos);
    EXPECT_NE(svg.find(">Pas de donnée</text>"), std::string::npos);
    EXPECT_NE(svg.find(">Lozère &amp; &lt;co&gt;</text>"), std::string::npos);
    EXPECT_LT(svg.find(">Paris</text>"), svg.find(">Gironde</text>"));
    EXPECT_LT(svg.find(">Gironde</text>"), svg.find(">Ain</text>"));
    EXPECT_EQ(count_of(svg, "<a href="), 1u);
    EXPECT_EQ(svg.find("javascript:"), std::string::npos);

    // Longer bars for larger values.
    std::regex width("<rect x=\"[^\"]*\" y=\"[^\"]*\" width=\"([^\"]*)\"");
    std::vector<double> widths;
    for (std::sregex_iterator it(svg.begin(), svg.end(), width), end; it != end; ++it)
        widths.push_back(std::stod((*it)[1]));
    ASSERT_EQ(widths.size(), 3u);
    EXPECT_GT(widths[0], widths[1]);
    EXPECT_GT(widths[1], widths[2]);
}

TEST(SvgBarChart, EmptyInputSaysAucuneDonnee)
{
    auto svg = bar_chart({}, "Classement", "", "%", 1, "barres");
    EXPECT_NE(svg.find("Aucune donnée"), std::string::npos);
    EXPECT_EQ(xml_problem(svg), "");
}

TEST(SvgSparkline, SmallLineWithGapsAndLastPoint)
{
    auto svg = sparkline({1.0, 2.0, std::nullopt, 4.0, 3.0}, "Tendance & co", "mini");
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find("width=\"120\" height=\"32\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"mini-titre\">Tendance &amp; co</title>"), std::string::npos);
    EXPECT_NE(svg.find("aria-labelledby=\"mini-titre\""), std::string::npos);
    auto paths = line_paths(svg);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_EQ(count_of(paths[0], "M"), 2u);
    EXPECT_EQ(count_of(svg, "class=\"point\""), 1u);

    auto empty = sparkline({std::nullopt}, "Tendance", "mini");
    EXPECT_NE(empty.find("Aucune donnée"), std::string::npos);
    EXPECT_NE(sparkline({}, "Tendance", "mini").find("Aucune donnée"), std::string::npos);
}

}  // namespace boussole::render
