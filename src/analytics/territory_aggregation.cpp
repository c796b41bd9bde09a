#include "analytics/territory_aggregation.hpp"

#include <algorithm>
#include <type_traits>

namespace boussole::analytics {

namespace {

using catalogue::TerritoryAggregation;

// Where a series meets the grid's periods: grid-relative [from, to), and
// the shift from a grid period to the series' own index.
struct Overlap {
    int from = 0;
    int to = 0;
    int shift = 0;

    Overlap(const DepartmentSeries& series, int grid_first, int count)
    {
        if (series.empty())
            return;
        from = std::clamp(series.first - grid_first, 0, count);
        to = std::clamp(series.last() + 1 - grid_first, from, count);
        shift = grid_first - series.first;
    }
    // Where department's row starts, shifted so that base + p is the grid
    // period p (only read for p within [from, to)).
    std::ptrdiff_t base(const DepartmentSeries& series, int department) const
    {
        return static_cast<std::ptrdiff_t>(department) * series.count + shift;
    }
};

// The territory rules as two steps: adding one department's value (with its
// weight) to a row, and merging a region's row into the nation's.
struct SumRule {
    static void add(double& total, double&, double value, double) { total += value; }
    static void merge(double& total, double&, double other, double) { total += other; }
};
struct MinRule {
    static void add(double& total, double&, double value, double)
    {
        total = has_value(total) ? std::min(total, value) : value;
    }
    static void merge(double& total, double& w, double other, double o) { add(total, w, other, o); }
};
struct MaxRule {
    static void add(double& total, double&, double value, double)
    {
        total = has_value(total) ? std::max(total, value) : value;
    }
    static void merge(double& total, double& w, double other, double o) { add(total, w, other, o); }
};
struct WeightedRule {
    static void add(double& total, double& total_weight, double value, double w)
    {
        total += value * w;
        total_weight += w;
    }
    static void merge(double& total, double& total_weight, double other, double other_weight)
    {
        total += other;
        total_weight += other_weight;
    }
};

// Folds the masked departments' values into their region's row (the
// nation's for a department outside any region), each department also
// getting its own row, then the regions into the nation: each value is read
// once.
template <typename Rule>
void fold_departments(const DepartmentSeries& series, const DepartmentSeries* weight, const std::vector<char>& mask,
                      const TerritoryLayout& layout, int grid_first, int count, std::vector<double>& rows,
                      std::vector<double>& accumulated, std::vector<double>& weights)
{
    const Overlap overlap(series, grid_first, count);
    const Overlap weight_overlap = weight ? Overlap(*weight, grid_first, count) : Overlap(series, grid_first, count);
    for (int d = 0; d < layout.departments(); ++d) {
        const auto row = static_cast<std::size_t>(layout.region_row_of(d)) * count;
        const char* present = mask.data() + static_cast<std::size_t>(d) * count;
        double* own = rows.data() + static_cast<std::size_t>(layout.department_row(d)) * count;
        double* total = accumulated.data() + row;
        double* total_weight = weights.data() + row;
        const double* values = series.values;
        const auto base = overlap.base(series, d);
        if constexpr (std::is_same_v<Rule, SumRule>) {
            // Branch-free: the common case, sums of counts.
            for (int p = overlap.from; p < overlap.to; ++p) {
                const double value = values[base + p];
                total[p] += present[p] ? value : 0.0;
                own[p] = present[p] ? value : kNoValue;
            }
        } else {
            const auto weight_base = weight ? weight_overlap.base(*weight, d) : 0;
            for (int p = overlap.from; p < overlap.to; ++p) {
                if (!present[p])
                    continue;
                const double value = values[base + p];
                Rule::add(total[p], total_weight[p], value, weight ? weight->values[weight_base + p] : 1.0);
                own[p] = value;
            }
        }
    }
    double* nation = accumulated.data() + static_cast<std::size_t>(TerritoryLayout::kNationRow) * count;
    double* nation_weight = weights.data() + static_cast<std::size_t>(TerritoryLayout::kNationRow) * count;
    for (int region = TerritoryLayout::kNationRow + 1; region < layout.first_department_row(); ++region) {
        const auto row = static_cast<std::size_t>(region) * count;
        for (int p = 0; p < count; ++p)
            if (has_value(accumulated[row + p]))
                Rule::merge(nation[p], nation_weight[p], accumulated[row + p], weights[row + p]);
    }
}

}  // namespace

void narrow_mask(const DepartmentSeries& series, int grid_first, int count, int departments, std::vector<char>& mask,
                 std::vector<std::uint8_t>& flags)
{
    const Overlap overlap(series, grid_first, count);
    for (int d = 0; d < departments; ++d) {
        char* present = mask.data() + static_cast<std::size_t>(d) * count;
        std::uint8_t* carried = flags.data() + static_cast<std::size_t>(d) * count;
        std::fill(present, present + overlap.from, 0);
        std::fill(present + overlap.to, present + count, 0);
        if (overlap.from == overlap.to)
            continue;
        const auto base = overlap.base(series, d);
        for (int p = overlap.from; p < overlap.to; ++p) {
            present[p] = present[p] && has_value(series.values[base + p]);
            carried[p] |= series.flags[base + p];
        }
    }
}

void aggregate_over_territories(const FormulaInput& input, const std::vector<char>& mask, const TerritoryLayout& layout,
                                int grid_first, int count, const std::vector<std::uint16_t>& reported,
                                std::vector<double>& rows)
{
    rows.assign(static_cast<std::size_t>(layout.rows()) * count, kNoValue);
    const auto rule = input.element->territory_aggregation;
    const auto aggregate_size = static_cast<std::size_t>(layout.first_department_row()) * count;
    const bool extreme = rule == TerritoryAggregation::Min || rule == TerritoryAggregation::Max;
    std::vector<double> accumulated(aggregate_size, extreme ? kNoValue : 0.0);
    std::vector<double> weights(aggregate_size, 0);
    const auto& series = *input.series;
    const auto* weight = input.weight.get();
    switch (rule) {
    case TerritoryAggregation::Min:
        fold_departments<MinRule>(series, weight, mask, layout, grid_first, count, rows, accumulated, weights);
        break;
    case TerritoryAggregation::Max:
        fold_departments<MaxRule>(series, weight, mask, layout, grid_first, count, rows, accumulated, weights);
        break;
    case TerritoryAggregation::WeightedAverage:
        fold_departments<WeightedRule>(series, weight, mask, layout, grid_first, count, rows, accumulated, weights);
        break;
    default:
        fold_departments<SumRule>(series, weight, mask, layout, grid_first, count, rows, accumulated, weights);
        break;
    }
    if (rule == TerritoryAggregation::None)
        return;
    for (std::size_t at = 0; at < aggregate_size; ++at) {
        if (reported[at] == 0)
            continue;
        double value = accumulated[at];
        if (rule == TerritoryAggregation::Average)
            value /= reported[at];
        else if (rule == TerritoryAggregation::WeightedAverage)
            value = weights[at] == 0 ? kNoValue : value / weights[at];
        rows[at] = value;
    }
}

}  // namespace boussole::analytics
