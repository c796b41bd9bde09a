#include "collection/csv_values.hpp"

#include "collection/csv_columns.hpp"
#include "collection/csv_records.hpp"

#include <unordered_map>

namespace boussole::collection {

namespace {

std::string upper_ascii(std::string_view text)
{
    std::string upper(text);
    for (char& c : upper)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return upper;
}

// The cell a line writes, in a form where "33" and "DEP-33", "2025-Q3" and
// "2025-T3" meet; hashed to 64 bits, so that remembering a million cells costs
// tens of megabytes rather than hundreds (two distinct cells sharing a hash,
// about one chance in ten million for a million lines, would be reported as a
// repeated cell).
std::uint64_t cell_hash(std::string_view element, const std::string& territory, const std::string& period)
{
    std::string_view place = territory;
    if (place.starts_with("DEP-"))
        place.remove_prefix(4);
    std::string when = period;
    if (auto q = when.find("-Q"); q != std::string::npos)
        when[q + 1] = 'T';
    std::string key;
    key.reserve(element.size() + place.size() + when.size() + 2);
    key.append(element).append(1, '\0').append(place).append(1, '\0').append(when);
    return std::hash<std::string>{}(key);
}

struct HeldValue {
    ValueInput input;
    NumberReading reading;
    std::string raw;
};

class ValueReader {
public:
    ValueReader(const CsvDialect& dialect, const std::function<void(ValueBatch&)>& on_batch, const ReadOptions& options)
        : m_on_batch(on_batch), m_options(options)
    {
        m_summary.dialect = dialect;
    }

    bool on_row(const CsvRow& row)
    {
        if (!m_header_read) {
            auto columns = map_columns(row.fields);
            if (!columns.ok()) {
                m_failure = std::move(columns).error();
                for (auto& field : m_failure->fields)
                    field.line = row.line;
                return false;
            }
            m_columns = std::move(columns).value();
            m_summary.ignored_columns = m_columns.ignored;
            m_header_read = true;
            return true;
        }
        ++m_summary.data_lines;
        read_line(row);
        if (m_batch.inputs.size() + m_batch.faults.size() >= m_options.batch_size)
            flush();
        return true;
    }

    core::Result<ReadSummary> finish()
    {
        if (m_failure)
            return std::move(*m_failure);
        for (auto& held : m_held)
            place_settled(held);
        m_held.clear();
        flush();
        return std::move(m_summary);
    }

private:
    void fault(core::FieldError error, std::string element = {})
    {
        m_batch.faults.push_back({std::move(error), std::move(element)});
    }

    void error(long line, ImportColumn column, std::string_view value, std::string message, std::string element = {})
    {
        fault({header_name(column), std::move(message), line, std::string(value)}, std::move(element));
    }

    void read_line(const CsvRow& row)
    {
        const auto& fields = row.fields;
        std::size_t errors_before = m_batch.faults.size();
        int needed =
            std::max({m_columns.element, m_columns.territory, m_columns.period, m_columns.value, m_columns.comment});
        if (static_cast<int>(fields.size()) <= needed) {
            fault({"ligne",
                   "La ligne a " + std::to_string(fields.size()) + " champ(s) alors que l'en-tête nomme " +
                       std::to_string(m_columns.width) + " colonnes : un séparateur manque, ou la ligne est coupée.",
                   row.line, std::nullopt});
            return;
        }
        for (std::size_t i = m_columns.width; i < fields.size(); ++i) {
            if (fields[i].empty())
                continue;
            std::string hint = m_summary.dialect.separator == ','
                                   ? " Dans un fichier séparé par des virgules, une valeur à virgule décimale "
                                     "s'écrit entre guillemets (\"1,5\") ; ou enregistrez le fichier avec des "
                                     "points-virgules."
                                   : " Retirez les champs en trop ou nommez leur colonne dans l'en-tête.";
            fault({"ligne",
                   "La ligne a " + std::to_string(fields.size()) + " champs alors que l'en-tête nomme " +
                       std::to_string(m_columns.width) + " colonnes." + hint,
                   row.line, fields[i]});
            return;
        }

        ValueInput input;
        input.line = row.line;
        input.element = fields[m_columns.element];
        input.territory = upper_ascii(fields[m_columns.territory]);
        input.period = upper_ascii(fields[m_columns.period]);
        if (m_columns.comment >= 0)
            input.comment = fields[m_columns.comment];
        if (input.element.empty())
            error(row.line, ImportColumn::Element, "", "Code de la donnée manquant.");
        if (input.territory.empty())
            error(row.line, ImportColumn::Territory, "", "Territoire manquant.");
        if (input.period.empty())
            error(row.line, ImportColumn::Period, "", "Période manquante.");

        const std::string& raw_value = fields[m_columns.value];
        std::optional<NumberReading> ambiguous;
        if (!raw_value.empty()) {
            NumberReading reading = read_number(raw_value);
            if (reading.kind == NumberReading::Kind::Invalid) {
                error(row.line, ImportColumn::Value, raw_value, reading.problem, input.element);
            } else {
                note_evidence(reading.evidence);
                if (reading.kind == NumberReading::Kind::Number)
                    input.value = reading.value;
                else if (m_convention)
                    input.value = settle(reading, m_convention);
                else
                    ambiguous = std::move(reading);
            }
        }

        if (!input.element.empty() && !input.territory.empty() && !input.period.empty()) {
            auto [found, inserted] =
                m_cells.try_emplace(cell_hash(input.element, input.territory, input.period), row.line);
            if (!inserted)
                fault({"ligne",
                       "Même donnée, même territoire et même période qu'à la ligne " + std::to_string(found->second) +
                           " : un fichier ne donne qu'une valeur par cellule. Gardez une seule de ces deux lignes.",
                       row.line, input.element + ", " + input.territory + ", " + input.period},
                      input.element);
        }
        if (m_batch.faults.size() > errors_before)
            return;
        if (ambiguous)
            m_held.push_back({std::move(input), std::move(*ambiguous), raw_value});
        else
            m_batch.inputs.push_back(std::move(input));
    }

