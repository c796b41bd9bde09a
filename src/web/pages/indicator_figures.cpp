#include "web/pages/indicator_figures.hpp"

#include "core/french.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::web::pages {

IndicatorFigures::IndicatorFigures(std::shared_ptr<const analytics::Grid> grid, Audience audience)
    : m_grid(std::move(grid)), m_audience(audience)
{}

analytics::Figure IndicatorFigures::figure(int row, int ordinal) const
{
    if (!m_grid)
        return {};
    auto figure = m_grid->figure(row, ordinal);
    if (m_audience == Audience::Public && figure.includes_unvalidated)
        figure.value.reset();
    return figure;
}

bool IndicatorFigures::withheld(int row, int ordinal) const
{
    if (!m_grid || m_audience != Audience::Public)
        return false;
    auto figure = m_grid->figure(row, ordinal);
    return figure.value && figure.includes_unvalidated;
}

std::optional<double> IndicatorFigures::value(int row, int ordinal) const
{
    return figure(row, ordinal).value;
}

std::vector<double> IndicatorFigures::values(const std::vector<int>& rows, int ordinal) const
{
    std::vector<double> result;
    result.reserve(rows.size());
    for (int row : rows)
        result.push_back(value(row, ordinal).value_or(analytics::kNoValue));
    return result;
}

std::vector<int> IndicatorFigures::ordinals_with_values(const std::vector<int>& rows) const
{
    std::vector<int> ordinals;
    if (!m_grid)
        return ordinals;
    for (int ordinal = m_grid->first; ordinal < m_grid->first + m_grid->count; ++ordinal)
        for (int row : rows)
            if (value(row, ordinal)) {
                ordinals.push_back(ordinal);
                break;
            }
    return ordinals;
}

std::vector<int> department_rows(const analytics::TerritoryLayout& layout, std::optional<int> region_row)
{
    std::vector<int> rows;
    if (region_row) {
        for (int department : layout.departments_of_row(*region_row))
            rows.push_back(layout.department_row(department));
        return rows;
    }
    for (int department = 0; department < layout.departments(); ++department)
        rows.push_back(layout.department_row(department));
    return rows;
}

bool is_department_row(const analytics::TerritoryLayout& layout, int row)
{
    return row >= layout.first_department_row() && row < layout.rows();
}

bool is_region_row(const analytics::TerritoryLayout& layout, int row)
{
    return row >= layout.first_region_row() && row < layout.first_department_row();
}

std::string value_text(std::optional<double> value, const catalogue::Indicator& indicator)
{
    if (!value || !std::isfinite(*value))
        return "–";
    auto text = core::format_decimal(*value, indicator.decimals);
    return indicator.unit.empty() ? text : text + "\u00a0" + indicator.unit;
}

std::string gap_text(std::optional<double> gap, int decimals)
{
    if (!gap || !std::isfinite(*gap))
        return "–";
    auto magnitude = core::format_decimal(std::fabs(*gap), decimals);
    // A gap that rounds to zero has no sign.
    if (magnitude.find_first_not_of("0,") == std::string::npos)
        return magnitude;
    return (*gap < 0 ? "\u2212" : "+") + magnitude;
}

std::string completeness_text(const analytics::Figure& figure)
{
    return std::to_string(figure.reported) + "/" + std::to_string(figure.expected) +
           (figure.expected > 1 ? " départements" : " département");
}

std::string as_group_of_links(std::string svg)
{
    const std::string image = " role=\"img\"";
    auto root_end = svg.find('>');
    if (auto at = svg.find(image); at != std::string::npos && at < root_end)
        svg.replace(at, image.size(), " role=\"group\"");
    return svg;
}

std::string row_label(const analytics::TerritoryLayout& layout, int row)
{
    return row == analytics::TerritoryLayout::kNationRow ? "France" : layout.territory(row).label();
}

std::optional<int> default_ordinal(const IndicatorFigures& figures, const std::vector<int>& candidates,
                                   const std::vector<int>& counted)
{
    std::vector<std::pair<int, int>> counts;  // ordinal, values seen
    int most = 0;
    for (int ordinal : figures.ordinals_with_values(candidates)) {
        int seen = 0;
        for (int row : counted)
            seen += figures.value(row, ordinal) ? 1 : 0;
        counts.emplace_back(ordinal, seen);
        most = std::max(most, seen);
    }
    for (auto count = counts.rbegin(); count != counts.rend(); ++count)
        if (count->second * 2 >= most)
            return count->first;
    return std::nullopt;
}

}  // namespace boussole::web::pages
