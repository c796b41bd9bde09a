#include "web/pages/roadmap_views.hpp"

#include "core/french.hpp"
#include "render/svg.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

core::Result<steering::SteeredTerritory> steered_territory_of(AppState& state, storage::Connection& connection,
                                                              const http::Request& request)
{
    auto territory = steering::steered_territory(connection, state.registry, request.path_param("key"));
    if (!territory.ok())
        return territory;
    BOUSSOLE_TRY(steering::may_read(request_context(request).principal, *territory));
    return territory;
}

std::string day_label(const std::string& iso_day)
{
    auto day = steering::parse_day(iso_day);
    return day ? core::format_date(*day) : "—";
}

std::string euros(const std::optional<double>& value)
{
    return value ? render::format_value_fr(*value, 0, "€") : "—";
}

std::string roadmap_href(const steering::SteeredTerritory& territory)
{
    return "/territoires/" + territory.key.to_string() + "/feuille-de-route";
}

const char* status_badge(const steering::Action& action, std::chrono::year_month_day today)
{
    if (action.late(today))
        return "error";
    switch (action.status) {
    case steering::ActionStatus::Done: return "success";
    case steering::ActionStatus::InProgress: return "info";
    case steering::ActionStatus::Paused: return "warning";
    case steering::ActionStatus::Abandoned: return "new";
    default: return "info";
    }
}

nlohmann::json action_row(const steering::Action& action, std::chrono::year_month_day today,
                          const steering::SteeredTerritory& territory)
{
    return {{"id", action.id},
            {"href", roadmap_href(territory) + "/" + std::to_string(action.id)},
            {"title", action.title},
            {"priority", action.priority},
            {"lead", action.lead_name},
            {"status", steering::label(action.status)},
            {"status_badge", status_badge(action, today)},
            {"late", action.late(today)},
            {"abandon_reason", action.abandon_reason},
            {"abandoned", action.status == steering::ActionStatus::Abandoned},
            {"starts_on", day_label(action.starts_on)},
            {"due_on", day_label(action.due_on)},
            {"progress", action.progress},
            {"planned_budget", euros(action.planned_budget)},
            {"spent_budget", euros(action.spent_budget)},
            {"co_built", action.co_built}};
}

}  // namespace boussole::web::pages
