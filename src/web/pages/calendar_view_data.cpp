// What the views of the common calendar share: the filters read from the
// query and written back into links, the occurrences they keep, and the
// French names of days and months.
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "web/pages/calendar_views.hpp"
#include "web/pages/forms.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace boussole::web::pages {

using namespace std::chrono;

namespace {

constexpr const char* kWeekdays[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

}  // namespace

CalendarFilters calendar_filters_of(const http::Request& request)
{
    CalendarFilters filters;
    if (auto kind = calendar::parse_event_kind(request.query_param("type").value_or("")); kind.ok())
        filters.kind = *kind;
    filters.organisation_id = parse_id(request.query_param("organisation").value_or(""));
    auto priority = std::string(request.query_param("priorite").value_or(""));
    // A priority code is short ("P3"); anything else cannot match an event.
    if (priority.size() <= 10)
        filters.priority = priority;
    return filters;
}

std::vector<std::pair<std::string, std::string>> filter_parameters(const CalendarFilters& filters)
{
    return {{"type", filters.kind ? calendar::to_string(*filters.kind) : ""},
            {"organisation", filters.organisation_id ? std::to_string(*filters.organisation_id) : ""},
            {"priorite", filters.priority}};
}

std::string calendar_href(const std::string& key, std::vector<std::pair<std::string, std::string>> view,
                          const CalendarFilters& filters)
{
    for (auto& parameter : filter_parameters(filters))
        view.push_back(std::move(parameter));
    return "/territoires/" + key + "/calendrier" + query_string(view);
}

std::vector<DatedEvent> dated_events(storage::Connection& connection, const territory::TerritoryKey& key,
                                     const CalendarFilters& filters, sys_days first, sys_days last)
{
    // The query is in UTC; a day a bit wider on each side catches the local
    // days of every zone, and the local days decide below.
    calendar::EventFilter filter{
        key,          filters.organisation_id, core::Timestamp{first - days{1}}, core::Timestamp{last + days{2}},
        filters.kind, filters.priority};
    std::vector<DatedEvent> dated;
    std::map<std::int64_t, std::string> names;
    for (auto& event : calendar::find_events(connection, filter)) {
        auto [name, fresh] = names.try_emplace(event.organiser_id);
        if (fresh)
            name->second = calendar::rows::organisation_name(connection, event.organiser_id);
        for (const auto& occurrence : calendar::occurrences(event, filter.from, filter.to, 400)) {
            if (sys_days{occurrence.last_day} < first || sys_days{occurrence.first_day} > last)
                continue;
            dated.push_back({event, occurrence, name->second});
        }
    }
    std::stable_sort(dated.begin(), dated.end(),
                     [](const DatedEvent& a, const DatedEvent& b) { return a.occurrence.start < b.occurrence.start; });
    return dated;
}

std::vector<std::pair<std::int64_t, std::string>> writable_organisations(storage::Connection& connection,
                                                                         const access::Principal& principal,
                                                                         const territory::TerritoryKey& key)
{
    std::vector<std::pair<std::int64_t, std::string>> writable;
    if (!principal.authenticated() || !principal.can_write)
        return writable;
    for (auto& organisation : calendar::rows::organisations_around(connection, key))
        if (principal.is_national_admin() || principal.organisation_id == organisation.first)
            writable.push_back(std::move(organisation));
    return writable;
}

std::string event_href(const std::string& key, std::int64_t id)
{
    return "/territoires/" + key + "/calendrier/evenements/" + std::to_string(id) + "/modifier";
}

const char* weekday_name(weekday day)
{
    return kWeekdays[day.iso_encoding() - 1];
}

const char* month_name(month month)
{
    return kMonths[static_cast<unsigned>(month) - 1];
}

std::string hours_of(const DatedEvent& dated)
{
    const auto& event = dated.event;
    if (event.all_day)
        return "toute la journée";
    auto text = event.starts_local.substr(11, 5) + " – " + event.ends_local.substr(11, 5);
    if (event.time_zone != "Europe/Paris")
        text += " (heure locale, " + event.time_zone + ")";
    return text;
}

std::optional<year_month> parse_month(std::string_view text)
{
    int year_number = 0;
    unsigned month_number = 0;
    char rest = 0;
    std::string copy(text);
    if (text.size() != 7 || std::sscanf(copy.c_str(), "%4d-%2u%c", &year_number, &month_number, &rest) != 2)
        return std::nullopt;
    auto parsed = year{year_number} / month{month_number};
    if (!parsed.ok() || year_number < 1900 || year_number > 2200)
        return std::nullopt;
    return parsed;
}

std::optional<sys_days> parse_week(std::string_view text)
{
    int year_number = 0;
    unsigned number = 0, month_number = 0, day_number = 0;
    char rest = 0;
    std::string copy(text);
    if (text.size() == 8 && std::sscanf(copy.c_str(), "%4d-W%2u%c", &year_number, &number, &rest) == 2) {
        if (year_number < 1900 || year_number > 2200 || number < 1 || number > 53)
            return std::nullopt;
        // ISO 8601: week 1 holds the 4th of January.
        sys_days fourth{year{year_number} / January / 4};
        auto monday = fourth - days{weekday{fourth}.iso_encoding() - 1} + weeks{number - 1};
        auto thursday = monday + days{3};
        if (year_month_day{thursday}.year() != year{year_number})
            return std::nullopt;  // week 53 of a year that has 52
        return monday;
    }
    if (text.size() == 10 &&
        std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &year_number, &month_number, &day_number, &rest) == 3) {
        auto date = year{year_number} / month{month_number} / day{day_number};
        if (!date.ok() || year_number < 1900 || year_number > 2200)
            return std::nullopt;
        sys_days day_of{date};
        return day_of - days{weekday{day_of}.iso_encoding() - 1};
    }
    return std::nullopt;
}

std::string month_parameter(year_month month)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
    return text;
}

std::string week_parameter(sys_days monday)
{
    auto thursday = monday + days{3};
    auto iso_year = year_month_day{thursday}.year();
    auto number = (thursday - sys_days{iso_year / January / 1}).count() / 7 + 1;
    char text[16];
    std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(iso_year), static_cast<int>(number));
    return text;
}

}  // namespace boussole::web::pages
