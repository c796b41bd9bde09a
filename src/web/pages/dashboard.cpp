// The national dashboard: the three axes and eleven priorities of the
// framework, each with its indicators for France (latest value and period,
// trend with a small chart and its text, target status, equity across
// departments, completeness, flags), and the way to a territory's own
// dashboard. The public sees validated figures only (analytics_views.hpp).
#include "core/text.hpp"
#include "web/analytics_views.hpp"
#include "web/pages/dashboard_views.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

using analytics_views::Audience;

Audience audience_of(const http::Request& request)
{
    return request_context(request).principal.authenticated() ? Audience::SignedIn : Audience::Public;
}

// The territories a visitor may open a dashboard for, by region.
nlohmann::json territory_choices(const AppState& state)
{
    nlohmann::json groups = nlohmann::json::array();
    for (const auto* region : state.registry.regions()) {
        nlohmann::json options = nlohmann::json::array();
        options.push_back({{"value", region->key.to_string()}, {"label", region->name + " (région)"}});
        for (const auto* department : state.registry.departments_within(region->key))
            options.push_back({{"value", department->key.to_string()}, {"label", department->label()}});
        groups.push_back({{"label", region->name}, {"options", options}});
    }
    return groups;
}

// One row of a priority's table: the summary for France and the history
// behind its small chart.
nlohmann::json indicator_row(AppState& state, const catalogue::Catalogue& catalogue,
                             const catalogue::Indicator& indicator, const std::string& section,
                             const std::vector<targets::Target>& found, Audience audience)
{
    auto summary = analytics_views::summarise(*state.analytics, catalogue, indicator,
                                              analytics::TerritoryLayout::kNationRow, found, audience);
    auto view = summary_view(summary, "tendance-" + section + "-" + indicator.code);
    view["href"] = indicator_href(indicator, territory::TerritoryKey::nation());
    nlohmann::json points = nlohmann::json::array();
    for (const auto& point : summary.history)
        points.push_back(
            {{"period", point.period.label()}, {"value", analytics_views::value_text(point.value, indicator)}});
    view["points"] = points;
    view["has_points"] = !points.empty();
    return view;
}

http::Response national_dashboard(AppState& state, http::Request& request)
{
    auto audience = audience_of(request);
    std::vector<targets::Target> found;
    framework::Framework framework;
    auto catalogue = state.database.read([&](storage::Connection& connection) {
        framework = framework::load_framework(connection);
        found = targets::find_targets(connection, {"", territory::TerritoryKey::nation(), std::nullopt, false});
        return catalogue::Catalogue::load(connection);
    });
    auto sections = framework_sections(framework, catalogue,
                                       [&](const catalogue::Indicator& indicator, const std::string& section) {
                                           return indicator_row(state, catalogue, indicator, section, found, audience);
                                       });
    nlohmann::json context{{"sections", sections},
                           {"notice", audience_notice(audience)},
                           {"choices", territory_choices(state)},
                           {"demo", state.demo},
                           {"sign_in_href", "/connexion?suite=%2Ftableau-de-bord"}};
    PageMeta meta;
    meta.title = "Tableau de bord national";
    meta.section = "tableau-de-bord";
    meta.breadcrumbs = {{"Tableau de bord national", ""}};
    return render_page(state, request, "dashboard", context, meta);
}

// The territory chooser of the national dashboard sends a GET form here.
http::Response choose_territory(AppState& state, http::Request& request)
{
    auto text = core::trim(request.query_param("territoire").value_or(""));
    if (!core::is_valid_utf8(text))
        text = "?";
    auto found = state.registry.resolve(text);
    if (!found.ok())
        return error_page(state, request,
                          core::Error::not_found(found.error().message +
                                                 " Choisissez un territoire dans la liste du tableau de bord."));
    if ((*found)->key.level() == territory::Level::Nation)
        return http::Response::redirect(303, "/tableau-de-bord");
    return http::Response::redirect(303, "/territoires/" + (*found)->key.to_string() + "/tableau-de-bord");
}

}  // namespace

void register_dashboard_routes(http::Router& router, AppState& state)
{
    router.get("/tableau-de-bord", [&state](http::Request& request) { return national_dashboard(state, request); });
    router.get("/tableau-de-bord/territoire",
               [&state](http::Request& request) { return choose_territory(state, request); });
}

}  // namespace boussole::web::pages
