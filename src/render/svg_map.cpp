#include "render/svg_map.hpp"

#include "render/svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace boussole::render {

namespace {

// Sequential blues of the DSFR, light to dark (blue-france 925, 850, main 525,
// 625 hover, sun 113).
constexpr std::array<const char*, 5> kScale = {"#e3e3fd", "#b1b1f9", "#6a6af4", "#1212ff", "#000091"};

// Layout, in the units of the outer viewBox: a column of overseas boxes, the
// metropolitan map, the legend.
constexpr double kMargin = 10;
constexpr double kInsetWidth = 200;
constexpr double kInsetGap = 10;
constexpr double kInsetLabelHeight = 36;
constexpr double kMapSize = 1010;
constexpr double kMapX = kMargin + kInsetWidth + 20;
constexpr double kLegendX = kMapX + kMapSize + 30;
constexpr double kLegendWidth = 430;
constexpr double kWidth = kLegendX + kLegendWidth;
constexpr double kHeight = kMapSize + 2 * kMargin;
constexpr double kLegendFont = 24;
constexpr double kLegendLine = 44;

// Names for overseas boxes when the caller gives no MapArea for them.
const std::map<std::string, std::string>& overseas_names()
{
    static const std::map<std::string, std::string> names = {
        {"971", "Guadeloupe"}, {"972", "Martinique"}, {"973", "Guyane"}, {"974", "La Réunion"}, {"976", "Mayotte"}};
    return names;
}

std::string class_label(const ValueClass& value_class, int decimals)
{
    auto lower = format_number_fr(value_class.lower, decimals);
    if (value_class.lower == value_class.upper)
        return lower;
    auto upper = format_number_fr(value_class.upper, decimals);
    return value_class.upper_included ? "de " + lower + " à " + upper : "de " + lower + " à moins de " + upper;
}

std::string departments_count(int count)
{
    return std::to_string(count) + (count > 1 ? " départements" : " département");
}

// Everything the map needs to know about one department, resolved once.
struct Resolved {
    std::string name;
    std::string title;  // "Gironde (33) : 12,3 %"
    std::optional<double> value;
    std::string href;
};

class MapDrawer {
public:
    MapDrawer(const MapGeometry& geometry, const std::vector<MapArea>& areas, const MapOptions& options)
        : m_geometry(geometry), m_options(options), m_prefix(sanitize_id(options.id_prefix))
    {
        for (const auto& area : areas)
            m_areas.emplace(area.code, &area);
        std::vector<double> values;
        for (const auto& [code, area] : m_areas) {
            if (auto value = value_of(area))
                values.push_back(*value);
        }
        m_classes = quantile_classes(values);
    }

    std::string draw()
    {
        open_chart(m_writer, {m_prefix, m_options.title, description(), kWidth, kHeight});
        draw_patterns();
        draw_metropole();
        draw_overseas();
        draw_legend();
        return m_writer.finish();
    }

private:
    // A NaN or an infinity is no value at all.
    static std::optional<double> value_of(const MapArea* area)
    {
        if (!area || !area->value || !std::isfinite(*area->value))
            return std::nullopt;
        return area->value;
    }

    Resolved resolve(const std::string& code) const
    {
        Resolved resolved;
        auto found = m_areas.find(code);
        const MapArea* area = found == m_areas.end() ? nullptr : found->second;
        if (area && !area->name.empty())
            resolved.name = area->name;
        else if (auto overseas = overseas_names().find(code); overseas != overseas_names().end())
            resolved.name = overseas->second;
        else
            resolved.name = "Département " + code;
        resolved.value = value_of(area);
        if (area) {
            if (is_safe_href(area->href))
                resolved.href = area->href;
        }
        std::string value_text = "pas de donnée";
        if (resolved.value)
            value_text = !area->value_text.empty()
                             ? area->value_text
                             : format_value_fr(*resolved.value, m_options.decimals, m_options.unit);
        resolved.title = resolved.name + " (" + code + ") : " + value_text;
        return resolved;
    }

