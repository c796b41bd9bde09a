// The common roadmap of a territory: a table filtered and sorted on the
// server (links in the column headers, aria-sort), the actions grouped by
// priority, a timeline drawn as SVG with its table alternative, and the
// exports of what is shown (CSV for a French spreadsheet, XLSX).
#include "access/policy.hpp"
#include "core/french.hpp"
#include "framework/framework.hpp"
#include "render/svg_timeline.hpp"
#include "steering/roadmap_consultations.hpp"
#include "web/api/roadmap_query.hpp"
#include "web/pages/consultation_pages.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_exports.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <map>

namespace boussole::web::pages {

namespace {

struct SortableColumn {
    const char* sort;
    const char* label;
};
constexpr SortableColumn kColumns[] = {
    {"title", "Intitulé"}, {"priority", "Priorité"}, {"due_on", "Échéance"}, {"progress", "Avancement"}};

std::vector<std::pair<std::string, std::string>> filter_params(const api::RoadmapQuery& query)
{
    return {{"status", query.filter.status ? steering::to_string(*query.filter.status) : ""},
            {"priority", query.filter.priority},
            {"lead", query.filter.lead},
            {"late", query.filter.late_only ? "true" : ""}};
}

nlohmann::json header_links(const api::RoadmapQuery& query)
{
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& column : kColumns) {
        bool current = query.sort_name == column.sort;
        auto params = filter_params(query);
        params.emplace_back("sort", column.sort);
        params.emplace_back("order", current && !query.descending ? "desc" : "asc");
        headers.push_back({{"label", column.label},
                           {"href", query_string(params)},
                           {"current", current},
                           {"aria_sort", current ? (query.descending ? "descending" : "ascending") : "none"},
                           {"next", current && !query.descending ? "décroissant" : "croissant"},
                           {"arrow", query.descending ? "▼" : "▲"}});
    }
    return headers;
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto query = api::roadmap_query(request);
    if (!query.ok())
        return error_page(state, request, query.error());
    const auto& principal = request_context(request).principal;
    auto today = steering::today();
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto all = steering::list_actions(connection, *territory, {}, steering::ActionSort::DueDate, false, today);
        auto shown =
            steering::list_actions(connection, *territory, query->filter, query->sort, query->descending, today);
        auto framework = framework::load_framework(connection);

        nlohmann::json rows = nlohmann::json::array();
        for (const auto& action : shown)
            rows.push_back(action_row(action, today, *territory));

        std::map<steering::ActionStatus, int> by_status;
        int late = 0;
        std::map<std::string, std::string> leads;
        for (const auto& action : all) {
            ++by_status[action.status];
            late += action.late(today) ? 1 : 0;
            leads[action.lead] = action.lead_name;
        }
        nlohmann::json counts = nlohmann::json::array();
        nlohmann::json statuses = nlohmann::json::array();
        for (auto status : steering::kActionStatuses) {
            counts.push_back({{"label", steering::label(status)}, {"count", by_status[status]}});
            statuses.push_back({{"value", steering::to_string(status)},
                                {"label", steering::label(status)},
                                {"selected", query->filter.status == status}});
        }
        nlohmann::json priorities = nlohmann::json::array();
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& priority : framework.priorities) {
            priorities.push_back({{"value", priority.code},
                                  {"label", priority.code + " — " + priority.title},
                                  {"selected", query->filter.priority == priority.code}});
            nlohmann::json items = nlohmann::json::array();
            for (const auto& action : shown)
                if (action.priority == priority.code)
                    items.push_back(action_row(action, today, *territory));
            if (!items.empty())
                groups.push_back(
                    {{"code", priority.code}, {"title", priority.title}, {"actions", items}, {"count", items.size()}});
        }
        nlohmann::json lead_options = nlohmann::json::array();
        for (const auto& [slug, name] : leads)
            lead_options.push_back({{"value", slug}, {"label", name}, {"selected", query->filter.lead == slug}});

