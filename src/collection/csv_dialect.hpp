#pragma once
// The dialects of the CSV files French administrations produce: spreadsheet
// exports in UTF-8 (with or without a byte-order mark) or in Windows-1252,
// separated by semicolons, commas or tabs, with Windows or Unix line endings.
// This file finds out which one a file uses and turns it into UTF-8 text;
// splitting records is left to libcsv (csv_records.hpp).

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace boussole::collection {

enum class TextEncoding {
    Utf8,         // valid UTF-8, no byte-order mark
    Utf8WithBom,  // valid UTF-8 after a byte-order mark
    Windows1252,  // not UTF-8 but plausible Windows-1252: converted
};

// UTF-8 text made from the bytes of a file. Owns the converted text when a
// conversion was needed; otherwise views the caller's bytes, which must then
// outlive it.
class DecodedText {
public:
    // Finds the encoding and converts to UTF-8 when needed (iconv). Fails
    // with Invalid when the bytes are neither UTF-8 nor plausible
    // Windows-1252 (control characters, bytes Windows-1252 leaves undefined,
    // or UTF-8 broken in places while valid elsewhere); the message gives the
    // line of the first faulty byte and says how to save the file.
    static core::Result<DecodedText> decode(std::string_view bytes);

    DecodedText(DecodedText&& other) noexcept;
    DecodedText& operator=(DecodedText&& other) noexcept;
    DecodedText(const DecodedText&) = delete;
    DecodedText& operator=(const DecodedText&) = delete;

    // The text without its byte-order mark.
    std::string_view text() const { return m_text; }
    TextEncoding encoding() const { return m_encoding; }

private:
    DecodedText() = default;

    std::string m_converted;
    std::string_view m_text;
    TextEncoding m_encoding = TextEncoding::Utf8;
};

enum class LineEnding { Lf, CrLf };

struct CsvDialect {
    TextEncoding encoding = TextEncoding::Utf8;
    char separator = ';';
    LineEnding line_ending = LineEnding::Lf;
};

// The first line of the text that is neither empty nor a comment (starting
// with '#'): the header. Returns an empty view when there is none.
std::string_view header_line(std::string_view text);

// The separator of a header line: whichever of ';', tab and ',' occurs most
// often outside quotes (';' wins a tie, then tab). Fails with Invalid when
// the line holds none of them: the file then has one column only.
core::Result<char> detect_separator(std::string_view header);

// Everything about the dialect that can be read from the text alone.
core::Result<CsvDialect> detect_dialect(const DecodedText& text);

// "séparateur point-virgule, UTF-8 avec BOM, fins de ligne Windows (CRLF)".
std::string describe(const CsvDialect& dialect);
const char* separator_name(char separator);  // "point-virgule", "virgule", "tabulation"

}  // namespace boussole::collection
