#include "render/svg_map.hpp"

#include "render/svg_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace boussole::render {

namespace {

using test_support::count_of;
using test_support::xml_problem;

constexpr const char* kNbsp = "\u00A0";

// The file the build extracts from @gouvfr/dsfr-chart (target "share").
const MapGeometry& built_geometry()
{
    static const MapGeometry geometry = [] {
        auto loaded = load_map_geometry(map_geometry_path(BOUSSOLE_TEST_SHARE_DIR));
        if (!loaded.ok())
            throw std::runtime_error(loaded.error().message);
        return std::move(loaded).value();
    }();
    return geometry;
}

std::set<std::string> expected_codes()
{
    std::set<std::string> codes;
    for (int number = 1; number <= 95; ++number) {
        if (number == 20) {
            codes.insert({"2A", "2B"});
            continue;
        }
        codes.insert((number < 10 ? "0" : "") + std::to_string(number));
    }
    codes.insert({"971", "972", "973", "974", "976"});
    return codes;
}

std::vector<std::string> all_codes(const MapGeometry& geometry)
{
    std::vector<std::string> codes;
    for (const auto& department : geometry.metropole)
        codes.push_back(department.code);
    for (const auto& inset : geometry.overseas)
        codes.push_back(inset.code);
    return codes;
}

// One value per department (1, 2, 3... in code order), except Lozère and
// Mayotte, which have none; Gironde has a caller-formatted text and a link.
std::vector<MapArea> sample_areas(const MapGeometry& geometry)
{
    std::vector<MapArea> areas;
    double value = 1;
    for (const auto& code : all_codes(geometry)) {
        MapArea area{code, "Département " + code, value++, "", ""};
        if (code == "48" || code == "976")
            area.value.reset();
        if (code == "33") {
            area.name = "Gironde";
            area.value = 12.3;
            area.value_text = "12,3 %";
            area.href = "/departements/33";
        }
        if (code == "2A")
            area.name = "Corse <&> \"Sud\"";
        if (code == "75") {
            area.value = 1234.5;
            area.href = "javascript:alert(1)";
        }
        areas.push_back(area);
    }
    return areas;
}

MapOptions sample_options()
{
    MapOptions options;
    options.title = "Délai moyen de traitement";
    options.description = "Par département, 2025-T3.";
    options.unit = "%";
    options.highlighted_code = "33";
    options.id_prefix = "carte-test";
    return options;
}

}  // namespace

TEST(SvgMapGeometry, TheBuiltFileHasExactlyThe101Departments)
{
    const auto& geometry = built_geometry();
    EXPECT_EQ(geometry.source, "@gouvfr/dsfr-chart 2.0.4");
    EXPECT_EQ(geometry.department_count(), 101u);
    auto codes = all_codes(geometry);
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()), expected_codes());
    EXPECT_EQ(geometry.overseas.size(), 5u);
    EXPECT_EQ(geometry.metropole_view_box.width, 1010);
    EXPECT_EQ(geometry.regions.size(), 13u);
    for (const auto& inset : geometry.overseas)
        EXPECT_GT(inset.view_box.width, 0) << inset.code;
}

TEST(SvgMapGeometry, MissingOrInvalidFileIsAFrenchError)
{
    auto missing = load_map_geometry("/nonexistent/departements.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
    EXPECT_NE(missing.error().message.find("introuvable"), std::string::npos);
    EXPECT_NE(missing.error().message.find("make"), std::string::npos);

    EXPECT_FALSE(parse_map_geometry("pas du JSON").ok());
    EXPECT_FALSE(parse_map_geometry(R"({"metropole": "x"})").ok());
    EXPECT_FALSE(parse_map_geometry(R"({"metropole": {"viewBox": "0 0 10", "departments": {}}})").ok());
    auto wrong_path = parse_map_geometry(R"({"metropole": {"viewBox": "0 0 10 10", "departments": {"01": 3}}})");
    ASSERT_FALSE(wrong_path.ok());
    EXPECT_NE(wrong_path.error().message.find("« 01 »"), std::string::npos);

    auto small = parse_map_geometry(
        R"({"source": "s", "metropole": {"viewBox": "0 0 10 10", "departments": {"02": "M1 1h2", "01": "M0 0h1"}},
            "overseas": {"974": {"viewBox": "0 0 5 4", "d": "m1 1v1"}}})");
    ASSERT_TRUE(small.ok()) << small.error().message;
    ASSERT_EQ(small->metropole.size(), 2u);
    EXPECT_EQ(small->metropole[0].code, "01");
    EXPECT_EQ(small->overseas[0].view_box.height, 4);
}

