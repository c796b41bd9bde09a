// The list view of the common calendar, the reference view (read by screen
// readers as one table per month): every occurrence over the twelve months
// to come, with kind, times in the event's own zone, organiser, status, and
// the mutualisations (a replaced event links to its joint event, a joint
// event names the events it replaces).
#include "calendar/event_rows.hpp"
#include "core/french.hpp"
#include "web/pages/calendar_views.hpp"

#include <map>

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

std::string when(const DatedEvent& dated)
{
    const auto& occurrence = dated.occurrence;
    if (dated.event.all_day)
        return occurrence.first_day == occurrence.last_day
                   ? core::format_date(occurrence.first_day) + ", toute la journée"
                   : "du " + core::format_date(occurrence.first_day) + " au " + core::format_date(occurrence.last_day);
    return core::format_date(occurrence.first_day) + ", " + hours_of(dated);
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

// What the list says of an event's mutualisation, looked up once per event.
struct Mutualisation {
    nlohmann::json replaced_by;                         // {title, href} or null
    nlohmann::json replaces = nlohmann::json::array();  // [{title, href}]
};

Mutualisation mutualisation_of(storage::Connection& connection, const std::string& key, const calendar::Event& event)
{
    Mutualisation found;
    if (event.replaced_by) {
        auto joint = calendar::rows::select_by_id(connection, *event.replaced_by);
        found.replaced_by = {{"title", joint ? joint->title : "l'événement commun"},
                             {"href", event_href(key, *event.replaced_by)}};
    }
    for (const auto& [id, title] : calendar::rows::replaced_events(connection, event.id))
        found.replaces.push_back({{"title", title}, {"href", event_href(key, id)}, {"separator", ""}});
    // "A et B", "A, B et C".
    for (std::size_t index = 1; index < found.replaces.size(); ++index)
        found.replaces[index - 1]["separator"] = index + 1 == found.replaces.size() ? " et " : ", ";
    return found;
}

}  // namespace

nlohmann::json list_view(storage::Connection& connection, const std::string& key, const territory::TerritoryKey& tk,
                         const CalendarFilters& filters, year_month from)
{
    auto first = sys_days{from / 1};
    auto last = sys_days{(from + months{12}) / 1} - days{1};
    std::map<std::pair<int, unsigned>, nlohmann::json> by_month;
    std::map<std::int64_t, Mutualisation> mutualisations;
    std::size_t total = 0;
    for (const auto& dated : dated_events(connection, tk, filters, first, last)) {
        const auto& event = dated.event;
        auto [mutualisation, fresh] = mutualisations.try_emplace(event.id);
        if (fresh)
            mutualisation->second = mutualisation_of(connection, key, event);
        auto start_day = std::max(sys_days{dated.occurrence.first_day}, first);
        auto month_key = std::pair{static_cast<int>(year_month_day{start_day}.year()),
                                   static_cast<unsigned>(year_month_day{start_day}.month())};
        by_month[month_key].push_back(
            {{"anchor", fresh ? nlohmann::json("evenement-" + std::to_string(event.id)) : nlohmann::json()},
             {"when", when(dated)},
             {"title", event.title},
             {"href", event_href(key, event.id)},
             {"kind", calendar::label(event.kind)},
             {"organiser", dated.organiser},
             {"territory", event.territory.to_string()},
             {"status", calendar::label(event.status)},
             {"badge", badge_of(event.status)},
             {"cancelled", event.status == calendar::EventStatus::Cancelled},
             {"replaced_by", mutualisation->second.replaced_by},
             {"replaces", mutualisation->second.replaces},
             {"joint", !mutualisation->second.replaces.empty()},
             {"synthetic", event.origin == "demo"}});
        ++total;
    }
    auto month_list = nlohmann::json::array();
    for (auto& [month_key, rows] : by_month)
        month_list.push_back(
            {{"label", std::string(month_name(month{month_key.second})) + " " + std::to_string(month_key.first)},
             {"rows", rows},
             {"count", rows.size()}});
    return {{"months", month_list},
            {"total", total},
            {"empty", total == 0},
            {"from", std::string(month_name(from.month())) + " " + std::to_string(static_cast<int>(from.year()))}};
}

}  // namespace boussole::web::pages
