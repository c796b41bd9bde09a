// Find a date in the browser: the organisations that must attend, a
// duration and a window; the free slots of the territory's calendar (no
// conflict, holiday or declared constraint), the quietest first, each with
// a link that programs the event on it.
#include "calendar/event_rows.hpp"
#include "calendar/free_dates.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

const FieldIds kSearchFields = {{"audience_ids", "date-audience"},
                                {"duration_minutes", "date-duree"},
                                {"from", "date-du"},
                                {"to", "date-au"},
                                {"kind", "date-type"}};

constexpr int kDurations[] = {60, 90, 120, 180, 240, 480};

std::string iso(year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

std::string duration_label(int minutes)
{
    if (minutes % 60 == 0)
        return std::to_string(minutes / 60) + (minutes == 60 ? " heure" : " heures");
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60);
}

std::optional<year_month_day> day_of(const std::string& text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3)
        return std::nullopt;
    auto date = std::chrono::year{year} / month / day;
    return date.ok() ? std::optional(date) : std::nullopt;
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "chercher une date"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    const auto key = (*territory)->key;
    auto today = year_month_day{floor<days>(system_clock::now())};
    calendar::FreeDateQuery query;
    query.territory = key.to_string();
    query.from = std::string(request.query_param("du").value_or(""));
    query.to = std::string(request.query_param("au").value_or(""));
    if (query.from.empty())
        query.from = iso(year_month_day{sys_days{today} + days{7}});
    if (query.to.empty())
        query.to = iso(year_month_day{sys_days{today} + days{35}});
    query.kind = std::string(request.query_param("type").value_or("autre"));
    query.duration_minutes = parse_positive_int(request.query_param("duree").value_or("120")).value_or(0);
    for (auto id : request.query.get_all("public"))
        if (auto parsed = parse_id(id))
            query.audience_ids.push_back(*parsed);
    const bool searching = request.query_param("chercher").has_value();

    nlohmann::json context;
    std::optional<core::Error> error;
    state.database.read([&](storage::Connection& connection) {
        auto audience = nlohmann::json::array();
        for (const auto& [id, name] : calendar::rows::organisations_around(connection, key))
            audience.push_back({{"id", id},
                                {"name", name},
                                {"checked", std::find(query.audience_ids.begin(), query.audience_ids.end(), id) !=
                                                query.audience_ids.end()}});
        context["audience"] = audience;
        if (!searching)
            return;
        auto found = calendar::find_free_dates(connection, state.registry, query);
        if (!found.ok()) {
            error = found.error();
            return;
        }
        auto dates = nlohmann::json::array();
        for (const auto& date : *found) {
            auto day = day_of(date.starts.substr(0, 10));
            dates.push_back({{"day", day ? core::format_date(*day) : date.starts.substr(0, 10)},
                             {"hours", date.starts.substr(11, 5) + " – " + date.ends.substr(11, 5)},
                             {"nearby", date.nearby},
                             {"quiet", date.nearby == 0}});
        }
        context["dates"] = dates;
        context["has_dates"] = !dates.empty();
        context["searched"] = true;
    });
    auto kinds = nlohmann::json::array();
    for (auto kind : calendar::all_event_kinds())
        if (!calendar::is_period(kind))
            kinds.push_back({{"code", calendar::to_string(kind)},
                             {"label", calendar::label(kind)},
                             {"selected", query.kind == calendar::to_string(kind)}});
    auto durations = nlohmann::json::array();
    for (auto minutes : kDurations)
        durations.push_back({{"minutes", minutes},
                             {"label", duration_label(minutes)},
                             {"selected", query.duration_minutes == minutes}});
    context["kinds"] = kinds;
    context["durations"] = durations;
    context["from"] = query.from;
    context["to"] = query.to;
    context["key"] = key.to_string();
    context["territory"] = (*territory)->label();
    const bool invalid = error && error->code == core::ErrorCode::Invalid;
    context["errors"] =
        invalid ? error_view(*error, kSearchFields) : nlohmann::json{{"summary", nlohmann::json::array()}};
    PageMeta meta;
    meta.title = title_with_errors("Trouver une date — " + (*territory)->label(), invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {(*territory)->label(), "/territoires/" + key.to_string()},
                        {"Calendrier commun", "/territoires/" + key.to_string() + "/calendrier"},
                        {"Trouver une date", ""}};
    if (invalid)
        meta.status = 422;
    return render_page(state, request, "calendar_free_dates", context, meta);
}

}  // namespace

void register_calendar_free_date_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/trouver-une-date",
               [&state](http::Request& request) { return show(state, request); });
}

}  // namespace boussole::web::pages
