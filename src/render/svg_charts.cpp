#include "render/svg_charts.hpp"

#include "render/svg.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::render {

namespace {

constexpr double kChartWidth = 720;

std::optional<double> finite(std::optional<double> value)
{
    return value && std::isfinite(*value) ? value : std::nullopt;
}

// Appends a sentence to a description, with the space between them.
void add_sentence(std::string& text, const std::string& sentence)
{
    if (!text.empty())
        text += " ";
    text += sentence;
}

// The first `length` code points of UTF-8 text, with "…" when cut.
std::string truncate_utf8(const std::string& text, std::size_t length)
{
    std::size_t count = 0;
    for (std::size_t index = 0; index < text.size(); ++index) {
        bool starts_code_point = (static_cast<unsigned char>(text[index]) & 0xC0) != 0x80;
        if (starts_code_point && count++ == length)
            return text.substr(0, index) + "…";
    }
    return text;
}

// Linear map from a value interval to a pixel interval.
struct Scale {
    double domain_low, domain_high, range_low, range_high;
    double operator()(double value) const
    {
        double span = domain_high - domain_low;
        if (span == 0)
            return (range_low + range_high) / 2;
        return range_low + (value - domain_low) / span * (range_high - range_low);
    }
};

// A path through the points, lifted wherever a value is missing so that a gap
// shows the missing period instead of a line across it.
std::string path_with_gaps(const std::vector<std::optional<std::pair<double, double>>>& points)
{
    std::string path;
    bool drawing = false;
    for (const auto& point : points) {
        if (!point) {
            drawing = false;
            continue;
        }
        path += (drawing ? "L" : "M") + svg_number(point->first) + " " + svg_number(point->second);
        drawing = true;
    }
    return path;
}

struct LineStyle {
    const char* colour;
    const char* dash;  // empty: solid
};

// Colour and dash both differ, so series stay apart in grey print and for
// readers who do not see colours.
constexpr LineStyle kLineStyles[] = {{kBlueFrance, ""},      {"#666666", "6 4"},  {"#e4794a", "2 4"},
                                     {"#00a95f", "8 3 2 3"}, {"#a558a0", "12 4"}, {"#6a6af4", "4 2"}};
constexpr std::size_t kLineStyleCount = sizeof kLineStyles / sizeof kLineStyles[0];

// The labels of all series, in order of first appearance. A label that an
// earlier series lacks goes before the next label of its own series already
// placed, or at the end: periods stay in order when series cover different
// spans.
std::vector<std::string> union_of_labels(const std::vector<Series>& series)
{
    std::vector<std::string> labels;
    auto position_of = [&](const std::string& label) { return std::find(labels.begin(), labels.end(), label); };
    for (const auto& one : series) {
        for (std::size_t index = 0; index < one.points.size(); ++index) {
            if (position_of(one.points[index].label) != labels.end())
                continue;
            auto insert_at = labels.end();
            for (std::size_t next = index + 1; next < one.points.size() && insert_at == labels.end(); ++next)
                insert_at = position_of(one.points[next].label);
            labels.insert(insert_at, one.points[index].label);
        }
    }
    return labels;
}

}  // namespace

