#pragma once
// The pages of the web application, one registration function per area.
// Pages are rendered on the server and work without JavaScript.

#include "web/app_state.hpp"
#include "web/http/router.hpp"

namespace boussole::web::pages {

void register_home_routes(http::Router& router, AppState& state);
void register_login_routes(http::Router& router, AppState& state);
void register_territory_routes(http::Router& router, AppState& state);
void register_actor_directory_routes(http::Router& router, AppState& state);
void register_actor_routes(http::Router& router, AppState& state);
void register_account_routes(http::Router& router, AppState& state);
void register_framework_routes(http::Router& router, AppState& state);
void register_admin_routes(http::Router& router, AppState& state);
void register_accessibility_routes(http::Router& router, AppState& state);
void register_data_entry_routes(http::Router& router, AppState& state);
void register_data_history_routes(http::Router& router, AppState& state);
void register_data_completeness_routes(http::Router& router, AppState& state);
void register_data_approval_routes(http::Router& router, AppState& state);
void register_data_import_routes(http::Router& router, AppState& state);
void register_data_import_report_routes(http::Router& router, AppState& state);
void register_catalogue_routes(http::Router& router, AppState& state);
void register_dashboard_routes(http::Router& router, AppState& state);
void register_territory_dashboard_routes(http::Router& router, AppState& state);
void register_indicator_routes(http::Router& router, AppState& state);               // /indicateurs/{code}
void register_comparison_routes(http::Router& router, AppState& state);              // /territoires/{key}/comparaison
void register_calendar_routes(http::Router& router, AppState& state);                // /territoires/{key}/calendrier
void register_calendar_mutualisation_routes(http::Router& router, AppState& state);  // …/calendrier/mutualisations
void register_calendar_event_form_routes(http::Router& router, AppState& state);
void register_calendar_occurrence_routes(http::Router& router, AppState& state);  // …/evenements/{id}/occurrences
void register_calendar_free_date_routes(http::Router& router, AppState& state);   // …/calendrier/trouver-une-date
void register_calendar_subscription_routes(http::Router& router,
                                           AppState& state);  // /calendrier/abonnements     // …/calendrier/nouveau
void register_calendar_import_routes(http::Router& router, AppState& state);           // …/calendrier/importer
void register_calendar_constraint_page_routes(http::Router& router, AppState& state);  // …/calendrier/contraintes
void register_calendar_constraint_edit_routes(http::Router& router, AppState& state);
void register_convention_routes(http::Router& router, AppState& state);  // /conventions, /conventions/{id}
void register_roadmap_routes(http::Router& router, AppState& state);     // /territoires/{key}/feuille-de-route
void register_roadmap_action_routes(http::Router& router, AppState& state);
void register_ita_routes(http::Router& router, AppState& state);  // /territoires/{key}/ita

inline void register_all(http::Router& router, AppState& state)
{
    register_home_routes(router, state);
    register_login_routes(router, state);
    register_territory_routes(router, state);
    register_actor_directory_routes(router, state);
    register_actor_routes(router, state);
    register_account_routes(router, state);
    register_framework_routes(router, state);
    register_admin_routes(router, state);
    register_accessibility_routes(router, state);
    register_data_entry_routes(router, state);
    register_data_history_routes(router, state);
    register_data_completeness_routes(router, state);
    register_data_approval_routes(router, state);
    register_data_import_routes(router, state);
    register_data_import_report_routes(router, state);
    register_catalogue_routes(router, state);
    register_indicator_routes(router, state);
    register_comparison_routes(router, state);
    register_dashboard_routes(router, state);
    register_territory_dashboard_routes(router, state);
    register_calendar_routes(router, state);
    register_calendar_mutualisation_routes(router, state);
    register_calendar_event_form_routes(router, state);
    register_calendar_occurrence_routes(router, state);
    register_calendar_free_date_routes(router, state);
    register_calendar_subscription_routes(router, state);
    register_calendar_import_routes(router, state);
    register_calendar_constraint_page_routes(router, state);
    register_calendar_constraint_edit_routes(router, state);
    register_convention_routes(router, state);
    register_roadmap_routes(router, state);
    register_ita_routes(router, state);
}

}  // namespace boussole::web::pages
