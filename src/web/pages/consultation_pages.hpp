#pragma once
// What the consultation pages of a convention and of a roadmap share: the
// list of a document's consultations with the form that opens one, offering
// the organisations of the directory present in its territory.

#include "actors/organisation.hpp"
#include "conventions/consultations.hpp"
#include "web/app_state.hpp"
#include "web/http/router.hpp"
#include "web/pages/page.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::web::pages {

struct ConsultationList {
    std::string heading;       // "Consultations sur la convention"
    std::string intro;         // the sentence under the heading
    std::string list_heading;  // "Consultations ouvertes sur cette convention"
    std::string action;        // where the form posts
    std::string back_href;
    std::string back_label;   // "Revenir à la convention"
    bool preparing = true;    // whether a consultation may be opened
    std::string closed_text;  // why not, when not
    std::string section;
    std::vector<Breadcrumb> breadcrumbs;
    std::vector<conventions::Consultation> consultations;
    std::vector<actors::Organisation> organisations;  // those present in the territory
};

// The active organisations of the directory covering any of the keys.
std::vector<actors::Organisation> organisations_present(storage::Connection& connection,
                                                        const std::vector<territory::TerritoryKey>& keys);

// The page, with the form filled with what was typed and its errors.
http::Response consultation_list_page(AppState& state, http::Request& request, const ConsultationList& list,
                                      const conventions::ConsultationInput& typed,
                                      const std::optional<core::Error>& error);

// The opening form as posted; an error when the form cannot be read.
core::Result<conventions::ConsultationInput> posted_consultation(http::Request& request);

void register_roadmap_consultation_routes(http::Router& router, AppState& state);

}  // namespace boussole::web::pages