    std::string description() const
    {
        std::string text = m_options.description;
        if (!m_classes.empty()) {
            if (!text.empty())
                text += " ";
            text += "Valeurs de " + format_number_fr(m_classes.front().lower, m_options.decimals) + " à " +
                    format_value_fr(m_classes.back().upper, m_options.decimals, m_options.unit) + ", en " +
                    std::to_string(m_classes.size()) + " classes de couleur, du plus clair au plus foncé.";
        }
        int missing = missing_count();
        if (missing > 0)
            text += " " + departments_count(missing) + " sans donnée.";
        return text;
    }

    int missing_count() const
    {
        int missing = 0;
        auto count = [&](const std::string& code) {
            auto found = m_areas.find(code);
            if (found == m_areas.end() || !value_of(found->second))
                ++missing;
        };
        for (const auto& department : m_geometry.metropole)
            count(department.code);
        for (const auto& inset : m_geometry.overseas)
            count(inset.code);
        return missing;
    }

    // Hatching for "no value": grey lines on light grey, one pattern per scale
    // (the overseas boxes are enlarged about three times).
    void draw_patterns()
    {
        m_writer.open("defs");
        for (auto [suffix, size] : {std::pair{"hachures", 10.0}, std::pair{"hachures-encart", 3.0}}) {
            m_writer.open("pattern", {{"id", m_prefix + "-" + suffix},
                                      {"patternUnits", "userSpaceOnUse"},
                                      {"width", svg_number(size)},
                                      {"height", svg_number(size)},
                                      {"patternTransform", "rotate(45)"}});
            m_writer.empty("rect", {{"width", svg_number(size)}, {"height", svg_number(size)}, {"fill", kGreyLight}});
            m_writer.empty("line", {{"x1", "0"},
                                    {"y1", "0"},
                                    {"x2", "0"},
                                    {"y2", svg_number(size)},
                                    {"stroke", kGreyLine},
                                    {"stroke-width", svg_number(size / 3)}});
            m_writer.close();
        }
        m_writer.close();
    }

    std::string fill_of(const Resolved& resolved, const char* pattern) const
    {
        if (!resolved.value || m_classes.empty())
            return "url(#" + m_prefix + "-" + pattern + ")";
        return m_classes[class_of(m_classes, *resolved.value)].colour;
    }

    void draw_department(const std::string& code, const std::string& path, const char* pattern)
    {
        auto resolved = resolve(code);
        bool linked = !resolved.href.empty();
        if (linked)
            m_writer.open("a", {{"href", resolved.href}, {"aria-label", resolved.title}});
        m_writer.open("path", {{"d", path},
                               {"fill", fill_of(resolved, pattern)},
                               {"stroke", "#ffffff"},
                               {"stroke-width", "1"},
                               {"vector-effect", "non-scaling-stroke"},
                               {"class", resolved.value ? "departement" : "departement sans-donnee"},
                               {"data-code", code}});
        m_writer.text_element("title", {}, resolved.title);
        m_writer.close();
        if (linked)
            m_writer.close();
    }

    // Drawn after its neighbours so that they do not cover it: a white halo
    // under a dark line, visible on every colour of the scale.
    void draw_highlight(const std::string& path)
    {
        for (auto [colour, width] : {std::pair{"#ffffff", "7"}, std::pair{kTextColour, "3.5"}}) {
            m_writer.empty("path", {{"d", path},
                                    {"fill", "none"},
                                    {"stroke", colour},
                                    {"stroke-width", width},
                                    {"stroke-linejoin", "round"},
                                    {"vector-effect", "non-scaling-stroke"},
                                    {"pointer-events", "none"},
                                    {"aria-hidden", "true"},
                                    {"class", "departement-mis-en-avant"}});
        }
    }

