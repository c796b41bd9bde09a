// The live figures over the API: GET /api/v1/analytics answers indicators ×
// territories × periods (analytics_query.hpp) from the in-memory analytics,
// as JSON or as a CSV for spreadsheets, with an entity tag so that a client
// polling for changes gets 304 while nothing moved. A value written through
// the API is in these figures when its write returns. The public sees only
// the figures built from validated values (analytics_views.hpp).
#include "render/csv_writer.hpp"
#include "web/api/analytics_http.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"

#include <cstdio>

namespace boussole::web::api {

namespace {

using analytics_views::FigureRow;

nlohmann::json optional_number(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json row_json(const FigureRow& row, const analytics::TerritoryLayout& layout)
{
    const auto& territory = layout.territory(row.row);
    const auto& figure = row.figure;
    return {{"indicator", row.indicator->code},
            {"territory", territory.key.to_string()},
            {"territory_name", territory.name},
            {"period", row.period ? nlohmann::json(row.period->to_string()) : nlohmann::json(nullptr)},
            {"value", optional_number(figure.value)},
            {"withheld", row.withheld},
            {"unit", row.indicator->unit},
            {"decimals", row.indicator->decimals},
            {"reported", figure.reported},
            {"expected", figure.expected},
            {"complete", figure.complete()},
            {"includes_unvalidated", figure.includes_unvalidated},
            {"includes_synthetic", figure.includes_synthetic}};
}

std::string yes_no(bool value)
{
    return value ? "oui" : "non";
}

http::Response csv_answer(const std::vector<FigureRow>& rows, const analytics::TerritoryLayout& layout)
{
    render::CsvWriter writer;
    writer.add_row({"indicateur", "territoire", "nom_territoire", "periode", "valeur", "non_publiee", "unite",
                    "decimales", "departements_transmis", "departements_attendus", "complet", "inclut_non_validees",
                    "inclut_synthetiques"});
    for (const auto& row : rows) {
        const auto& territory = layout.territory(row.row);
        const auto& figure = row.figure;
        writer.add_row({row.indicator->code, territory.key.to_string(), territory.name,
                        row.period ? row.period->to_string() : "", render::csv_number(figure.value),
                        yes_no(row.withheld), row.indicator->unit, std::to_string(row.indicator->decimals),
                        std::to_string(figure.reported), std::to_string(figure.expected), yes_no(figure.complete()),
                        yes_no(figure.includes_unvalidated), yes_no(figure.includes_synthetic)});
    }
    auto response = http::Response::text(200, writer.text());
    response.set_header("Content-Type", std::string(render::kCsvContentType));
    response.set_header("Content-Disposition", "attachment; filename=\"indicateurs-boussole.csv\"");
    return response;
}

http::Response json_answer(const std::vector<FigureRow>& rows, const analytics::TerritoryLayout& layout,
                           std::int64_t sequence)
{
    nlohmann::json items = nlohmann::json::array();
    for (const auto& row : rows)
        items.push_back(row_json(row, layout));
    return http::Response::json(200, {{"sequence", sequence}, {"rows", std::move(items)}});
}

http::Response get_analytics(AppState& state, AnalyticsApi& api, http::Request& request)
{
    auto audience = audience_of(request);
    auto snapshot = take_snapshot(state, api);
    const auto& layout = state.analytics->layout();
    auto query = analytics_views::parse_query(request.query, *snapshot.catalogue, state.registry, layout);
    if (!query.ok())
        return problem_response(query.error(), request);
    auto etag = analytics_etag(snapshot, audience, query->normalised);
    if (not_modified(request, etag))
        return not_modified_response(etag, audience);
    auto rows = analytics_views::figure_rows(*state.analytics, *snapshot.catalogue, *query, audience);
    if (!rows.ok())
        return problem_response(rows.error(), request);
    auto response = query->csv ? csv_answer(*rows, layout) : json_answer(*rows, layout, snapshot.sequence);
    set_cache_headers(response, etag, audience);
    return response;
}

}  // namespace

void register_analytics_routes(http::Router& router, AppState& state)
{
    auto api = std::make_shared<AnalyticsApi>();
    router.get("/api/v1/analytics",
               [&state, api](http::Request& request) { return get_analytics(state, *api, request); });
    register_analytics_equity_routes(router, state, api);
    register_analytics_dashboard_routes(router, state, api);
}

}  // namespace boussole::web::api
