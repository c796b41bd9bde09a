// The common calendar of a territory: the events of the territory, of its
// region's ARS and national days, as a list (the reference view), a month
// grid or a week (calendar_views.hpp), filtered by kind, organisation and
// priority, with the iCalendar export of what the filters keep and the
// links to the calendar's other pages.
#include "calendar/event_rows.hpp"
#include "web/pages/calendar_views.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

enum class View { List, Month, Week };

View view_of(const http::Request& request)
{
    auto text = request.query_param("vue").value_or("");
    return text == "mois" ? View::Month : text == "semaine" ? View::Week : View::List;
}

// The tabs that switch views, keeping the filters and the period shown.
nlohmann::json view_tabs(const std::string& key, View view, const CalendarFilters& filters, year_month month,
                         sys_days monday)
{
    auto tab = [&](const char* label, View each, std::vector<std::pair<std::string, std::string>> parameters) {
        return nlohmann::json{
            {"label", label}, {"href", calendar_href(key, std::move(parameters), filters)}, {"current", each == view}};
    };
    return nlohmann::json::array(
        {tab("Liste", View::List, {}), tab("Mois", View::Month, {{"vue", "mois"}, {"mois", month_parameter(month)}}),
         tab("Semaine", View::Week, {{"vue", "semaine"}, {"semaine", week_parameter(monday)}})});
}

std::string export_href(const std::string& key, const CalendarFilters& filters)
{
    return "/api/v1/calendar/export" +
           query_string({{"territory", key},
                         {"kind", filters.kind ? calendar::to_string(*filters.kind) : ""},
                         {"organisation_id", filters.organisation_id ? std::to_string(*filters.organisation_id) : ""},
                         {"priority", filters.priority}});
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir le calendrier commun"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    const auto& tk = (*territory)->key;
    const auto key = tk.to_string();
    auto filters = calendar_filters_of(request);
    auto view = view_of(request);
    auto today = floor<days>(system_clock::now());
    auto today_ymd = year_month_day{today};
    auto month = parse_month(request.query_param("mois").value_or("")).value_or(today_ymd.year() / today_ymd.month());
    auto monday = parse_week(request.query_param("semaine").value_or(""))
                      .value_or(today - days{weekday{today}.iso_encoding() - 1});
    if (view == View::Month && !request.query_param("semaine").value_or("").empty() &&
        request.query_param("mois").value_or("").empty())
        month = year_month_day{monday}.year() / year_month_day{monday}.month();

    nlohmann::json context{{"territory", (*territory)->label()}, {"key", key}};
    state.database.read([&](storage::Connection& connection) {
        auto organisations = nlohmann::json::array();
        for (const auto& [id, name] : calendar::rows::organisations_around(connection, tk))
            organisations.push_back(
                {{"id", id}, {"name", name}, {"selected", filters.organisation_id == std::optional(id)}});
        auto priorities = nlohmann::json::array();
        for (const auto& [code, title] : calendar::rows::priorities(connection))
            priorities.push_back(
                {{"code", code}, {"label", code + " — " + title}, {"selected", filters.priority == code}});
        context["organisations"] = organisations;
        context["priorities"] = priorities;
        switch (view) {
        case View::List: context["list"] = list_view(connection, key, tk, filters, month); break;
        case View::Month: context["month"] = month_view(connection, key, tk, filters, month, today); break;
        case View::Week: context["week"] = week_view(connection, key, tk, filters, monday, today); break;
        }
    });
    const auto& shown = view == View::List ? context["list"] : view == View::Month ? context["month"] : context["week"];
    context["empty"] = shown["empty"];
    context["filtered"] = filters.any();
    auto kinds = nlohmann::json::array();
    for (auto each : calendar::all_event_kinds())
        kinds.push_back({{"code", calendar::to_string(each)},
                         {"label", calendar::label(each)},
                         {"selected", filters.kind == std::optional(each)}});
    context["kinds"] = kinds;
    context["tabs"] = view_tabs(key, view, filters, month, monday);
    context["view"] = view == View::List ? nlohmann::json() : nlohmann::json(view == View::Month ? "mois" : "semaine");
    // The list starts at the month asked for, if any; filtering keeps it.
    const bool list_from_month = view == View::List && !request.query_param("mois").value_or("").empty();
    context["period_name"] = view == View::Week ? "semaine" : "mois";
    context["period_value"] = view == View::Week ? week_parameter(monday) : month_parameter(month);
    context["has_period"] = view != View::List || list_from_month;
    context["reset_href"] = calendar_href(
        key,
        view == View::List ? std::vector<std::pair<std::string, std::string>>{}
        : view == View::Month
            ? std::vector<std::pair<std::string, std::string>>{{"vue", "mois"}, {"mois", month_parameter(month)}}
            : std::vector<std::pair<std::string, std::string>>{{"vue", "semaine"}, {"semaine", week_parameter(monday)}},
        {});
    context["export_href"] = export_href(key, filters);
    const auto base = "/territoires/" + key + "/calendrier";
    context["new_href"] = base + "/nouveau";
    context["mutualisations_href"] = base + "/mutualisations";
    context["free_dates_href"] = base + "/trouver-une-date";
    context["import_href"] = base + "/importer";
    context["constraints_href"] = base + "/contraintes";
    PageMeta meta;
    meta.title = "Calendrier commun — " + (*territory)->label();
    meta.section = "territoires";
    meta.breadcrumbs = {
        {"Territoires", "/territoires"}, {(*territory)->label(), "/territoires/" + key}, {"Calendrier commun", ""}};
    return render_page(state, request, "calendar", context, meta);
}

}  // namespace

void register_calendar_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier", [&state](http::Request& request) { return show(state, request); });
}

}  // namespace boussole::web::pages
