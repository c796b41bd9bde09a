#include "collection/csv_number.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace boussole::collection {

namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";            // U+00A0
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";  // U+202F

// The length of a space (ordinary, no-break or narrow no-break) at text[i],
// or 0.
std::size_t space_at(std::string_view text, std::size_t i)
{
    if (text[i] == ' ')
        return 1;
    if (text.substr(i, 2) == kNoBreakSpace)
        return 2;
    if (text.substr(i, 3) == kNarrowNoBreakSpace)
        return 3;
    return 0;
}

std::string_view trim_spaces(std::string_view text)
{
    while (!text.empty()) {
        if (text.front() == '\t') {
            text.remove_prefix(1);
            continue;
        }
        std::size_t length = space_at(text, 0);
        if (length == 0)
            break;
        text.remove_prefix(length);
    }
    while (!text.empty()) {
        if (text.back() == ' ' || text.back() == '\t')
            text.remove_suffix(1);
        else if (text.ends_with(kNoBreakSpace))
            text.remove_suffix(kNoBreakSpace.size());
        else if (text.ends_with(kNarrowNoBreakSpace))
            text.remove_suffix(kNarrowNoBreakSpace.size());
        else
            break;
    }
    return text;
}

NumberReading invalid(std::string_view text, const std::string& why)
{
    NumberReading reading;
    reading.kind = NumberReading::Kind::Invalid;
    reading.problem = "« " + std::string(text) + " » n'est pas un nombre" + (why.empty() ? "." : " : " + why);
    return reading;
}

bool all_digits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Splits integer digits grouped by thousands separators ("1 234 567" with
// spaces already turned into '_'): the first group 1 to 3 digits, the others
// exactly 3. Returns the digits, or nothing when the grouping is wrong.
std::optional<std::string> ungroup(std::string_view text, char separator)
{
    if (text.find(separator) == std::string_view::npos)
        return all_digits(text) ? std::optional<std::string>(text) : std::nullopt;
    std::string digits;
    std::size_t start = 0;
    bool first = true;
    while (true) {
        std::size_t end = text.find(separator, start);
        std::string_view group = text.substr(start, end == std::string_view::npos ? end : end - start);
        if (!all_digits(group) || (first ? group.size() > 3 : group.size() != 3))
            return std::nullopt;
        digits += group;
        first = false;
        if (end == std::string_view::npos)
            return digits;
        start = end + 1;
    }
}

double to_double(const std::string& integer_digits, std::string_view fraction_digits, bool negative)
{
    std::string text = integer_digits;
    if (!fraction_digits.empty())
        text += "." + std::string(fraction_digits);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return negative ? -value : value;
}

}  // namespace

