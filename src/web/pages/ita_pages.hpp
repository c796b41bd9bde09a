#pragma once
// The ITA's pages beyond its steering room: changing and removing a member,
// changing and deleting a decision with its history.

#include "web/app_state.hpp"
#include "web/http/router.hpp"

namespace boussole::web::pages {

// "/territoires/{key}/ita/membres/{id}/modifier", "…/retirer",
// "/territoires/{key}/ita/decisions/{id}/modifier", "…/supprimer".
void register_ita_edit_routes(http::Router& router, AppState& state);

// The page that changes a decision, with its history (ita_decision_page.cpp).
http::Response show_decision_form(AppState& state, http::Request& request);
http::Response submit_decision_form(AppState& state, http::Request& request);

}  // namespace boussole::web::pages
