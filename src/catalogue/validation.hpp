#pragma once
// The rules every catalogue entry obeys, whoever writes it (an administrator
// through the API or a form, or the reference import): each field, the codes
// it names, and the formulas. One check for all writers, so that an entry
// refused in a form is refused in a file too.

#include "catalogue/catalogue.hpp"
#include "core/result.hpp"

#include <string>
#include <vector>

namespace boussole::catalogue {

// Trims the text fields and puts the priorities in order without duplicates.
void normalise(Source& source);
void normalise(DataElement& element);
void normalise(Indicator& indicator);

// "mdph_decisions": 2 to 63 characters, lower-case ASCII letters, digits and
// "_", starting with a letter.
bool is_valid_code(std::string_view code);

// The catalogue with entry added, or put in place of the entry of the same code.
Catalogue with_entry(const Catalogue& catalogue, const Source& source);
Catalogue with_entry(const Catalogue& catalogue, const DataElement& element);
Catalogue with_entry(const Catalogue& catalogue, const Indicator& indicator);

// Each returns Invalid with one FieldError per faulty field (named as in the
// JSON representation) and a message that says what to fix; catalogue is the
// candidate catalogue, the entry in it (with_entry). The entries that depend
// on the one checked (indicators citing an element, elements bounded by it…)
// are checked again: a break they would suffer is reported on the field
// "used_by".
core::Status validate_source(const Source& source);
core::Status validate_element(const DataElement& element, const Catalogue& catalogue);
// priority_codes: the priorities of the national framework ("P1"…"P11").
core::Status validate_indicator(const Indicator& indicator, const Catalogue& catalogue,
                                const std::vector<std::string>& priority_codes);

}  // namespace boussole::catalogue
