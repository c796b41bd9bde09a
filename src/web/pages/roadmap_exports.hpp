#pragma once
// The exports of a roadmap, with the filters and order of the page: CSV for
// a French spreadsheet (render/csv_writer.hpp) and XLSX (libxlsxwriter),
// one row per action with the same columns.

#include "steering/roadmap.hpp"
#include "web/http/message.hpp"

#include <chrono>
#include <vector>

namespace boussole::web::pages {

struct RoadmapExport {
    steering::SteeredTerritory territory;
    std::vector<steering::Action> actions;
};

http::Response roadmap_csv(const RoadmapExport& roadmap, std::chrono::year_month_day today);
http::Response roadmap_xlsx(const RoadmapExport& roadmap, std::chrono::year_month_day today);

}  // namespace boussole::web::pages
