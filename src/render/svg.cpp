#include "render/svg.hpp"

#include "core/french.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

namespace boussole::render {

std::string escape_xml(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string format_number_fr(double value, int decimals)
{
    if (!std::isfinite(value))
        return "—";
    decimals = std::clamp(decimals, 0, 6);
    // printf rounds exact halves to even (2.5 -> "2"); readers expect "3".
    double factor = std::pow(10.0, decimals);
    if (std::fabs(value) * factor < 1e15)
        value = std::round(value * factor) / factor;
    return core::format_decimal(value, decimals);
}

std::string format_number_fr(std::optional<double> value, int decimals)
{
    return value ? format_number_fr(*value, decimals) : "—";
}

std::string format_value_fr(double value, int decimals, const std::string& unit)
{
    auto number = format_number_fr(value, decimals);
    return unit.empty() ? number : number + "\u00A0" + unit;
}

std::string svg_number(double value, int max_decimals)
{
    if (!std::isfinite(value))
        return "0";
    max_decimals = std::clamp(max_decimals, 0, 8);
    double factor = std::pow(10.0, max_decimals);
    double rounded = std::round(value * factor) / factor;
    if (rounded == 0)
        rounded = 0;  // no "-0"
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, max_decimals);
    if (error != std::errc())
        return "0";
    std::string text(buffer, end);
    if (text.find('.') == std::string::npos)
        return text;
    // "12.50" -> "12.5", "3.00" -> "3".
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.pop_back();
    return text;
}

std::string sanitize_id(std::string_view prefix)
{
    std::string out;
    for (char c : prefix) {
        bool allowed =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (allowed)
            out += c;
    }
    // An XML id cannot start with a digit or a hyphen.
    if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z') || out[0] == '_'))
        out = "svg-" + out;
    return out;
}

bool is_safe_href(std::string_view href)
{
    if (href.empty())
        return false;
    auto colon = href.find(':');
    auto first_delimiter = href.find_first_of("/?#");
    if (colon == std::string_view::npos || (first_delimiter != std::string_view::npos && first_delimiter < colon))
        return true;  // no scheme: relative
    std::string scheme;
    for (char c : href.substr(0, colon))
        scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return scheme == "http" || scheme == "https";
}

void SvgWriter::write_start(std::string_view name, const Attributes& attributes)
{
    m_text += '<';
    m_text += name;
    for (const auto& [attribute, value] : attributes) {
        m_text += ' ';
        m_text += attribute;
        m_text += "=\"";
        m_text += escape_xml(value);
        m_text += '"';
    }
}

void SvgWriter::open(std::string_view name, const Attributes& attributes)
{
    write_start(name, attributes);
    m_text += '>';
    m_open.emplace_back(name);
}

void SvgWriter::close()
{
    assert(!m_open.empty());
    m_text += "</" + m_open.back() + ">";
    m_open.pop_back();
}

void SvgWriter::empty(std::string_view name, const Attributes& attributes)
{
    write_start(name, attributes);
    m_text += "/>";
}

void SvgWriter::text_element(std::string_view name, const Attributes& attributes, std::string_view text)
{
    write_start(name, attributes);
    m_text += '>';
    m_text += escape_xml(text);
    m_text += "</";
    m_text += name;
    m_text += '>';
}

std::string SvgWriter::finish()
{
    while (!m_open.empty())
        close();
    return std::move(m_text);
}

void open_chart(SvgWriter& writer, const ChartFrame& frame)
{
    std::string prefix = sanitize_id(frame.id_prefix);
    Attributes attributes{
        {"xmlns", "http://www.w3.org/2000/svg"},
        {"viewBox", "0 0 " + svg_number(frame.width) + " " + svg_number(frame.height)},
    };
    if (frame.fixed_size) {
        attributes.emplace_back("width", svg_number(frame.width));
        attributes.emplace_back("height", svg_number(frame.height));
    } else {
        attributes.emplace_back("width", "100%");
    }
    attributes.emplace_back("role", "img");
    std::string labelled_by = prefix + "-titre";
    if (!frame.description.empty())
        labelled_by += " " + prefix + "-desc";
    attributes.emplace_back("aria-labelledby", labelled_by);
    attributes.emplace_back("class", "boussole-graphique");
    attributes.emplace_back("font-family", kFontFamily);
    writer.open("svg", attributes);
    writer.text_element("title", {{"id", prefix + "-titre"}}, frame.title);
    if (!frame.description.empty())
        writer.text_element("desc", {{"id", prefix + "-desc"}}, frame.description);
}

std::string empty_chart(const ChartFrame& frame)
{
    SvgWriter writer;
    open_chart(writer, frame);
    writer.text_element("text",
                        {{"x", svg_number(frame.width / 2)},
                         {"y", svg_number(frame.height / 2)},
                         {"text-anchor", "middle"},
                         {"dominant-baseline", "middle"},
                         {"font-size", svg_number(std::clamp(frame.height / 4, 9.0, 16.0))},
                         {"fill", kGreyText},
                         {"class", "aucune-donnee"}},
                        "Aucune donnée");
    return writer.finish();
}

Axis nice_axis(double low, double high, int wanted_ticks)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        low = 0, high = 1;
    if (low > high)
        std::swap(low, high);
    if (low == high) {
        // One value: a span around it, so that it sits in the middle.
        double spread = low == 0 ? 1 : std::fabs(low) * 0.1;
        low -= spread;
        high += spread;
    }
    double raw_step = (high - low) / std::max(1, wanted_ticks - 1);
    double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
    double fraction = raw_step / magnitude;
    double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;

    Axis axis;
    axis.minimum = std::floor(low / step) * step;
    axis.maximum = std::ceil(high / step) * step;
    axis.decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    // From the index, not by accumulating steps, so that 0.1 + 0.2 stays 0.3.
    int count = static_cast<int>(std::llround((axis.maximum - axis.minimum) / step));
    for (int index = 0; index <= count; ++index) {
        double tick = axis.minimum + index * step;
        axis.ticks.push_back(std::fabs(tick) < step / 1e6 ? 0 : tick);
    }
    return axis;
}

}  // namespace boussole::render
