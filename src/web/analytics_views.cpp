#include "web/analytics_views.hpp"

#include "analytics/period_ordinal.hpp"
#include "core/french.hpp"
#include "web/analytics_figures.hpp"

#include <cmath>
#include <map>

namespace boussole::web::analytics_views {

namespace {

using analytics::Grid;

core::Error finer_than_periodicity(const char* parameter, const catalogue::Indicator& indicator, core::PeriodType asked)
{
    std::string message = "l'indicateur « " + indicator.code + " » se calcule par " +
                          core::label(indicator.periodicity) + " au plus fin : pas par " + core::label(asked) +
                          ". Demandez des périodes de type " + core::label(indicator.periodicity) + " ou plus longues.";
    return core::Error::invalid("Paramètre « " + std::string(parameter) + " » invalide : " + message,
                                {{parameter, message, std::nullopt, std::nullopt}});
}

FigureRow row_at(const Grid* grid, const catalogue::Indicator& indicator, int row, std::optional<int> ordinal,
                 core::PeriodType type, Audience audience)
{
    FigureRow result;
    result.indicator = &indicator;
    result.row = row;
    if (!grid)
        return result;
    result.figure.expected = grid->expected[row];
    if (!ordinal)
        return result;
    result.period = analytics::period_at(type, *ordinal);
    result.figure = grid->figure(row, *ordinal);
    result.withheld = withheld(result.figure, audience);
    if (result.withheld)
        result.figure.value.reset();
    return result;
}

// The grids of one indicator, one per period type asked.
class IndicatorGrids {
public:
    IndicatorGrids(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                   const catalogue::Indicator& indicator)
        : m_analytics(analytics), m_catalogue(catalogue), m_indicator(indicator)
    {}

