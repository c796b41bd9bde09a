#pragma once
// Outlier detection for data values: a value far from a territory's own
// earlier values of the same element is flagged, never refused (a real change
// of activity looks the same as a typing slip; a person decides). The test is
// the robust z-score of Iglewicz and Hoaglin, built on the median and the
// median absolute deviation, which a few earlier outliers do not distort the
// way they distort a mean and a standard deviation.

#include <optional>
#include <vector>

namespace boussole::collection {

// Fewer earlier values than this say nothing reliable about what is usual.
inline constexpr std::size_t kOutlierMinimumHistory = 6;
// |z| above this is flagged (the threshold Iglewicz and Hoaglin recommend).
inline constexpr double kOutlierThreshold = 3.5;

struct OutlierCheck {
    bool outlier = false;
    double median = 0;
    double score = 0;  // the robust z-score; infinite when the history never varied and the value differs
    std::size_t history_size = 0;
};

// Checks value against history (any order). Nothing when the history holds
// fewer than kOutlierMinimumHistory values.
std::optional<OutlierCheck> check_outlier(double value, std::vector<double> history);

}  // namespace boussole::collection
