#include "catalogue/reference_import.hpp"

#include "access/audit.hpp"
#include "catalogue/catalogue_changes.hpp"
#include "catalogue/catalogue_json.hpp"
#include "catalogue/catalogue_rows.hpp"
#include "catalogue/validation.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <charconv>
#include <map>
#include <set>
#include <sstream>

namespace boussole::catalogue {

namespace {

template <typename Entry>
struct Line {
    Entry entry;
    long line = 0;
};

// The fields of one record, read by column name; each fault is collected
// with its file and line.
class Record {
public:
    Record(const std::string& file, const core::CsvTable& table, const core::CsvRecord& record,
           std::vector<core::FieldError>& errors)
        : m_file(file), m_table(table), m_record(record), m_errors(errors)
    {}

    std::string text(const char* column) const
    {
        auto index = m_table.column(column);
        return std::string(core::trim(m_record.fields.at(static_cast<std::size_t>(index))));
    }

    std::optional<double> optional_number(const char* column) const
    {
        auto value = text(column);
        if (value.empty())
            return std::nullopt;
        double number = 0;
        auto parsed = std::from_chars(value.data(), value.data() + value.size(), number);
        if (parsed.ec != std::errc() || parsed.ptr != value.data() + value.size()) {
            fault(column, "nombre attendu, avec un point décimal", value);
            return std::nullopt;
        }
        return number;
    }

    int integer(const char* column) const
    {
        auto value = text(column);
        int number = 0;
        auto parsed = std::from_chars(value.data(), value.data() + value.size(), number);
        if (parsed.ec != std::errc() || parsed.ptr != value.data() + value.size())
            fault(column, "nombre entier attendu", value);
        return number;
    }

    template <typename Enum>
    Enum enumeration(const char* column, core::Result<Enum> (*parse)(std::string_view)) const
    {
        auto value = text(column);
        auto parsed = parse(value);
        if (parsed.ok())
            return *parsed;
        fault(column, parsed.error().message, value);
        return Enum{};
    }

    void fault(const std::string& column, const std::string& reason, const std::string& value) const
    {
        m_errors.push_back(
            {column, m_file + ", ligne " + std::to_string(m_record.line) + ", colonne « " + column + " » : " + reason,
             m_record.line, value});
    }

