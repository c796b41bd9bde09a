#pragma once
// Reading CSV text (RFC 4180 quoting, any one-byte separator) through libcsv.
// Dialect detection (separator, encoding, decimal comma) belongs to the import
// code that needs it; this only splits records and fields.

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace boussole::core {

struct CsvRecord {
    long line = 0;  // 1-based line where the record starts in the text
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<std::string> header;
    std::vector<CsvRecord> records;

    // Index of a header column, or -1.
    int column(std::string_view name) const;
};

// Parses text whose first record is the header. A UTF-8 byte-order mark is
// skipped; empty lines are ignored. Fails with Invalid (French message with the
// line) on an unterminated quote.
Result<CsvTable> parse_csv(std::string_view text, char separator = ',');

// Reads a whole file; fails with NotFound / Invalid (French message).
Result<std::string> read_file(const std::string& path);

}  // namespace boussole::core
