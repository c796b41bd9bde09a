// The time series, the distribution and the dispersion over time of the
// indicator page.
#include "analytics/distribution.hpp"
#include "analytics/period_ordinal.hpp"
#include "core/french.hpp"
#include "render/svg_charts.hpp"
#include "web/pages/indicator_sections.hpp"

#include <cmath>
#include <vector>

namespace boussole::web::pages {

namespace {

// The series and the dispersion show at most this many periods, the latest.
constexpr int kLongestSeries = 24;

std::string scope_words(const IndicatorScope& scope)
{
    return scope.region_row ? "les départements de la région " + scope.layout.territory(*scope.region_row).name
                            : "les départements";
}

// The target of the territory, national first; else the nation's.
std::optional<targets::Target> target_for(const std::vector<targets::Target>& targets,
                                          const territory::TerritoryKey& key)
{
    for (const auto& wanted : {key, territory::TerritoryKey::nation()})
        for (const auto& target : targets)
            if (!target.deleted && target.territory == wanted)
                return target;
    return std::nullopt;
}

// The ordinals from the first to the last with a value among rows, the
// latest kLongestSeries of them.
std::vector<int> series_ordinals(const IndicatorFigures& figures, const std::vector<int>& rows)
{
    auto seen = figures.ordinals_with_values(rows);
    std::vector<int> ordinals;
    if (seen.empty())
        return ordinals;
    for (int ordinal = std::max(seen.front(), seen.back() - kLongestSeries + 1); ordinal <= seen.back(); ++ordinal)
        ordinals.push_back(ordinal);
    return ordinals;
}

// "au 3e trimestre 2025", "en 2025", "en juillet 2025"
std::string in_period(const core::Period& period)
{
    return (period.type() == core::PeriodType::Quarter ? "au " : "en ") + period.label();
}

std::string percent(double value)
{
    return core::format_decimal(value, 1) + "\u00a0%";
}

}  // namespace

nlohmann::json series_section(const IndicatorScope& scope, const std::vector<targets::Target>& targets)
{
    const auto& layout = scope.layout;
    std::vector<int> rows;
    if (scope.territory_row && *scope.territory_row != analytics::TerritoryLayout::kNationRow)
        rows.push_back(*scope.territory_row);
    if (scope.department_row)
        rows.push_back(layout.region_row_of(*scope.department_row - layout.first_department_row()));
    rows.push_back(analytics::TerritoryLayout::kNationRow);

    auto type = scope.period.type();
    auto ordinals = series_ordinals(scope.figures, rows);
    std::vector<render::Series> series;
    nlohmann::json columns = nlohmann::json::array();
    for (int row : rows) {
        render::Series line{row_label(layout, row), {}, row == rows.front()};
        for (int ordinal : ordinals)
            line.points.push_back({analytics::period_at(type, ordinal).to_string(), scope.figures.value(row, ordinal)});
        series.push_back(std::move(line));
        columns.push_back(row_label(layout, row));
    }
    nlohmann::json table = nlohmann::json::array();
    for (auto ordinal = ordinals.rbegin(); ordinal != ordinals.rend(); ++ordinal) {
        nlohmann::json cells = nlohmann::json::array();
        for (int row : rows)
            cells.push_back(value_text(scope.figures.value(row, *ordinal), scope.indicator));
        table.push_back({{"period", analytics::period_at(type, *ordinal).label()}, {"cells", cells}});
    }

    render::LineChartOptions options;
    options.title = scope.indicator.name + " : évolution par " + core::label(type);
    // "de la Gironde", "de la Nouvelle-Aquitaine", "de la France"
    auto of = [&](int row) {
        return row == analytics::TerritoryLayout::kNationRow ? std::string("de la France")
                                                             : layout.territory(row).with_preposition();
    };
    options.description = "Valeurs " + of(rows.front()) +
                          (rows.size() > 1 ? " comparées à celles " + of(rows[1]) : "") +
                          (rows.size() > 2 ? " et " + of(rows[2]) : "") + ".";
    options.unit = scope.indicator.unit;
    options.decimals = scope.indicator.decimals;
    options.id_prefix = "serie";
    nlohmann::json target_view = nullptr;
    if (auto target = target_for(targets, layout.territory(rows.front()).key)) {
        bool own = target->territory == layout.territory(rows.front()).key;
        auto text = (own ? "Cible : " : "Cible nationale : ") + value_text(target->target_value, scope.indicator) +
                    " en " + target->target_period.label() + " (" + targets::label(target->scope) + ")";
        options.target = target->target_value;
        options.target_label = text;
        target_view = {{"text", text}, {"comment", target->comment}};
    }
    return {{"svg", ordinals.empty() ? nlohmann::json(nullptr) : nlohmann::json(render::line_chart(series, options))},
            {"columns", columns},
            {"rows", table},
            {"caption", options.title + " : " + options.description},
            {"target", target_view},
            {"empty", ordinals.empty()}};
}

nlohmann::json distribution_section(const IndicatorScope& scope)
{
    auto summary = analytics::distribution(scope.figures.values(scope.rows, scope.ordinal));
    if (!summary)
        return {{"empty", true}};
    const auto& indicator = scope.indicator;
    render::DistributionSummary box{summary->min, summary->q1, summary->median, summary->q3, summary->max, {}, {}};
    if (scope.department_row) {
        box.highlighted = scope.figures.value(*scope.department_row, scope.ordinal);
        box.highlighted_label = scope.layout.territory(*scope.department_row).name;
    }
    auto description = "Répartition des valeurs de " + std::to_string(summary->count) +
                       " départements : la moitié entre " + value_text(summary->q1, indicator) + " et " +
                       value_text(summary->q3, indicator) + ", médiane " + value_text(summary->median, indicator) + ".";
    auto svg = render::box_plot(
        box, indicator.name + " : distribution entre " + scope_words(scope) + ", " + scope.period.label(), description,
        indicator.unit, indicator.decimals, "distribution");
    auto figure = [&](const char* label, std::string text) {
        return nlohmann::json{{"label", label}, {"value", text}};
    };
    nlohmann::json figures = nlohmann::json::array(
        {figure("Départements", std::to_string(summary->count)), figure("Minimum", value_text(summary->min, indicator)),
         figure("1er quartile (Q1)", value_text(summary->q1, indicator)),
         figure("Médiane", value_text(summary->median, indicator)),
         figure("3e quartile (Q3)", value_text(summary->q3, indicator)),
         figure("Maximum", value_text(summary->max, indicator)),
         figure("Moyenne", value_text(summary->mean, indicator)),
         figure("Écart-type", value_text(summary->stddev, indicator)),
         figure("Coefficient de variation (σ/μ)",
                summary->coefficient_of_variation ? percent(*summary->coefficient_of_variation) : "–"),
         figure("Rapport max/min", summary->max_min_ratio ? core::format_decimal(*summary->max_min_ratio, 2) : "–")});
    return {{"empty", false},
            {"svg", svg},
            {"figures", figures},
            {"caption", "Distribution entre " + scope_words(scope) + ", " + scope.period.label()}};
}

nlohmann::json dispersion_section(const IndicatorScope& scope)
{
    auto type = scope.period.type();
    render::Series line{"Coefficient de variation", {}, true};
    std::vector<nlohmann::json> table;  // oldest first, shown newest first
    std::vector<std::pair<int, double>> points;
    // A period where only a few departments have a value would compare a
    // different set of departments: it is shown without its coefficient.
    std::vector<std::pair<int, std::optional<analytics::Distribution>>> summaries;
    int most = 0;
    for (int ordinal : series_ordinals(scope.figures, scope.rows)) {
        summaries.emplace_back(ordinal, analytics::distribution(scope.figures.values(scope.rows, ordinal)));
        if (summaries.back().second)
            most = std::max(most, summaries.back().second->count);
    }
    for (const auto& [ordinal, summary] : summaries) {
        std::optional<double> cv;
        bool enough = summary && summary->count >= 2 && summary->count * 2 >= most;
        if (enough)
            cv = summary->coefficient_of_variation;
        line.points.push_back({analytics::period_at(type, ordinal).to_string(), cv});
        if (cv)
            points.emplace_back(ordinal, *cv);
        table.push_back({{"period", analytics::period_at(type, ordinal).label()},
                         {"value", cv       ? percent(*cv)
                                   : enough ? "–"
                                            : "trop peu de valeurs"},
                         {"count", summary ? summary->count : 0}});
    }
    if (points.size() < 2)
        return {{"empty", true}};
    auto [first_ordinal, first] = points.front();
    auto [last_ordinal, last] = points.back();
    auto from = " : CV de " + percent(first) + " " + in_period(analytics::period_at(type, first_ordinal));
    auto to = percent(last) + " " + in_period(analytics::period_at(type, last_ordinal)) + ".";
    std::string sentence;
    if (core::format_decimal(first, 1) == core::format_decimal(last, 1))
        sentence = "L'écart entre départements est stable" + from + " comme " + to;
    else if (last < first)
        sentence = "L'écart entre départements se réduit" + from + " à " + to;
    else
        sentence = "L'écart entre départements s'accroît" + from + " à " + to;
    render::LineChartOptions options;
    options.title = "Dispersion entre " + scope_words(scope) + " : coefficient de variation par " + core::label(type);
    options.description = sentence;
    options.unit = "%";
    options.decimals = 1;
    options.id_prefix = "dispersion";
    return {{"empty", false},
            {"svg", render::line_chart({line}, options)},
            {"sentence", sentence},
            {"rows", nlohmann::json(std::vector<nlohmann::json>(table.rbegin(), table.rend()))},
            {"caption", options.title}};
}

}  // namespace boussole::web::pages