std::string line_chart(const std::vector<Series>& series, const LineChartOptions& options)
{
    std::string prefix = sanitize_id(options.id_prefix);
    auto target = finite(options.target);
    std::string target_label = options.target_label;
    if (target && target_label.empty())
        target_label = "Cible : " + format_value_fr(*target, options.decimals, options.unit);

    double low = INFINITY, high = -INFINITY;
    std::string description = options.description;
    for (const auto& one : series) {
        const SeriesPoint* first = nullptr;
        const SeriesPoint* last = nullptr;
        for (const auto& point : one.points) {
            if (!finite(point.value))
                continue;
            low = std::min(low, *point.value);
            high = std::max(high, *point.value);
            first = first ? first : &point;
            last = &point;
        }
        if (first)
            add_sentence(description,
                         one.name + " : " + format_value_fr(*first->value, options.decimals, options.unit) + " (" +
                             first->label + ") à " + format_value_fr(*last->value, options.decimals, options.unit) +
                             " (" + last->label + ").");
    }
    std::size_t legend_rows = series.size();
    double plot_top = 24.0 + 24.0 * legend_rows + 20;
    double plot_height = 240;
    double height = plot_top + plot_height + 44;
    if (!std::isfinite(low))
        return empty_chart({prefix, options.title, description, kChartWidth, 160});
    if (target) {
        add_sentence(description, target_label + ".");
        low = std::min(low, *target);
        high = std::max(high, *target);
    }

    Axis axis = nice_axis(low, high);
    auto labels = union_of_labels(series);
    double plot_left = 72, plot_right = kChartWidth - 40;
    Scale y{axis.minimum, axis.maximum, plot_top + plot_height, plot_top};
    auto x_of = [&](std::size_t index) {
        if (labels.size() == 1)
            return (plot_left + plot_right) / 2;
        return plot_left +
               (plot_right - plot_left) * static_cast<double>(index) / static_cast<double>(labels.size() - 1);
    };

    SvgWriter writer;
    open_chart(writer, {prefix, options.title, description, kChartWidth, height});

    // Grid and vertical axis.
    writer.open("g", {{"class", "axe"}, {"font-size", "13"}, {"fill", kGreyText}});
    if (!options.unit.empty())
        writer.text_element("text", {{"x", svg_number(plot_left)}, {"y", svg_number(plot_top - 10)}},
                            "Unité : " + options.unit);
    for (double tick : axis.ticks) {
        writer.empty("line", {{"x1", svg_number(plot_left)},
                              {"x2", svg_number(plot_right)},
                              {"y1", svg_number(y(tick))},
                              {"y2", svg_number(y(tick))},
                              {"stroke", kGreyLight},
                              {"stroke-width", "1"}});
        writer.text_element("text",
                            {{"x", svg_number(plot_left - 8)}, {"y", svg_number(y(tick) + 4)}, {"text-anchor", "end"}},
                            format_number_fr(tick, axis.decimals));
    }
    // Horizontal labels, thinned so that they do not overlap; the last one always.
    std::size_t every = std::max<std::size_t>(1, (labels.size() + 9) / 10);
    for (std::size_t index = 0; index < labels.size(); ++index) {
        bool regular = index % every == 0;
        bool last_far_enough = index + 1 == labels.size() && (index % every) * 2 >= every;
        if (!regular && !last_far_enough)
            continue;
        writer.text_element("text",
                            {{"x", svg_number(x_of(index))},
                             {"y", svg_number(plot_top + plot_height + 22)},
                             {"text-anchor", "middle"},
                             {"class", "etiquette-periode"}},
                            labels[index]);
    }
    writer.empty("line", {{"x1", svg_number(plot_left)},
                          {"x2", svg_number(plot_right)},
                          {"y1", svg_number(plot_top + plot_height)},
                          {"y2", svg_number(plot_top + plot_height)},
                          {"stroke", kGreyLine},
                          {"stroke-width", "1"}});
    writer.close();

    if (target) {
        writer.open("g", {{"class", "cible"}});
        writer.text_element("title", {}, target_label);
        writer.empty("line", {{"x1", svg_number(plot_left)},
                              {"x2", svg_number(plot_right)},
                              {"y1", svg_number(y(*target))},
                              {"y2", svg_number(y(*target))},
                              {"stroke", kRedMarianne},
                              {"stroke-width", "2"},
                              {"stroke-dasharray", "8 5"}});
        writer.text_element("text",
                            {{"x", svg_number(plot_right)},
                             {"y", svg_number(y(*target) - 6)},
                             {"text-anchor", "end"},
                             {"font-size", "13"},
                             {"fill", kRedMarianne}},
                            target_label);
        writer.close();
    }

    bool any_emphasised = std::any_of(series.begin(), series.end(), [](const Series& one) { return one.emphasised; });
    std::size_t next_style = any_emphasised ? 1 : 0;
    for (std::size_t index = 0; index < series.size(); ++index) {
        const auto& one = series[index];
        const LineStyle& style = one.emphasised ? kLineStyles[0] : kLineStyles[next_style++ % kLineStyleCount];
        std::string width = one.emphasised ? "3.5" : "2";

        std::vector<std::optional<std::pair<double, double>>> points;
        std::size_t label_index = 0;
        for (const auto& point : one.points) {
            label_index = std::find(labels.begin(), labels.end(), point.label) - labels.begin();
            if (auto value = finite(point.value))
                points.emplace_back(std::pair{x_of(label_index), y(*value)});
            else
                points.emplace_back(std::nullopt);
        }
        writer.open("g", {{"class", one.emphasised ? "serie serie-mise-en-avant" : "serie"}});
        Attributes line{{"d", path_with_gaps(points)}, {"fill", "none"},
                        {"stroke", style.colour},      {"stroke-width", width},
                        {"stroke-linejoin", "round"},  {"class", "ligne"}};
        if (*style.dash)
            line.emplace_back("stroke-dasharray", style.dash);
        writer.empty("path", line);
        for (std::size_t point_index = 0; point_index < one.points.size(); ++point_index) {
            const auto& point = one.points[point_index];
            if (!points[point_index])
                continue;
            writer.open("circle", {{"cx", svg_number(points[point_index]->first)},
                                   {"cy", svg_number(points[point_index]->second)},
                                   {"r", one.emphasised ? "4.5" : "3.5"},
                                   {"fill", style.colour},
                                   {"class", "point"}});
            writer.text_element(
                "title", {},
                one.name + ", " + point.label + " : " + format_value_fr(*point.value, options.decimals, options.unit));
            writer.close();
        }
        writer.close();

        // Legend row: a sample of the line, then the name.
        double legend_y = 24.0 + 24.0 * static_cast<double>(index);
        Attributes sample{{"x1", svg_number(plot_left)},    {"x2", svg_number(plot_left + 36)},
                          {"y1", svg_number(legend_y - 5)}, {"y2", svg_number(legend_y - 5)},
                          {"stroke", style.colour},         {"stroke-width", width}};
        if (*style.dash)
            sample.emplace_back("stroke-dasharray", style.dash);
        writer.open("g", {{"class", "legende-entree"}, {"aria-hidden", "true"}});
        writer.empty("line", sample);
        writer.text_element("text",
                            {{"x", svg_number(plot_left + 46)},
                             {"y", svg_number(legend_y)},
                             {"font-size", "14"},
                             {"font-weight", one.emphasised ? "bold" : "normal"},
                             {"fill", kTextColour}},
                            one.name);
        writer.close();
    }
    return writer.finish();
}

