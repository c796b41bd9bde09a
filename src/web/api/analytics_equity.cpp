// Equity over the API (priority 1): GET /api/v1/analytics/equity gives, for
// one indicator and period, the spread across departments (quartiles, mean,
// standard deviation, coefficient of variation, max/min ratio), each
// department's value, rank and gap to the nation, and the coefficient of
// variation over time. The public's statistics are computed from the
// figures it may see (analytics_views.hpp).
#include "collection/value_checks.hpp"
#include "core/text.hpp"
#include "web/api/analytics_http.hpp"
#include "web/problem.hpp"

namespace boussole::web::api {

namespace {

const std::vector<std::string> kParameters = {"indicator", "period", "region"};

struct EquityQuestion {
    const catalogue::Indicator* indicator = nullptr;
    std::optional<core::Period> period;
    std::optional<int> region_row;
};

core::Error refused(const char* parameter, const std::string& message, std::string_view value)
{
    return core::Error::invalid("Paramètre « " + std::string(parameter) + " » invalide : " + message,
                                {{parameter, message, std::nullopt, collection::shown(value)}});
}

// The single value of a parameter, UTF-8 checked and trimmed.
core::Result<std::string> single(const http::Request& request, const char* name)
{
    auto values = request.query.get_all(name);
    if (values.size() > 1)
        return refused(name, "donnez-le une seule fois.", values[1]);
    if (values.empty())
        return std::string();
    if (!core::is_valid_utf8(values[0]))
        return refused(name, "texte illisible : encodez-le en UTF-8.", values[0]);
    return std::string(core::trim(values[0]));
}

core::Result<std::optional<int>> region_of(AppState& state, const std::string& text)
{
    if (text.empty())
        return std::optional<int>{};
    auto row = analytics_views::parse_territory_row(text, "region", state.registry, state.analytics->layout());
    if (!row.ok())
        return std::move(row).error();
    const auto& layout = state.analytics->layout();
    if (*row < layout.first_region_row() || *row >= layout.first_department_row())
        return refused("region", "une région est attendue (ex. REG-75).", text);
    return std::optional<int>{*row};
}

core::Result<EquityQuestion> read_question(AppState& state, const http::Request& request,
                                           const catalogue::Catalogue& catalogue)
{
    BOUSSOLE_TRY(analytics_views::only_parameters(request.query, kParameters));
    EquityQuestion question;
    auto code = single(request, "indicator");
    if (!code.ok())
        return std::move(code).error();
    if (code->empty())
        return refused("indicator", "obligatoire : le code d'un indicateur (ex. mdph_delai_traitement).", "");
    auto indicator = analytics_views::parse_indicator(*code, "indicator", catalogue);
    if (!indicator.ok())
        return std::move(indicator).error();
    question.indicator = *indicator;
    auto period = single(request, "period");
    if (!period.ok())
        return std::move(period).error();
    if (!period->empty()) {
        auto parsed = core::Period::parse(*period);
        if (!parsed.ok())
            return refused("period", parsed.error().message, *period);
        question.period = *parsed;
    }
    auto region = single(request, "region");
    if (!region.ok())
        return std::move(region).error();
    auto row = region_of(state, *region);
    if (!row.ok())
        return std::move(row).error();
    question.region_row = *row;
    return question;
}

nlohmann::json number_or_null(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json distribution_json(const std::optional<analytics::Distribution>& distribution)
{
    if (!distribution)
        return nullptr;
    return {{"count", distribution->count},
            {"min", distribution->min},
            {"q1", distribution->q1},
            {"median", distribution->median},
            {"q3", distribution->q3},
            {"max", distribution->max},
            {"mean", distribution->mean},
            {"stddev", distribution->stddev},
            {"cv", number_or_null(distribution->coefficient_of_variation)},
            {"max_min_ratio", number_or_null(distribution->max_min_ratio)}};
}

nlohmann::json department_json(const analytics_views::DepartmentStanding& standing,
                               const analytics::TerritoryLayout& layout)
{
    const auto& territory = layout.territory(standing.row);
    return {{"territory", territory.key.to_string()},
            {"territory_name", territory.name},
            {"value", number_or_null(standing.figure.value)},
            {"withheld", standing.withheld},
            {"rank", standing.rank ? nlohmann::json(*standing.rank) : nlohmann::json(nullptr)},
            {"gap_to_national", number_or_null(standing.gap_to_nation)},
            {"includes_unvalidated", standing.figure.includes_unvalidated},
            {"includes_synthetic", standing.figure.includes_synthetic}};
}

nlohmann::json equity_json(const analytics_views::Equity& equity, const analytics::TerritoryLayout& layout,
                           std::int64_t sequence)
{
    const auto& indicator = *equity.indicator;
    nlohmann::json departments = nlohmann::json::array();
    for (const auto& standing : equity.departments)
        departments.push_back(department_json(standing, layout));
    nlohmann::json series = nlohmann::json::array();
    for (const auto& point : equity.cv_series)
        series.push_back({{"period", point.period.to_string()}, {"cv", number_or_null(point.value)}});
    nlohmann::json region = nullptr;
    if (equity.region_row)
        region = {{"territory", layout.territory(*equity.region_row).key.to_string()},
                  {"territory_name", layout.territory(*equity.region_row).name},
                  {"value", number_or_null(equity.region_value)}};
    return {{"indicator", indicator.code},
            {"name", indicator.name},
            {"unit", indicator.unit},
            {"decimals", indicator.decimals},
            {"direction", catalogue::to_string(indicator.direction)},
            {"period", equity.period ? nlohmann::json(equity.period->to_string()) : nlohmann::json(nullptr)},
            {"region", region},
            {"national_value", number_or_null(equity.nation.value)},
            {"national_withheld", equity.nation_withheld},
            {"distribution", distribution_json(equity.distribution)},
            {"departments", departments},
            {"cv_series", series},
            {"sequence", sequence}};
}

std::string question_text(const EquityQuestion& question)
{
    return "equite;" + question.indicator->code + ";" + (question.period ? question.period->to_string() : "") + ";" +
           (question.region_row ? std::to_string(*question.region_row) : "");
}

http::Response get_equity(AppState& state, AnalyticsApi& api, http::Request& request)
{
    auto audience = audience_of(request);
    auto snapshot = take_snapshot(state, api);
    auto question = read_question(state, request, *snapshot.catalogue);
    if (!question.ok())
        return problem_response(question.error(), request);
    auto etag = analytics_etag(snapshot, audience, question_text(*question));
    if (not_modified(request, etag))
        return not_modified_response(etag, audience);
    auto equity = analytics_views::equity(*state.analytics, *snapshot.catalogue, *question->indicator, question->period,
                                          question->region_row, audience);
    if (!equity.ok())
        return problem_response(equity.error(), request);
    auto response = http::Response::json(200, equity_json(*equity, state.analytics->layout(), snapshot.sequence));
    set_cache_headers(response, etag, audience);
    return response;
}

}  // namespace

void register_analytics_equity_routes(http::Router& router, AppState& state, std::shared_ptr<AnalyticsApi> api)
{
    router.get("/api/v1/analytics/equity",
               [&state, api](http::Request& request) { return get_equity(state, *api, request); });
}

}  // namespace boussole::web::api
