#pragma once
// The steering room of a territory as data, shared by the API and the ITA
// page: the territory, its convention (id, title, status), the roadmap's
// counts by status and its late actions, the members, the meetings (the next
// ones first) and the decisions, newest first.

#include "steering/territory.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

namespace boussole::web::api {

nlohmann::json ita_view(storage::Connection& connection, const steering::SteeredTerritory& territory,
                        std::chrono::year_month_day today);

}  // namespace boussole::web::api
