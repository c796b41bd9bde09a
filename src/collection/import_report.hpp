#pragma once
// The report of an import as people read it: each fault with the column in
// French and what that column expects, for the element of the line; and its
// JSON form, stored with the import and sent by the API.

#include "catalogue/catalogue.hpp"
#include "collection/import.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace boussole::collection {

// The column a field name designates, in French: write_values names fields
// in English ("territory"), the reader in French ("territoire").
std::string column_of(std::string_view field);

// What a column expects, in French, for the element of the line when known:
// "un trimestre, par exemple 2025-T3", "un nombre entier positif ou nul…".
std::string expected_for(std::string_view column, const catalogue::DataElement* element,
                         const catalogue::Catalogue& catalogue);

// One entry of the report from a fault found in a line of element_code.
ImportLine report_line(const core::FieldError& fault, std::string_view element_code,
                       const catalogue::Catalogue& catalogue, bool warning = false);

// [{"line", "field", "value", "message", "expected", "severity"}], severity
// "error" or "warning"; line null for the whole file.
nlohmann::json report_json(const std::vector<ImportLine>& report);
std::string report_text(const std::vector<ImportLine>& report);
// Reads what report_text wrote; entries it cannot read are skipped.
std::vector<ImportLine> parse_report(std::string_view text);

}  // namespace boussole::collection
