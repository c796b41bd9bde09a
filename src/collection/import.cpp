#include "collection/import.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "collection/csv_values.hpp"
#include "collection/import_report.hpp"
#include "collection/import_store.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace boussole::collection {

namespace {

constexpr std::size_t kWarningLimit = 200;
constexpr std::size_t kFileNameLimit = 200;

// Only the last path component, valid UTF-8 and not too long: browsers and
// scripts may send "C:\Users\…\valeurs.csv" or worse.
std::string clean_file_name(std::string_view name)
{
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    std::string cleaned(core::trim(name));
    if (!core::is_valid_utf8(cleaned))
        cleaned = core::fold_for_search(cleaned);
    for (char& c : cleaned)
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    if (cleaned.size() > kFileNameLimit) {
        std::size_t cut = kFileNameLimit;
        while (cut > 0 && (static_cast<unsigned char>(cleaned[cut]) & 0xC0) == 0x80)
            --cut;
        cleaned.resize(cut);
    }
    return cleaned.empty() ? "import.csv" : cleaned;
}

std::string mebibytes(std::size_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
    std::string result = text;
    std::replace(result.begin(), result.end(), '.', ',');
    if (result.ends_with(",0"))
        result.resize(result.size() - 2);
    return result + " Mio";
}

// Who may import: whoever may write data values somewhere (policy.hpp).
core::Status may_import(const access::Principal& principal)
{
    std::vector<territory::TerritoryKey> scope(principal.scope.territories().begin(),
                                               principal.scope.territories().end());
    return access::require_territorial_write(principal, scope, "importer des données");
}

// Gathers the faults and counts of the batches of one file.
class ReportCollector {
public:
    ReportCollector(const catalogue::Catalogue& catalogue, std::size_t limit) : m_catalogue(catalogue), m_limit(limit)
    {}

    void add(const ValueBatch& batch, const WriteReport* written)
    {
        std::set<long> lines;
        for (const auto& fault : batch.faults) {
            keep_error(report_line(fault.error, fault.element, m_catalogue));
            lines.insert(fault.error.line.value_or(0));
        }
        if (written != nullptr) {
            std::unordered_map<long, const std::string*> elements;
            if (!written->rejected.empty() || !written->warnings.empty())
                for (const auto& input : batch.inputs)
                    elements.emplace(input.line, &input.element);
            auto element_of = [&](const core::FieldError& fault) -> std::string_view {
                auto found = elements.find(fault.line.value_or(0));
                return found == elements.end() ? std::string_view() : std::string_view(*found->second);
            };
            for (const auto& fault : written->rejected) {
                keep_error(report_line(fault, element_of(fault), m_catalogue));
                lines.insert(fault.line.value_or(0));
            }
            for (const auto& warning : written->warnings)
                if (m_warnings.size() < kWarningLimit)
                    m_warnings.push_back(report_line(warning, element_of(warning), m_catalogue, true));
            m_written += written->written;
            m_unchanged += written->unchanged;
        }
        m_rejected_lines += static_cast<std::int64_t>(lines.size());
    }

    // A fault of the whole file (encoding, header, quoting), first in the report.
    void add_file_error(const core::Error& error)
    {
        ImportLine line;
        line.field = "fichier";
        for (const auto& field : error.fields)
            if (field.line)
                line.line = field.line;
        line.message = error.message;
        line.expected = expected_for("fichier", nullptr, m_catalogue);
        m_file_error = std::move(line);
    }

    bool file_refused() const { return m_file_error.has_value(); }
    std::int64_t rejected_lines() const { return m_rejected_lines; }
    std::int64_t written() const { return m_written; }
    std::int64_t unchanged() const { return m_unchanged; }

    std::vector<ImportLine> report()
    {
        trim_errors();
        std::vector<ImportLine> report;
        if (m_file_error)
            report.push_back(*m_file_error);
        report.insert(report.end(), m_errors.begin(), m_errors.end());
        report.insert(report.end(), m_warnings.begin(), m_warnings.end());
        return report;
    }

private:
    // Keeps the faults of the first lines: values held back for their decimal
    // convention may report after later lines.
    void keep_error(ImportLine line)
    {
        m_errors.push_back(std::move(line));
        if (m_errors.size() >= 2 * m_limit)
            trim_errors();
    }

    void trim_errors()
    {
        std::stable_sort(m_errors.begin(), m_errors.end(),
                         [](const ImportLine& a, const ImportLine& b) { return a.line < b.line; });
        if (m_errors.size() > m_limit)
            m_errors.resize(m_limit);
    }

    const catalogue::Catalogue& m_catalogue;
    std::size_t m_limit;
    std::vector<ImportLine> m_errors;
    std::vector<ImportLine> m_warnings;
    std::optional<ImportLine> m_file_error;
    std::int64_t m_rejected_lines = 0;
    std::int64_t m_written = 0;
    std::int64_t m_unchanged = 0;
};

nlohmann::json audit_summary(const Import& import)
{
    return {{"file_name", import.file_name},
            {"content_sha256", import.content_sha256},
            {"mode", to_string(import.mode)},
            {"status", to_string(import.status)},
            {"lines_total", import.lines_total},
            {"values_written", import.values_written},
            {"values_unchanged", import.values_unchanged},
            {"lines_rejected", import.lines_rejected}};
}

// Records a refused import: whatever it wrote was rolled back with its
// transaction; the record and its report get a transaction of their own.
Import record_refusal(storage::Database& database, Import import, const std::optional<ReadSummary>& summary,
                      ReportCollector& collector)
{
    import.id = 0;
    import.status = ImportStatus::Refused;
    if (summary) {
        import.dialect = summary->describe();
        import.lines_total = summary->data_lines;
    }
    import.values_written = 0;
    import.values_unchanged = 0;
    import.lines_rejected = collector.rejected_lines();
    import.report = collector.report();
    return database.write([&](storage::Connection& connection) { return import_store::insert(connection, import); });
}

// The sentinel a transaction returns to roll back an import that is refused
// after values were written; the refusal is recorded afterwards.
core::Error refused_marker()
{
    return core::Error::conflict("import refusé");
}

}  // namespace

