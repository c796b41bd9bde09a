// The month and week views of the common calendar. The month is a real
// table (a column per weekday, a row per week; the days of the neighbouring
// months greyed; today marked with aria-current="date"); the week lists its
// seven days with the events at their local times. Periods of a week or more
// (a call for projects open for two months) appear on their first and last
// days, not on every day between.
#include "core/french.hpp"
#include "web/pages/calendar_views.hpp"

#include <map>

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

constexpr int kLongPeriodDays = 7;

std::string day_label(sys_days day)
{
    auto ymd = year_month_day{day};
    return std::string(weekday_name(weekday{day})) + " " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           month_name(ymd.month()) + " " + std::to_string(static_cast<int>(ymd.year()));
}

nlohmann::json item_of(const DatedEvent& dated, const std::string& key, const std::string& note)
{
    const auto& event = dated.event;
    return {{"title", event.title},
            {"href", event_href(key, event.id)},
            {"kind", calendar::label(event.kind)},
            {"hours", hours_of(dated)},
            {"timed", !event.all_day},
            {"organiser", dated.organiser},
            {"note", note.empty() ? nlohmann::json() : nlohmann::json(note)},
            {"cancelled", event.status == calendar::EventStatus::Cancelled},
            {"replaced", event.replaced_by.has_value()}};
}

// Which days of [first, last] show an occurrence, and with what note.
std::vector<std::pair<sys_days, std::string>> days_shown(const DatedEvent& dated, sys_days first, sys_days last)
{
    sys_days start{dated.occurrence.first_day};
    sys_days end{dated.occurrence.last_day};
    std::vector<std::pair<sys_days, std::string>> shown;
    if ((end - start).count() < kLongPeriodDays) {
        for (auto day = std::max(start, first); day <= std::min(end, last); day += days{1})
            shown.emplace_back(day, "");
        return shown;
    }
    if (start >= first && start <= last)
        shown.emplace_back(start, "début");
    if (end >= first && end <= last)
        shown.emplace_back(end, "fin");
    if (shown.empty())
        shown.emplace_back(first, "en cours");
    return shown;
}

std::map<sys_days, nlohmann::json> items_by_day(const std::vector<DatedEvent>& dated, const std::string& key,
                                                sys_days first, sys_days last)
{
    std::map<sys_days, nlohmann::json> by_day;
    for (const auto& each : dated)
        for (const auto& [day, note] : days_shown(each, first, last))
            by_day[day].push_back(item_of(each, key, note));
    return by_day;
}

std::string month_label(year_month month)
{
    return std::string(month_name(month.month())) + " " + std::to_string(static_cast<int>(month.year()));
}

}  // namespace

nlohmann::json month_view(storage::Connection& connection, const std::string& key, const territory::TerritoryKey& tk,
                          const CalendarFilters& filters, year_month month, sys_days today)
{
    sys_days first_of_month{month / 1};
    sys_days last_of_month{month / last};
    auto grid_first = first_of_month - days{weekday{first_of_month}.iso_encoding() - 1};
    auto grid_last = last_of_month + days{7 - weekday{last_of_month}.iso_encoding()};
    auto dated = dated_events(connection, tk, filters, grid_first, grid_last);
    auto by_day = items_by_day(dated, key, grid_first, grid_last);
    std::size_t in_month = 0;
    auto weeks = nlohmann::json::array();
    for (auto monday = grid_first; monday <= grid_last; monday += days{7}) {
        auto cells = nlohmann::json::array();
        for (auto day = monday; day < monday + days{7}; day += days{1}) {
            auto found = by_day.find(day);
            auto items = found == by_day.end() ? nlohmann::json::array() : found->second;
            bool other = day < first_of_month || day > last_of_month;
            if (!other)
                in_month += items.size();
            cells.push_back({{"number", static_cast<unsigned>(year_month_day{day}.day())},
                             {"label", day_label(day)},
                             {"other_month", other},
                             {"today", day == today},
                             {"items", items},
                             {"has_items", !items.empty()}});
        }
        weeks.push_back({{"days", cells}});
    }
    auto weekdays = nlohmann::json::array();
    for (unsigned index = 1; index <= 7; ++index)
        weekdays.push_back(weekday_name(weekday{index % 7}));
    auto previous = month - months{1};
    auto next = month + months{1};
    return {{"label", month_label(month)},
            {"weekdays", weekdays},
            {"weeks", weeks},
            {"count", in_month},
            {"empty", in_month == 0},
            {"previous_href", calendar_href(key, {{"vue", "mois"}, {"mois", month_parameter(previous)}}, filters)},
            {"previous_label", month_label(previous)},
            {"next_href", calendar_href(key, {{"vue", "mois"}, {"mois", month_parameter(next)}}, filters)},
            {"next_label", month_label(next)},
            {"month", month_parameter(month)}};
}

nlohmann::json week_view(storage::Connection& connection, const std::string& key, const territory::TerritoryKey& tk,
                         const CalendarFilters& filters, sys_days monday, sys_days today)
{
    auto sunday = monday + days{6};
    auto dated = dated_events(connection, tk, filters, monday, sunday);
    auto by_day = items_by_day(dated, key, monday, sunday);
    std::size_t count = 0;
    auto week_days = nlohmann::json::array();
    for (auto day = monday; day <= sunday; day += days{1}) {
        auto found = by_day.find(day);
        auto items = found == by_day.end() ? nlohmann::json::array() : found->second;
        count += items.size();
        week_days.push_back(
            {{"label", day_label(day)}, {"today", day == today}, {"items", items}, {"has_items", !items.empty()}});
    }
    auto parameter = week_parameter(monday);
    auto label = "Semaine " + parameter.substr(6) + ", du " + day_label(monday) + " au " + day_label(sunday);
    return {
        {"label", label},
        {"days", week_days},
        {"count", count},
        {"empty", count == 0},
        {"previous_href",
         calendar_href(key, {{"vue", "semaine"}, {"semaine", week_parameter(monday - days{7})}}, filters)},
        {"next_href", calendar_href(key, {{"vue", "semaine"}, {"semaine", week_parameter(monday + days{7})}}, filters)},
        {"week", parameter}};
}

}  // namespace boussole::web::pages