    // Scale and translation that fit `box` into a square of `size` at (x, y),
    // centred.
    static std::string fit(const ViewBox& box, double x, double y, double width, double height)
    {
        double scale = std::min(width / box.width, height / box.height);
        double offset_x = x + (width - box.width * scale) / 2;
        double offset_y = y + (height - box.height * scale) / 2;
        return "translate(" + svg_number(offset_x) + " " + svg_number(offset_y) + ") scale(" + svg_number(scale, 5) +
               ") translate(" + svg_number(-box.x) + " " + svg_number(-box.y) + ")";
    }

    void draw_metropole()
    {
        m_writer.open("g", {{"class", "metropole"},
                            {"transform", fit(m_geometry.metropole_view_box, kMapX, kMargin, kMapSize, kMapSize)}});
        const DepartmentOutline* highlighted = nullptr;
        for (const auto& department : m_geometry.metropole) {
            draw_department(department.code, department.path, "hachures");
            if (department.code == m_options.highlighted_code)
                highlighted = &department;
        }
        if (highlighted)
            draw_highlight(highlighted->path);
        m_writer.close();
    }

    void draw_overseas()
    {
        double y = kMargin;
        for (const auto& inset : m_geometry.overseas) {
            double height = (kMapSize - kInsetGap * 4) / 5;
            m_writer.open("g", {{"class", "outre-mer"}});
            m_writer.empty("rect", {{"x", svg_number(kMargin)},
                                    {"y", svg_number(y)},
                                    {"width", svg_number(kInsetWidth)},
                                    {"height", svg_number(height)},
                                    {"fill", "none"},
                                    {"stroke", kGreyLine},
                                    {"stroke-width", "1"}});
            m_writer.text_element("text",
                                  {{"x", svg_number(kMargin + 10)},
                                   {"y", svg_number(y + 28)},
                                   {"font-size", "22"},
                                   {"fill", kTextColour},
                                   {"aria-hidden", "true"}},
                                  resolve(inset.code).name);
            double top = y + kInsetLabelHeight;
            m_writer.open("g", {{"transform", fit(inset.view_box, kMargin + 10, top, kInsetWidth - 20,
                                                  height - kInsetLabelHeight - 10)}});
            draw_department(inset.code, inset.path, "hachures-encart");
            if (inset.code == m_options.highlighted_code)
                draw_highlight(inset.path);
            m_writer.close();
            m_writer.close();
            y += height + kInsetGap;
        }
    }

    void legend_entry(double y, const std::string& fill, const std::string& label, const std::string& title)
    {
        m_writer.open("g", {{"class", "legende-entree"}});
        m_writer.text_element("title", {}, title);
        m_writer.empty("rect", {{"x", svg_number(kLegendX)},
                                {"y", svg_number(y - 26)},
                                {"width", "40"},
                                {"height", "30"},
                                {"fill", fill},
                                {"stroke", kGreyLine},
                                {"stroke-width", "1"}});
        m_writer.text_element("text",
                              {{"x", svg_number(kLegendX + 54)},
                               {"y", svg_number(y)},
                               {"font-size", svg_number(kLegendFont)},
                               {"fill", kTextColour}},
                              label);
        m_writer.close();
    }