std::string box_plot(const DistributionSummary& summary, const std::string& title, const std::string& description,
                     const std::string& unit, int decimals, const std::string& id_prefix)
{
    std::string prefix = sanitize_id(id_prefix);
    double width = kChartWidth, height = 170;
    // Quartiles computed elsewhere may come in any order after rounding; the
    // drawing needs them sorted.
    std::vector<double> five = {summary.min, summary.q1, summary.median, summary.q3, summary.max};
    if (!std::all_of(five.begin(), five.end(), [](double value) { return std::isfinite(value); }))
        return empty_chart({prefix, title, description, width, height});
    std::sort(five.begin(), five.end());
    auto highlighted = finite(summary.highlighted);

    auto text_of = [&](double value) { return format_value_fr(value, decimals, unit); };
    std::string full_description = description;
    add_sentence(full_description, "Minimum " + text_of(five[0]) + ", premier quartile " + text_of(five[1]) +
                                       ", médiane " + text_of(five[2]) + ", troisième quartile " + text_of(five[3]) +
                                       ", maximum " + text_of(five[4]) + ".");
    std::string highlighted_text;
    if (highlighted) {
        highlighted_text = (summary.highlighted_label.empty() ? std::string("Valeur") : summary.highlighted_label) +
                           " : " + text_of(*highlighted);
        add_sentence(full_description, highlighted_text + ".");
    }

    Axis axis =
        nice_axis(std::min(five[0], highlighted.value_or(five[0])), std::max(five[4], highlighted.value_or(five[4])));
    Scale x{axis.minimum, axis.maximum, 40, width - 40};
    double box_top = 56, box_bottom = 96, middle = (box_top + box_bottom) / 2, axis_y = 124;

    SvgWriter writer;
    open_chart(writer, {prefix, title, full_description, width, height});
    writer.open("g", {{"class", "axe"}, {"font-size", "13"}, {"fill", kGreyText}});
    writer.empty("line", {{"x1", svg_number(x(axis.minimum))},
                          {"x2", svg_number(x(axis.maximum))},
                          {"y1", svg_number(axis_y)},
                          {"y2", svg_number(axis_y)},
                          {"stroke", kGreyLine},
                          {"stroke-width", "1"}});
    for (double tick : axis.ticks) {
        writer.empty("line", {{"x1", svg_number(x(tick))},
                              {"x2", svg_number(x(tick))},
                              {"y1", svg_number(axis_y)},
                              {"y2", svg_number(axis_y + 5)},
                              {"stroke", kGreyLine},
                              {"stroke-width", "1"}});
        writer.text_element("text",
                            {{"x", svg_number(x(tick))}, {"y", svg_number(axis_y + 22)}, {"text-anchor", "middle"}},
                            format_number_fr(tick, axis.decimals));
    }
    if (!unit.empty())
        writer.text_element("text",
                            {{"x", svg_number(width - 40)}, {"y", svg_number(axis_y + 42)}, {"text-anchor", "end"}},
                            "Unité : " + unit);
    writer.close();

    writer.open("g", {{"class", "boite"}, {"stroke", kBlueFrance}, {"stroke-width", "2"}});
    writer.open("line", {{"x1", svg_number(x(five[0]))},
                         {"x2", svg_number(x(five[4]))},
                         {"y1", svg_number(middle)},
                         {"y2", svg_number(middle)}});
    writer.text_element("title", {}, "De " + text_of(five[0]) + " (minimum) à " + text_of(five[4]) + " (maximum)");
    writer.close();
    for (double end : {five[0], five[4]})
        writer.empty("line", {{"x1", svg_number(x(end))},
                              {"x2", svg_number(x(end))},
                              {"y1", svg_number(box_top + 8)},
                              {"y2", svg_number(box_bottom - 8)}});
    writer.open("rect", {{"x", svg_number(x(five[1]))},
                         {"y", svg_number(box_top)},
                         {"width", svg_number(std::max(1.0, x(five[3]) - x(five[1])))},
                         {"height", svg_number(box_bottom - box_top)},
                         {"fill", "#e3e3fd"}});
    writer.text_element(
        "title", {}, "De " + text_of(five[1]) + " (premier quartile) à " + text_of(five[3]) + " (troisième quartile)");
    writer.close();
    writer.open("line", {{"x1", svg_number(x(five[2]))},
                         {"x2", svg_number(x(five[2]))},
                         {"y1", svg_number(box_top)},
                         {"y2", svg_number(box_bottom)},
                         {"stroke-width", "4"},
                         {"class", "mediane"}});
    writer.text_element("title", {}, "Médiane : " + text_of(five[2]));
    writer.close();
    writer.close();

    if (highlighted) {
        double position = x(*highlighted);
        const char* anchor = position < width * 0.25 ? "start" : position > width * 0.75 ? "end" : "middle";
        writer.open("g", {{"class", "valeur-mise-en-avant"}});
        writer.text_element("title", {}, highlighted_text);
        writer.empty("line", {{"x1", svg_number(position)},
                              {"x2", svg_number(position)},
                              {"y1", svg_number(box_top - 12)},
                              {"y2", svg_number(box_bottom + 12)},
                              {"stroke", kRedMarianne},
                              {"stroke-width", "3"}});
        writer.empty("circle", {{"cx", svg_number(position)},
                                {"cy", svg_number(middle)},
                                {"r", "6"},
                                {"fill", kRedMarianne},
                                {"stroke", "#ffffff"},
                                {"stroke-width", "2"}});
        writer.text_element("text",
                            {{"x", svg_number(position)},
                             {"y", svg_number(box_top - 20)},
                             {"text-anchor", anchor},
                             {"font-size", "14"},
                             {"font-weight", "bold"},
                             {"fill", kTextColour}},
                            highlighted_text);
        writer.close();
    }
    return writer.finish();
}

