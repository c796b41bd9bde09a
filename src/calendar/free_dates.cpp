#include "calendar/free_dates.hpp"

#include "calendar/conflicts.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/occurrences.hpp"
#include "core/faults.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

constexpr auto kLongestWindow = days{92};
constexpr auto kAround = days{3};

std::optional<year_month_day> day_of(const std::string& text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    char rest = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &rest) != 3)
        return std::nullopt;
    auto date = std::chrono::year{year} / month / day;
    return date.ok() ? std::optional(date) : std::nullopt;
}

std::string local(year_month_day day, int minutes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()), minutes / 60, minutes % 60);
    return text;
}

bool concerns(const Event& event, const std::vector<std::int64_t>& audience)
{
    auto ids = event.holders();
    ids.insert(ids.end(), event.audience_ids.begin(), event.audience_ids.end());
    return std::any_of(ids.begin(), ids.end(), [&](std::int64_t id) {
        return std::find(audience.begin(), audience.end(), id) != audience.end();
    });
}

}  // namespace

core::Result<std::vector<FreeDate>> find_free_dates(storage::Connection& connection,
                                                    const territory::TerritoryRegistry& registry,
                                                    const FreeDateQuery& query, std::size_t limit)
{
    core::Faults faults;
    Event candidate;
    if (auto territory = registry.resolve(query.territory); territory.ok())
        candidate.territory = (*territory)->key;
    else
        faults.add("territory", "Territoire : " + territory.error().message, query.territory);
    if (query.audience_ids.empty())
        faults.add("audience_ids", "Public : au moins une organisation qui doit être présente.");
    for (auto id : query.audience_ids)
        if (!rows::organisation_exists(connection, id)) {
            faults.add("audience_ids", "Public : organisation " + std::to_string(id) + " inconnue.",
                       std::to_string(id));
            break;
        }
    if (query.duration_minutes < 30 || query.duration_minutes > 480)
        faults.add("duration_minutes", "Durée : entre 30 et 480 minutes.", std::to_string(query.duration_minutes));
    auto from = day_of(query.from);
    auto to = day_of(query.to);
    if (!from)
        faults.add("from", "Début de la recherche : une date « AAAA-MM-JJ ».", query.from);
    if (!to)
        faults.add("to", "Fin de la recherche : une date « AAAA-MM-JJ ».", query.to);
    if (from && to && (sys_days{*to} < sys_days{*from} || sys_days{*to} - sys_days{*from} > kLongestWindow))
        faults.add("to", "Fin de la recherche : après le début, et 92 jours au plus après.", query.to);
    if (auto kind = parse_event_kind(query.kind); kind.ok())
        candidate.kind = *kind;
    else
        faults.add("kind", kind.error().message, query.kind);
    if (is_period(candidate.kind))
        faults.add("kind", "Type : une réunion (pas une période comme un appel à projets).", query.kind);
    if (auto zone = check_time_zone(query.time_zone); !zone.ok())
        faults.add(zone.error());
    if (!faults.empty())
        return faults.error();

    candidate.organiser_id = query.audience_ids.front();
    candidate.co_organiser_ids.assign(query.audience_ids.begin() + 1, query.audience_ids.end());
    std::sort(candidate.co_organiser_ids.begin(), candidate.co_organiser_ids.end());
    candidate.time_zone = query.time_zone;
    candidate.status = EventStatus::Planned;

    const auto window_start = core::Timestamp{sys_days{*from} - days{1}};
    const auto window_end = core::Timestamp{sys_days{*to} + days{2}};
    auto others = rows::select_window(connection, window_start - kAround, window_end + kAround);
    std::erase_if(others, [&](const Event& event) {
        return event.status == EventStatus::Cancelled || event.replaced_by.has_value();
    });
    auto constraints = rows::constraints_of(connection, query.audience_ids);
    ConflictContext context{registry, [&](std::int64_t id) { return rows::organisation_name(connection, id); }};

    std::vector<std::pair<sys_days, FreeDate>> found;
    std::vector<int> starts = {9 * 60 + 30};
    if (query.duration_minutes <= 240)
        starts.push_back(14 * 60);
    for (auto day = sys_days{*from}; day <= sys_days{*to}; day += days{1}) {
        weekday weekday_of{day};
        if (weekday_of == Saturday || weekday_of == Sunday)
            continue;
        for (auto start : starts) {
            candidate.starts_local = local(year_month_day{day}, start);
            candidate.ends_local = local(year_month_day{day}, start + query.duration_minutes);
            if (!check_times(candidate).ok())
                continue;
            if (!find_conflicts(candidate, others, constraints, context, window_start, window_end, 1).empty())
                continue;
            FreeDate free{candidate.starts_local, candidate.ends_local, candidate.time_zone, 0};
            const auto near_from = core::Timestamp{day - kAround};
            const auto near_to = core::Timestamp{day + kAround + days{1}};
            for (const auto& other : others)
                if (concerns(other, query.audience_ids) && !occurrences(other, near_from, near_to, 1).empty())
                    ++free.nearby;
            found.emplace_back(day, std::move(free));
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.second.nearby < b.second.nearby; });
    std::vector<FreeDate> dates;
    for (auto& [day, date] : found) {
        if (dates.size() >= limit)
            break;
        dates.push_back(std::move(date));
    }
    return dates;
}

}  // namespace boussole::calendar
