#pragma once
// What the pages' forms and lists share: the error summary and the messages
// shown next to fields, built from a domain error; reading numbers from
// queries and forms; links that keep the current filters.

#include "core/error.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::web::pages {

// The domain's field names mapped to the ids of the form's inputs.
using FieldIds = std::map<std::string, std::string, std::less<>>;

// {"summary": [{"href": "#id", "message"}], "fields": {"<domain field>": message}}
// for a form's template. A field the form does not show (absent from ids) is
// only in the summary; an error without fields gives a summary of its message.
// When the error names one field, its full sentence goes next to the field.
nlohmann::json error_view(const core::Error& error, const FieldIds& ids);

// A field error of the page's own (a confirmation that differs…), in the same
// shape as the domain's.
core::Error field_error(std::string field, std::string message);

// "12" -> 12; nothing for an empty, signed, non-numeric or oversized text.
std::optional<int> parse_positive_int(std::string_view text);
std::optional<std::int64_t> parse_id(std::string_view text);

// "?q=x&type=ars" from name/value pairs, leaving out empty values; "" when
// nothing is left.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

// The pages of a list as the DSFR pagination component shows them: first,
// previous, a window of numbers around the current one with the first and last,
// next, last. href(n) gives the link of page n.
nlohmann::json pagination_view(int current, int count, const std::function<std::string(int)>& href);

// The title of a page whose form came back with errors starts with "Erreur : ",
// so that screen reader users hear it first (RGAA 11.10).
std::string title_with_errors(std::string title, bool has_errors);

}  // namespace boussole::web::pages
