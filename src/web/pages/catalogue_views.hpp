#pragma once
// The catalogue in words, for the pages: formulas with the names of the data
// they cite, aggregation and validation rules as sentences, badges, and the
// history table. Shared by the catalogue's pages and its edit forms.

#include "catalogue/catalogue.hpp"
#include "catalogue/catalogue_changes.hpp"
#include "web/app_state.hpp"
#include "web/http/router.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace boussole::web::pages {

// The national administrators' edit forms (catalogue_edit.cpp), registered
// with the catalogue's pages.
void register_catalogue_edit_routes(http::Router& router, AppState& state);

// "« Jours de traitement cumulés des décisions » ÷ (« Décisions rendues par la
// MDPH » × 30,4)"; for an equity indicator, the statistic and its base.
std::string formula_in_words(const catalogue::Indicator& indicator, const catalogue::Catalogue& catalogue);

// "trimestrielle", "annuelle", "mensuelle"
std::string periodicity_adjective(core::PeriodType type);
// "par trimestre"
std::string per_period(core::PeriodType type);

std::string territory_rule(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue);
std::string time_rule(const catalogue::DataElement& element);
// One sentence per rule: bounds, ceiling by another element, integer values.
std::vector<std::string> validation_rules(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue);

// {"label": "Publié" | "À préciser", "published": bool}
nlohmann::json status_badge(const catalogue::Indicator& indicator);

// The links of an indicator's page and of a data element's page.
std::string indicator_href(const std::string& code);
std::string element_href(const std::string& code);

// The rows of the history table.
nlohmann::json history_rows(const std::vector<catalogue::CatalogueVersion>& versions);

// The source's name, or its code when unknown.
std::string source_name(const std::string& code, const catalogue::Catalogue& catalogue);

}  // namespace boussole::web::pages
