#pragma once
// Turns the rows of an import file into the values to write: the columns
// found by header name, numbers read in the file's decimal convention, each
// faulty line reported with its field, value, reason and what is expected.
// Values come out in batches so that a file of a million lines is never held
// whole in memory as values.

#include "collection/csv_dialect.hpp"
#include "collection/csv_number.hpp"
#include "collection/data_values.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace boussole::collection {

// A problem of a line, with the element code the line names (empty when it
// names none), so that a report can say what that element expects.
struct LineFault {
    core::FieldError error;
    std::string element;
};

// Values read from consecutive lines, and the problems of the lines that
// gave no value. A line is in one or the other, never both.
struct ValueBatch {
    std::vector<ValueInput> inputs;
    std::vector<LineFault> faults;
};

struct ReadSummary {
    CsvDialect dialect;
    long data_lines = 0;                      // lines that carry a value (not the header, not blank, not a comment)
    std::optional<DecimalMark> decimal_mark;  // the convention the numbers show, if any
    bool mixed_decimal_marks = false;         // both marks used as decimal marks
    std::vector<std::string> ignored_columns;

    // "séparateur point-virgule, virgule décimale, UTF-8 avec BOM, fins de
    // ligne Windows (CRLF)", with the ignored columns if any.
    std::string describe() const;
};

struct ReadOptions {
    std::size_t batch_size = 5000;
    // Called after each batch with the number of data lines read so far.
    std::function<void(long)> progress;
};

// Reads the whole text, calling on_batch with each batch in turn (never an
// empty one). Fails with Invalid for what makes the whole file unreadable:
// no header, a missing column, broken quoting (the batches before the broken
// line have then been delivered). Two lines for the same cell (element,
// territory, period) are a fault of the second one: a file gives one value
// per cell, so that sending it twice changes nothing.
core::Result<ReadSummary> read_values(const DecodedText& text, const std::function<void(ValueBatch&)>& on_batch,
                                      const ReadOptions& options = {});

}  // namespace boussole::collection
