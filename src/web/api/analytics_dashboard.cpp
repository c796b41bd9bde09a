// The dashboard of one territory over the API: GET
// /api/v1/analytics/dashboard/{territory} summarises every indicator of the
// catalogue for FR, a region or a department (latest value and period,
// previous value and trend, target status, equity, completeness, flags).
// Kept lean: one read of the catalogue and the territory's targets, figures
// from the in-memory analytics, and the answer kept by entity tag, so that
// asking again while nothing moved costs a hash and a copy (or a 304).
#include "web/api/analytics_http.hpp"
#include "web/problem.hpp"

namespace boussole::web::api {

namespace {

using analytics_views::Summary;

nlohmann::json number_or_null(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json period_or_null(const std::optional<core::Period>& period)
{
    return period ? nlohmann::json(period->to_string()) : nlohmann::json(nullptr);
}

nlohmann::json target_json(const Summary& summary)
{
    if (!summary.target || !summary.assessment)
        return nullptr;
    const auto& target = *summary.target;
    const auto& assessment = *summary.assessment;
    return {{"scope", targets::to_string(target.scope)},
            {"baseline_period", target.baseline_period.to_string()},
            {"baseline_value", target.baseline_value},
            {"target_period", target.target_period.to_string()},
            {"target_value", target.target_value},
            {"status", targets::to_string(assessment.status)},
            {"status_label", targets::label(assessment.status)},
            {"expected_now", number_or_null(assessment.expected_now)},
            {"explanation", assessment.explanation}};
}

nlohmann::json summary_json(const Summary& summary)
{
    const auto& indicator = *summary.indicator;
    const auto& figure = summary.figure;
    return {{"indicator", indicator.code},
            {"name", indicator.name},
            {"unit", indicator.unit},
            {"decimals", indicator.decimals},
            {"direction", catalogue::to_string(indicator.direction)},
            {"priorities", indicator.priorities},
            {"period", period_or_null(summary.period)},
            {"value", number_or_null(summary.value)},
            {"newer_withheld", summary.newer_withheld},
            {"previous_period", period_or_null(summary.previous_period)},
            {"previous_value", number_or_null(summary.previous)},
            {"trend", analytics_views::to_string(summary.trend)},
            {"trend_meaning", analytics_views::to_string(summary.meaning)},
            {"reported", figure.reported},
            {"expected", figure.expected},
            {"complete", figure.complete()},
            {"includes_unvalidated", figure.includes_unvalidated},
            {"includes_synthetic", figure.includes_synthetic},
            {"target", target_json(summary)},
            {"cv", number_or_null(summary.cv)},
            {"rank", summary.rank ? nlohmann::json(*summary.rank) : nlohmann::json(nullptr)},
            {"ranked", summary.ranked},
            {"national_value", number_or_null(summary.nation_value)},
            {"gap_to_national", number_or_null(summary.gap_to_nation)},
            {"region_value", number_or_null(summary.region_value)}};
}

// The targets enter the tag: a target set or changed changes the answer
// without changing any figure.
std::string question_text(int row, const std::vector<targets::Target>& found)
{
    std::string text = "tableau;" + std::to_string(row);
    for (const auto& target : found)
        text += ";" + std::to_string(target.id) + ":" + std::to_string(target.version) + (target.deleted ? "x" : "");
    return text;
}

http::Response get_dashboard(AppState& state, AnalyticsApi& api, AnswerCache& cache,
                             TargetsAtSequence& territory_targets, http::Request& request)
{
    const auto& layout = state.analytics->layout();
    auto key =
        analytics_views::parse_territory_row(request.path_param("territory"), "territory", state.registry, layout);
    if (!key.ok())
        return problem_response(core::Error::not_found(key.error().fields.front().message), request);
    int row = *key;
    auto audience = audience_of(request);
    // While the analytics sequence stays, neither the catalogue nor the
    // targets changed: the answer comes without a query.
    AnalyticsSnapshot snapshot;
    snapshot.sequence = state.analytics->sequence();
    auto catalogue = api.catalogues.checked_at(snapshot.sequence);
    auto kept_targets = territory_targets.find(row, snapshot.sequence);
    std::vector<targets::Target> found;
    if (catalogue && kept_targets) {
        snapshot.catalogue = std::move(catalogue->catalogue);
        snapshot.fingerprint = catalogue->fingerprint;
        found = std::move(*kept_targets);
    } else {
        snapshot = take_snapshot(state, api, [&](storage::Connection& connection) {
            found = targets::find_targets(connection, {"", layout.territory(row).key, std::nullopt, false});
        });
        territory_targets.keep(row, snapshot.sequence, found);
    }
    auto etag = analytics_etag(snapshot, audience, question_text(row, found));
    if (not_modified(request, etag))
        return not_modified_response(etag, audience);
    if (auto kept = cache.find(etag))
        return *kept;
    nlohmann::json indicators = nlohmann::json::array();
    for (const auto& indicator : snapshot.catalogue->indicators())
        indicators.push_back(summary_json(
            analytics_views::summarise(*state.analytics, *snapshot.catalogue, indicator, row, found, audience, 0)));
    const auto& territory = layout.territory(row);
    auto response = http::Response::json(200, {{"territory", territory.key.to_string()},
                                               {"territory_name", territory.name},
                                               {"sequence", snapshot.sequence},
                                               {"indicators", std::move(indicators)}});
    set_cache_headers(response, etag, audience);
    cache.keep(etag, response);
    return response;
}

}  // namespace

void register_analytics_dashboard_routes(http::Router& router, AppState& state, std::shared_ptr<AnalyticsApi> api)
{
    auto cache = std::make_shared<AnswerCache>();
    auto territory_targets = std::make_shared<TargetsAtSequence>();
    router.get("/api/v1/analytics/dashboard/{territory}",
               [&state, api, cache, territory_targets](http::Request& request) {
                   return get_dashboard(state, *api, *cache, *territory_targets, request);
               });
}

}  // namespace boussole::web::api