    void note_evidence(std::optional<DecimalMark> evidence)
    {
        if (!evidence)
            return;
        if (!m_summary.decimal_mark) {
            m_summary.decimal_mark = evidence;
            m_convention = evidence;
            // The convention is known: the values waiting for it can go.
            for (auto& held : m_held)
                place_settled(held);
            m_held.clear();
        } else if (*m_summary.decimal_mark != *evidence) {
            m_summary.mixed_decimal_marks = true;
        }
    }

    void place_settled(HeldValue& held)
    {
        auto value = settle(held.reading, m_convention);
        if (!value) {
            error(held.input.line, ImportColumn::Value, held.raw, held.reading.problem, held.input.element);
            return;
        }
        held.input.value = value;
        m_batch.inputs.push_back(std::move(held.input));
    }

    void flush()
    {
        if (m_batch.inputs.empty() && m_batch.faults.empty())
            return;
        m_on_batch(m_batch);
        m_batch.inputs.clear();
        m_batch.faults.clear();
        if (m_options.progress)
            m_options.progress(m_summary.data_lines);
    }

    const std::function<void(ValueBatch&)>& m_on_batch;
    const ReadOptions& m_options;
    ReadSummary m_summary;
    ColumnMap m_columns;
    bool m_header_read = false;
    std::optional<core::Error> m_failure;
    ValueBatch m_batch;
    std::vector<HeldValue> m_held;
    std::optional<DecimalMark> m_convention;
    std::unordered_map<std::uint64_t, long> m_cells;
};

}  // namespace

std::string ReadSummary::describe() const
{
    std::string text = "séparateur ";
    text += separator_name(dialect.separator);
    if (mixed_decimal_marks)
        text += ", virgule et point décimaux mêlés";
    else if (decimal_mark)
        text += std::string(", ") + collection::describe(*decimal_mark);
    std::string rest = collection::describe(dialect);
    text += rest.substr(rest.find(','));
    if (!ignored_columns.empty()) {
        text += " ; colonnes ignorées : ";
        for (std::size_t i = 0; i < ignored_columns.size(); ++i)
            text += (i == 0 ? "« " : ", « ") + ignored_columns[i] + " »";
    }
    return text;
}

core::Result<ReadSummary> read_values(const DecodedText& text, const std::function<void(ValueBatch&)>& on_batch,
                                      const ReadOptions& options)
{
    auto dialect = detect_dialect(text);
    if (!dialect.ok())
        return std::move(dialect).error();
    ValueReader reader(*dialect, on_batch, options);
    auto status = read_csv_rows(text.text(), dialect->separator, [&](const CsvRow& row) { return reader.on_row(row); });
    auto summary = reader.finish();
    if (!status.ok())
        return std::move(status).error();
    return summary;
}

}  // namespace boussole::collection
