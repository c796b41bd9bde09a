#pragma once
// What every server-side chart shares: XML escaping, French numbers, a small
// writer that escapes every attribute and text it is given, and the frame of an
// accessible chart (role="img", <title> and <desc> named by aria-labelledby).
//
// The charts are plain SVG: readable without JavaScript, printable, and styled
// only by presentation attributes (fill=, stroke=) and classes, never by style=
// or <style>, so that the pages' Content-Security-Policy has nothing to allow.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::render {

// The DSFR colours the charts use (blue-france and greys of the DSFR palette).
inline constexpr const char* kBlueFrance = "#000091";
inline constexpr const char* kBlueFranceLight = "#8585f6";  // ordinary bars, secondary marks
inline constexpr const char* kRedMarianne = "#e1000f";      // target lines
inline constexpr const char* kGreyText = "#3a3a3a";
inline constexpr const char* kGreyLine = "#929292";   // axes, "no value" outlines
inline constexpr const char* kGreyLight = "#e5e5e5";  // grid lines, "no value" fill
inline constexpr const char* kTextColour = "#161616";
inline constexpr const char* kFontFamily = "Marianne, arial, sans-serif";

// Escapes & < > " ' so that any text is safe both as element content and as
// an attribute value.
std::string escape_xml(std::string_view text);

// A number as a French reader writes it: format_number_fr(1234.5, 1) is
// "1 234,5", with a no-break space (U+00A0) between thousands so that it never
// breaks across lines, a decimal comma and exactly `decimals` decimals
// (0 to 6). NaN and infinities give "—", as does an absent value.
std::string format_number_fr(double value, int decimals);
std::string format_number_fr(std::optional<double> value, int decimals);

// A value with its unit after a no-break space: "12,3 %", "1 234 places";
// the number alone when the unit is empty.
std::string format_value_fr(double value, int decimals, const std::string& unit);

// A coordinate for SVG attributes: a dot, at most `max_decimals` decimals, no
// exponent, whatever the locale ("12.5", "-3", "0.25").
std::string svg_number(double value, int max_decimals = 2);

// Keeps only [A-Za-z0-9_-] of a caller's id prefix (and "svg" when nothing is
// left), so that it can be used in id= and url(#...) without escaping.
std::string sanitize_id(std::string_view prefix);

// True for links the charts may carry: relative ("/departements/33", "?p=2",
// "#x") or http(s). Other schemes (javascript:, data:) are refused.
bool is_safe_href(std::string_view href);

// Attribute names are literals of the code; values are escaped on writing.
using Attributes = std::vector<std::pair<std::string_view, std::string>>;

// Builds an SVG document element by element. Not thread-safe; one per chart.
class SvgWriter {
public:
    // <name a="v">, left open until close().
    void open(std::string_view name, const Attributes& attributes = {});
    // Closes the innermost open element.
    void close();
    // <name a="v"/>
    void empty(std::string_view name, const Attributes& attributes);
    // <name a="v">text</name>, the text escaped.
    void text_element(std::string_view name, const Attributes& attributes, std::string_view text);
    // Closes what is still open and gives the document.
    std::string finish();

private:
    void write_start(std::string_view name, const Attributes& attributes);

    std::string m_text;
    std::vector<std::string> m_open;
};

// The outer <svg> of a chart: the size of its coordinate system, and the ids
// derived from id_prefix (`<prefix>-titre`, `<prefix>-desc`) that must be
// unique in the page.
struct ChartFrame {
    std::string id_prefix;
    std::string title;
    std::string description;
    double width = 0;
    double height = 0;
    bool fixed_size = false;  // width/height attributes in pixels (sparklines) instead of width="100%"
};

// Opens <svg role="img" aria-labelledby="..."> and writes its <title> and
// <desc>; the caller draws and then calls finish().
void open_chart(SvgWriter& writer, const ChartFrame& frame);

// A chart with nothing to draw: the frame and the words « Aucune donnée ».
std::string empty_chart(const ChartFrame& frame);

// The graduation of a numeric axis: round bounds and steps (1, 2 or 5 times a
// power of ten) that cover [low, high], with the decimals its labels need.
struct Axis {
    double minimum = 0;
    double maximum = 1;
    std::vector<double> ticks;
    int decimals = 0;
};
Axis nice_axis(double low, double high, int wanted_ticks = 5);

}  // namespace boussole::render
