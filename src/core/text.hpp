#pragma once
// Text helpers shared by every module: UTF-8 checks, the folding used by
// searches and sorting (the same on both database backends), and trimming.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boussole::core {

// True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// Lower case, accents removed, runs of spaces and punctuation folded into one
// space, trimmed: "Île-de-France " -> "ile de france". Both backends compare the
// folded forms, so search and ordering do not depend on database collations.
std::string fold_for_search(std::string_view text);

std::string_view trim(std::string_view text);

// Escapes LIKE wildcards (% _ \) so that user text matches literally; use with
// "LIKE $n ESCAPE '\'".
std::string escape_like(std::string_view text);

// A whole decimal number from 1 upwards, nothing else (no sign, no spaces, no
// trailing characters): identifiers, versions, page numbers from requests.
std::optional<std::int64_t> parse_positive_integer(std::string_view text);

// Number of Unicode code points of valid UTF-8.
std::size_t utf8_length(std::string_view text);

}  // namespace boussole::core
