// GET /api/v1/openapi.json: the description of the API, from the share
// directory (web/api/openapi.json in the repository).
#include "web/api/routes.hpp"

namespace boussole::web::api {

void register_openapi_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/openapi.json", [&state](http::Request&) {
        auto response = http::Response::json(200, state.openapi);
        response.set_header("Cache-Control", "public, max-age=300");
        return response;
    });
}

}  // namespace boussole::web::api
