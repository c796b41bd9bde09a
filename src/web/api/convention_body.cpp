#include "web/api/convention_body.hpp"

#include "conventions/versions.hpp"
#include "web/analytics_figures.hpp"
#include "web/analytics_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"

namespace boussole::web::api {

core::Status read_text(const nlohmann::json& body, const char* member, std::string& into)
{
    auto found = body.find(member);
    if (found != body.end() && found->is_null())
        return {};
    auto text = optional_string(body, member);
    if (!text.ok())
        return std::move(text).error();
    if (*text)
        into = **text;
    return {};
}

core::Status read_number(const nlohmann::json& body, const char* member, std::optional<double>& into)
{
    auto found = body.find(member);
    if (found == body.end())
        return {};
    if (found->is_null()) {
        into.reset();
        return {};
    }
    if (!found->is_number())
        return invalid_parameter(
            member, std::string("Champ « ") + member + " » : un nombre JSON est attendu (ex. 12.5, sans guillemets).");
    into = found->get<double>();
    return {};
}

core::Status read_integer(const nlohmann::json& body, const char* member, std::optional<int>& into)
{
    auto found = body.find(member);
    if (found == body.end() || found->is_null())
        return {};
    if (!found->is_number_integer() || found->get<std::int64_t>() < 0 || found->get<std::int64_t>() > 100000)
        return invalid_parameter(
            member, std::string("Champ « ") + member + " » : un nombre entier positif est attendu (ex. 2026).");
    into = found->get<int>();
    return {};
}

core::Status read_texts(const nlohmann::json& body, const char* member, std::vector<std::string>& into)
{
    auto texts = optional_string_array(body, member);
    if (!texts.ok())
        return std::move(texts).error();
    if (*texts)
        into = **texts;
    return {};
}

core::Status merge_commitment(const nlohmann::json& body, conventions::CommitmentInput& input)
{
    BOUSSOLE_TRY(read_text(body, "section", input.section));
    BOUSSOLE_TRY(read_text(body, "partner", input.partner));
    BOUSSOLE_TRY(read_text(body, "priority", input.priority));
    BOUSSOLE_TRY(read_text(body, "title", input.title));
    BOUSSOLE_TRY(read_text(body, "text", input.text));
    BOUSSOLE_TRY(read_text(body, "lead", input.lead));
    BOUSSOLE_TRY(read_texts(body, "contributors", input.contributors));
    BOUSSOLE_TRY(read_text(body, "indicator", input.indicator));
    BOUSSOLE_TRY(read_text(body, "baseline_period", input.baseline_period));
    BOUSSOLE_TRY(read_number(body, "baseline_value", input.baseline_value));
    BOUSSOLE_TRY(read_number(body, "target_value", input.target_value));
    return read_text(body, "deadline", input.deadline);
}

conventions::LatestValue live_values(AppState& state, const catalogue::Catalogue& catalogue)
{
    if (!state.analytics)
        return {};
    return
        [&state, &catalogue](
            const catalogue::Indicator& indicator,
            const std::vector<territory::TerritoryKey>& territories) -> std::optional<std::pair<core::Period, double>> {
            if (territories.size() != 1)
                return std::nullopt;
            auto row = state.analytics->layout().row_of(territories.front());
            auto grid = state.analytics->grid(catalogue, indicator, indicator.periodicity);
            if (!row || !grid)
                return std::nullopt;
            auto audience = analytics_views::Audience::SignedIn;
            auto latest = analytics_views::latest_visible(*grid, *row, audience);
            if (!latest)
                return std::nullopt;
            auto value = analytics_views::visible(*grid, *row, *latest, audience);
            if (!value)
                return std::nullopt;
            return std::pair{analytics::period_at(grid->type, *latest), *value};
        };
}

nlohmann::json convention_view(storage::Connection& connection, AppState& state,
                               const conventions::Convention& convention)
{
    auto catalogue = catalogue::Catalogue::load(connection);
    auto latest = live_values(state, catalogue);
    auto commitments = conventions::list_commitments(connection, convention.id);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& commitment : commitments) {
        auto assessment = conventions::assess_commitment(commitment, catalogue, convention.territories, latest);
        items.push_back(conventions::to_json(commitment, &assessment));
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& warning : conventions::warnings(commitments))
        warnings.push_back(
            {{"kind", warning.kind}, {"commitments", warning.commitments}, {"message", warning.message}});
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& version : conventions::list_versions(connection, convention.id))
        versions.push_back({{"number", version.number},
                            {"recorded_at", core::to_iso8601(version.recorded_at)},
                            {"recorded_by", version.recorded_by}});
    auto view = conventions::to_json(convention);
    view["commitments"] = items;
    view["warnings"] = warnings;
    view["commitment_cap"] = conventions::commitment_cap(connection);
    view["versions"] = versions;
    return view;
}

}  // namespace boussole::web::api