std::string bar_chart(const std::vector<Bar>& bars, const std::string& title, const std::string& description,
                      const std::string& unit, int decimals, const std::string& id_prefix)
{
    std::string prefix = sanitize_id(id_prefix);
    constexpr double kRow = 30, kBarHeight = 20, kTop = 12;
    constexpr std::size_t kLabelLength = 32;
    double height = kTop * 2 + kRow * static_cast<double>(bars.size());
    if (bars.empty())
        return empty_chart({prefix, title, description, kChartWidth, 120});

    double low = 0, high = 0;
    std::size_t longest = 0;
    for (const auto& bar : bars) {
        if (auto value = finite(bar.value)) {
            low = std::min(low, *value);
            high = std::max(high, *value);
        }
        std::size_t length = 0;
        for (unsigned char c : bar.label)
            length += (c & 0xC0) != 0x80;
        longest = std::max(longest, std::min(length, kLabelLength + 1));
    }
    // About 7.5 units a character at 14 units of font size.
    double label_width = std::clamp(static_cast<double>(longest) * 7.5 + 12, 60.0, 270.0);
    double bars_left = label_width + 8, bars_right = kChartWidth - 100;
    Scale x{low, high == low ? low + 1 : high, bars_left, bars_right};

    SvgWriter writer;
    open_chart(writer, {prefix, title, description, kChartWidth, height});
    writer.open("g", {{"font-size", "14"}, {"fill", kTextColour}});
    for (std::size_t index = 0; index < bars.size(); ++index) {
        const auto& bar = bars[index];
        auto value = finite(bar.value);
        std::string value_text = "Pas de donnée";
        if (value)
            value_text = bar.value_text.empty() ? format_value_fr(*value, decimals, unit) : bar.value_text;
        std::string bar_title = bar.label + " : " + value_text;
        double row_top = kTop + kRow * static_cast<double>(index);
        double baseline = row_top + kBarHeight / 2 + 5;

        bool linked = is_safe_href(bar.href);
        if (linked)
            writer.open("a", {{"href", bar.href}, {"aria-label", bar_title}});
        writer.open("g", {{"class", bar.highlighted ? "barre barre-mise-en-avant" : "barre"}});
        writer.text_element("title", {}, bar_title);
        writer.text_element("text",
                            {{"x", svg_number(label_width)},
                             {"y", svg_number(baseline)},
                             {"text-anchor", "end"},
                             {"font-weight", bar.highlighted ? "bold" : "normal"}},
                            truncate_utf8(bar.label, kLabelLength));
        if (value) {
            double zero = x(0), end = x(*value);
            writer.empty("rect", {{"x", svg_number(std::min(zero, end))},
                                  {"y", svg_number(row_top)},
                                  {"width", svg_number(std::max(1.0, std::fabs(end - zero)))},
                                  {"height", svg_number(kBarHeight)},
                                  {"fill", bar.highlighted ? kBlueFrance : kBlueFranceLight}});
            writer.text_element("text",
                                {{"x", svg_number(std::max(zero, end) + 6)},
                                 {"y", svg_number(baseline)},
                                 {"font-weight", bar.highlighted ? "bold" : "normal"},
                                 {"class", "valeur"}},
                                value_text);
        } else {
            writer.text_element(
                "text",
                {{"x", svg_number(x(0) + 6)}, {"y", svg_number(baseline)}, {"fill", kGreyText}, {"class", "valeur"}},
                value_text);
        }
        writer.close();
        if (linked)
            writer.close();
    }
    if (low < 0)
        writer.empty("line", {{"x1", svg_number(x(0))},
                              {"x2", svg_number(x(0))},
                              {"y1", svg_number(kTop - 4)},
                              {"y2", svg_number(height - kTop + 4)},
                              {"stroke", kGreyLine},
                              {"stroke-width", "1"}});
    writer.close();
    return writer.finish();
}

