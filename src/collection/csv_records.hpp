#pragma once
// Splits CSV text into rows with libcsv, one row at a time, so that a file of
// a million lines never becomes a million vectors at once. Quoted fields
// (with separators, quotes or line breaks inside) follow RFC 4180. Empty
// lines, lines of separators only and comment lines (starting with '#'
// outside any quoted field) are skipped.

#include "core/result.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::collection {

struct CsvRow {
    long line = 0;                    // 1-based line where the row starts
    std::vector<std::string> fields;  // trimmed of ordinary spaces and tabs
};

// Calls on_row for each row in order, the header included, until it returns
// false; the row is reused between calls, so on_row copies what it keeps. Fails with Invalid (French
// message with the line) on a quote left open or followed by other
// characters; the rows before it have been delivered.
core::Status read_csv_rows(std::string_view text, char separator, const std::function<bool(const CsvRow&)>& on_row);

}  // namespace boussole::collection
