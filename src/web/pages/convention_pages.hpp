#pragma once
// What the convention pages share: their addresses and the registration of
// their forms (commitments; creation, lifecycle, signatures and versions;
// consultations).

#include "actors/organisation.hpp"
#include "conventions/convention.hpp"
#include "web/app_state.hpp"
#include "web/http/router.hpp"
#include "web/pages/page.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace boussole::web::pages {

// "/conventions/12"
inline std::string convention_href(std::int64_t id)
{
    return "/conventions/" + std::to_string(id);
}

// Post/redirect/get to a place in a page: the message goes in the query,
// before the fragment ("/conventions/3?message=…#engagement-12").
inline http::Response redirect_to_anchor(std::string location, std::string_view message_code, std::string_view anchor)
{
    auto response = redirect_with_message(std::move(location), message_code);
    auto target = std::string(response.headers.get("Location").value_or(""));
    response.headers.set("Location", target + "#" + std::string(anchor));
    return response;
}

// The organisations the forms of a convention offer, from the directory:
// its parties, then every active organisation present in its departments,
// by name, each once. Typing a slug from elsewhere is refused.
std::vector<actors::Organisation> organisations_for(storage::Connection& connection,
                                                    const conventions::Convention& convention);

// Those of the partners' family among them that are not parties yet: the
// choices of « Ajouter un partenaire ».
std::vector<actors::Organisation> partner_candidates(storage::Connection& connection,
                                                     const conventions::Convention& convention);

// The parties as options of a <select> (the lead, a partner's annex).
nlohmann::json party_options(const conventions::Convention& convention, const std::string& selected,
                             bool partners_only = false);

// Check boxes for the contributors: the organisations offered, those chosen
// checked.
nlohmann::json contributor_options(const std::vector<actors::Organisation>& choices,
                                   const std::vector<std::string>& chosen);

// "Département de la Gironde (collectivité départementale)"
std::string organisation_choice_label(const actors::Organisation& organisation);

void register_convention_commitment_form_routes(http::Router& router, AppState& state);
void register_convention_step_routes(http::Router& router, AppState& state);
void register_convention_consultation_routes(http::Router& router, AppState& state);
void register_convention_print_routes(http::Router& router, AppState& state);

}  // namespace boussole::web::pages