    const Grid* at(core::PeriodType type)
    {
        auto found = m_grids.find(type);
        if (found == m_grids.end())
            found = m_grids.emplace(type, m_analytics.grid(m_catalogue, m_indicator, type)).first;
        return found->second.get();
    }

private:
    analytics::Analytics& m_analytics;
    const catalogue::Catalogue& m_catalogue;
    const catalogue::Indicator& m_indicator;
    std::map<core::PeriodType, std::shared_ptr<const Grid>> m_grids;
};

core::Status listed_rows(IndicatorGrids& grids, const catalogue::Indicator& indicator, const AnalyticsQuery& query,
                         Audience audience, std::vector<FigureRow>& rows)
{
    for (const auto& period : query.periods.periods)
        if (!core::fits_into(indicator.periodicity, period.type()))
            return finer_than_periodicity("periods", indicator, period.type());
    for (int row : query.rows)
        for (const auto& period : query.periods.periods)
            rows.push_back(
                row_at(grids.at(period.type()), indicator, row, analytics::ordinal(period), period.type(), audience));
    return {};
}

core::Status latest_rows(IndicatorGrids& grids, const catalogue::Indicator& indicator, const AnalyticsQuery& query,
                         Audience audience, std::vector<FigureRow>& rows)
{
    auto type = query.periods.type.value_or(indicator.periodicity);
    if (!core::fits_into(indicator.periodicity, type))
        return finer_than_periodicity("period_type", indicator, type);
    const Grid* grid = grids.at(type);
    std::optional<int> latest;
    if (grid)
        for (int row : query.rows)
            if (auto seen = latest_visible(*grid, row, audience); seen && (!latest || *seen > *latest))
                latest = seen;
    for (int row : query.rows)
        rows.push_back(row_at(grid, indicator, row, latest, type, audience));
    return {};
}

void add_equity(const Grid& grid, const analytics::TerritoryLayout& layout, int ordinal, Audience audience,
                Summary& summary)
{
    int row = summary.row;
    const auto& indicator = *summary.indicator;
    if (indicator.kind != catalogue::IndicatorKind::Ratio)
        return;
    if (row < layout.first_department_row()) {
        std::vector<double> spread = visible_values(grid, department_rows(layout, row), ordinal, audience);
        if (auto statistics = analytics::distribution(spread))
            summary.cv = statistics->coefficient_of_variation;
    }
    if (row == analytics::TerritoryLayout::kNationRow)
        return;
    summary.nation_value = visible(grid, analytics::TerritoryLayout::kNationRow, ordinal, audience);
    if (summary.value && summary.nation_value)
        summary.gap_to_nation = *summary.value - *summary.nation_value;
    std::vector<int> peers = peer_rows(layout, row);
    auto ranked = analytics::rank(visible_values(grid, peers, ordinal, audience), indicator.direction);
    summary.ranked = static_cast<int>(ranked.size());
    for (const auto& entry : ranked)
        if (peers[entry.index] == row)
            summary.rank = entry.rank;
    if (row >= layout.first_department_row())
        summary.region_value =
            visible(grid, layout.region_row_of(row - layout.first_department_row()), ordinal, audience);
}

void add_history(const Grid& grid, int ordinal, int length, Audience audience, Summary& summary)
{
    for (int at = std::max(grid.first, ordinal - length + 1); at <= ordinal; ++at)
        summary.history.push_back({analytics::period_at(grid.type, at), visible(grid, summary.row, at, audience)});
}

std::optional<targets::Target> target_of(const std::vector<targets::Target>& targets,
                                         const catalogue::Indicator& indicator, int row,
                                         const analytics::TerritoryLayout& layout)
{
    const auto& key = layout.territory(row).key;
    std::optional<targets::Target> found;
    for (const auto& target : targets) {
        if (target.deleted || target.indicator != indicator.code || target.territory != key)
            continue;
        if (!found || target.scope == targets::TargetScope::National)
            found = target;
    }
    return found;
}

}  // namespace

core::Result<std::vector<FigureRow>> figure_rows(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                                                 const AnalyticsQuery& query, Audience audience)
{
    std::vector<FigureRow> rows;
    for (const auto* indicator : query.indicators) {
        IndicatorGrids grids(analytics, catalogue, *indicator);
        auto added = query.periods.kind == PeriodSelection::Kind::List
                         ? listed_rows(grids, *indicator, query, audience, rows)
                         : latest_rows(grids, *indicator, query, audience, rows);
        if (!added.ok())
            return std::move(added).error();
    }
    return rows;
}

const char* to_string(Trend trend)
{
    switch (trend) {
    case Trend::Up: return "up";
    case Trend::Down: return "down";
    case Trend::Stable: return "stable";
    case Trend::Unknown: return "unknown";
    }
    return "unknown";
}

const char* to_string(TrendMeaning meaning)
{
    switch (meaning) {
    case TrendMeaning::Better: return "better";
    case TrendMeaning::Worse: return "worse";
    case TrendMeaning::Neutral: return "neutral";
    }
    return "neutral";
}

Trend trend_between(double previous, double latest, int decimals)
{
    double scale = std::pow(10.0, std::clamp(decimals, 0, 6));
    auto rounded_previous = std::llround(previous * scale);
    auto rounded_latest = std::llround(latest * scale);
    if (rounded_latest == rounded_previous)
        return Trend::Stable;
    return rounded_latest > rounded_previous ? Trend::Up : Trend::Down;
}

TrendMeaning meaning_of(Trend trend, catalogue::Direction direction)
{
    if (direction == catalogue::Direction::Neutral || (trend != Trend::Up && trend != Trend::Down))
        return TrendMeaning::Neutral;
    bool higher_is_better = direction == catalogue::Direction::HigherIsBetter;
    return (trend == Trend::Up) == higher_is_better ? TrendMeaning::Better : TrendMeaning::Worse;
}

Summary summarise(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                  const catalogue::Indicator& indicator, int row, const std::vector<targets::Target>& targets,
                  Audience audience, int history_length)
{
    const auto& layout = analytics.layout();
    Summary summary;
    summary.indicator = &indicator;
    summary.row = row;
    summary.applicable = indicator.kind != catalogue::IndicatorKind::Equity || row < layout.first_department_row();
    summary.target = target_of(targets, indicator, row, layout);
    auto grid = analytics.grid(catalogue, indicator, indicator.periodicity);
    std::optional<int> latest = grid ? latest_visible(*grid, row, audience) : std::nullopt;
    if (grid && latest) {
        summary.period = analytics::period_at(grid->type, *latest);
        summary.figure = grid->figure(row, *latest);
        summary.value = summary.figure.value;
        if (auto previous = previous_visible(*grid, row, *latest, audience)) {
            summary.previous_period = analytics::period_at(grid->type, *previous);
            summary.previous = visible(*grid, row, *previous, audience);
            summary.trend = trend_between(*summary.previous, *summary.value, indicator.decimals);
            summary.meaning = meaning_of(summary.trend, indicator.direction);
        }
        add_equity(*grid, layout, *latest, audience, summary);
        add_history(*grid, *latest, history_length, audience, summary);
    } else if (grid) {
        summary.figure.expected = grid->expected[row];
    }
    if (grid) {
        auto any = grid->latest(row);
        summary.newer_withheld = any && (!latest || *any > *latest);
    }
    if (summary.target) {
        std::optional<std::pair<core::Period, double>> measured;
        if (summary.period && summary.value)
            measured = std::pair{*summary.period, *summary.value};
        summary.assessment = targets::assess(targets::trajectory_of(*summary.target, indicator), measured);
    }
    return summary;
}

std::vector<HistoryPoint> history_of(analytics::Analytics& analytics, const catalogue::Catalogue& catalogue,
                                     const catalogue::Indicator& indicator, int row,
                                     const std::vector<core::Period>& periods, Audience audience)
{
    std::vector<HistoryPoint> points;
    IndicatorGrids grids(analytics, catalogue, indicator);
    for (const auto& period : periods) {
        const Grid* grid = grids.at(period.type());
        points.push_back({period, grid ? visible(*grid, row, analytics::ordinal(period), audience) : std::nullopt});
    }
    return points;
}

std::string completeness_text(const analytics::Figure& figure)
{
    return std::to_string(figure.reported) + "/" + std::to_string(figure.expected) +
           (figure.expected > 1 ? " départements" : " département");
}

std::string value_text(std::optional<double> value, const catalogue::Indicator& indicator)
{
    if (!value)
        return "–";
    auto text = core::format_decimal(*value, indicator.decimals);
    return indicator.unit.empty() ? text : text + "\u00a0" + indicator.unit;
}

}  // namespace boussole::web::analytics_views
