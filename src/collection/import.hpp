#pragma once
// Importing data values from a CSV file (csv_values.hpp reads the dialects of
// French administrations). An import is all or nothing by default: any faulty
// line and nothing is written, while the import is still recorded as refused
// with its line-by-line report, so that the report can be read again. The
// valid_lines mode writes the good lines and reports the others. Sending the
// same file twice changes nothing the second time (every value is counted
// unchanged). An import can be undone as a whole: every cell it changed goes
// back to its previous state, through new versions, never by erasing history.
//
// Thread-safety: the functions are reentrant; each runs in transactions of its
// own on the database it is given.

#include "collection/data_values.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::collection {

enum class ImportStatus { Applied, Refused, Undone };

const char* to_string(ImportStatus status);  // "applied", "refused", "undone"
const char* label(ImportStatus status);      // "appliqué", "refusé", "annulé"
const char* to_string(WriteMode mode);       // "all_or_nothing", "valid_lines"
const char* label(WriteMode mode);           // "tout ou rien", "lignes valides seulement"
core::Result<WriteMode> parse_write_mode(std::string_view text);

// One entry of an import's report: a faulty line (or the whole file, without
// a line), or a warning about a value written anyway (an outlier).
struct ImportLine {
    std::optional<long> line;
    std::string field;     // the column in French: donnee, territoire, periode, valeur, commentaire; or ligne, fichier
    std::string value;     // as read in the file
    std::string message;   // what is wrong, in French
    std::string expected;  // what the column expects, in French
    bool warning = false;
};

struct Import {
    std::int64_t id = 0;
    std::string file_name;
    std::string content_sha256;
    WriteMode mode = WriteMode::AllOrNothing;
    ImportStatus status = ImportStatus::Applied;
    std::string dialect;  // in words: "séparateur point-virgule, virgule décimale, UTF-8 avec BOM…"
    std::int64_t lines_total = 0;
    std::int64_t values_written = 0;
    std::int64_t values_unchanged = 0;
    std::int64_t lines_rejected = 0;
    // Errors first, by line, then warnings; at most ImportSettings::report_limit
    // errors are kept (lines_rejected is the true count). Empty in lists.
    std::vector<ImportLine> report;
    std::optional<std::int64_t> organisation_id;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> token_id;
    std::string actor_label;
    core::Timestamp created_at;
    std::optional<core::Timestamp> undone_at;
    std::string undone_by;

    std::int64_t errors_listed() const;
};

// 50 MiB: a year of monthly values for every department and every element of
// the catalogue fits many times over.
inline constexpr std::size_t kDefaultMaxImportBytes = 50u * 1024 * 1024;

struct ImportSettings {
    std::size_t max_bytes = kDefaultMaxImportBytes;
    std::size_t batch_size = 5000;    // values per write_values call
    std::size_t report_limit = 1000;  // errors kept in the report
    // Called after each batch with the number of lines read so far (from the
    // importing thread).
    std::function<void(long)> progress;
};

// PayloadTooLarge: the file is over the limit, with what to do instead.
core::Error file_too_large(std::string_view file_name, std::size_t size, std::size_t limit);

// Imports bytes read from file_name (only its last path component is kept)
// in one write transaction. Returns the recorded import, applied or refused
// (status and report say which and why). Fails without recording anything
// with Unauthenticated or Forbidden when the principal may not write data,
// and with PayloadTooLarge beyond settings.max_bytes. Throws
// storage::DatabaseError when the database fails: then nothing of the import
// is kept.
core::Result<Import> run_import(storage::Database& database, const access::Principal& principal,
                                const territory::TerritoryRegistry& registry, const catalogue::Catalogue& catalogue,
                                std::string_view file_name, std::string_view bytes, WriteMode mode,
                                const ImportSettings& settings = {});

// National users (and the system) see every import; anyone else the imports
// of their own organisation. Newest first, without their reports.
core::Result<core::Page<Import>> list_imports(storage::Connection& connection, const access::Principal& principal,
                                              const core::PageRequest& page);

// One import with its report; NotFound when it does not exist or is not
// visible to the principal (same rule as list_imports).
core::Result<Import> find_import(storage::Connection& connection, const access::Principal& principal, std::int64_t id);

// A cell an undo left as it was, and why.
struct KeptCell {
    std::string element;
    std::string territory_key;
    std::string period;
    std::string reason;  // "modifiée depuis l'import", "validée"
};

struct UndoReport {
    std::int64_t restored = 0;   // cells put back to their state before the import
    std::vector<KeptCell> kept;  // cells changed since the import, or validated: left as they are
};

// Undoes an applied import: each cell it changed gets a new version ("undo")
// with the state it had before (a cell the import created is deleted). Cells
// changed since by anyone, or validated, are left as they are and listed.
// Allowed to whoever made the import and to national administrators.
// NotFound / Forbidden as find_import; Conflict when the import is not
// applied (refused, already undone), or when every cell it changed has
// changed since (nothing could be undone; the cells are listed in the error).
core::Result<UndoReport> undo_import(storage::Database& database, const access::Principal& principal, std::int64_t id);

// True when the principal may undo the import (see undo_import).
bool may_undo(const access::Principal& principal, const Import& import);

}  // namespace boussole::collection
