// The common calendar of a territory, as a list (the reference view, read by
// screen readers as one table per month): every occurrence of the events of
// the territory, of its region's ARS and national days, with kind, times in
// the event's own zone, organiser and status; a filter by kind, and the
// iCalendar export of what is shown.
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <algorithm>
#include <map>

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

std::string when(const calendar::Event& event, const calendar::Occurrence& occurrence)
{
    if (event.all_day)
        return occurrence.first_day == occurrence.last_day
                   ? core::format_date(occurrence.first_day) + ", toute la journée"
                   : "du " + core::format_date(occurrence.first_day) + " au " + core::format_date(occurrence.last_day);
    auto text = core::format_date(occurrence.first_day) + ", " + event.starts_local.substr(11, 5) + " – " +
                event.ends_local.substr(11, 5);
    if (event.time_zone != "Europe/Paris")
        text += " (heure locale, " + event.time_zone + ")";
    return text;
}

const char* badge_of(calendar::EventStatus status)
{
    switch (status) {
    case calendar::EventStatus::Confirmed: return "success";
    case calendar::EventStatus::Cancelled: return "error";
    case calendar::EventStatus::Planned: break;
    }
    return "info";
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir le calendrier commun"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    std::optional<calendar::EventKind> kind;
    auto kind_text = std::string(request.query_param("type").value_or(""));
    if (!kind_text.empty())
        if (auto parsed = calendar::parse_event_kind(kind_text); parsed.ok())
            kind = *parsed;
    auto today = floor<days>(system_clock::now());
    auto first_month = year_month_day{today}.year() / year_month_day{today}.month() / 1;
    calendar::EventFilter filter{(*territory)->key, std::nullopt, core::Timestamp{sys_days{first_month}},
                                 core::Timestamp{sys_days{first_month + months{12}}}, kind};

    // Occurrences, grouped by month of their first day.
    std::map<std::pair<int, unsigned>, nlohmann::json> months;
    auto organisations = nlohmann::json::array();
    state.database.read([&](storage::Connection& connection) {
        for (const auto& [id, name] : calendar::rows::organisations_around(connection, (*territory)->key))
            organisations.push_back({{"id", id}, {"name", name}});
        for (const auto& event : calendar::find_events(connection, filter)) {
            auto organiser = calendar::rows::organisation_name(connection, event.organiser_id);
            for (const auto& occurrence : calendar::occurrences(event, filter.from, filter.to, 60)) {
                auto key = std::pair{static_cast<int>(occurrence.first_day.year()),
                                     static_cast<unsigned>(occurrence.first_day.month())};
                auto& rows = months[key];
                rows.push_back({{"sort", core::to_iso8601(occurrence.start)},
                                {"when", when(event, occurrence)},
                                {"title", event.title},
                                {"kind", calendar::label(event.kind)},
                                {"organiser", organiser},
                                {"territory", event.territory.to_string()},
                                {"status", calendar::label(event.status)},
                                {"badge", badge_of(event.status)},
                                {"cancelled", event.status == calendar::EventStatus::Cancelled},
                                {"replaced", event.replaced_by.has_value()},
                                {"edit_href", "/territoires/" + (*territory)->key.to_string() +
                                                  "/calendrier/evenements/" + std::to_string(event.id) + "/modifier"},
                                {"synthetic", event.origin == "demo"}});
            }
        }
    });
    auto month_list = nlohmann::json::array();
    std::size_t total = 0;
    for (auto& [key, rows] : months) {
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a["sort"] < b["sort"]; });
        total += rows.size();
        month_list.push_back({{"label", std::string(kMonths[key.second - 1]) + " " + std::to_string(key.first)},
                              {"rows", rows},
                              {"count", rows.size()}});
    }
    auto kinds = nlohmann::json::array();
    for (auto each : calendar::all_event_kinds())
        kinds.push_back({{"code", calendar::to_string(each)},
                         {"label", calendar::label(each)},
                         {"selected", kind && *kind == each}});
    const auto& key = (*territory)->key.to_string();
    nlohmann::json context{{"territory", (*territory)->label()},
                           {"key", key},
                           {"months", month_list},
                           {"empty", month_list.empty()},
                           {"total", total},
                           {"kinds", kinds},
                           {"organisations", organisations},
                           {"new_href", "/territoires/" + key + "/calendrier/nouveau"},
                           {"mutualisations_href", "/territoires/" + key + "/calendrier/mutualisations"},
                           {"export_href", "/api/v1/calendar/export?territory=" + key +
                                               (kind ? "&kind=" + std::string(calendar::to_string(*kind)) : "")}};
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
