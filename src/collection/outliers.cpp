#include "collection/outliers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace boussole::collection {

namespace {

double median_of(std::vector<double>& values)
{
    std::sort(values.begin(), values.end());
    std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

std::optional<OutlierCheck> check_outlier(double value, std::vector<double> history)
{
    if (history.size() < kOutlierMinimumHistory)
        return std::nullopt;
    OutlierCheck check;
    check.history_size = history.size();
    check.median = median_of(history);
    std::vector<double> deviations;
    deviations.reserve(history.size());
    double sum_of_deviations = 0;
    for (double earlier : history) {
        deviations.push_back(std::fabs(earlier - check.median));
        sum_of_deviations += deviations.back();
    }
    double mad = median_of(deviations);
    double distance = std::fabs(value - check.median);
    // 0.6745 makes the MAD comparable to a standard deviation for normal data.
    // When more than half the history is one value the MAD is zero; the mean
    // absolute deviation (scaled by 0.7979, its own consistency constant)
    // then measures the spread instead, as in IBM's and Iglewicz's practice.
    if (mad > 0) {
        check.score = 0.6745 * distance / mad;
    } else {
        double mean_deviation = sum_of_deviations / static_cast<double>(history.size());
        if (mean_deviation > 0)
            check.score = 0.7979 * distance / mean_deviation;
        else
            check.score = distance > 0 ? std::numeric_limits<double>::infinity() : 0;
    }
    check.outlier = check.score > kOutlierThreshold;
    return check;
}

}  // namespace boussole::collection
