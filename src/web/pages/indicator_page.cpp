// The page of one indicator's values (/indicateurs/{code}): its definition,
// the filters (period, region, territory), the key figures with their
// completeness, the map of the departments with its table, the time series,
// the distribution and its evolution, the ranking. Everything is server-side
// HTML and SVG: readable without JavaScript and printable.
#include "analytics/distribution.hpp"
#include "analytics/period_ordinal.hpp"
#include "core/text.hpp"
#include "web/pages/catalogue_views.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/indicator_sections.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

using analytics::TerritoryLayout;

const FieldIds kFieldIds{
    {"periode", "indicateur-periode"}, {"region", "indicateur-region"}, {"territoire", "indicateur-territoire"}};

const char* plural_label(core::PeriodType type)
{
    switch (type) {
    case core::PeriodType::Month: return "Mois";
    case core::PeriodType::Quarter: return "Trimestres";
    case core::PeriodType::Year: return "Années";
    }
    return "Périodes";
}

nlohmann::json definition_view(const catalogue::Indicator& indicator, const catalogue::Catalogue& catalogue)
{
    const auto* source = catalogue.find_source(indicator.source_code);
    nlohmann::json base = nullptr;
    if (const auto* other = catalogue.find_indicator(indicator.base_indicator_code))
        base = {{"name", other->name}, {"href", "/indicateurs/" + http::percent_encode(other->code)}};
    return {{"code", indicator.code},
            {"name", indicator.name},
            {"definition", indicator.definition},
            {"formula", formula_in_words(indicator, catalogue)},
            {"unit", indicator.unit.empty() ? "sans unité" : indicator.unit},
            {"direction", catalogue::label(indicator.direction)},
            {"periodicity", periodicity_adjective(indicator.periodicity)},
            {"source", source_name(indicator.source_code, catalogue)},
            {"source_url", source && !source->url.empty() ? nlohmann::json(source->url) : nlohmann::json(nullptr)},
            {"badge", status_badge(indicator)},
            {"catalogue_href", indicator_href(indicator.code)},
            {"equity", indicator.kind == catalogue::IndicatorKind::Equity},
            {"base", base}};
}

// The rows whose values make a period "with data": the nation and the
// departments, or the regions for a dispersion indicator (no department has one).
std::vector<int> data_rows(const TerritoryLayout& layout, bool equity)
{
    std::vector<int> rows{TerritoryLayout::kNationRow};
    int first = equity ? layout.first_region_row() : layout.first_department_row();
    int end = equity ? layout.first_department_row() : layout.rows();
    for (int row = first; row < end; ++row)
        rows.push_back(row);
    return rows;
}

nlohmann::json form_view(const AppState& state, const catalogue::Catalogue& catalogue,
                         const catalogue::Indicator& indicator, const IndicatorFilters& filters,
                         std::optional<core::Period> shown, Audience audience)
{
    const auto& layout = state.analytics->layout();
    auto rows = data_rows(layout, indicator.kind == catalogue::IndicatorKind::Equity);
    nlohmann::json groups = nlohmann::json::array();
    for (auto type : readable_types(indicator)) {
        IndicatorFigures figures(state.analytics->grid(catalogue, indicator, type), audience);
        auto ordinals = figures.ordinals_with_values(rows);
        nlohmann::json options = nlohmann::json::array();
        for (auto ordinal = ordinals.rbegin(); ordinal != ordinals.rend(); ++ordinal) {
            auto period = analytics::period_at(type, *ordinal);
            options.push_back(
                {{"value", period.to_string()}, {"label", period.label()}, {"selected", shown == period}});
        }
        if (!options.empty())
            groups.push_back({{"label", plural_label(type)}, {"options", options}});
    }
    nlohmann::json regions = nlohmann::json::array();
    nlohmann::json territory_regions = nlohmann::json::array();
    nlohmann::json departments = nlohmann::json::array();
    for (int row = layout.first_region_row(); row < layout.rows(); ++row) {
        const auto& territory = layout.territory(row);
        nlohmann::json option{{"value", territory.key.to_string()},
                              {"label", territory.label()},
                              {"selected", filters.territory_row == row}};
        if (is_department_row(layout, row)) {
            departments.push_back(option);
            continue;
        }
        territory_regions.push_back(option);
        option["selected"] = filters.region_row == row;
        regions.push_back(option);
    }
    return {{"action", "/indicateurs/" + http::percent_encode(indicator.code)},
            {"period_groups", groups},
            {"has_periods", !groups.empty()},
            {"regions", regions},
            {"territory_regions", territory_regions},
            {"departments", departments},
            {"nation_selected", filters.territory_row == TerritoryLayout::kNationRow},
            {"order",
             filters.order == TableOrder::Rank ? nlohmann::json(nullptr) : nlohmann::json(to_string(filters.order))}};
}

