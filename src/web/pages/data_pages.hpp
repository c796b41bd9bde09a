#pragma once
// What the pages of the « Données » area share (data entry, history,
// completeness, approval, import): the tabs between them, the departments a
// person may choose, the statuses as text and badge, French numbers read from
// forms, and the sign-in requirement.

#include "collection/data_values.hpp"
#include "collection/import.hpp"
#include "web/app_state.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::web::pages {

// The navigation section of every data page.
inline constexpr const char* kDataSection = "donnees";

// {"tabs": [{label, href, current}]} for the links between the data pages;
// current is "saisie", "completude", "validation" or "import".
nlohmann::json data_tabs(std::string_view current);

// Unauthenticated, with a French sentence naming what needs signing in.
core::Status require_signed_in(const http::Request& request, std::string_view what);

// The departments the principal acts on: every one for a national scope or
// role, else those of its scope, in the usual order.
std::vector<const territory::Territory*> departments_of(const AppState& state, const access::Principal& principal);

// [{value: "DEP-33", label: "Gironde (33)", selected}] for a select.
nlohmann::json department_options(const std::vector<const territory::Territory*>& departments,
                                  std::string_view selected);

// {label: "validée", badge: "success"} — the text always says the status;
// the colour only repeats it.
nlohmann::json status_view(collection::ValueStatus status);

// {label: "refusé", badge: "error", code: "refused"} for an import, in the
// same shape as status_view.
nlohmann::json import_status_view(collection::ImportStatus status);

// "0 valeur écrite", "1 valeur écrite", "3 valeurs écrites": French counts are
// singular up to 1. The number is written with its no-break thousands space.
std::string count_of(std::int64_t count, std::string_view singular, std::string_view plural);

// A number typed in a French form: "1 234,5", "1234.5", "-3" (spaces, no-break
// spaces and one decimal comma or point). Nothing for anything else.
std::optional<double> parse_form_number(std::string_view text);

// A stored value as a form shows it for editing: "1234,5", without
// thousands separators.
std::string form_number(double value);

// "/donnees/saisie?territoire=DEP-33&periode=2025-T1"
std::string entry_href(const territory::TerritoryKey& territory, const core::Period& period);
// "/donnees/historique/mdph_decisions/DEP-33/2025-T1"
std::string history_href(std::string_view element, const territory::TerritoryKey& territory,
                         const core::Period& period);
// "/donnees/import/12": an import with its report.
std::string import_href(std::int64_t id);

}  // namespace boussole::web::pages