NumberReading read_number(std::string_view raw)
{
    std::string_view text = trim_spaces(raw);
    std::string_view shown = text;
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    // Spaces of every kind become '_', so that the rest works on one byte each.
    std::string body;
    bool spaced = false;
    for (std::size_t i = 0; i < text.size();) {
        if (std::size_t length = space_at(text, i)) {
            body += '_';
            spaced = true;
            i += length;
            continue;
        }
        char c = text[i];
        if ((c < '0' || c > '9') && c != '.' && c != ',') {
            if (c == '%')
                return invalid(shown, "écrivez le nombre seul, sans le signe %, par exemple 82,5.");
            if (c == 'e' || c == 'E')
                return invalid(shown, "la notation scientifique n'est pas acceptée, écrivez le nombre en entier.");
            return invalid(shown, "écrivez un nombre seul, sans unité ni texte (le commentaire a sa colonne).");
        }
        body += c;
        ++i;
    }
    if (body.empty())
        return invalid(shown, "la cellule ne contient que des espaces.");

    auto dots = std::count(body.begin(), body.end(), '.');
    auto commas = std::count(body.begin(), body.end(), ',');
    NumberReading reading;
    reading.kind = NumberReading::Kind::Number;
    const char* grouping_help =
        "les séparateurs de milliers doivent isoler des groupes de trois chiffres "
        "(1 234 567,5).";

    if (dots > 0 && commas > 0) {
        // Both marks: the last one is the decimal mark, the other groups thousands.
        char decimal = body.find_last_of(".,") == body.rfind('.') ? '.' : ',';
        char thousands = decimal == '.' ? ',' : '.';
        if ((decimal == '.' ? dots : commas) != 1 || spaced)
            return invalid(shown, grouping_help);
        std::size_t mark = body.find(decimal);
        auto integer = ungroup(std::string_view(body).substr(0, mark), thousands);
        std::string_view fraction = std::string_view(body).substr(mark + 1);
        if (!integer || !all_digits(fraction))
            return invalid(shown, grouping_help);
        reading.value = to_double(*integer, fraction, negative);
        reading.evidence = decimal == '.' ? DecimalMark::Point : DecimalMark::Comma;
        return reading;
    }
    if (dots + commas == 0) {
        auto integer = ungroup(body, '_');
        if (!integer)
            return invalid(shown, grouping_help);
        reading.value = to_double(*integer, {}, negative);
        return reading;
    }
    char mark = dots > 0 ? '.' : ',';
    DecimalMark as_decimal = mark == '.' ? DecimalMark::Point : DecimalMark::Comma;
    DecimalMark other = mark == '.' ? DecimalMark::Comma : DecimalMark::Point;
    if (dots + commas > 1) {
        // The same mark several times can only group thousands.
        if (spaced)
            return invalid(shown, grouping_help);
        auto integer = ungroup(body, mark);
        if (!integer)
            return invalid(
                shown, "une seule virgule ou un seul point décimal par nombre, ou bien " + std::string(grouping_help));
        reading.value = to_double(*integer, {}, negative);
        reading.evidence = other;
        return reading;
    }
    std::size_t position = body.find(mark);
    std::string_view integer_part = std::string_view(body).substr(0, position);
    std::string_view fraction = std::string_view(body).substr(position + 1);
    auto integer = ungroup(integer_part, '_');
    if (integer_part.empty())
        return invalid(shown, "écrivez le zéro avant la virgule, par exemple 0,5.");
    if (!integer || !all_digits(fraction))
        return invalid(shown, fraction.find('_') != std::string_view::npos
                                  ? "les espaces ne peuvent grouper que les chiffres avant la virgule."
                                  : grouping_help);
    reading.value = to_double(*integer, fraction, negative);
    bool could_group = !spaced && fraction.size() == 3 && integer_part.size() <= 3 && integer_part.front() != '0';
    if (!could_group) {
        reading.evidence = as_decimal;
        return reading;
    }
    reading.kind = NumberReading::Kind::Ambiguous;
    reading.alternative = to_double(*integer + std::string(fraction), {}, negative);
    std::string as_integer = *integer + std::string(fraction);
    std::string as_fraction = *integer + "," + std::string(fraction);
    reading.problem = "« " + std::string(shown) +
                      " » est ambigu : " + (mark == '.' ? std::string("le point") : std::string("la virgule")) +
                      " peut séparer les milliers (" + as_integer + ") ou les décimales (" + as_fraction +
                      "), et le reste du fichier ne permet pas de trancher. Écrivez " + as_integer + " ou " +
                      as_fraction + ".";
    // Record which mark was ambiguous: settle() needs it.
    reading.evidence = std::nullopt;
    reading.ambiguous_mark = as_decimal;
    return reading;
}

std::optional<double> settle(const NumberReading& reading, std::optional<DecimalMark> file_convention)
{
    if (reading.kind == NumberReading::Kind::Number)
        return reading.value;
    if (reading.kind != NumberReading::Kind::Ambiguous)
        return std::nullopt;
    if (file_convention)
        return *file_convention == reading.ambiguous_mark ? reading.value : reading.alternative;
    if (reading.ambiguous_mark == DecimalMark::Comma)
        return reading.value;
    return std::nullopt;
}

const char* describe(DecimalMark mark)
{
    return mark == DecimalMark::Comma ? "virgule décimale" : "point décimal";
}

}  // namespace boussole::collection
