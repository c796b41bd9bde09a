#include "analytics/department_series.hpp"

#include <algorithm>

namespace boussole::analytics {

namespace {

using catalogue::TimeAggregation;

// The sub-periods of one target period, folded along the rule.
struct Fold {
    double sum = 0;
    double last = kNoValue;
    int present = 0;
    std::uint8_t flags = 0;
    std::uint8_t last_flags = 0;  // a stock shows one value: its flags only

    void add(double value, std::uint8_t cell_flags)
    {
        if (!has_value(value))
            return;
        sum += value;
        last = value;
        ++present;
        flags |= cell_flags;
        last_flags = cell_flags;
    }

    // The value and flags of the period, per sub-periods in it.
    std::pair<double, std::uint8_t> result(TimeAggregation rule, int per) const
    {
        switch (rule) {
        case TimeAggregation::Sum: return present == per ? std::pair{sum, flags} : std::pair{kNoValue, std::uint8_t{0}};
        case TimeAggregation::Average:
            return present > 0 ? std::pair{sum / present, flags} : std::pair{kNoValue, std::uint8_t{0}};
        case TimeAggregation::Last: return {last, has_value(last) ? last_flags : std::uint8_t{0}};
        default: return {kNoValue, 0};
        }
    }
};

}  // namespace

DepartmentSeries aggregate_in_time(const Column* column, const catalogue::DataElement& element, core::PeriodType type,
                                   int departments)
{
    DepartmentSeries series;
    if (!column || column->count == 0)
        return series;
    const int per = periods_per(column->type, type);
    if (per > 1 && element.time_aggregation == TimeAggregation::None)
        return series;  // the rules forbid adding these periods up
    if (per == 1) {
        series.first = column->first;
        series.count = column->count;
        series.values = column->values.data();
        series.flags = column->flags.data();
        return series;
    }
    series.first = coarser_ordinal(column->first, column->type, type);
    series.count = coarser_ordinal(column->last(), column->type, type) - series.first + 1;
    series.own_values.assign(static_cast<std::size_t>(departments) * series.count, kNoValue);
    series.own_flags.assign(series.own_values.size(), 0);
    const auto rule = element.time_aggregation;
    for (int d = 0; d < departments; ++d) {
        const double* values = column->values.data() + static_cast<std::size_t>(d) * column->count;
        const std::uint8_t* cell_flags = column->flags.data() + static_cast<std::size_t>(d) * column->count;
        for (int p = 0; p < series.count; ++p) {
            // Sub-periods outside the column have no value: a sum there
            // stays empty, a stock or an average reads what there is.
            const int sub_first = std::max((series.first + p) * per, column->first);
            const int sub_last = std::min((series.first + p) * per + per - 1, column->last());
            Fold fold;
            for (int sub = sub_first; sub <= sub_last; ++sub)
                fold.add(values[sub - column->first], cell_flags[sub - column->first]);
            auto [value, flags] = fold.result(rule, per);
            auto index = static_cast<std::size_t>(d) * series.count + p;
            series.own_values[index] = value;
            series.own_flags[index] = flags;
        }
    }
    series.values = series.own_values.data();
    series.flags = series.own_flags.data();
    return series;
}

}  // namespace boussole::analytics
