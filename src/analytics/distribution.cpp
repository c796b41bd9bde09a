#include "analytics/distribution.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::analytics {

double percentile(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return std::nan("");
    double position = q * static_cast<double>(sorted.size() - 1);
    auto below = static_cast<std::size_t>(std::floor(position));
    auto above = std::min(below + 1, sorted.size() - 1);
    double fraction = position - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

std::optional<Distribution> distribution(std::vector<double> values)
{
    std::erase_if(values, [](double value) { return std::isnan(value); });
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    Distribution result;
    result.count = static_cast<int>(values.size());
    result.min = values.front();
    result.max = values.back();
    result.q1 = percentile(values, 0.25);
    result.median = percentile(values, 0.5);
    result.q3 = percentile(values, 0.75);
    double sum = 0;
    for (double value : values)
        sum += value;
    result.mean = sum / result.count;
    double squares = 0;
    for (double value : values)
        squares += (value - result.mean) * (value - result.mean);
    result.stddev = std::sqrt(squares / result.count);
    if (result.mean != 0)
        result.coefficient_of_variation = result.stddev / std::fabs(result.mean) * 100;
    if (result.min > 0)
        result.max_min_ratio = result.max / result.min;
    return result;
}

std::optional<double> statistic(const Distribution& distribution, catalogue::EquityStatistic which)
{
    switch (which) {
    case catalogue::EquityStatistic::CoefficientOfVariation:
        return distribution.coefficient_of_variation;
    case catalogue::EquityStatistic::StandardDeviation:
        return distribution.stddev;
    case catalogue::EquityStatistic::MaxMinRatio:
        return distribution.max_min_ratio;
    }
    return std::nullopt;
}

std::vector<Ranked> rank(const std::vector<double>& values, catalogue::Direction direction)
{
    std::vector<Ranked> ranked;
    for (int i = 0; i < static_cast<int>(values.size()); ++i)
        if (!std::isnan(values[i]))
            ranked.push_back({i, values[i], 1});
    bool lower_first = direction == catalogue::Direction::LowerIsBetter;
    std::stable_sort(ranked.begin(), ranked.end(), [lower_first](const Ranked& a, const Ranked& b) {
        return lower_first ? a.value < b.value : a.value > b.value;
    });
    for (std::size_t i = 1; i < ranked.size(); ++i)
        ranked[i].rank = ranked[i].value == ranked[i - 1].value ? ranked[i - 1].rank : static_cast<int>(i) + 1;
    return ranked;
}

}  // namespace boussole::analytics