nlohmann::json key_figure(const IndicatorScope& scope, int row, std::string label)
{
    auto figure = scope.figures.figure(row, scope.ordinal);
    nlohmann::json flags = nlohmann::json::array();
    if (scope.figures.withheld(row, scope.ordinal))
        flags.push_back("en attente de validation : publiée une fois validée");
    if (figure.value && figure.includes_unvalidated)
        flags.push_back("inclut des valeurs non validées");
    if (figure.includes_synthetic && figure.reported > 0)
        flags.push_back("données de démonstration");
    nlohmann::json view{{"label", std::move(label)},
                        {"value", value_text(figure.value, scope.indicator)},
                        {"completeness", figure.expected > 1 ? nlohmann::json(completeness_text(figure)) : nullptr},
                        {"flags", flags},
                        {"rank", nullptr},
                        {"gap", nullptr}};
    if (is_department_row(scope.layout, row) && figure.value) {
        auto nation = scope.figures.value(TerritoryLayout::kNationRow, scope.ordinal);
        if (nation)
            view["gap"] =
                "Écart à la valeur nationale : " + gap_text(*figure.value - *nation, scope.indicator.decimals);
        auto peers = std::find(scope.rows.begin(), scope.rows.end(), row) != scope.rows.end()
                         ? scope.rows
                         : department_rows(scope.layout, std::nullopt);
        auto ranked = analytics::rank(scope.figures.values(peers, scope.ordinal), scope.indicator.direction);
        for (const auto& entry : ranked)
            if (peers[entry.index] == row)
                view["rank"] = "Rang : " + std::to_string(entry.rank) + " sur " + std::to_string(ranked.size()) +
                               " départements classés";
    }
    return view;
}

nlohmann::json key_figures(const IndicatorScope& scope)
{
    const auto& layout = scope.layout;
    nlohmann::json figures = nlohmann::json::array();
    figures.push_back(key_figure(scope, TerritoryLayout::kNationRow, "France"));
    std::optional<int> region = scope.region_row;
    if (!region && scope.department_row)
        region = layout.region_row_of(*scope.department_row - layout.first_department_row());
    if (!region && scope.territory_row && is_region_row(layout, *scope.territory_row))
        region = scope.territory_row;
    if (region)
        figures.push_back(key_figure(scope, *region, layout.territory(*region).name + " (région)"));
    if (scope.department_row)
        figures.push_back(key_figure(scope, *scope.department_row, layout.territory(*scope.department_row).label()));
    return figures;
}