TEST(SvgMapClasses, QuantilesGiveFiveClassesFromLightToDark)
{
    auto classes = quantile_classes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    ASSERT_EQ(classes.size(), 5u);
    EXPECT_EQ(classes[0].lower, 1);
    EXPECT_EQ(classes[0].upper, 3);
    EXPECT_FALSE(classes[0].upper_included);
    EXPECT_EQ(classes[4].lower, 9);
    EXPECT_EQ(classes[4].upper, 10);
    EXPECT_TRUE(classes[4].upper_included);
    for (const auto& value_class : classes)
        EXPECT_EQ(value_class.count, 2);
    EXPECT_EQ(classes[0].colour, "#e3e3fd");
    EXPECT_EQ(classes[4].colour, "#000091");
    EXPECT_EQ(class_of(classes, 2.9), 0u);
    EXPECT_EQ(class_of(classes, 3), 1u);
    EXPECT_EQ(class_of(classes, 10), 4u);
}

TEST(SvgMapClasses, FewDistinctValuesGiveFewerClasses)
{
    auto classes = quantile_classes({4, 4, 4, 7, 7, 9});
    ASSERT_EQ(classes.size(), 3u);
    EXPECT_EQ(classes[0].lower, 4);
    EXPECT_EQ(classes[0].upper, 4);
    EXPECT_EQ(classes[0].count, 3);
    EXPECT_EQ(classes[0].colour, "#e3e3fd");
    EXPECT_EQ(classes[2].colour, "#000091");
    EXPECT_EQ(quantile_classes({5, 5}).size(), 1u);
    EXPECT_TRUE(quantile_classes({}).empty());
    EXPECT_TRUE(quantile_classes({std::nan("")}).empty());
    // Ties across a quantile bound merge classes rather than repeat a bound.
    auto tied = quantile_classes({1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6});
    for (std::size_t index = 1; index < tied.size(); ++index)
        EXPECT_LT(tied[index - 1].lower, tied[index].lower);
}

TEST(SvgMap, DrawsEveryDepartmentWithItsTitle)
{
    const auto& geometry = built_geometry();
    auto svg = choropleth_map(geometry, sample_areas(geometry), sample_options());

    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count_of(svg, "data-code=\""), 101u);
    EXPECT_EQ(count_of(svg, "<path d=\""), 101u + 2 /* highlight: halo and line */);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_EQ(count_of(svg, "<svg"), 1u);
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("aria-labelledby=\"carte-test-titre carte-test-desc\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"carte-test-titre\">Délai moyen de traitement</title>"), std::string::npos);
    EXPECT_EQ(svg.find("style="), std::string::npos);
    EXPECT_EQ(svg.find("<style"), std::string::npos);
    EXPECT_EQ(svg.find("<script"), std::string::npos);

    // The caller's text, and the French number with the unit when none is given.
    EXPECT_NE(svg.find("<title>Gironde (33) : 12,3 %</title>"), std::string::npos);
    EXPECT_NE(svg.find(std::string("<title>Département 75 (75) : 1") + kNbsp + "234,5" + kNbsp + "%</title>"),
              std::string::npos);
    EXPECT_NE(svg.find("<title>Département 48 (48) : pas de donnée</title>"), std::string::npos);
    for (const auto& code : expected_codes())
        EXPECT_NE(svg.find("(" + code + ") : "), std::string::npos) << code;
    // Overseas boxes are named.
    EXPECT_NE(svg.find(">Département 974</text>"), std::string::npos);
}

