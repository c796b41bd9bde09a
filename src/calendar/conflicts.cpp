#include "calendar/conflicts.hpp"

#include "calendar/holidays.hpp"
#include "core/french.hpp"

#include <algorithm>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

std::string iso_day(year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

std::vector<std::int64_t> common(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b)
{
    std::vector<std::int64_t> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return both;
}

std::vector<std::int64_t> concerned(const Event& event)
{
    auto ids = event.holders();
    ids.insert(ids.end(), event.audience_ids.begin(), event.audience_ids.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// Same territory, or one within the other: a department's event and its
// region's ARS event concern the same people.
bool related(const territory::TerritoryRegistry& registry, const territory::TerritoryKey& a,
             const territory::TerritoryKey& b)
{
    return a == b || registry.contains(a, b) || registry.contains(b, a);
}

// The first overlap of two sorted occurrence lists, if any.
std::optional<Occurrence> first_overlap(const std::vector<Occurrence>& mine, const std::vector<Occurrence>& theirs)
{
    std::size_t i = 0, j = 0;
    while (i < mine.size() && j < theirs.size()) {
        if (mine[i].start < theirs[j].end && theirs[j].start < mine[i].end)
            return mine[i];
        if (mine[i].end <= theirs[j].end)
            ++i;
        else
            ++j;
    }
    return std::nullopt;
}

// The departments whose holidays matter: the event's own, or every
// department of its region; national days only for a national event.
std::vector<std::string> holiday_departments(const Event& event, const territory::TerritoryRegistry& registry)
{
    if (event.territory.level() == territory::Level::Nation)
        return {""};
    std::vector<std::string> codes;
    for (const auto* department : registry.departments_within(event.territory))
        codes.push_back(department->key.code());
    if (codes.empty())
        codes.push_back("");
    return codes;
}

std::string names(const std::vector<std::int64_t>& ids, const ConflictContext& context)
{
    std::string text;
    for (auto id : ids)
        text += (text.empty() ? "" : ", ") + context.organisation_name(id);
    return text;
}

}  // namespace

bool Constraint::applies_to(EventKind kind) const
{
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

const char* to_string(WarningKind kind)
{
    switch (kind) {
    case WarningKind::DoubleBooking: return "double_booking";
    case WarningKind::AudienceOverlap: return "audience_overlap";
    case WarningKind::Constraint: return "constraint";
    case WarningKind::Holiday: break;
    }
    return "holiday";
}

nlohmann::json to_json(const Warning& warning)
{
    nlohmann::json json{{"kind", to_string(warning.kind)}, {"message", warning.message}, {"day", warning.day}};
    json["event_id"] = warning.event_id ? nlohmann::json(*warning.event_id) : nlohmann::json(nullptr);
    json["organisation_id"] =
        warning.organisation_id ? nlohmann::json(*warning.organisation_id) : nlohmann::json(nullptr);
    json["constraint_id"] = warning.constraint_id ? nlohmann::json(*warning.constraint_id) : nlohmann::json(nullptr);
    return json;
}

std::vector<Warning> find_conflicts(const Event& candidate, const std::vector<Event>& others,
                                    const std::vector<Constraint>& constraints, const ConflictContext& context,
                                    core::Timestamp from, core::Timestamp to, std::size_t limit)
{
    std::vector<Warning> warnings;
    if (candidate.status == EventStatus::Cancelled)
        return warnings;
    auto mine = occurrences(candidate, from, to);
    if (mine.empty())
        return warnings;
    const auto window_start = mine.front().start;
    const auto window_end =
        std::max_element(mine.begin(), mine.end(), [](auto& a, auto& b) { return a.end < b.end; })->end;
    const auto holders = candidate.holders();
    const auto audience = candidate.audience_ids;

    std::vector<Warning> overlaps;
    for (const auto& other : others) {
        if ((candidate.id != 0 && other.id == candidate.id) || other.status == EventStatus::Cancelled ||
            other.replaced_by || is_period(candidate.kind) || is_period(other.kind))
            continue;
        auto both_hold = common(holders, other.holders());
        auto both_concern = common(concerned(candidate), concerned(other));
        bool same_place = related(context.registry, candidate.territory, other.territory);
        if (both_hold.empty() && (!same_place || common(audience, concerned(other)).empty()) &&
            (!same_place || common(holders, other.audience_ids).empty()))
            continue;
        auto theirs = occurrences(other, window_start, window_end);
        auto overlap = first_overlap(mine, theirs);
        if (!overlap)
            continue;
        Warning warning;
        warning.event_id = other.id;
        warning.day = iso_day(overlap->first_day);
        if (!both_hold.empty()) {
            warning.kind = WarningKind::DoubleBooking;
            warning.organisation_id = both_hold.front();
            warning.message = "Double réservation : " + names(both_hold, context) + " tient aussi « " + other.title +
                              " » au même moment, le " + core::format_date(overlap->first_day) + ".";
            warnings.push_back(std::move(warning));
        } else {
            warning.kind = WarningKind::AudienceOverlap;
            warning.organisation_id = both_concern.front();
            warning.message = "Public commun : « " + other.title + " » concerne aussi " + names(both_concern, context) +
                              ", dans le même territoire, au même moment, le " + core::format_date(overlap->first_day) +
                              ".";
            overlaps.push_back(std::move(warning));
        }
    }
    warnings.insert(warnings.end(), overlaps.begin(), overlaps.end());

    auto people = concerned(candidate);
    for (const auto& constraint : constraints) {
        if (!constraint.applies_to(candidate.kind) ||
            !std::binary_search(people.begin(), people.end(), constraint.organisation_id))
            continue;
        auto hit = std::find_if(mine.begin(), mine.end(), [&](const Occurrence& occurrence) {
            return occurrence.first_day <= constraint.last_day && constraint.first_day <= occurrence.last_day;
        });
        if (hit == mine.end())
            continue;
        auto day = std::max(hit->first_day, constraint.first_day);
        warnings.push_back({WarningKind::Constraint,
                            "Contrainte de " + context.organisation_name(constraint.organisation_id) + " du " +
                                core::format_date(constraint.first_day) + " au " +
                                core::format_date(constraint.last_day) + " : " + constraint.reason + ".",
                            std::nullopt, constraint.organisation_id, constraint.id, iso_day(day)});
    }

    auto departments = holiday_departments(candidate, context.registry);
    for (const auto& occurrence : mine) {
        // A period only matters where it opens and where it closes.
        const auto step = is_period(candidate.kind)
                              ? std::max(days{1}, sys_days{occurrence.last_day} - sys_days{occurrence.first_day})
                              : days{1};
        for (auto day = sys_days{occurrence.first_day}; day <= sys_days{occurrence.last_day}; day += step) {
            for (const auto& department : departments) {
                auto holiday = holiday_on(year_month_day{day}, department);
                if (!holiday)
                    continue;
                std::string where = holiday->local ? " (département " + department + ")" : "";
                warnings.push_back(
                    {WarningKind::Holiday,
                     "Jour férié : le " + core::format_date(holiday->date) + ", " + holiday->name + where + ".",
                     std::nullopt, std::nullopt, std::nullopt, iso_day(holiday->date)});
                break;  // one warning per day, whatever the number of departments
            }
            if (warnings.size() >= limit)
                return warnings;
        }
    }
    if (warnings.size() > limit)
        warnings.resize(limit);
    return warnings;
}

}  // namespace boussole::calendar