const char* to_string(ImportStatus status)
{
    switch (status) {
    case ImportStatus::Applied: return "applied";
    case ImportStatus::Refused: return "refused";
    case ImportStatus::Undone: return "undone";
    }
    return "applied";
}

const char* label(ImportStatus status)
{
    switch (status) {
    case ImportStatus::Applied: return "appliqué";
    case ImportStatus::Refused: return "refusé";
    case ImportStatus::Undone: return "annulé";
    }
    return "appliqué";
}

const char* to_string(WriteMode mode)
{
    return mode == WriteMode::AllOrNothing ? "all_or_nothing" : "valid_lines";
}

const char* label(WriteMode mode)
{
    return mode == WriteMode::AllOrNothing ? "tout ou rien" : "lignes valides seulement";
}

core::Result<WriteMode> parse_write_mode(std::string_view text)
{
    if (text == "all_or_nothing")
        return WriteMode::AllOrNothing;
    if (text == "valid_lines")
        return WriteMode::ValidLines;
    return core::Error::invalid("Mode d'import « " + std::string(text) +
                                    " » inconnu : attendu all_or_nothing (tout ou rien, par défaut) ou valid_lines "
                                    "(écrire les lignes valides et signaler les autres).",
                                {{"mode", "attendu all_or_nothing ou valid_lines", std::nullopt, std::string(text)}});
}

core::Error file_too_large(std::string_view file_name, std::size_t size, std::size_t limit)
{
    return {core::ErrorCode::PayloadTooLarge,
            "Le fichier « " + clean_file_name(file_name) + " » fait " + mebibytes(size) + " : un import est limité à " +
                mebibytes(limit) +
                ". Découpez-le, par exemple par donnée ou par année, et importez les morceaux l'un après l'autre.",
            {}};
}

std::int64_t Import::errors_listed() const
{
    return std::count_if(report.begin(), report.end(), [](const ImportLine& line) { return !line.warning; });
}

core::Result<Import> run_import(storage::Database& database, const access::Principal& principal,
                                const territory::TerritoryRegistry& registry, const catalogue::Catalogue& catalogue,
                                std::string_view file_name, std::string_view bytes, WriteMode mode,
                                const ImportSettings& settings)
{
    BOUSSOLE_TRY(may_import(principal));
    Import import;
    import.file_name = clean_file_name(file_name);
    if (bytes.size() > settings.max_bytes)
        return file_too_large(import.file_name, bytes.size(), settings.max_bytes);
    import.content_sha256 = access::sha256_hex(bytes);
    import.mode = mode;
    import.organisation_id = principal.organisation_id;
    import.user_id = principal.user_id;
    import.token_id = principal.token_id;
    import.actor_label = principal.label;
    import.created_at = core::now();

    ReportCollector collector(catalogue, settings.report_limit);
    std::optional<ReadSummary> summary;
    auto decoded = DecodedText::decode(bytes);
    if (!decoded.ok()) {
        collector.add_file_error(decoded.error());
        return record_refusal(database, import, summary, collector);
    }
    if (auto dialect = detect_dialect(*decoded); dialect.ok())
        import.dialect = describe(*dialect);

    std::optional<core::Error> denied;
    auto outcome = database.write([&](storage::Connection& connection) -> core::Result<Import> {
        import = import_store::insert(connection, import);
        WriteContext context{ValueOrigin::Import, import.id, mode};
        ReadOptions options;
        options.batch_size = settings.batch_size;
        options.progress = settings.progress;
        auto read = read_values(
            *decoded,
            [&](ValueBatch& batch) {
                if (denied)
                    return;
                if (batch.inputs.empty()) {
                    collector.add(batch, nullptr);
                    return;
                }
                auto written = write_values(connection, principal, registry, catalogue, batch.inputs, context);
                if (!written.ok()) {
                    denied = std::move(written).error();
                    return;
                }
                collector.add(batch, &*written);
            },
            options);
        if (denied)
            return *denied;
        if (!read.ok()) {
            collector.add_file_error(read.error());
            return refused_marker();
        }
        summary = std::move(read).value();
        if (summary->data_lines == 0) {
            collector.add_file_error(core::Error::invalid(
                "Le fichier ne contient que la ligne d'en-tête : ajoutez une ligne par valeur à importer."));
            return refused_marker();
        }
        if (mode == WriteMode::AllOrNothing && collector.rejected_lines() > 0)
            return refused_marker();
        import.status = ImportStatus::Applied;
        import.dialect = summary->describe();
        import.lines_total = summary->data_lines;
        import.values_written = collector.written();
        import.values_unchanged = collector.unchanged();
        import.lines_rejected = collector.rejected_lines();
        import.report = collector.report();
        import_store::finish(connection, import);
        access::record_audit(
            connection, principal,
            {"import", "import", std::to_string(import.id), std::nullopt, audit_summary(import).dump()});
        return import;
    });
    if (outcome.ok() || denied)
        return outcome;
    return record_refusal(database, import, summary, collector);
}

}  // namespace boussole::collection