    long line() const { return m_record.line; }

private:
    const std::string& m_file;
    const core::CsvTable& m_table;
    const core::CsvRecord& m_record;
    std::vector<core::FieldError>& m_errors;
};

// Reads one file and hands each well-formed record to read.
template <typename Read>
core::Status read_csv_file(const std::string& directory, const std::string& file,
                           std::initializer_list<const char*> columns, std::vector<core::FieldError>& errors, Read read)
{
    auto text = core::read_file(directory + "/" + file);
    if (!text.ok())
        return std::move(text).error();
    auto table = core::parse_csv(*text, ',');
    if (!table.ok())
        return core::Error::invalid(file + " : " + table.error().message);
    for (const char* column : columns)
        if (table->column(column) < 0)
            return core::Error::invalid(directory + "/" + file + " : colonne « " + column +
                                        " » absente. Rétablissez l'en-tête décrit dans data/catalogue/README.md.");
    for (const auto& record : table->records) {
        if (record.fields.size() != table->header.size()) {
            errors.push_back({"",
                              file + ", ligne " + std::to_string(record.line) + " : " +
                                  std::to_string(record.fields.size()) + " champs au lieu de " +
                                  std::to_string(table->header.size()) +
                                  ". Vérifiez les virgules et les "
                                  "guillemets de la ligne.",
                              record.line, std::nullopt});
            continue;
        }
        read(Record(file, *table, record, errors));
    }
    return {};
}

// What the import does with one entry of the files.
enum class Plan { Create, Update, Unchanged, Kept };

template <typename Entry>
Plan plan_for(storage::Connection& connection, EntityType type, const Entry& entry, const Entry* existing)
{
    if (!existing)
        return Plan::Create;
    auto candidate = entry;
    candidate.version = existing->version;
    if (content_of(to_json(candidate)) == content_of(to_json(*existing)))
        return Plan::Unchanged;
    // Only an entry whose latest version came from the files follows them;
    // one without any version was not written by an import either.
    return rows::latest_origin(connection, type, entry.code) == ChangeOrigin::Reference ? Plan::Update : Plan::Kept;
}

template <typename Entry>
void apply(storage::Connection& connection, EntityType type, Plan plan, Entry entry, const Entry* existing,
           const std::string& now, CatalogueImportReport& report)
{
    static const auto importer = access::Principal::system(kReferenceAuthor);
    switch (plan) {
    case Plan::Create:
        entry.version = 1;
        rows::insert(connection, entry, now);
        rows::insert_version(connection, {type, entry.code, 1, to_json(entry).dump(), now, kReferenceAuthor,
                                          "Version initiale, d'après data/catalogue", ChangeOrigin::Reference});
        ++report.created;
        return;
    case Plan::Update:
        if (!rows::update(connection, entry, existing->version, now))
            throw std::runtime_error("catalogue: " + entry.code + " changed during the import's transaction");
        entry.version = existing->version + 1;
        rows::insert_version(connection, {type, entry.code, entry.version, to_json(entry).dump(), now, kReferenceAuthor,
                                          "Mise à jour d'après data/catalogue", ChangeOrigin::Reference});
        access::record_audit(connection, importer,
                             {"update", to_string(type), entry.code, to_json(*existing).dump(), to_json(entry).dump()});
        ++report.updated;
        return;
    case Plan::Unchanged: ++report.unchanged; return;
    case Plan::Kept: report.kept.push_back(std::string(to_string(type)) + ":" + entry.code); return;
    }
}

template <typename Entry>
void check_duplicates(const std::string& file, const std::vector<Line<Entry>>& lines,
                      std::vector<core::FieldError>& errors)
{
    std::set<std::string> codes;
    for (const auto& line : lines)
        if (!codes.insert(line.entry.code).second)
            errors.push_back({"code",
                              file + ", ligne " + std::to_string(line.line) + " : code « " + line.entry.code +
                                  " » déjà présent plus haut dans le fichier.",
                              line.line, line.entry.code});
}

// Puts the file and line in front of each fault of one entry.
void locate(const std::string& file, long line, const core::Status& status, std::vector<core::FieldError>& errors)
{
    if (status.ok())
        return;
    for (auto field : status.error().fields) {
        field.message = file + ", ligne " + std::to_string(line) + " : " + field.message;
        field.line = line;
        errors.push_back(std::move(field));
    }
}

}  // namespace

core::Result<CatalogueImportReport> import_reference_catalogue(storage::Connection& connection,
                                                               const std::string& directory)
{
    std::vector<core::FieldError> errors;
    std::vector<Line<Source>> sources;
    std::vector<Line<DataElement>> elements;
    std::vector<Line<Indicator>> indicators;

    BOUSSOLE_TRY(read_csv_file(directory, "sources.csv", {"code", "name", "producer", "description", "url"}, errors,
                               [&](const Record& record) {
                                   Source source{record.text("code"), record.text("name"), record.text("description"),
                                                 record.text("producer"), record.text("url")};
                                   sources.push_back({std::move(source), record.line()});
                               }));
    BOUSSOLE_TRY(read_csv_file(
        directory, "data_elements.csv",
        {"code", "name", "description", "unit", "value_type", "period_type", "territory_aggregation",
         "weight_element_code", "time_aggregation", "source_code", "minimum", "maximum", "not_above_code", "due_days",
         "collected"},
        errors, [&](const Record& record) {
            DataElement element;
            element.code = record.text("code");
            element.name = record.text("name");
            element.description = record.text("description");
            element.unit = record.text("unit");
            element.value_type = record.enumeration("value_type", parse_value_type);
            element.period_type = record.enumeration("period_type", core::parse_period_type);
            element.territory_aggregation = record.enumeration("territory_aggregation", parse_territory_aggregation);
            element.weight_element_code = record.text("weight_element_code");
            element.time_aggregation = record.enumeration("time_aggregation", parse_time_aggregation);
            element.source_code = record.text("source_code");
            element.minimum = record.optional_number("minimum");
            element.maximum = record.optional_number("maximum");
            element.not_above_code = record.text("not_above_code");
            element.due_days = record.integer("due_days");
            auto collected = record.text("collected");
            if (collected != "0" && collected != "1")
                record.fault("collected", "1 (téléversée par les territoires) ou 0 (calculée par Boussole) attendu",
                             collected);
            element.collected = collected != "0";
            elements.push_back({std::move(element), record.line()});
        }));
    BOUSSOLE_TRY(read_csv_file(directory, "indicators.csv",
                               {"code", "priorities", "name", "definition", "kind", "numerator", "denominator",
                                "factor", "base_indicator_code", "statistic", "unit", "decimals", "direction",
                                "periodicity", "source_code", "definition_status", "reference_note"},
                               errors, [&](const Record& record) {
                                   Indicator indicator;
                                   indicator.code = record.text("code");
                                   std::istringstream priorities(record.text("priorities"));
                                   for (std::string priority; priorities >> priority;)
                                       indicator.priorities.push_back(priority);
                                   indicator.name = record.text("name");
                                   indicator.definition = record.text("definition");
                                   indicator.kind = record.enumeration("kind", parse_indicator_kind);
                                   indicator.numerator = record.text("numerator");
                                   indicator.denominator = record.text("denominator");
                                   indicator.factor = record.optional_number("factor").value_or(1);
                                   indicator.base_indicator_code = record.text("base_indicator_code");
                                   if (!record.text("statistic").empty())
                                       indicator.statistic = record.enumeration("statistic", parse_equity_statistic);
                                   indicator.unit = record.text("unit");
                                   indicator.decimals = record.integer("decimals");
                                   indicator.direction = record.enumeration("direction", parse_direction);
                                   indicator.periodicity = record.enumeration("periodicity", core::parse_period_type);
                                   indicator.source_code = record.text("source_code");
                                   indicator.definition_status =
                                       record.enumeration("definition_status", parse_definition_status);
                                   indicator.reference_note = record.text("reference_note");
                                   indicators.push_back({std::move(indicator), record.line()});
                               }));
    for (auto& line : sources)
        normalise(line.entry);
    for (auto& line : elements)
        normalise(line.entry);
    for (auto& line : indicators)
        normalise(line.entry);
    check_duplicates("sources.csv", sources, errors);
    check_duplicates("data_elements.csv", elements, errors);
    check_duplicates("indicators.csv", indicators, errors);

    // The catalogue as it will be: the database's entries, with those the
    // files create or update in place of them.
    auto current = Catalogue::load(connection);
    std::map<std::string, Plan> plans;
    auto planned = [&](EntityType type, const std::string& code) { return plans[std::string(to_string(type)) + code]; };
    std::map<std::string, Source> next_sources;
    std::map<std::string, DataElement> next_elements;
    std::map<std::string, Indicator> next_indicators;
    for (const auto& source : current.sources())
        next_sources[source.code] = source;
    for (const auto& element : current.elements())
        next_elements[element.code] = element;
    for (const auto& indicator : current.indicators())
        next_indicators[indicator.code] = indicator;
    auto decide = [&](EntityType type, const auto& entry, const auto* existing, auto& next) {
        auto plan = plan_for(connection, type, entry, existing);
        plans[std::string(to_string(type)) + entry.code] = plan;
        if (plan == Plan::Create || plan == Plan::Update)
            next[entry.code] = entry;
    };
    for (const auto& line : sources)
        decide(EntityType::Source, line.entry, current.find_source(line.entry.code), next_sources);
    for (const auto& line : elements)
        decide(EntityType::DataElement, line.entry, current.find_element(line.entry.code), next_elements);
    for (const auto& line : indicators)
        decide(EntityType::Indicator, line.entry, current.find_indicator(line.entry.code), next_indicators);
    auto values = [](auto& map) {
        std::vector<typename std::decay_t<decltype(map)>::mapped_type> list;
        for (auto& [code, entry] : map)
            list.push_back(entry);
        return list;
    };
    auto candidate = Catalogue::from(values(next_sources), values(next_elements), values(next_indicators));

    auto priorities = framework_priority_codes(connection);
    for (const auto& line : sources)
        if (planned(EntityType::Source, line.entry.code) != Plan::Kept)
            locate("sources.csv", line.line, validate_source(line.entry), errors);
    for (const auto& line : elements)
        if (planned(EntityType::DataElement, line.entry.code) != Plan::Kept)
            locate("data_elements.csv", line.line, validate_element(line.entry, candidate), errors);
    for (const auto& line : indicators)
        if (planned(EntityType::Indicator, line.entry.code) != Plan::Kept)
            locate("indicators.csv", line.line, validate_indicator(line.entry, candidate, priorities), errors);
    if (!errors.empty()) {
        auto first = errors.front().message;
        return core::Error::invalid(directory + " : " + std::to_string(errors.size()) +
                                        " erreur(s), rien n'a été importé. Corrigez les fichiers puis relancez "
                                        "« boussole init ». Première erreur : " +
                                        first,
                                    std::move(errors));
    }

    CatalogueImportReport report;
    auto now = core::to_iso8601(core::now());
    for (const auto& line : sources)
        apply(connection, EntityType::Source, planned(EntityType::Source, line.entry.code), line.entry,
              current.find_source(line.entry.code), now, report);
    for (const auto& line : elements)
        apply(connection, EntityType::DataElement, planned(EntityType::DataElement, line.entry.code), line.entry,
              current.find_element(line.entry.code), now, report);
    for (const auto& line : indicators)
        apply(connection, EntityType::Indicator, planned(EntityType::Indicator, line.entry.code), line.entry,
              current.find_indicator(line.entry.code), now, report);
    return report;
}

}  // namespace boussole::catalogue