std::string sparkline(const std::vector<std::optional<double>>& values, const std::string& title,
                      const std::string& id_prefix)
{
    constexpr double kWidth = 120, kHeight = 32, kPadding = 4;
    ChartFrame frame{sanitize_id(id_prefix), title, "", kWidth, kHeight, true};
    double low = INFINITY, high = -INFINITY;
    std::optional<std::size_t> last;
    for (std::size_t index = 0; index < values.size(); ++index) {
        if (auto value = finite(values[index])) {
            low = std::min(low, *value);
            high = std::max(high, *value);
            last = index;
        }
    }
    if (!last)
        return empty_chart(frame);

    Scale x{0, static_cast<double>(std::max<std::size_t>(1, values.size() - 1)), kPadding, kWidth - kPadding};
    Scale y{low, high, kHeight - kPadding, kPadding};
    std::vector<std::optional<std::pair<double, double>>> points;
    for (std::size_t index = 0; index < values.size(); ++index) {
        if (auto value = finite(values[index]))
            points.emplace_back(std::pair{values.size() == 1 ? kWidth / 2 : x(static_cast<double>(index)), y(*value)});
        else
            points.emplace_back(std::nullopt);
    }

    SvgWriter writer;
    open_chart(writer, frame);
    writer.empty("path", {{"d", path_with_gaps(points)},
                          {"fill", "none"},
                          {"stroke", kBlueFrance},
                          {"stroke-width", "1.5"},
                          {"stroke-linejoin", "round"},
                          {"class", "ligne"}});
    writer.empty("circle", {{"cx", svg_number(points[*last]->first)},
                            {"cy", svg_number(points[*last]->second)},
                            {"r", "2.5"},
                            {"fill", kBlueFrance},
                            {"class", "point"}});
    return writer.finish();
}

}  // namespace boussole::render