        std::vector<render::TimelineItem> timeline;
        nlohmann::json timeline_rows = nlohmann::json::array();
        for (const auto& action : shown) {
            auto start = steering::parse_day(action.starts_on), due = steering::parse_day(action.due_on);
            if (!start && !due)
                continue;
            timeline.push_back(
                {action.title, start.value_or(*due), due.value_or(*start), action.progress, action.late(today),
                 action.status == steering::ActionStatus::Done || action.status == steering::ActionStatus::Abandoned,
                 // No link in the image: the table alternative below carries them.
                 steering::label(action.status), std::string()});
            timeline_rows.push_back(action_row(action, today, *territory));
        }
        auto chart = render::timeline_chart(
            timeline, today, "Frise des actions de la feuille de route",
            "Chaque barre va du début à l'échéance d'une action, remplie selon son avancement ; une barre cerclée de "
            "rouge est en retard ; la ligne pointillée marque aujourd'hui. Le tableau qui suit donne les mêmes "
            "informations.",
            "frise");

        nlohmann::json consultations = nlohmann::json::array();
        for (const auto& consultation : steering::list_roadmap_consultations(connection, *territory)) {
            auto json = conventions::to_json(consultation, conventions::today());
            json["href"] = "/consultations/" + std::to_string(consultation.id);
            consultations.push_back(json);
        }
        auto filters = query_string(filter_params(*query));
        auto sort_params = filter_params(*query);
        sort_params.emplace_back("sort", query->sort_name);
        sort_params.emplace_back("order", query->descending ? "desc" : "asc");
        auto exported = query_string(sort_params);
        return nlohmann::json{
            {"territory_name", territory->name},
            {"key", territory->key.to_string()},
            {"href", roadmap_href(*territory)},
            {"ita_href", "/territoires/" + territory->key.to_string() + "/ita"},
            {"convention_href",
             territory->convention_id ? "/conventions/" + std::to_string(*territory->convention_id) : std::string()},
            {"has_convention", territory->convention_id.has_value()},
            {"consultations", consultations},
            {"has_consultations", !consultations.empty()},
            {"may_write", steering::may_write(principal, *territory, "modifier la feuille de route").ok()},
            {"total", all.size()},
            {"shown", shown.size()},
            {"late", late},
            {"counts", counts},
            {"statuses", statuses},
            {"priorities", priorities},
            {"leads", lead_options},
            {"late_only", query->filter.late_only},
            {"filtered", !filters.empty()},
            {"headers", header_links(*query)},
            {"actions", rows},
            {"empty", rows.empty()},
            {"groups", groups},
            {"timeline_svg", chart},
            {"timeline_rows", timeline_rows},
            {"csv_href", roadmap_href(*territory) + ".csv" + exported},
            {"xlsx_href", roadmap_href(*territory) + ".xlsx" + exported},
        };
    });
    if (!view.ok())
        return error_page(state, request, view.error());
    PageMeta meta;
    meta.title = "Feuille de route commune — " + (*view)["territory_name"].get<std::string>();
    meta.section = "territoires";
    meta.breadcrumbs = {
        {"Territoires", "/territoires"},
        {(*view)["territory_name"].get<std::string>(), "/territoires/" + (*view)["key"].get<std::string>()},
        {"Feuille de route", ""}};
    meta.flash = flash_from_query(request);
    return render_page(state, request, "roadmap", *view, meta);
}

http::Response export_file(AppState& state, http::Request& request, bool xlsx)
{
    if (auto signed_in = require_signed_in(request, "exporter la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto query = api::roadmap_query(request);
    if (!query.ok())
        return error_page(state, request, query.error());
    auto today = steering::today();
    auto found = state.database.read([&](storage::Connection& connection) -> core::Result<RoadmapExport> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return RoadmapExport{*territory, steering::list_actions(connection, *territory, query->filter, query->sort,
                                                                query->descending, today)};
    });
    if (!found.ok())
        return error_page(state, request, found.error());
    return xlsx ? roadmap_xlsx(*found, today) : roadmap_csv(*found, today);
}

}  // namespace

void register_roadmap_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/feuille-de-route",
               [&state](http::Request& request) { return show(state, request); });
    router.get("/territoires/{key}/feuille-de-route.csv",
               [&state](http::Request& request) { return export_file(state, request, false); });
    router.get("/territoires/{key}/feuille-de-route.xlsx",
               [&state](http::Request& request) { return export_file(state, request, true); });
    register_roadmap_action_routes(router, state);
    register_roadmap_consultation_routes(router, state);
}

}  // namespace boussole::web::pages