http::Response show(AppState& state, http::Request& request)
{
    auto code = std::string(request.path_param("code"));
    if (!core::is_valid_utf8(code) || code.size() > 100)
        code.clear();
    auto catalogue =
        state.database.read([](storage::Connection& connection) { return catalogue::Catalogue::load(connection); });
    const auto* indicator = catalogue.find_indicator(code);
    if (!indicator)
        return error_page(state, request,
                          core::Error::not_found("L'indicateur « " + code +
                                                 " » n'est pas dans le catalogue. Retrouvez-le depuis la page "
                                                 "Catalogue."));
    auto targets = state.database.read([&](storage::Connection& connection) {
        return targets::find_targets(connection, {indicator->code, std::nullopt, std::nullopt, false});
    });
    auto audience = request_context(request).principal.authenticated() ? Audience::SignedIn : Audience::Public;
    const auto& layout = state.analytics->layout();
    bool equity = indicator->kind == catalogue::IndicatorKind::Equity;
    PageMeta meta;
    meta.section = "catalogue";
    meta.breadcrumbs = {
        {"Catalogue", "/catalogue"}, {indicator->name, indicator_href(indicator->code)}, {"Valeurs", ""}};
    nlohmann::json context{{"indicator", definition_view(*indicator, catalogue)},
                           {"signed_in", audience == Audience::SignedIn}};

    auto filters = parse_indicator_filters(request.query, *indicator, state.registry, layout);
    if (!filters.ok()) {
        context["errors"] = error_view(filters.error(), kFieldIds);
        context["form"] = form_view(state, catalogue, *indicator, {}, std::nullopt, audience);
        context["invalid"] = true;
        meta.title = title_with_errors(indicator->name + " : valeurs par territoire", true);
        meta.status = 400;
        return render_page(state, request, "indicator_page", context, meta);
    }
    context["errors"] = {{"any", false}};
    auto type = filters->period ? filters->period->type() : indicator->periodicity;
    IndicatorFigures figures(state.analytics->grid(catalogue, *indicator, type), audience);
    const auto rows_of_data = data_rows(layout, equity);
    auto ordinal = filters->period ? std::optional<int>(analytics::ordinal(*filters->period))
                                   : default_ordinal(figures, rows_of_data, rows_of_data);
    std::optional<core::Period> period;
    if (ordinal)
        period = analytics::period_at(type, *ordinal);
    context["form"] = form_view(state, catalogue, *indicator, *filters, period, audience);
    meta.title = indicator->name + " : valeurs par territoire";

    std::optional<int> territory_row = filters->territory_row;
    if (equity && territory_row && is_department_row(layout, *territory_row))
        territory_row = layout.region_row_of(*territory_row - layout.first_department_row());
    std::optional<int> department_row;
    if (territory_row && is_department_row(layout, *territory_row))
        department_row = territory_row;
    IndicatorAddress address{indicator->code, period ? period->to_string() : "",
                             filters->region_row ? layout.territory(*filters->region_row).key.to_string() : "",
                             territory_row ? layout.territory(*territory_row).key.to_string() : "", filters->order};
    context["comparison_href"] = department_row ? "/territoires/" + layout.territory(*department_row).key.to_string() +
                                                      "/comparaison?indicateur=" + http::percent_encode(indicator->code)
                                                : "/comparaison?indicateur=" + http::percent_encode(indicator->code);
    context["comparison_label"] =
        department_row ? "Comparer " + layout.territory(*department_row).name + " à des départements semblables"
                       : "Comparer un département à des départements semblables";
    if (!period) {
        context["no_data"] = true;
        return render_page(state, request, "indicator_page", context, meta);
    }
    IndicatorScope scope{*indicator,
                         layout,
                         figures,
                         *period,
                         *ordinal,
                         department_rows(layout, filters->region_row),
                         filters->region_row,
                         territory_row,
                         department_row,
                         address};
    context["period_label"] = period->label();
    context["key_figures"] = key_figures(scope);
    context["series"] = series_section(scope, targets);
    // A region whose departments have no value still shows its (empty) map
    // and table; a period where no territory has one shows nothing more.
    auto rows = data_rows(layout, equity);
    bool any = std::any_of(rows.begin(), rows.end(), [&](int row) { return figures.value(row, *ordinal).has_value(); });
    context["empty"] = !any;
    if (equity || !any)
        return render_page(state, request, "indicator_page", context, meta);
    context["department_sections"] = true;
    context["map"] = map_section(scope, state.share_dir);
    context["table"] = table_section(scope);
    context["distribution"] = distribution_section(scope);
    context["dispersion"] = dispersion_section(scope);
    context["ranking"] = ranking_section(scope);
    return render_page(state, request, "indicator_page", context, meta);
}

}  // namespace

void register_indicator_routes(http::Router& router, AppState& state)
{
    router.get("/indicateurs/{code}", [&state](http::Request& request) { return show(state, request); });
}

}  // namespace boussole::web::pages
