#pragma once
// Numbers as French spreadsheets and information systems write them: a decimal
// comma or point, thousands grouped by spaces (ordinary, no-break U+00A0 or
// narrow no-break U+202F) or by the other mark ("1.234,5", "1,234.5").
//
// One form is ambiguous: a single mark followed by exactly three digits
// ("1.234", "12,500") is a thousands separator in one convention and a
// decimal mark in the other. It is read from the convention the rest of the
// file shows; a file that shows none reads a lone comma as the French decimal
// comma and refuses a lone point, which would otherwise turn 1 234 people
// into 1.234 silently.

#include <optional>
#include <string>
#include <string_view>

namespace boussole::collection {

enum class DecimalMark { Comma, Point };

struct NumberReading {
    enum class Kind {
        Number,     // value holds the number
        Ambiguous,  // see the header: value and alternative hold both readings
        Invalid,    // problem says what is wrong, in French
    } kind = Kind::Invalid;
    double value = 0;
    // Ambiguous: the reading with the mark taken as a decimal mark (value) and
    // as a thousands separator (alternative).
    double alternative = 0;
    // The decimal mark the text shows without doubt, if any: what tells the
    // convention of the file.
    std::optional<DecimalMark> evidence;
    // Ambiguous: the mark that could be either.
    DecimalMark ambiguous_mark = DecimalMark::Comma;
    std::string problem;
};

// Reads a number; leading and trailing spaces are ignored. The text must not
// be empty (an empty cell means "delete", which the caller handles).
NumberReading read_number(std::string_view text);

// Settles an ambiguous reading with the convention of the file; nothing when
// it cannot be settled (a lone point in a file with no other evidence).
std::optional<double> settle(const NumberReading& reading, std::optional<DecimalMark> file_convention);

// "virgule décimale", "point décimal".
const char* describe(DecimalMark mark);

}  // namespace boussole::collection
