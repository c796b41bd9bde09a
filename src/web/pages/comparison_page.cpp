// The comparison of a department with similar ones
// (/territoires/DEP-33/comparaison, or /comparaison?territoire=DEP-33): the
// departments of its region, or the nearest by population size and share of
// people aged 75 or more; a table of the chosen indicators for them, their
// region and the nation, and a bar chart per indicator.
#include "analytics/distribution.hpp"
#include "analytics/period_ordinal.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "render/svg_charts.hpp"
#include "web/pages/comparison_peers.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/indicator_figures.hpp"
#include "web/pages/indicator_filters.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <limits>
#include <map>

namespace boussole::web::pages {

namespace {

using analytics::TerritoryLayout;

constexpr std::size_t kMostIndicators = 12;
const FieldIds kFieldIds{{"territoire", "comparaison-territoire"},
                         {"voisins", "comparaison-voisins-profil"},
                         {"indicateur", "comparaison-indicateurs"}};

struct ComparisonRequest {
    std::optional<int> department_row;
    PeerRule rule = PeerRule::Profile;
    std::vector<const catalogue::Indicator*> indicators;  // empty: the default ones
};

// An indicator with values per department: a dispersion indicator gives way
// to the one it measures the dispersion of.
const catalogue::Indicator* per_department(const catalogue::Indicator* indicator, const catalogue::Catalogue& catalogue)
{
    if (indicator && indicator->kind == catalogue::IndicatorKind::Equity)
        return catalogue.find_indicator(indicator->base_indicator_code);
    return indicator;
}

void add_unique(std::vector<const catalogue::Indicator*>& list, const catalogue::Indicator* indicator)
{
    if (indicator && std::find(list.begin(), list.end(), indicator) == list.end())
        list.push_back(indicator);
}

core::Result<ComparisonRequest> parse_request(const AppState& state, const http::Request& request,
                                              const catalogue::Catalogue& catalogue, std::optional<std::string> key)
{
    ComparisonRequest parsed;
    std::vector<core::FieldError> errors;
    auto text = key ? std::optional<std::string_view>(*key) : request.query_param("territoire");
    if (text && !core::trim(*text).empty()) {
        auto trimmed = core::trim(*text);
        auto row = core::is_valid_utf8(trimmed) && trimmed.size() <= 20
                       ? parse_territory_parameter(trimmed, "territoire", state.registry, state.analytics->layout(),
                                                   territory::Level::Department)
                       : core::Result<int>(field_error("territoire",
                                                       "Territoire illisible : choisissez un département "
                                                       "dans la liste."));
        if (row.ok())
            parsed.department_row = *row;
        else
            errors.push_back(row.error().fields.front());
    }
    auto rule = request.query_param("voisins").value_or("");
    if (rule == "region")
        parsed.rule = PeerRule::Region;
    else if (!rule.empty() && rule != "profil")
        errors.push_back({"voisins", "Choix des départements comparés inconnu : attendu « profil » ou « region ».",
                          std::nullopt, std::nullopt});
    auto codes = request.query.get_all("indicateur");
    if (codes.size() > kMostIndicators)
        errors.push_back({"indicateur",
                          "Trop d'indicateurs : " + std::to_string(kMostIndicators) + " au plus pour une comparaison.",
                          std::nullopt, std::nullopt});
    else
        for (auto code : codes) {
            bool readable = core::is_valid_utf8(code) && code.size() <= 60;
            const auto* indicator = readable ? catalogue.find_indicator(code) : nullptr;
            if (!indicator)
                errors.push_back({"indicateur",
                                  "Indicateur « " + (readable ? std::string(code) : std::string("?")) +
                                      " » inconnu : choisissez les indicateurs dans la liste.",
                                  std::nullopt, std::nullopt});
            add_unique(parsed.indicators, per_department(indicator, catalogue));
        }
    if (errors.empty())
        return parsed;
    auto message = errors.size() == 1 ? errors.front().message : "Plusieurs paramètres sont invalides.";
    return core::Error::invalid(message, std::move(errors));
}

// The rows of the comparison, in the table's order: the department, its
// peers, its region, the nation.
std::vector<int> compared_rows(const TerritoryLayout& layout, const PeerChoice& choice)
{
    std::vector<int> rows{choice.self.row};
    for (const auto& peer : choice.peers)
        rows.push_back(peer.row);
    rows.push_back(layout.region_row_of(choice.self.row - layout.first_department_row()));
    rows.push_back(TerritoryLayout::kNationRow);
    return rows;
}

// The latest period where the department has a value and the compared
// territories about as many as they ever have with it (half of the best such
// period at least); without a value of the department, the same over all rows.
std::optional<int> period_for(const IndicatorFigures& figures, const std::vector<int>& rows)
{
    if (auto ordinal = default_ordinal(figures, {rows.front()}, rows))
        return ordinal;
    return default_ordinal(figures, rows, rows);
}

nlohmann::json form_view(const AppState& state, const catalogue::Catalogue& catalogue,
                         const framework::Framework& framework, const ComparisonRequest& parsed,
                         const std::vector<const catalogue::Indicator*>& chosen, PeerRule rule)
{
    const auto& layout = state.analytics->layout();
    nlohmann::json departments = nlohmann::json::array();
    for (int row = layout.first_department_row(); row < layout.rows(); ++row)
        departments.push_back({{"value", layout.territory(row).key.to_string()},
                               {"label", layout.territory(row).label()},
                               {"selected", parsed.department_row == row}});
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& priority : framework.priorities) {
        nlohmann::json indicators = nlohmann::json::array();
        for (const auto* indicator : catalogue.indicators_of_priority(priority.code)) {
            if (indicator->kind != catalogue::IndicatorKind::Ratio)
                continue;
            bool checked = std::find(chosen.begin(), chosen.end(), indicator) != chosen.end();
            indicators.push_back({{"code", indicator->code},
                                  {"id", "comparaison-indicateur-" + priority.code + "-" + indicator->code},
                                  {"name", indicator->name},
                                  {"checked", checked}});
        }
        if (!indicators.empty())
            groups.push_back({{"label", std::to_string(priority.position) + ". " + priority.title},
                              {"group_id", "comparaison-priorite-" + priority.code},
                              {"indicators", indicators}});
    }
    return {{"departments", departments},
            {"groups", groups},
            {"profile", rule == PeerRule::Profile},
            {"region", rule == PeerRule::Region}};
}

nlohmann::json peers_view(const AppState& state, const PeerChoice& choice)
{
    const auto& layout = state.analytics->layout();
    auto describe = [&](const Peer& peer, bool self) {
        const auto& territory = layout.territory(peer.row);
        int region = layout.region_row_of(peer.row - layout.first_department_row());
        return nlohmann::json{
            {"label", territory.label()},
            {"href", "/territoires/" + territory.key.to_string()},
            {"region", layout.territory(region).name},
            {"population", peer.population > 0 ? core::format_integer(peer.population) : "–"},
            {"share", peer.share_75_plus ? core::format_decimal(*peer.share_75_plus, 1) + "\u00a0%" : "–"},
            {"distance", peer.distance ? core::format_decimal(*peer.distance, 2) : (self ? "0,00" : "–")},
            {"self", self}};
    };
    nlohmann::json rows = nlohmann::json::array({describe(choice.self, true)});
    for (const auto& peer : choice.peers)
        rows.push_back(describe(peer, false));
    return rows;
}

struct IndicatorComparison {
    nlohmann::json column;
    std::vector<nlohmann::json> cells;  // one per compared row
    nlohmann::json chart;
    bool has_values = false;
};

IndicatorComparison compare(const AppState& state, const catalogue::Catalogue& catalogue,
                            const catalogue::Indicator& indicator, const std::vector<int>& rows, Audience audience)
{
    const auto& layout = state.analytics->layout();
    IndicatorComparison result;
    IndicatorFigures figures(state.analytics->grid(catalogue, indicator, indicator.periodicity), audience);
    auto ordinal = period_for(figures, rows);
    auto period = ordinal ? std::optional(analytics::period_at(indicator.periodicity, *ordinal)) : std::nullopt;
    auto page = "/indicateurs/" + http::percent_encode(indicator.code) + "?" +
                (period ? "periode=" + period->to_string() + "&" : "") + "territoire=";
    result.column = {{"name", indicator.name},
                     {"href", page + layout.territory(rows.front()).key.to_string()},
                     {"period", period ? period->label() : "aucune période"},
                     {"unit", indicator.unit}};
    std::vector<int> departments(rows.begin(), rows.end() - 2);
    std::map<int, int> ranks;
    if (ordinal)
        for (const auto& ranked : analytics::rank(figures.values(departments, *ordinal), indicator.direction))
            ranks[departments[ranked.index]] = ranked.rank;
    std::vector<std::pair<int, render::Bar>> bars;
    for (int row : rows) {
        auto value = ordinal ? figures.value(row, *ordinal) : std::nullopt;
        result.has_values = result.has_values || value.has_value();
        bool withheld = ordinal && figures.withheld(row, *ordinal);
        result.cells.push_back({{"value", value_text(value, indicator)},
                                {"withheld", withheld},
                                {"unvalidated", value && figures.figure(row, *ordinal).includes_unvalidated}});
        bool department = is_department_row(layout, row);
        std::string label = department                           ? layout.territory(row).label()
                            : row == TerritoryLayout::kNationRow ? "France"
                                                                 : layout.territory(row).name + " (région)";
        bars.emplace_back(row, render::Bar{label, value, value_text(value, indicator), row == rows.front(),
                                           department ? page + layout.territory(row).key.to_string() : ""});
    }
    // Departments best first (those without a value last), then the region and the nation.
    auto rank_of = [&](int row) {
        auto found = ranks.find(row);
        return found == ranks.end() ? std::numeric_limits<int>::max() : found->second;
    };
    std::stable_sort(bars.begin(), bars.end() - 2,
                     [&](const auto& a, const auto& b) { return rank_of(a.first) < rank_of(b.first); });
    std::vector<render::Bar> drawn;
    for (auto& [row, bar] : bars)
        drawn.push_back(std::move(bar));
    std::string sentence = "Aucune valeur pour ces territoires.";
    if (ordinal && result.has_values) {
        auto own = ranks.find(rows.front());
        sentence = layout.territory(rows.front()).label() + " : " +
                   value_text(figures.value(rows.front(), *ordinal), indicator) + " (" + period->label() + ")";
        if (own != ranks.end())
            sentence += ", rang " + std::to_string(own->second) + " sur " + std::to_string(ranks.size()) +
                        " départements comparés";
        if (auto nation = figures.value(TerritoryLayout::kNationRow, *ordinal))
            sentence += " ; France : " + value_text(nation, indicator);
        sentence += ".";
    }
    result.chart = {{"name", indicator.name},
                    {"href", result.column["href"]},
                    {"sentence", sentence},
                    {"svg", as_group_of_links(render::bar_chart(
                                drawn, indicator.name + " : comparaison, " + result.column["period"].get<std::string>(),
                                sentence, indicator.unit, indicator.decimals, "comparaison-" + indicator.code))}};
    return result;
}

http::Response show(AppState& state, http::Request& request, std::optional<std::string> key)
{
    auto [catalogue, framework] = state.database.read([](storage::Connection& connection) {
        return std::pair(catalogue::Catalogue::load(connection), framework::load_framework(connection));
    });
    if (key) {
        if (!core::is_valid_utf8(*key) || !state.registry.resolve(*key).ok())
            return error_page(state, request,
                              core::Error::not_found("Territoire inconnu : retrouvez le département dans la page "
                                                     "Territoires."));
    }
    auto audience = request_context(request).principal.authenticated() ? Audience::SignedIn : Audience::Public;
    const auto& layout = state.analytics->layout();
    PageMeta meta;
    meta.section = "territoires";
    auto parsed = parse_request(state, request, catalogue, key);
    nlohmann::json context{{"errors", {{"any", false}}}, {"signed_in", audience == Audience::SignedIn}};
    ComparisonRequest request_view = parsed.ok() ? *parsed : ComparisonRequest{};
    if (!parsed.ok()) {
        context["errors"] = error_view(parsed.error(), kFieldIds);
        meta.status = 400;
    }
    std::optional<PeerChoice> choice;
    std::vector<const catalogue::Indicator*> chosen = request_view.indicators;
    if (request_view.department_row) {
        choice = similar_departments(state.population, layout, *request_view.department_row, request_view.rule);
        if (chosen.empty()) {
            auto rows = compared_rows(layout, *choice);
            for (const auto* indicator : catalogue.indicators_of_priority("P1")) {
                const auto* measured = per_department(indicator, catalogue);
                if (measured &&
                    period_for(
                        IndicatorFigures(state.analytics->grid(catalogue, *measured, measured->periodicity), audience),
                        rows))
                    add_unique(chosen, measured);
            }
            context["default_indicators"] = true;
        }
    }
    context["form"] = form_view(state, catalogue, framework, request_view, chosen, request_view.rule);
    std::string title = "Comparer un département à des départements semblables";
    meta.breadcrumbs = {{"Territoires", "/territoires"}, {"Comparaison", ""}};
    if (choice) {
        const auto& self = layout.territory(choice->self.row);
        title = "Comparer " + self.label() + " à des départements semblables";
        meta.breadcrumbs = {{"Territoires", "/territoires"},
                            {self.label(), "/territoires/" + self.key.to_string()},
                            {"Comparaison", ""}};
        auto rows = compared_rows(layout, *choice);
        nlohmann::json columns = nlohmann::json::array();
        nlohmann::json charts = nlohmann::json::array();
        std::vector<nlohmann::json> cells(rows.size(), nlohmann::json::array());
        for (const auto* indicator : chosen) {
            auto compared = compare(state, catalogue, *indicator, rows, audience);
            columns.push_back(compared.column);
            charts.push_back(compared.chart);
            for (std::size_t at = 0; at < rows.size(); ++at)
                cells[at].push_back(compared.cells[at]);
        }
        nlohmann::json table_rows = nlohmann::json::array();
        for (std::size_t at = 0; at < rows.size(); ++at) {
            int row = rows[at];
            bool department = is_department_row(layout, row);
            table_rows.push_back({{"label", department ? layout.territory(row).label() : row_label(layout, row)},
                                  {"kind", at == 0              ? "département comparé"
                                           : department         ? "département semblable"
                                           : row == rows.back() ? "nation"
                                                                : "région"},
                                  {"self", at == 0},
                                  {"cells", cells[at]}});
        }
        context["comparison"] = {{"name", self.label()},
                                 {"profile", choice->rule == PeerRule::Profile},
                                 {"fell_back", choice->fell_back},
                                 {"population_year", std::to_string(state.population.year())},
                                 {"peer_count", choice->peers.size()},
                                 {"peers", peers_view(state, *choice)},
                                 {"columns", columns},
                                 {"rows", table_rows},
                                 {"charts", charts},
                                 {"has_indicators", !chosen.empty()}};
    }
    meta.title = title_with_errors(title, !parsed.ok());
    context["title"] = title;
    return render_page(state, request, "comparison_page", context, meta);
}

}  // namespace

void register_comparison_routes(http::Router& router, AppState& state)
{
    router.get("/comparaison", [&state](http::Request& request) { return show(state, request, std::nullopt); });
    router.get("/territoires/{key}/comparaison", [&state](http::Request& request) {
        return show(state, request, std::string(request.path_param("key")));
    });
}

}  // namespace boussole::web::pages
