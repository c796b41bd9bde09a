// The dashboard of a department (or a region): each indicator of the
// framework for the territory against its region and the nation, its target
// and status, its history (a line chart with its data table) and its
// completeness, with a link to the indicator's page for the territory. The
// public sees validated figures only (analytics_views.hpp).
#include "render/svg_charts.hpp"
#include "web/analytics_views.hpp"
#include "web/pages/dashboard_views.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

using analytics_views::Audience;
using analytics_views::HistoryPoint;

constexpr int kHistoryLength = 8;

struct Compared {
    std::vector<int> rows;  // the territory, its region for a department, the nation
    std::vector<std::string> names;
};

Compared compared_rows(const analytics::TerritoryLayout& layout, int row)
{
    Compared compared;
    compared.rows.push_back(row);
    if (row >= layout.first_department_row())
        compared.rows.push_back(layout.region_row_of(row - layout.first_department_row()));
    compared.rows.push_back(analytics::TerritoryLayout::kNationRow);
    for (int each : compared.rows)
        compared.names.push_back(layout.territory(each).name);
    return compared;
}

// The histories of every compared territory over the same periods: those of
// the territory's own latest figures, or the nation's when it has none.
std::vector<std::vector<HistoryPoint>> histories(AppState& state, const catalogue::Catalogue& catalogue,
                                                 const analytics_views::Summary& summary, const Compared& compared,
                                                 Audience audience)
{
    const auto& indicator = *summary.indicator;
    std::vector<core::Period> periods;
    auto reference = summary.history;
    if (reference.empty())
        reference = analytics_views::summarise(*state.analytics, catalogue, indicator,
                                               analytics::TerritoryLayout::kNationRow, {}, audience, kHistoryLength)
                        .history;
    for (const auto& point : reference)
        periods.push_back(point.period);
    std::vector<std::vector<HistoryPoint>> result;
    for (int row : compared.rows)
        result.push_back(analytics_views::history_of(*state.analytics, catalogue, indicator, row, periods, audience));
    return result;
}

std::string chart_of(const analytics_views::Summary& summary, const Compared& compared,
                     const std::vector<std::vector<HistoryPoint>>& series, const std::string& id)
{
    const auto& indicator = *summary.indicator;
    std::vector<render::Series> lines;
    // A dispersion has no value for a department: its line would be empty.
    for (std::size_t i = summary.applicable ? 0 : 1; i < series.size(); ++i) {
        render::Series line{compared.names[i], {}, i == 0};
        for (const auto& point : series[i])
            line.points.push_back({point.period.to_string(), point.value});
        lines.push_back(std::move(line));
    }
    render::LineChartOptions options;
    options.title = "Évolution de « " + indicator.name + " »";
    options.description = "Comparaison avec la région et la France ; le tableau qui suit donne les mêmes valeurs.";
    options.unit = indicator.unit;
    options.decimals = indicator.decimals;
    if (summary.target)
        options.target = summary.target->target_value;
    options.id_prefix = id;
    return render::line_chart(lines, options);
}

nlohmann::json history_table(const catalogue::Indicator& indicator,
                             const std::vector<std::vector<HistoryPoint>>& series)
{
    nlohmann::json rows = nlohmann::json::array();
    bool any = false;
    for (std::size_t p = 0; !series.empty() && p < series[0].size(); ++p) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& points : series) {
            values.push_back(analytics_views::value_text(points[p].value, indicator));
            any = any || points[p].value.has_value();
        }
        rows.push_back({{"period", series[0][p].period.label()}, {"values", values}});
    }
    return {{"rows", rows}, {"any", any}};
}

nlohmann::json comparison_cells(const analytics_views::Summary& summary,
                                const std::vector<std::vector<HistoryPoint>>& series)
{
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 1; i < series.size(); ++i) {
        if (series[i].empty() || !series[i].back().value) {
            cells.push_back({{"value", "–"}, {"period", ""}});
            continue;
        }
        cells.push_back({{"value", analytics_views::value_text(series[i].back().value, *summary.indicator)},
                         {"period", series[i].back().period.label()}});
    }
    return cells;
}

