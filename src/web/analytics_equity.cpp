// Equity across departments (analytics_views.hpp): the distribution of one
// ratio indicator at one period, each department's rank and gap to the
// nation, and the coefficient of variation over time.
#include "analytics/period_ordinal.hpp"
#include "web/analytics_figures.hpp"
#include "web/analytics_views.hpp"

namespace boussole::web::analytics_views {

namespace {

core::Error refused(const char* parameter, const std::string& message)
{
    return core::Error::invalid("Paramètre « " + std::string(parameter) + " » invalide : " + message,
                                {{parameter, message, std::nullopt, std::nullopt}});
}

std::vector<int> selected_rows(const analytics::TerritoryLayout& layout, std::optional<int> region_row)
{
    return department_rows(layout, region_row.value_or(analytics::TerritoryLayout::kNationRow));
}

std::optional<int> latest_of(const analytics::Grid& grid, const std::vector<int>& rows, Audience audience)
{
    std::optional<int> latest;
    for (int row : rows)
        if (auto seen = latest_visible(grid, row, audience); seen && (!latest || *seen > *latest))
            latest = seen;
    return latest;
}

void add_departments(const analytics::Grid& grid, const std::vector<int>& rows, int ordinal,
                     const catalogue::Indicator& indicator, Audience audience, Equity& equity)
{
    auto values = visible_values(grid, rows, ordinal, audience);
    equity.distribution = analytics::distribution(values);
    for (int row : rows) {
        DepartmentStanding standing;
        standing.row = row;
        standing.figure = grid.figure(row, ordinal);
        standing.withheld = withheld(standing.figure, audience);
        if (standing.withheld)
            standing.figure.value.reset();
        if (standing.figure.value && equity.nation.value)
            standing.gap_to_nation = *standing.figure.value - *equity.nation.value;
        equity.departments.push_back(standing);
    }
    for (const auto& entry : analytics::rank(values, indicator.direction))
        equity.departments[entry.index].rank = entry.rank;
}

void add_cv_series(const analytics::Grid& grid, const std::vector<int>& rows, Audience audience, Equity& equity)
{
    for (int at = grid.first; at < grid.first + grid.count; ++at) {
        auto statistics = analytics::distribution(visible_values(grid, rows, at, audience));
        if (statistics)
            equity.cv_series.push_back({analytics::period_at(grid.type, at), statistics->coefficient_of_variation});
    }
}

}  // namespace

core::Result<Equity> equity(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                            const catalogue::Indicator& indicator, std::optional<core::Period> period,
                            std::optional<int> region_row, Audience audience)
{
    if (indicator.kind == catalogue::IndicatorKind::Equity)
        return refused("indicator", "« " + indicator.code +
                                        " » mesure déjà une dispersion entre départements : demandez l'équité de son "
                                        "indicateur de base, « " +
                                        indicator.base_indicator_code + " ».");
    auto type = period ? period->type() : indicator.periodicity;
    if (!core::fits_into(indicator.periodicity, type))
        return refused("period", "l'indicateur « " + indicator.code + " » se calcule par " +
                                     core::label(indicator.periodicity) +
                                     " au plus fin : donnez une période de ce "
                                     "type ou plus longue (ex. " +
                                     (indicator.periodicity == core::PeriodType::Quarter ? "2025-T3" : "2025") + ").");
    const auto& layout = analytics.layout();
    Equity result;
    result.indicator = &indicator;
    result.region_row = region_row;
    auto grid = analytics.grid(catalogue, indicator, type);
    if (!grid)
        return result;
    auto rows = selected_rows(layout, region_row);
    auto ordinal = period ? std::optional<int>(analytics::ordinal(*period)) : latest_of(*grid, rows, audience);
    if (ordinal) {
        result.period = analytics::period_at(type, *ordinal);
        result.nation = grid->figure(analytics::TerritoryLayout::kNationRow, *ordinal);
        result.nation_withheld = withheld(result.nation, audience);
        if (result.nation_withheld)
            result.nation.value.reset();
        if (region_row)
            result.region_value = visible(*grid, *region_row, *ordinal, audience);
        add_departments(*grid, rows, *ordinal, indicator, audience, result);
    }
    add_cv_series(*grid, rows, audience, result);
    return result;
}

}  // namespace boussole::web::analytics_views
