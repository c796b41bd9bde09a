#pragma once
// The forms that add and change a roadmap action
// (/territoires/{key}/feuille-de-route/nouvelle, …/{id}/modifier).

#include "web/app_state.hpp"
#include "web/http/router.hpp"

namespace boussole::web::pages {

void register_roadmap_form_routes(http::Router& router, AppState& state);

}  // namespace boussole::web::pages
