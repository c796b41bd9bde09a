#include "render/svg_timeline.hpp"

#include "render/svg.hpp"

#include <algorithm>

namespace boussole::render {

namespace {

using namespace std::chrono;

constexpr double kWidth = 960;
constexpr double kLabelWidth = 300;
constexpr double kRow = 26;
constexpr double kTop = 36;
constexpr std::size_t kLabelLength = 40;

const char* const kMonths[] = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                               "juil.", "août",  "sept.", "oct.", "nov.", "déc."};

std::string french_day(year_month_day day)
{
    return std::to_string(static_cast<unsigned>(day.day())) + " " + kMonths[static_cast<unsigned>(day.month()) - 1] +
           " " + std::to_string(static_cast<int>(day.year()));
}

std::string truncate(const std::string& text)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++count > kLabelLength)
            return text.substr(0, i) + "…";
    return text;
}

}  // namespace

std::string timeline_chart(const std::vector<TimelineItem>& items, year_month_day today, const std::string& title,
                           const std::string& description, const std::string& id_prefix)
{
    auto prefix = sanitize_id(id_prefix);
    if (items.empty())
        return empty_chart({prefix, title, description, kWidth, 120});
    auto first = sys_days{items.front().start}, last = sys_days{items.front().end};
    for (const auto& item : items) {
        first = std::min({first, sys_days{item.start}, sys_days{item.end}});
        last = std::max({last, sys_days{item.end}, sys_days{item.start}});
    }
    // Whole months around the items, so that the axis reads as a calendar.
    year_month_day from{first};
    year_month_day to{last};
    auto axis_start = sys_days{from.year() / from.month() / 1};
    auto end_month = year_month{to.year(), to.month()} + months{1};
    auto axis_end = sys_days{end_month / 1};
    double span = static_cast<double>((axis_end - axis_start).count());
    double left = kLabelWidth + 10, right = kWidth - 10;
    auto x = [&](sys_days day) {
        return left + (right - left) * static_cast<double>((day - axis_start).count()) / span;
    };
    double height = kTop + kRow * static_cast<double>(items.size()) + 10;

    SvgWriter writer;
    open_chart(writer, {prefix, title, description, kWidth, height});
    writer.open("g", {{"font-size", "13"}, {"fill", kTextColour}});
    // Month ticks; a label every month when there are few, else each quarter.
    int month_count = 0;
    for (auto month = year_month{from.year(), from.month()}; sys_days{month / 1} < axis_end; month += months{1})
        ++month_count;
    int step = month_count <= 12 ? 1 : (month_count <= 36 ? 3 : 6);
    int index = 0;
    for (auto month = year_month{from.year(), from.month()}; sys_days{month / 1} < axis_end;
         month += months{1}, ++index) {
        double position = x(sys_days{month / 1});
        writer.empty("line", {{"x1", svg_number(position)},
                              {"y1", svg_number(kTop - 6)},
                              {"x2", svg_number(position)},
                              {"y2", svg_number(height - 10)},
                              {"stroke", kGreyLight}});
        if (index % step == 0)
            writer.text_element("text", {{"x", svg_number(position + 2)}, {"y", svg_number(kTop - 12)}},
                                std::string(kMonths[static_cast<unsigned>(month.month()) - 1]) + " " +
                                    std::to_string(static_cast<int>(month.year()) % 100));
    }
    if (sys_days{today} >= axis_start && sys_days{today} <= axis_end) {
        double position = x(sys_days{today});
        writer.open("g", {{"class", "aujourdhui"}});
        writer.text_element("title", {}, "Aujourd'hui, " + french_day(today));
        writer.empty("line", {{"x1", svg_number(position)},
                              {"y1", svg_number(kTop - 6)},
                              {"x2", svg_number(position)},
                              {"y2", svg_number(height - 10)},
                              {"stroke", kRedMarianne},
                              {"stroke-dasharray", "4 3"}});
        writer.close();
    }
    for (std::size_t row = 0; row < items.size(); ++row) {
        const auto& item = items[row];
        double top = kTop + kRow * static_cast<double>(row);
        auto start = std::min(sys_days{item.start}, sys_days{item.end});
        auto end = std::max(sys_days{item.start}, sys_days{item.end});
        double x1 = x(start), x2 = std::max(x(end), x1 + 3);
        std::string bar_title = item.label + " : du " + french_day(item.start) + " au " + french_day(item.end) + ", " +
                                item.status_text + ", " + std::to_string(item.progress) + " %" +
                                (item.late ? ", en retard" : "");
        bool linked = is_safe_href(item.href) && !item.href.empty();
        if (linked)
            writer.open("a", {{"href", item.href}, {"aria-label", bar_title}});
        writer.open("g", {{"class", item.late ? "jalon-retard" : "jalon"}});
        writer.text_element("title", {}, bar_title);
        writer.text_element("text",
                            {{"x", svg_number(kLabelWidth)}, {"y", svg_number(top + 15)}, {"text-anchor", "end"}},
                            truncate(item.label));
        writer.empty("rect", {{"x", svg_number(x1)},
                              {"y", svg_number(top + 3)},
                              {"width", svg_number(x2 - x1)},
                              {"height", "16"},
                              {"fill", item.finished ? kGreyLight : kBlueFranceLight},
                              {"stroke", item.late ? kRedMarianne : kGreyLine},
                              {"stroke-width", item.late ? "2" : "1"}});
        if (item.progress > 0)
            writer.empty("rect", {{"x", svg_number(x1)},
                                  {"y", svg_number(top + 3)},
                                  {"width", svg_number((x2 - x1) * std::clamp(item.progress, 0, 100) / 100.0)},
                                  {"height", "16"},
                                  {"fill", item.finished ? kGreyLine : kBlueFrance}});
        writer.close();
        if (linked)
            writer.close();
    }
    writer.close();
    return writer.finish();
}

}  // namespace boussole::render