    void draw_legend()
    {
        m_writer.open("g", {{"class", "legende"}});
        double y = kMargin + 40;
        std::string heading = m_options.unit.empty() ? "Légende" : "Légende (" + m_options.unit + ")";
        m_writer.text_element("text",
                              {{"x", svg_number(kLegendX)},
                               {"y", svg_number(y)},
                               {"font-size", "28"},
                               {"font-weight", "bold"},
                               {"fill", kTextColour}},
                              heading);
        y += kLegendLine + 10;
        // Highest values first: the darkest colour at the top, as on a scale.
        for (auto it = m_classes.rbegin(); it != m_classes.rend(); ++it) {
            auto label = class_label(*it, m_options.decimals);
            legend_entry(y, it->colour, label, label + " : " + departments_count(it->count));
            y += kLegendLine;
        }
        if (int missing = missing_count(); missing > 0) {
            auto label = "Pas de donnée (" + std::to_string(missing) + ")";
            legend_entry(y, "url(#" + m_prefix + "-hachures)", label, "Pas de donnée : " + departments_count(missing));
            y += kLegendLine;
        }
        if (!m_options.highlighted_code.empty() && has_department(m_options.highlighted_code)) {
            y += 10;
            auto name = resolve(m_options.highlighted_code).name;
            m_writer.empty("rect", {{"x", svg_number(kLegendX + 3)},
                                    {"y", svg_number(y - 23)},
                                    {"width", "34"},
                                    {"height", "24"},
                                    {"fill", "none"},
                                    {"stroke", kTextColour},
                                    {"stroke-width", "3.5"},
                                    {"class", "departement-mis-en-avant"}});
            m_writer.text_element("text",
                                  {{"x", svg_number(kLegendX + 54)},
                                   {"y", svg_number(y)},
                                   {"font-size", svg_number(kLegendFont)},
                                   {"fill", kTextColour}},
                                  name + " (" + m_options.highlighted_code + ")");
            y += kLegendLine;
        }
        y += 10;
        m_writer.text_element(
            "text", {{"x", svg_number(kLegendX)}, {"y", svg_number(y)}, {"font-size", "20"}, {"fill", kGreyText}},
            "Classes par quantiles.");
        m_writer.text_element(
            "text", {{"x", svg_number(kLegendX)}, {"y", svg_number(y + 30)}, {"font-size", "20"}, {"fill", kGreyText}},
            m_options.higher_is_better ? "Une valeur élevée est favorable." : "Une valeur basse est favorable.");
        m_writer.close();
    }

    bool has_department(const std::string& code) const
    {
        auto same = [&](const auto& outline) { return outline.code == code; };
        return std::any_of(m_geometry.metropole.begin(), m_geometry.metropole.end(), same) ||
               std::any_of(m_geometry.overseas.begin(), m_geometry.overseas.end(), same);
    }

    const MapGeometry& m_geometry;
    const MapOptions& m_options;
    std::string m_prefix;
    std::map<std::string, const MapArea*> m_areas;
    std::vector<ValueClass> m_classes;
    SvgWriter m_writer;
};

}  // namespace

std::vector<ValueClass> quantile_classes(const std::vector<double>& values, int max_classes)
{
    std::vector<double> sorted;
    for (double value : values) {
        if (std::isfinite(value))
            sorted.push_back(value);
    }
    if (sorted.empty() || max_classes < 1)
        return {};
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> distinct = sorted;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

    std::vector<ValueClass> classes;
    if (distinct.size() <= static_cast<std::size_t>(max_classes)) {
        for (double value : distinct)
            classes.push_back({value, value, true, "", 0});
    } else {
        // Nearest-rank quantiles: every bound is a value of the data, and ties
        // that make two bounds coincide merge their classes.
        std::vector<double> bounds = {sorted.front()};
        for (int index = 1; index < max_classes; ++index) {
            double bound = sorted[sorted.size() * index / max_classes];
            if (bound > bounds.back() && bound < sorted.back())
                bounds.push_back(bound);
        }
        bounds.push_back(sorted.back());
        for (std::size_t index = 0; index + 1 < bounds.size(); ++index)
            classes.push_back({bounds[index], bounds[index + 1], index + 2 == bounds.size(), "", 0});
    }

    for (std::size_t index = 0; index < classes.size(); ++index) {
        std::size_t shade =
            classes.size() == 1 ? 2 : (index * (kScale.size() - 1) + (classes.size() - 1) / 2) / (classes.size() - 1);
        classes[index].colour = kScale[shade];
    }
    for (double value : sorted)
        ++classes[class_of(classes, value)].count;
    return classes;
}

std::size_t class_of(const std::vector<ValueClass>& classes, double value)
{
    std::size_t found = 0;
    for (std::size_t index = 0; index < classes.size(); ++index) {
        if (value >= classes[index].lower)
            found = index;
    }
    return found;
}

std::string choropleth_map(const MapGeometry& geometry, const std::vector<MapArea>& areas, const MapOptions& options)
{
    return MapDrawer(geometry, areas, options).draw();
}

}  // namespace boussole::render
