#include "web/api/ita_view.hpp"

#include "conventions/convention.hpp"
#include "steering/ita.hpp"
#include "steering/roadmap.hpp"

#include <algorithm>

namespace boussole::web::api {

nlohmann::json ita_view(storage::Connection& connection, const steering::SteeredTerritory& territory,
                        std::chrono::year_month_day today)
{
    nlohmann::json view{{"territory", territory.key.to_string()}, {"territory_name", territory.name}};
    view["departments"] = nlohmann::json::array();
    for (const auto& key : territory.departments)
        view["departments"].push_back(key.to_string());
    view["convention"] = nullptr;
    if (territory.convention_id)
        if (auto convention = conventions::find_convention(connection, *territory.convention_id))
            view["convention"] = {{"id", convention->id},
                                  {"title", convention->title},
                                  {"status", conventions::to_string(convention->status)},
                                  {"status_label", conventions::label(convention->status)},
                                  {"amendment", convention->amendment}};
    auto actions = steering::list_actions(connection, territory, {}, steering::ActionSort::DueDate, false, today);
    nlohmann::json counts = nlohmann::json::object();
    for (auto status : steering::kActionStatuses)
        counts[steering::to_string(status)] = 0;
    nlohmann::json late = nlohmann::json::array();
    for (const auto& action : actions) {
        counts[steering::to_string(action.status)] = counts[steering::to_string(action.status)].get<int>() + 1;
        if (action.late(today))
            late.push_back(steering::to_json(action, today));
    }
    view["roadmap"] = {{"total", actions.size()}, {"by_status", counts}, {"late", late}};
    view["members"] = nlohmann::json::array();
    for (const auto& member : steering::list_members(connection, territory))
        view["members"].push_back(steering::to_json(member));
    view["meetings"] = nlohmann::json::array();
    auto meetings = steering::list_meetings(connection, territory);
    // The meetings to come first (soonest first), then those held (latest
    // first): what a steering room looks at.
    auto today_text = steering::day_text(today);
    std::stable_partition(meetings.begin(), meetings.end(),
                          [&](const steering::Meeting& meeting) { return meeting.held_on >= today_text; });
    auto upcoming_end = std::find_if(meetings.begin(), meetings.end(),
                                     [&](const steering::Meeting& meeting) { return meeting.held_on < today_text; });
    std::reverse(meetings.begin(), upcoming_end);
    for (const auto& meeting : meetings) {
        auto json = steering::to_json(meeting);
        json["upcoming"] = meeting.held_on >= today_text;
        view["meetings"].push_back(json);
    }
    view["decisions"] = nlohmann::json::array();
    for (const auto& decision : steering::list_decisions(connection, territory))
        view["decisions"].push_back(steering::to_json(decision));
    return view;
}

}  // namespace boussole::web::api
