#pragma once
// What the roadmap and ITA pages share: the steered territory of the path
// (read rights checked), an action as a table row, French dates and euros,
// and the organisations a form offers as lead or partner.

#include "steering/roadmap.hpp"
#include "web/app_state.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace boussole::web::pages {

// The territory of /territoires/{key}/…, with the reading rights checked.
core::Result<steering::SteeredTerritory> steered_territory_of(AppState& state, storage::Connection& connection,
                                                              const http::Request& request);

// "30/09/2026", or "—" for an empty or malformed day.
std::string day_label(const std::string& iso_day);

// "120 000 €", or "—".
std::string euros(const std::optional<double>& value);

// "/territoires/DEP-33/feuille-de-route"
std::string roadmap_href(const steering::SteeredTerritory& territory);

// An action as the roadmap's tables show it.
nlohmann::json action_row(const steering::Action& action, std::chrono::year_month_day today,
                          const steering::SteeredTerritory& territory);

// The DSFR badge of a status ("success", "info", "warning", "error", "new").
const char* status_badge(const steering::Action& action, std::chrono::year_month_day today);

}  // namespace boussole::web::pages
