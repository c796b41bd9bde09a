#include "analytics/evaluator.hpp"

#include "analytics/compiled_formula.hpp"
#include "analytics/distribution.hpp"

#include <algorithm>

namespace boussole::analytics {

namespace {

using catalogue::TerritoryAggregation;
using catalogue::TimeAggregation;

struct Span {
    int first = 0;
    int last = -1;
    bool empty() const { return last < first; }
    void include(int from, int to)
    {
        if (empty()) {
            first = from;
            last = to;
        } else {
            first = std::min(first, from);
            last = std::max(last, to);
        }
    }
};

// One element aggregated over time for every department: [d × count + p].
struct DepartmentSeries {
    const catalogue::DataElement* element = nullptr;
    const catalogue::DataElement* weight = nullptr;  // WeightedAverage only
    std::vector<double> values;
    std::vector<std::uint8_t> flags;
};

void aggregate_in_time(const Column* column, const catalogue::DataElement& element, core::PeriodType type, int first,
                       int count, int departments, DepartmentSeries& out)
{
    out.values.assign(static_cast<std::size_t>(departments) * count, kNoValue);
    out.flags.assign(out.values.size(), 0);
    if (!column || column->count == 0)
        return;
    const int per = periods_per(column->type, type);
    if (per > 1 && element.time_aggregation == TimeAggregation::None)
        return;  // the rules forbid adding these periods up
    // The target periods whose sub-periods all lie within the column; the
    // others keep no value (a sum needs them all) or read partially below.
    const int column_first = column->first;
    const int column_last = column->last();
    if (per == 1) {
        const int from = std::max(first, column_first);
        const int to = std::min(first + count - 1, column_last);
        if (to < from)
            return;
        for (int d = 0; d < departments; ++d) {
            const auto source = static_cast<std::size_t>(d) * column->count + (from - column_first);
            const auto target = static_cast<std::size_t>(d) * count + (from - first);
            std::copy_n(column->values.begin() + source, to - from + 1, out.values.begin() + target);
            std::copy_n(column->flags.begin() + source, to - from + 1, out.flags.begin() + target);
        }
        return;
    }
    const auto rule = element.time_aggregation;
    for (int d = 0; d < departments; ++d) {
        const double* values = column->values.data() + static_cast<std::size_t>(d) * column->count;
        const std::uint8_t* flags_of_cells = column->flags.data() + static_cast<std::size_t>(d) * column->count;
        for (int p = 0; p < count; ++p) {
            const int sub_first = std::max((first + p) * per, column_first);
            const int sub_last = std::min((first + p) * per + per - 1, column_last);
            if (sub_last < sub_first)
                continue;
            double sum = 0;
            double last = kNoValue;
            int present = 0;
            std::uint8_t flags = 0;
            std::uint8_t last_flags = 0;  // a stock shows one value: its flags only
            for (int sub = sub_first; sub <= sub_last; ++sub) {
                double value = values[sub - column_first];
                if (!has_value(value))
                    continue;
                sum += value;
                last = value;
                ++present;
                flags |= flags_of_cells[sub - column_first];
                last_flags = flags_of_cells[sub - column_first];
            }
            double result = kNoValue;
            if (rule == TimeAggregation::Sum)
                result = present == per ? sum : kNoValue;  // a flow needs every sub-period
            else if (rule == TimeAggregation::Average)
                result = present > 0 ? sum / present : kNoValue;
            else if (rule == TimeAggregation::Last) {
                result = last;
                flags = last_flags;
            }
            auto index = static_cast<std::size_t>(d) * count + p;
            out.values[index] = result;
            out.flags[index] = has_value(result) ? flags : 0;
        }
    }
}

// The element's values for every row: departments as they are (where the
// mask holds), regions and the nation aggregated over their masked
// departments along the element's territory rule.
void aggregate_over_territories(const DepartmentSeries& series, const DepartmentSeries* weight,
                                const std::vector<char>& mask, const TerritoryLayout& layout, int count,
                                std::vector<double>& rows)
{
    const int departments = layout.departments();
    const int aggregate_rows = layout.first_department_row();
    rows.assign(static_cast<std::size_t>(layout.rows()) * count, kNoValue);
    const auto rule = series.element->territory_aggregation;
    std::vector<double> accumulated(static_cast<std::size_t>(aggregate_rows) * count, 0);
    std::vector<double> weights(accumulated.size(), 0);
    std::vector<int> seen(accumulated.size(), 0);
    for (int d = 0; d < departments; ++d) {
        const int region = layout.region_row_of(d);
        for (int p = 0; p < count; ++p) {
            auto index = static_cast<std::size_t>(d) * count + p;
            if (!mask[index])
                continue;
            double value = series.values[index];
            rows[static_cast<std::size_t>(layout.department_row(d)) * count + p] = value;
            double w = weight ? weight->values[index] : 1;
            for (int row : {TerritoryLayout::kNationRow, region}) {
                auto at = static_cast<std::size_t>(row) * count + p;
                double& acc = accumulated[at];
                switch (rule) {
                case TerritoryAggregation::Min:
                    acc = seen[at] == 0 ? value : std::min(acc, value);
                    break;
                case TerritoryAggregation::Max:
                    acc = seen[at] == 0 ? value : std::max(acc, value);
                    break;
                case TerritoryAggregation::WeightedAverage:
                    acc += value * w;
                    weights[at] += w;
                    break;
                default:
                    acc += value;
                    break;
                }
                ++seen[at];
                if (row == region)
                    break;  // a department outside any region counts once, nationally
            }
        }
    }
    for (int row = 0; row < aggregate_rows; ++row) {
        for (int p = 0; p < count; ++p) {
            auto at = static_cast<std::size_t>(row) * count + p;
            if (seen[at] == 0 || rule == TerritoryAggregation::None)
                continue;
            double value = accumulated[at];
            if (rule == TerritoryAggregation::Average)
                value /= seen[at];
            else if (rule == TerritoryAggregation::WeightedAverage)
                value = weights[at] == 0 ? kNoValue : value / weights[at];
            rows[at] = value;
        }
    }
}

}  // namespace

Evaluator::Evaluator(const Cube& cube, const TerritoryLayout& layout, const catalogue::Catalogue& catalogue,
                     Lookup lookup)
    : m_cube(cube), m_layout(layout), m_catalogue(catalogue), m_lookup(std::move(lookup))
{}

std::shared_ptr<Grid> Evaluator::evaluate(const catalogue::Indicator& indicator, core::PeriodType type) const
{
    if (!core::fits_into(indicator.periodicity, type))
        return nullptr;
    return indicator.kind == catalogue::IndicatorKind::Equity ? evaluate_equity(indicator, type)
                                                              : evaluate_ratio(indicator, type);
}

std::shared_ptr<Grid> Evaluator::evaluate_ratio(const catalogue::Indicator& indicator, core::PeriodType type) const
{
    auto numerator_text = catalogue::Formula::parse(indicator.numerator);
    if (!numerator_text.ok())
        return nullptr;
    auto numerator = CompiledFormula::compile(numerator_text->root());
    auto denominator = CompiledFormula::one();
    if (!indicator.denominator.empty()) {
        auto denominator_text = catalogue::Formula::parse(indicator.denominator);
        if (!denominator_text.ok())
            return nullptr;
        denominator = CompiledFormula::compile(denominator_text->root());
    }

    // Every element and indicator either side refers to, each once.
    std::vector<std::string> element_codes = numerator.element_codes();
    for (const auto& code : denominator.element_codes())
        if (std::find(element_codes.begin(), element_codes.end(), code) == element_codes.end())
            element_codes.push_back(code);
    std::vector<std::string> indicator_codes = numerator.indicator_codes();
    for (const auto& code : denominator.indicator_codes())
        if (std::find(indicator_codes.begin(), indicator_codes.end(), code) == indicator_codes.end())
            indicator_codes.push_back(code);

    Span span;
    std::vector<DepartmentSeries> series(element_codes.size());
    std::vector<DepartmentSeries> weights(element_codes.size());
    for (std::size_t i = 0; i < element_codes.size(); ++i) {
        const auto* element = m_catalogue.find_element(element_codes[i]);
        if (!element || !core::fits_into(element->period_type, type))
            return nullptr;
        series[i].element = element;
        if (element->territory_aggregation == TerritoryAggregation::WeightedAverage) {
            series[i].weight = m_catalogue.find_element(element->weight_element_code);
            if (!series[i].weight || !core::fits_into(series[i].weight->period_type, type))
                return nullptr;
        }
        if (const auto* column = m_cube.column(element->code); column && column->count > 0)
            span.include(coarser_ordinal(column->first, column->type, type),
                         coarser_ordinal(column->last(), column->type, type));
    }
    std::vector<std::shared_ptr<const Grid>> referenced;
    for (const auto& code : indicator_codes) {
        const auto* other = m_catalogue.find_indicator(code);
        auto grid = other ? m_lookup(*other, type) : nullptr;
        if (!grid)
            return nullptr;
        if (grid->count > 0)
            span.include(grid->first, grid->first + grid->count - 1);
        referenced.push_back(std::move(grid));
    }

    auto grid = std::make_shared<Grid>();
    grid->type = type;
    grid->first = span.empty() ? 0 : span.first;
    grid->resize(m_layout.rows(), span.empty() ? 0 : span.last - span.first + 1);
    for (int row = 0; row < m_layout.rows(); ++row)
        grid->expected[row] = static_cast<std::uint16_t>(m_layout.departments_of_row(row).size());
    if (span.empty())
        return grid;

    const int count = grid->count;
    const int departments = m_layout.departments();
    for (std::size_t i = 0; i < series.size(); ++i) {
        aggregate_in_time(m_cube.column(series[i].element->code), *series[i].element, type, grid->first, count,
                          departments, series[i]);
        if (series[i].weight) {
            weights[i].element = series[i].weight;
            aggregate_in_time(m_cube.column(series[i].weight->code), *series[i].weight, type, grid->first, count,
                              departments, weights[i]);
        }
    }

    // A department counts for a period when every input has a value there.
    std::vector<char> mask(static_cast<std::size_t>(departments) * count, 1);
    std::vector<std::uint8_t> department_flags(mask.size(), 0);
    for (int d = 0; d < departments; ++d) {
        for (int p = 0; p < count; ++p) {
            auto index = static_cast<std::size_t>(d) * count + p;
            bool present = true;
            std::uint8_t flags = 0;
            for (std::size_t i = 0; i < series.size(); ++i) {
                present = present && has_value(series[i].values[index]);
                flags |= series[i].flags[index];
                if (series[i].weight) {
                    present = present && has_value(weights[i].values[index]);
                    flags |= weights[i].flags[index];
                }
            }
            for (const auto& other : referenced) {
                auto row = m_layout.department_row(d);
                int period = grid->first + p;
                present = present && has_value(other->value(row, period));
                if (other->holds(period))
                    flags |= other->flags[other->at(row, period)];
            }
            mask[index] = present;
            department_flags[index] = present ? flags : 0;
        }
    }
    for (int d = 0; d < departments; ++d) {
        const int region = m_layout.region_row_of(d);
        for (int p = 0; p < count; ++p) {
            auto index = static_cast<std::size_t>(d) * count + p;
            if (!mask[index])
                continue;
            const int targets[] = {TerritoryLayout::kNationRow, region, m_layout.department_row(d)};
            for (int k = 0; k < 3; ++k) {
                if (k == 1 && region == TerritoryLayout::kNationRow)
                    continue;  // a department outside any region counts once, nationally
                auto at = static_cast<std::size_t>(targets[k]) * count + p;
                ++grid->reported[at];
                grid->flags[at] |= department_flags[index];
            }
        }
    }

    std::vector<std::vector<double>> element_rows(series.size());
    std::vector<const double*> element_inputs;
    for (std::size_t i = 0; i < series.size(); ++i) {
        aggregate_over_territories(series[i], series[i].weight ? &weights[i] : nullptr, mask, m_layout, count,
                                   element_rows[i]);
        element_inputs.push_back(element_rows[i].data());
    }
    // A referenced indicator brings its own values, aligned on this span.
    std::vector<std::vector<double>> indicator_rows(referenced.size());
    std::vector<const double*> indicator_inputs;
    for (std::size_t j = 0; j < referenced.size(); ++j) {
        auto& rows = indicator_rows[j];
        rows.assign(static_cast<std::size_t>(m_layout.rows()) * count, kNoValue);
        for (int row = 0; row < m_layout.rows(); ++row)
            for (int p = 0; p < count; ++p)
                rows[static_cast<std::size_t>(row) * count + p] = referenced[j]->value(row, grid->first + p);
        indicator_inputs.push_back(rows.data());
    }
    // Each side is evaluated with the inputs in its own order.
    auto inputs_of = [&](const CompiledFormula& formula, std::vector<const double*>& elements,
                         std::vector<const double*>& indicators) {
        for (const auto& code : formula.element_codes())
            elements.push_back(element_inputs[std::find(element_codes.begin(), element_codes.end(), code) -
                                              element_codes.begin()]);
        for (const auto& code : formula.indicator_codes())
            indicators.push_back(indicator_inputs[std::find(indicator_codes.begin(), indicator_codes.end(), code) -
                                                  indicator_codes.begin()]);
    };
    const auto size = grid->values.size();
    std::vector<double> top;
    std::vector<double> bottom;
    {
        std::vector<const double*> elements, indicators;
        inputs_of(numerator, elements, indicators);
        numerator.evaluate(elements, indicators, size, top);
    }
    {
        std::vector<const double*> elements, indicators;
        inputs_of(denominator, elements, indicators);
        denominator.evaluate(elements, indicators, size, bottom);
    }
    for (std::size_t at = 0; at < size; ++at) {
        if (grid->reported[at] == 0 || bottom[at] == 0 || !has_value(bottom[at]) || !has_value(top[at]))
            continue;
        grid->values[at] = top[at] / bottom[at] * indicator.factor;
    }
    return grid;
}

std::shared_ptr<Grid> Evaluator::evaluate_equity(const catalogue::Indicator& indicator, core::PeriodType type) const
{
    const auto* base = m_catalogue.find_indicator(indicator.base_indicator_code);
    if (!base || !indicator.statistic || base->kind == catalogue::IndicatorKind::Equity)
        return nullptr;
    auto values = m_lookup(*base, type);
    if (!values)
        return nullptr;
    auto grid = std::make_shared<Grid>();
    grid->type = type;
    grid->first = values->first;
    grid->resize(m_layout.rows(), values->count);
    for (int row = 0; row < m_layout.first_department_row(); ++row) {
        const auto& departments = m_layout.departments_of_row(row);
        grid->expected[row] = static_cast<std::uint16_t>(departments.size());
        for (int p = 0; p < grid->count; ++p) {
            std::vector<double> spread;
            std::uint8_t flags = 0;
            for (int d : departments) {
                auto at = values->at(m_layout.department_row(d), grid->first + p);
                if (!has_value(values->values[at]))
                    continue;
                spread.push_back(values->values[at]);
                flags |= values->flags[at];
            }
            auto at = grid->at(row, grid->first + p);
            grid->reported[at] = static_cast<std::uint16_t>(spread.size());
            grid->flags[at] = flags;
            if (auto summary = distribution(std::move(spread)))
                grid->values[at] = statistic(*summary, *indicator.statistic).value_or(kNoValue);
        }
    }
    // A department has no dispersion of its own.
    for (int row = m_layout.first_department_row(); row < m_layout.rows(); ++row)
        grid->expected[row] = 1;
    return grid;
}

}  // namespace boussole::analytics
