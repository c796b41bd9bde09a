#pragma once
// Equity across territories (priority 1: equal treatment whatever the place
// of life): how the values of an indicator spread over departments. The
// quartiles interpolate linearly between ranks, as PostgreSQL's
// percentile_cont does; σ is the population standard deviation, since the
// departments are all of them, not a sample.

#include "catalogue/catalogue.hpp"

#include <optional>
#include <vector>

namespace boussole::analytics {

struct Distribution {
    int count = 0;
    double min = 0;
    double q1 = 0;
    double median = 0;
    double q3 = 0;
    double max = 0;
    double mean = 0;
    double stddev = 0;
    std::optional<double> coefficient_of_variation;  // σ / μ × 100, when μ ≠ 0
    std::optional<double> max_min_ratio;             // when min > 0
};

// Over the values that are not NaN; nothing when there is none.
std::optional<Distribution> distribution(std::vector<double> values);

// The figure an equity indicator publishes; nothing when undefined (a
// coefficient of variation around a zero mean).
std::optional<double> statistic(const Distribution& distribution, catalogue::EquityStatistic which);

// The value at fraction q (0 to 1) of sorted values, interpolated.
double percentile(const std::vector<double>& sorted, double q);

struct Ranked {
    int index = 0;  // the position of the value in the input
    double value = 0;
    int rank = 1;  // 1 = best along the direction; ties share a rank (1, 2, 2, 4)
};

// The values that are not NaN, best first: the highest first unless lower
// is better.
std::vector<Ranked> rank(const std::vector<double>& values, catalogue::Direction direction);

}  // namespace boussole::analytics
