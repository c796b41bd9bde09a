#pragma once
// What the catalogue's API handlers share (catalogue.cpp: the whole catalogue,
// sources and the formula check; catalogue_entries.cpp: data elements and
// indicators): the JSON views, reading a creation or a change from a body,
// and the history answer.

#include "catalogue/catalogue.hpp"
#include "catalogue/catalogue_changes.hpp"
#include "web/app_state.hpp"
#include "web/http/router.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>

namespace boussole::web::api {

void register_catalogue_entry_routes(http::Router& router, AppState& state);

catalogue::Catalogue load_catalogue(AppState& state);

// A data element with the indicators that use it ("used_by").
nlohmann::json element_view(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue);
// An indicator with the codes its formulas cite ("references").
nlohmann::json indicator_view(const catalogue::Indicator& indicator);

// The code of the path, when it can be a catalogue code; NotFound otherwise,
// before it reaches the database.
core::Result<std::string> code_parameter(const http::Request& request);

// Invalid naming each member of required absent from body: a creation says
// explicitly what a default would otherwise decide (no implicit aggregation).
core::Status require_members(const nlohmann::json& body, std::initializer_list<const char*> required);

// "change_note", optional text.
core::Result<std::string> change_note(const nlohmann::json& body);

// The versions of one entry, paginated, newest first.
http::Response history_response(AppState& state, http::Request& request, catalogue::EntityType type);

// Whether text, folded, contains the folded query (empty query: true).
bool matches_search(const std::string& folded_query, std::initializer_list<const std::string*> texts);

}  // namespace boussole::web::api
