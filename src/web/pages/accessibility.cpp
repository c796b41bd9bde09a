// The accessibility statement required by the RGAA (article 47 of law
// 2005-102). It says "non conforme", as the RGAA requires of a service that
// has not been audited: automated tests alone cannot establish conformity.
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"

namespace boussole::web::pages {

void register_accessibility_routes(http::Router& router, AppState& state)
{
    router.get("/accessibilite", [&state](http::Request& request) {
        PageMeta meta;
        meta.title = "Déclaration d'accessibilité";
        meta.breadcrumbs = {{"Déclaration d'accessibilité", ""}};
        return render_page(state, request, "accessibility", nlohmann::json::object(), meta);
    });
}

}  // namespace boussole::web::pages
