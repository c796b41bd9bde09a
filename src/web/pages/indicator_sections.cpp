// The map, the departments' table and the ranking of the indicator page.
#include "web/pages/indicator_sections.hpp"

#include "analytics/distribution.hpp"
#include "core/text.hpp"
#include "render/svg_charts.hpp"
#include "render/svg_map.hpp"
#include "web/pages/forms.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

namespace boussole::web::pages {

namespace {

// The outlines are read once per share directory, at the first map drawn.
struct LoadedGeometry {
    std::optional<render::MapGeometry> geometry;
    std::string problem;
};

const LoadedGeometry& department_geometry(const std::string& share_dir)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<LoadedGeometry>> loaded;
    std::lock_guard lock(mutex);
    auto& entry = loaded[share_dir];
    if (!entry) {
        entry = std::make_unique<LoadedGeometry>();
        auto result = render::load_map_geometry(render::map_geometry_path(share_dir));
        if (result.ok())
            entry->geometry = std::move(result).value();
        else
            entry->problem = result.error().message;
    }
    return *entry;
}

std::string scope_words(const IndicatorScope& scope)
{
    return scope.region_row ? "des départements de la région " + scope.layout.territory(*scope.region_row).name
                            : "des départements";
}

// The rank of each department of the scope that has a value, by row.
std::map<int, int> ranks_of(const IndicatorScope& scope)
{
    std::map<int, int> ranks;
    for (const auto& ranked :
         analytics::rank(scope.figures.values(scope.rows, scope.ordinal), scope.indicator.direction))
        ranks[scope.rows[ranked.index]] = ranked.rank;
    return ranks;
}

IndicatorAddress select_territory(const IndicatorScope& scope, int row)
{
    auto address = scope.address;
    address.territory = scope.layout.territory(row).key.to_string();
    return address;
}

nlohmann::json flags_of(const IndicatorScope& scope, int row)
{
    nlohmann::json flags = nlohmann::json::array();
    auto figure = scope.figures.figure(row, scope.ordinal);
    if (scope.figures.withheld(row, scope.ordinal))
        flags.push_back({{"label", "En attente de validation"}, {"type", "info"}});
    else if (!figure.value)
        flags.push_back({{"label", "Pas de donnée"}, {"type", "error"}});
    if (figure.value && figure.includes_unvalidated)
        flags.push_back({{"label", "Non validée"}, {"type", "warning"}});
    if (figure.includes_synthetic && (figure.value || scope.figures.withheld(row, scope.ordinal)))
        flags.push_back({{"label", "Démonstration"}, {"type", "new"}});
    return flags;
}

nlohmann::json sort_header(const IndicatorScope& scope, const char* label, TableOrder order)
{
    auto address = scope.address;
    address.order = order;
    bool current = scope.address.order == order;
    // Ranks and names read from the first; values follow the direction, as ranks do.
    const char* direction = current ? "ascending" : "none";
    if (current && order == TableOrder::Value && scope.indicator.direction != catalogue::Direction::LowerIsBetter)
        direction = "descending";
    return {
        {"label", label}, {"href", address.href("tableau-departements")}, {"current", current}, {"sort", direction}};
}

}  // namespace

std::string IndicatorAddress::href(std::string_view anchor) const
{
    auto query = query_string({{"periode", period},
                               {"region", region},
                               {"territoire", territory},
                               {"tri", order == TableOrder::Rank ? "" : to_string(order)}});
    auto link = "/indicateurs/" + http::percent_encode(code) + query;
    if (!anchor.empty())
        link += "#" + std::string(anchor);
    return link;
}

nlohmann::json map_section(const IndicatorScope& scope, const std::string& share_dir)
{
    const auto& loaded = department_geometry(share_dir);
    if (!loaded.geometry)
        return {{"svg", nullptr}, {"problem", "Carte indisponible : " + loaded.problem}};
    std::vector<render::MapArea> areas;
    for (int row : scope.rows) {
        const auto& department = scope.layout.territory(row);
        auto value = scope.figures.value(row, scope.ordinal);
        areas.push_back({department.key.code(), department.name, value, value_text(value, scope.indicator),
                         select_territory(scope, row).href("carte")});
    }
    render::MapOptions options;
    options.title = scope.indicator.name + " : carte " + scope_words(scope) + ", " + scope.period.label();
    options.description = "Valeur de chaque département";
    if (scope.region_row)
        options.description += " de la région " + scope.layout.territory(*scope.region_row).name +
                               " ; les départements des autres régions apparaissent sans donnée";
    options.description += ". Le tableau qui suit la carte donne les mêmes valeurs.";
    options.unit = scope.indicator.unit;
    options.decimals = scope.indicator.decimals;
    options.higher_is_better = scope.indicator.direction != catalogue::Direction::LowerIsBetter;
    if (scope.department_row)
        options.highlighted_code = scope.layout.territory(*scope.department_row).key.code();
    auto svg = render::choropleth_map(*loaded.geometry, areas, options);
    // FIXME: MapOptions knows no neutral direction; its legend would call high values favourable.
    if (scope.indicator.direction == catalogue::Direction::Neutral) {
        const std::string favourable = "Une valeur élevée est favorable.";
        if (auto at = svg.find(favourable); at != std::string::npos)
            svg.replace(at, favourable.size(), "Indicateur sans sens favorable.");
    }
    return {{"svg", as_group_of_links(std::move(svg))},
            {"problem", nullptr},
            {"department_count", loaded.geometry->department_count()}};
}

