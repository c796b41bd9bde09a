#pragma once
// The columns of an import file, found by their header names whatever their
// order, case or accents, in French or in English ("Donnée", "element",
// "Département", "territory"…), and the documentation of those columns that
// the template, the upload page and the API share.

#include "core/result.hpp"

#include <string>
#include <vector>

namespace boussole::collection {

enum class ImportColumn { Element, Territory, Period, Value, Comment };

// The canonical French header of a column: "donnee", "territoire", "periode",
// "valeur", "commentaire".
const char* header_name(ImportColumn column);

// Where each column sits in the file's rows (-1 when absent, for the optional
// comment).
struct ColumnMap {
    int element = -1;
    int territory = -1;
    int period = -1;
    int value = -1;
    int comment = -1;
    std::size_t width = 0;             // number of header fields
    std::vector<std::string> ignored;  // header names that match no column, as written

    int index(ImportColumn column) const;
};

// Maps a header row. Fails with Invalid, in one message, when required
// columns are missing (naming them, their accepted names and the columns
// read) or when one column appears twice.
core::Result<ColumnMap> map_columns(const std::vector<std::string>& header);

// For the template and the pages.
struct ColumnDoc {
    const char* name;  // "donnee"
    const char* also;  // the other accepted names, "element, élément, code donnée…"
    bool required;
    const char* description;  // what to write, in French
    const char* example;
};
const std::vector<ColumnDoc>& column_docs();

// The file offered for download as modele-import.csv: UTF-8 with a
// byte-order mark (so that Excel opens it as UTF-8), semicolons, a comment
// line (lines starting with '#' are ignored on import) explaining the
// columns, the header and two example lines.
std::string import_template_csv();
inline constexpr const char* kTemplateFileName = "modele-import.csv";

}  // namespace boussole::collection
