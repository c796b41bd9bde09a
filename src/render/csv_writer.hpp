#pragma once
// CSV files meant to be opened by a spreadsheet. Excel reads a file as UTF-8
// only when it starts with a byte-order mark, splits on ';' in French
// locales, and expects CRLF line ends; every field is quoted (libcsv doubles
// the quotes inside), so separators and line breaks in values are safe.
//
// A cell beginning with '=', '+', '-', '@', a tab or a carriage return would be
// run as a formula by spreadsheets ("CSV injection"): such values get a
// leading apostrophe, which spreadsheets show as text; a plain negative
// number ("-3,5") stays a number.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::render {

class CsvWriter {
public:
    // Starts the text with the UTF-8 byte-order mark.
    CsvWriter();

    // Appends one record: quoted fields joined by ';', ended by CRLF.
    void add_row(const std::vector<std::string>& fields);

    const std::string& text() const { return m_text; }

private:
    std::string m_text;
};

// One field as written: quoted, inner quotes doubled, formula start neutralised.
std::string csv_field(std::string_view value);

// A number for a French spreadsheet: decimal comma, no thousands separator
// ("1234,5", "-3"); empty when there is no value.
std::string csv_number(const std::optional<double>& value);

inline constexpr std::string_view kCsvContentType = "text/csv; charset=utf-8";

}  // namespace boussole::render