TEST(SvgMap, LegendHasClassBoundsMissingValuesAndTheHighlightedDepartment)
{
    const auto& geometry = built_geometry();
    auto svg = choropleth_map(geometry, sample_areas(geometry), sample_options());

    EXPECT_NE(svg.find(">Légende (%)</text>"), std::string::npos);
    EXPECT_EQ(count_of(svg, "class=\"legende-entree\""), 6u);  // five classes and « Pas de donnée »
    EXPECT_NE(svg.find(">Pas de donnée (2)</text>"), std::string::npos);
    EXPECT_NE(svg.find("fill=\"url(#carte-test-hachures)\""), std::string::npos);
    // The highest class ends with the largest value, 1 234,5, included.
    EXPECT_NE(svg.find(std::string(" à 1") + kNbsp + "234,5</text>"), std::string::npos);
    EXPECT_NE(svg.find("à moins de"), std::string::npos);
    EXPECT_NE(svg.find(">Gironde (33)</text>"), std::string::npos);
    EXPECT_NE(svg.find("fill=\"#000091\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"#e3e3fd\""), std::string::npos);
    EXPECT_NE(svg.find("Une valeur élevée est favorable."), std::string::npos);

    // The outline of the highlighted department is Gironde's own path, drawn last.
    auto gironde = std::find_if(geometry.metropole.begin(), geometry.metropole.end(),
                                [](const auto& department) { return department.code == "33"; });
    ASSERT_NE(gironde, geometry.metropole.end());
    auto outline = svg.find("<path d=\"" + gironde->path + "\" fill=\"none\"");
    ASSERT_NE(outline, std::string::npos);
    EXPECT_NE(svg.find("class=\"departement-mis-en-avant\"", outline), std::string::npos);
    EXPECT_GT(outline, svg.find("data-code=\"95\""));
}

TEST(SvgMap, NoMissingValueNoMissingEntry)
{
    const auto& geometry = built_geometry();
    auto areas = sample_areas(geometry);
    for (auto& area : areas)
        area.value = area.value.value_or(50);
    auto options = sample_options();
    options.highlighted_code.clear();
    options.higher_is_better = false;
    auto svg = choropleth_map(geometry, areas, options);
    EXPECT_EQ(svg.find("Pas de donnée"), std::string::npos);
    EXPECT_EQ(svg.find("departement-mis-en-avant"), std::string::npos);
    EXPECT_NE(svg.find("Une valeur basse est favorable."), std::string::npos);
    EXPECT_EQ(xml_problem(svg), "");
}

TEST(SvgMap, EscapesTextAndKeepsOnlySafeLinks)
{
    const auto& geometry = built_geometry();
    auto options = sample_options();
    options.title = "Taux <b> & \"co\"";
    options.id_prefix = "x\" onload=\"alert(1)";
    auto svg = choropleth_map(geometry, sample_areas(geometry), options);

    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find("Corse &lt;&amp;&gt; &quot;Sud&quot; (2A)"), std::string::npos);
    EXPECT_EQ(svg.find("<&>"), std::string::npos);
    EXPECT_NE(svg.find("Taux &lt;b&gt; &amp; &quot;co&quot;"), std::string::npos);
    EXPECT_EQ(svg.find("onload=\""), std::string::npos);
    // Gironde is a keyboard-reachable link; the javascript: link is dropped.
    EXPECT_NE(svg.find("<a href=\"/departements/33\" aria-label=\"Gironde (33) : 12,3 %\">"), std::string::npos);
    EXPECT_EQ(count_of(svg, "<a href="), 1u);
    EXPECT_EQ(svg.find("javascript:"), std::string::npos);
}

TEST(SvgMap, NoValueAtAllStillDrawsTheMap)
{
    const auto& geometry = built_geometry();
    auto svg = choropleth_map(geometry, {}, sample_options());
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count_of(svg, "data-code=\""), 101u);
    EXPECT_NE(svg.find(">Pas de donnée (101)</text>"), std::string::npos);
    EXPECT_NE(svg.find("Département 33 (33) : pas de donnée"), std::string::npos);
    EXPECT_NE(svg.find(">Guadeloupe</text>"), std::string::npos);
}

}  // namespace boussole::render