nlohmann::json table_section(const IndicatorScope& scope)
{
    auto ranks = ranks_of(scope);
    auto nation = scope.figures.value(analytics::TerritoryLayout::kNationRow, scope.ordinal);
    std::vector<int> ordered = scope.rows;
    auto value_or = [&](int row, double fallback) {
        return scope.figures.value(row, scope.ordinal).value_or(fallback);
    };
    switch (scope.address.order) {
    case TableOrder::Name:
        std::stable_sort(ordered.begin(), ordered.end(), [&](int a, int b) {
            return core::fold_for_search(scope.layout.territory(a).name) <
                   core::fold_for_search(scope.layout.territory(b).name);
        });
        break;
    case TableOrder::Rank:
    case TableOrder::Value: {
        // Best first; departments without a value last, in the registry's order.
        bool lower_first = scope.indicator.direction == catalogue::Direction::LowerIsBetter;
        std::stable_sort(ordered.begin(), ordered.end(), [&](int a, int b) {
            auto ra = ranks.find(a), rb = ranks.find(b);
            if ((ra == ranks.end()) != (rb == ranks.end()))
                return rb == ranks.end();
            if (ra == ranks.end())
                return false;
            if (scope.address.order == TableOrder::Rank)
                return ra->second < rb->second;
            return lower_first ? value_or(a, 0) < value_or(b, 0) : value_or(a, 0) > value_or(b, 0);
        });
        break;
    }
    }
    nlohmann::json rows = nlohmann::json::array();
    int with_value = 0;
    for (int row : ordered) {
        auto value = scope.figures.value(row, scope.ordinal);
        with_value += value ? 1 : 0;
        auto rank = ranks.find(row);
        std::optional<double> gap;
        if (value && nation)
            gap = *value - *nation;
        rows.push_back({{"label", scope.layout.territory(row).label()},
                        {"href", select_territory(scope, row).href()},
                        {"value", value_text(value, scope.indicator)},
                        {"rank", rank == ranks.end() ? "–" : std::to_string(rank->second)},
                        {"gap", gap_text(gap, scope.indicator.decimals)},
                        {"flags", flags_of(scope, row)},
                        {"selected", scope.department_row == row}});
    }
    return {{"caption", scope.indicator.name + " : valeur, rang et écart à la valeur nationale " + scope_words(scope) +
                            ", " + scope.period.label()},
            {"rows", rows},
            {"headers",
             {sort_header(scope, "Département", TableOrder::Name), sort_header(scope, "Valeur", TableOrder::Value),
              sort_header(scope, "Rang", TableOrder::Rank)}},
            {"with_value", with_value},
            {"count", scope.rows.size()}};
}

nlohmann::json ranking_section(const IndicatorScope& scope)
{
    auto ranked = analytics::rank(scope.figures.values(scope.rows, scope.ordinal), scope.indicator.direction);
    std::vector<render::Bar> bars;
    for (const auto& entry : ranked) {
        int row = scope.rows[entry.index];
        bars.push_back({std::to_string(entry.rank) + ". " + scope.layout.territory(row).label(), entry.value,
                        value_text(entry.value, scope.indicator), scope.department_row == row,
                        select_territory(scope, row).href("classement")});
    }
    std::string order;
    switch (scope.indicator.direction) {
    case catalogue::Direction::LowerIsBetter:
        order = "Une valeur basse est favorable : de la plus basse à la plus haute.";
        break;
    case catalogue::Direction::HigherIsBetter:
        order = "Une valeur élevée est favorable : de la plus haute à la plus basse.";
        break;
    case catalogue::Direction::Neutral:
        order = "Indicateur sans sens favorable : de la valeur la plus haute à la plus basse.";
        break;
    }
    auto unranked = static_cast<int>(scope.rows.size() - ranked.size());
    std::string description = "Classement " + scope_words(scope) + ". " + order;
    if (unranked > 0)
        description += " " + std::to_string(unranked) +
                       (unranked > 1 ? " départements sans valeur ne sont pas classés."
                                     : " département sans valeur n'est pas classé.");
    auto svg = render::bar_chart(
        bars, scope.indicator.name + " : classement " + scope_words(scope) + ", " + scope.period.label(), description,
        scope.indicator.unit, scope.indicator.decimals, "classement");
    return {{"svg", as_group_of_links(std::move(svg))}, {"description", description}};
}

}  // namespace boussole::web::pages
