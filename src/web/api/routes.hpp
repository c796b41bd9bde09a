#pragma once
// The JSON API under /api/v1/, one registration function per resource. Every
// route registered here is described in web/api/openapi.json (a test checks
// both ways).

#include "web/app_state.hpp"
#include "web/http/router.hpp"

namespace boussole::web::api {

void register_openapi_routes(http::Router& router, AppState& state);
void register_territory_routes(http::Router& router, AppState& state);
void register_actor_routes(http::Router& router, AppState& state);
void register_framework_routes(http::Router& router, AppState& state);
void register_session_routes(http::Router& router, AppState& state);
void register_user_routes(http::Router& router, AppState& state);
void register_api_token_routes(http::Router& router, AppState& state);
void register_audit_routes(http::Router& router, AppState& state);
void register_catalogue_routes(http::Router& router, AppState& state);
void register_data_value_routes(http::Router& router, AppState& state);
void register_approval_routes(http::Router& router, AppState& state);
void register_completeness_routes(http::Router& router, AppState& state);
void register_import_routes(http::Router& router, AppState& state);
void register_target_routes(http::Router& router, AppState& state);
void register_analytics_routes(http::Router& router, AppState& state);
void register_calendar_routes(http::Router& router, AppState& state);
void register_calendar_subscription_routes(http::Router& router, AppState& state);
void register_calendar_mutualisation_routes(http::Router& router, AppState& state);
void register_calendar_free_date_routes(http::Router& router, AppState& state);
void register_calendar_constraint_routes(http::Router& router, AppState& state);
void register_calendar_exception_routes(http::Router& router, AppState& state);
void register_convention_routes(http::Router& router, AppState& state);
void register_roadmap_routes(http::Router& router, AppState& state);
void register_ita_routes(http::Router& router, AppState& state);

inline void register_all(http::Router& router, AppState& state)
{
    register_openapi_routes(router, state);
    register_territory_routes(router, state);
    register_actor_routes(router, state);
    register_framework_routes(router, state);
    register_session_routes(router, state);
    register_user_routes(router, state);
    register_api_token_routes(router, state);
    register_audit_routes(router, state);
    register_catalogue_routes(router, state);
    register_import_routes(router, state);
    register_data_value_routes(router, state);
    register_approval_routes(router, state);
    register_completeness_routes(router, state);
    register_target_routes(router, state);
    register_analytics_routes(router, state);
    register_calendar_routes(router, state);
    register_calendar_subscription_routes(router, state);
    register_calendar_mutualisation_routes(router, state);
    register_calendar_free_date_routes(router, state);
    register_calendar_constraint_routes(router, state);
    register_calendar_exception_routes(router, state);
    register_convention_routes(router, state);
    register_roadmap_routes(router, state);
    register_ita_routes(router, state);
}

}  // namespace boussole::web::api