nlohmann::json indicator_view(AppState& state, const catalogue::Catalogue& catalogue,
                              const catalogue::Indicator& indicator, const std::string& section,
                              const Compared& compared, const std::vector<targets::Target>& found, Audience audience)
{
    const auto& key = state.analytics->layout().territory(compared.rows[0]).key;
    auto summary = analytics_views::summarise(*state.analytics, catalogue, indicator, compared.rows[0], found, audience,
                                              kHistoryLength);
    auto series = histories(state, catalogue, summary, compared, audience);
    auto view = summary_view(summary, "");
    view["href"] = indicator_href(indicator, key);
    view["others"] = comparison_cells(summary, series);
    view["table"] = history_table(indicator, series);
    view["anchor"] = "evolution-" + section + "-" + indicator.code;
    if (view["table"]["any"].get<bool>())
        view["chart"] = chart_of(summary, compared, series, "courbe-" + section + "-" + indicator.code);
    return view;
}

nlohmann::json links_of(const territory::Territory& territory, const analytics::TerritoryLayout& layout, int row)
{
    nlohmann::json links = nlohmann::json::array();
    links.push_back(
        {{"label", "Page du territoire : " + territory.name}, {"href", "/territoires/" + territory.key.to_string()}});
    if (row >= layout.first_department_row()) {
        const auto& region = layout.territory(layout.region_row_of(row - layout.first_department_row()));
        links.push_back({{"label", "Tableau de bord de la région " + region.name},
                         {"href", "/territoires/" + region.key.to_string() + "/tableau-de-bord"}});
    }
    links.push_back({{"label", "Tableau de bord national"}, {"href", "/tableau-de-bord"}});
    return links;
}

http::Response territory_dashboard(AppState& state, http::Request& request)
{
    auto key_text = request.path_param("key");
    auto resolved = state.registry.resolve(key_text);
    if (!resolved.ok())
        return error_page(state, request,
                          core::Error::not_found(resolved.error().message +
                                                 " Choisissez un territoire depuis le tableau de bord national."));
    const auto& territory = **resolved;
    if (territory.key.level() == territory::Level::Nation)
        return http::Response::redirect(303, "/tableau-de-bord");
    if (key_text != territory.key.to_string())
        return http::Response::redirect(301, "/territoires/" + territory.key.to_string() + "/tableau-de-bord");
    const auto& layout = state.analytics->layout();
    auto row = layout.row_of(territory.key);
    if (!row)
        return error_page(state, request, core::Error::not_found("Ce territoire n'a pas de chiffres."));
    auto audience = request_context(request).principal.authenticated() ? Audience::SignedIn : Audience::Public;
    std::vector<targets::Target> found;
    framework::Framework framework;
    auto catalogue = state.database.read([&](storage::Connection& connection) {
        framework = framework::load_framework(connection);
        found = targets::find_targets(connection, {"", territory.key, std::nullopt, false});
        return catalogue::Catalogue::load(connection);
    });
    auto compared = compared_rows(layout, *row);
    auto sections = framework_sections(
        framework, catalogue, [&](const catalogue::Indicator& indicator, const std::string& section) {
            return indicator_view(state, catalogue, indicator, section, compared, found, audience);
        });
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& name : compared.names)
        columns.push_back(name);
    nlohmann::json context{{"label", territory.label()},
                           {"name", territory.name},
                           {"key", territory.key.to_string()},
                           {"is_department", territory.key.level() == territory::Level::Department},
                           {"columns", columns},
                           {"compared", columns.size() > 2 ? compared.names[1] + " et la France" : "la France"},
                           {"sections", sections},
                           {"links", links_of(territory, layout, *row)},
                           {"notice", audience_notice(audience)},
                           {"sign_in_href", "/connexion?suite=" + http::percent_encode(request.target)}};
    PageMeta meta;
    meta.title = "Tableau de bord — " + territory.label();
    meta.section = "tableau-de-bord";
    meta.breadcrumbs = {{"Tableau de bord national", "/tableau-de-bord"},
                        {territory.label(), "/territoires/" + territory.key.to_string()},
                        {"Tableau de bord", ""}};
    return render_page(state, request, "territory_dashboard", context, meta);
}

}  // namespace

void register_territory_dashboard_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/tableau-de-bord",
               [&state](http::Request& request) { return territory_dashboard(state, request); });
}

}  // namespace boussole::web::pages
