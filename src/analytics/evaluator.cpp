#include "analytics/evaluator.hpp"

#include "analytics/compiled_formula.hpp"
#include "analytics/distribution.hpp"
#include "analytics/territory_aggregation.hpp"

#include <algorithm>

namespace boussole::analytics {

namespace {

using catalogue::TerritoryAggregation;

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

void include_column(Span& span, const Column* column, core::PeriodType type)
{
    if (column && column->count > 0)
        span.include(coarser_ordinal(column->first, column->type, type),
                     coarser_ordinal(column->last(), column->type, type));
}

}  // namespace

Evaluator::Evaluator(const Cube& cube, const TerritoryLayout& layout, const catalogue::Catalogue& catalogue,
                     Lookup lookup, SeriesLookup series)
    : m_cube(cube), m_layout(layout), m_catalogue(catalogue), m_lookup(std::move(lookup)), m_series(std::move(series))
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
    std::vector<FormulaInput> inputs(element_codes.size());
    for (std::size_t i = 0; i < element_codes.size(); ++i) {
        const auto* element = m_catalogue.find_element(element_codes[i]);
        if (!element || !core::fits_into(element->period_type, type))
            return nullptr;
        inputs[i].element = element;
        if (element->territory_aggregation == TerritoryAggregation::WeightedAverage) {
            const auto* weight = m_catalogue.find_element(element->weight_element_code);
            if (!weight || !core::fits_into(weight->period_type, type))
                return nullptr;
            inputs[i].weight = m_series(*weight, type);
        }
        inputs[i].series = m_series(*element, type);
        include_column(span, m_cube.column(element->code), type);
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
    std::vector<char> mask(static_cast<std::size_t>(departments) * count, 1);
    std::vector<std::uint8_t> department_flags(mask.size(), 0);
    for (const auto& input : inputs) {
        narrow_mask(*input.series, grid->first, count, departments, mask, department_flags);
        if (input.weight)
            narrow_mask(*input.weight, grid->first, count, departments, mask, department_flags);
    }
    for (const auto& other : referenced) {
        for (int d = 0; d < departments; ++d) {
            const auto row = m_layout.department_row(d);
            for (int p = 0; p < count; ++p) {
                auto index = static_cast<std::size_t>(d) * count + p;
                const int period = grid->first + p;
                mask[index] = mask[index] && has_value(other->value(row, period));
                if (other->holds(period))
                    department_flags[index] |= other->flags[other->at(row, period)];
            }
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

    std::vector<std::vector<double>> element_rows(inputs.size());
    std::vector<const double*> element_inputs;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        aggregate_over_territories(inputs[i], mask, m_layout, grid->first, count, grid->reported, element_rows[i]);
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
            elements.push_back(
                element_inputs[std::find(element_codes.begin(), element_codes.end(), code) - element_codes.begin()]);
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
