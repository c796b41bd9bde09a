#pragma once
// Server-side charts of the indicator pages and dashboards: time series, box
// plot, ranking bars and sparklines. Inputs are plain data chosen and ordered by
// the caller; each function returns one accessible <svg> (role="img", <title>
// and <desc> named by aria-labelledby, French numbers, every mark with its own
// <title>), and a chart saying « Aucune donnée » when there is nothing to draw.
// Pure functions of their arguments: safe to call from any thread.

#include <optional>
#include <string>
#include <vector>

namespace boussole::render {

struct SeriesPoint {
    std::string label;  // "2025-T3", shown as given
    std::optional<double> value;
};

struct Series {
    std::string name;  // "Gironde", "Nouvelle-Aquitaine", "France"
    std::vector<SeriesPoint> points;
    bool emphasised = false;  // drawn thick in blue-france; the others thinner, dashed, other colours
};

struct LineChartOptions {
    std::string title;
    std::string description;
    std::string unit;  // "%", "jours"
    int decimals = 1;
    std::optional<double> target;
    std::string target_label;  // empty: « Cible : 80,0 % »
    std::string id_prefix = "serie";
};

// One line per series over the union of their labels (in order of first
// appearance), broken where a value is missing, a point with its <title> for
// each value, a graduated vertical axis in French numbers, the target as a
// dashed horizontal line when given, and a legend. The <desc> adds the first
// and last value of each series to the caller's description.
std::string line_chart(const std::vector<Series>& series, const LineChartOptions& options);

struct DistributionSummary {
    double min = 0;
    double q1 = 0;
    double median = 0;
    double q3 = 0;
    double max = 0;
    std::optional<double> highlighted;  // the department's own value, marked on the plot
    std::string highlighted_label;      // "Gironde"
};

// A horizontal box plot (whiskers from min to max, box from Q1 to Q3, median
// line) over a graduated axis, with the highlighted value marked and labelled.
// Non-finite statistics give « Aucune donnée ».
std::string box_plot(const DistributionSummary& summary, const std::string& title, const std::string& description,
                     const std::string& unit, int decimals, const std::string& id_prefix);

struct Bar {
    std::string label;  // "Gironde"
    std::optional<double> value;
    std::string value_text;  // already formatted; empty: the value in French with the unit
    bool highlighted = false;
    std::string href;  // optional link (relative or http(s))
};

// Horizontal bars in the given order (the caller sorts: a ranking), the
// highlighted bar in blue-france and the others lighter, the value written at
// the end of each bar, « Pas de donnée » where a value is missing.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& title, const std::string& description,
                      const std::string& unit, int decimals, const std::string& id_prefix);

// A small trend line for dashboards (120 × 32 pixels, no axes), broken where a
// value is missing, the last value marked by a dot.
std::string sparkline(const std::vector<std::optional<double>>& values, const std::string& title,
                      const std::string& id_prefix);

}  // namespace boussole::render
