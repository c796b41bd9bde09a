#include "render/svg.hpp"

#include "render/svg_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace boussole::render {

namespace {
constexpr const char* kNbsp = "\u00A0";
}

TEST(SvgNumbers, FrenchThousandsAndDecimalComma)
{
    EXPECT_EQ(format_number_fr(1234.5, 1), std::string("1") + kNbsp + "234,5");
    EXPECT_EQ(format_number_fr(1234567.0, 0), std::string("1") + kNbsp + "234" + kNbsp + "567");
    EXPECT_EQ(format_number_fr(999.0, 0), "999");
    EXPECT_EQ(format_number_fr(12.0, 1), "12,0");
    EXPECT_EQ(format_number_fr(0.5, 2), "0,50");
}

TEST(SvgNumbers, NegativesKeepTheirSignButNotMinusZero)
{
    EXPECT_EQ(format_number_fr(-1234.56, 1), std::string("-1") + kNbsp + "234,6");
    EXPECT_EQ(format_number_fr(-0.04, 1), "0,0");
}

TEST(SvgNumbers, RoundsHalvesAwayFromZeroAndCarriesIntoThousands)
{
    EXPECT_EQ(format_number_fr(2.5, 0), "3");
    EXPECT_EQ(format_number_fr(-2.5, 0), "-3");
    EXPECT_EQ(format_number_fr(0.25, 1), "0,3");
    EXPECT_EQ(format_number_fr(999.96, 1), std::string("1") + kNbsp + "000,0");
}

TEST(SvgNumbers, MissingValuesShowADash)
{
    EXPECT_EQ(format_number_fr(std::nan(""), 1), "—");
    EXPECT_EQ(format_number_fr(INFINITY, 1), "—");
    EXPECT_EQ(format_number_fr(std::optional<double>(), 1), "—");
    EXPECT_EQ(format_number_fr(std::optional<double>(3.0), 1), "3,0");
}

TEST(SvgNumbers, CoordinatesUseADotAndFewDecimals)
{
    EXPECT_EQ(svg_number(12.5), "12.5");
    EXPECT_EQ(svg_number(3.0), "3");
    EXPECT_EQ(svg_number(100.0), "100");
    EXPECT_EQ(svg_number(-0.001), "0");
    EXPECT_EQ(svg_number(1.23456, 3), "1.235");
}

TEST(SvgText, EscapesTheFiveXmlCharacters)
{
    EXPECT_EQ(escape_xml(R"(<a href="x">Tom & 'Jerry'</a>)"),
              "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
}

TEST(SvgText, IdsAndLinksAreSanitised)
{
    EXPECT_EQ(sanitize_id("carte-33"), "carte-33");
    EXPECT_EQ(sanitize_id("a\" onload=\"x"), "aonloadx");
    EXPECT_EQ(sanitize_id("33"), "svg-33");
    EXPECT_TRUE(is_safe_href("/departements/33"));
    EXPECT_TRUE(is_safe_href("?periode=2025-T3"));
    EXPECT_TRUE(is_safe_href("https://www.cnsa.fr/"));
    EXPECT_FALSE(is_safe_href("javascript:alert(1)"));
    EXPECT_FALSE(is_safe_href("JavaScript:alert(1)"));
    EXPECT_FALSE(is_safe_href("data:text/html,x"));
    EXPECT_FALSE(is_safe_href(""));
}

TEST(SvgWriter, EscapesAttributesAndTextAndClosesEverything)
{
    SvgWriter writer;
    writer.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"}});
    writer.text_element("text", {{"data-x", "\"><script>"}}, "a < b & c");
    writer.open("g");
    auto text = writer.finish();
    EXPECT_EQ(text,
              "<svg xmlns=\"http://www.w3.org/2000/svg\"><text data-x=\"&quot;&gt;&lt;script&gt;\">a &lt; b &amp; "
              "c</text><g></g></svg>");
    EXPECT_EQ(test_support::xml_problem(text), "");
}

TEST(SvgWriter, TheWellFormednessCheckCatchesMistakes)
{
    using test_support::xml_problem;
    EXPECT_NE(xml_problem("<svg><g></svg>"), "");
    EXPECT_NE(xml_problem("<svg>a & b</svg>"), "");
    EXPECT_NE(xml_problem("<svg a=\"<\"></svg>"), "");
    EXPECT_NE(xml_problem("<svg></svg><svg></svg>"), "");
    EXPECT_EQ(xml_problem("<svg><title>a &amp; b</title><path d=\"M0 0\"/></svg>"), "");
}

TEST(SvgFrame, EmptyChartSaysSoAndIsLabelled)
{
    auto svg = empty_chart({"x", "Titre", "Description", 200, 100});
    EXPECT_NE(svg.find("Aucune donnée"), std::string::npos);
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("aria-labelledby=\"x-titre x-desc\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"x-titre\">Titre</title>"), std::string::npos);
    EXPECT_NE(svg.find("<desc id=\"x-desc\">Description</desc>"), std::string::npos);
    EXPECT_EQ(test_support::xml_problem(svg), "");
}

TEST(SvgAxis, RoundBoundsAndDecimalsFromTheStep)
{
    auto axis = nice_axis(3, 97);
    EXPECT_EQ(axis.minimum, 0);
    EXPECT_EQ(axis.maximum, 100);
    EXPECT_EQ(axis.decimals, 0);
    EXPECT_GE(axis.ticks.size(), 3u);
    auto fine = nice_axis(0.1, 0.9);
    EXPECT_EQ(fine.decimals, 1);
    EXPECT_NEAR(fine.ticks.back(), 1.0, 1e-9);
    auto flat = nice_axis(5, 5);
    EXPECT_LT(flat.minimum, 5);
    EXPECT_GT(flat.maximum, 5);
}

}  // namespace boussole::render
