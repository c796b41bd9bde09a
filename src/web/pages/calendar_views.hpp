#pragma once
// The views of a territory's common calendar (calendar_page.cpp): the list,
// the reference view; the month as a grid (a table, a column per weekday);
// the week, day by day. Each view is a mustache context built from the
// events the filters keep (kind, organisation, priority).

#include "access/principal.hpp"
#include "calendar/event.hpp"
#include "calendar/occurrences.hpp"
#include "territory/registry.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::web::pages {

// What the filters of the page keep, read from ?type=…&organisation=…&priorite=….
struct CalendarFilters {
    std::optional<calendar::EventKind> kind;
    std::optional<std::int64_t> organisation_id;  // organiser, co-organiser or audience
    std::string priority;                         // "P3": events serving it

    bool any() const { return kind || organisation_id || !priority.empty(); }
};

CalendarFilters calendar_filters_of(const http::Request& request);

// The filters as query parameters, for links that keep them.
std::vector<std::pair<std::string, std::string>> filter_parameters(const CalendarFilters& filters);

// "/territoires/DEP-33/calendrier?vue=mois&mois=2026-12&type=cdaph": the
// page with these view parameters and the filters.
std::string calendar_href(const std::string& key, std::vector<std::pair<std::string, std::string>> view,
                          const CalendarFilters& filters);

// An occurrence of a kept event, with what every view shows of it.
struct DatedEvent {
    calendar::Event event;
    calendar::Occurrence occurrence;
    std::string organiser;  // short name
};

// The occurrences of the territory's calendar that the filters keep and that
// overlap the local days [first, last], in start order.
std::vector<DatedEvent> dated_events(storage::Connection& connection, const territory::TerritoryKey& key,
                                     const CalendarFilters& filters, std::chrono::sys_days first,
                                     std::chrono::sys_days last);

// The organisations around a territory (those that cover it or a territory
// enclosing it) for which the principal may import events and declare
// constraints: every one for a national administrator, its own otherwise;
// none for a reader. By name.
std::vector<std::pair<std::int64_t, std::string>> writable_organisations(storage::Connection& connection,
                                                                         const access::Principal& principal,
                                                                         const territory::TerritoryKey& key);

// The link to an event's own page.
std::string event_href(const std::string& key, std::int64_t id);

// "lundi", …, "dimanche" (index 0 is Monday); "janvier", …, "décembre".
const char* weekday_name(std::chrono::weekday day);
const char* month_name(std::chrono::month month);

// "09:30 – 11:00", "toute la journée", with the zone when it is not Paris.
std::string hours_of(const DatedEvent& dated);

// The views: their mustache contexts. `today` marks the current day.
// The list covers twelve months from `from`.
nlohmann::json list_view(storage::Connection& connection, const std::string& key, const territory::TerritoryKey& tk,
                         const CalendarFilters& filters, std::chrono::year_month from);
nlohmann::json month_view(storage::Connection& connection, const std::string& key, const territory::TerritoryKey& tk,
                          const CalendarFilters& filters, std::chrono::year_month month, std::chrono::sys_days today);
nlohmann::json week_view(storage::Connection& connection, const std::string& key, const territory::TerritoryKey& tk,
                         const CalendarFilters& filters, std::chrono::sys_days monday, std::chrono::sys_days today);

// "2026-12" → December 2026; "2026-W48" or "2026-11-23" → the Monday of that
// week. Nothing when unreadable.
std::optional<std::chrono::year_month> parse_month(std::string_view text);
std::optional<std::chrono::sys_days> parse_week(std::string_view text);
std::string month_parameter(std::chrono::year_month month);  // "2026-12"
std::string week_parameter(std::chrono::sys_days monday);    // "2026-W48"

}  // namespace boussole::web::pages
