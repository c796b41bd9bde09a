#include "territory/reference_import.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"
#include "storage/multi_row.hpp"
#include "territory/population.hpp"

#include <charconv>
#include <map>

namespace boussole::territory {

namespace {

constexpr const char* kUpsertTerritory =
    "INSERT INTO territories (key, level, code, name, parent_key, liaison, position, search_key) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (key) DO UPDATE SET name = excluded.name, parent_key = excluded.parent_key, "
    "liaison = excluded.liaison, position = excluded.position, search_key = excluded.search_key";

constexpr const char* kInsertClosure =
    "INSERT INTO territory_closure (ancestor_key, descendant_key) VALUES ($1, $2) "
    "ON CONFLICT (ancestor_key, descendant_key) DO NOTHING";

// 6 000 rows: a few hundred per statement rather than a round trip each.
const storage::MultiRowStatement kUpsertPopulation(
    "INSERT INTO population (territory_key, year, sex, age_min, population, source) VALUES ", "?, ?, ?, ?, ?, ?",
    " ON CONFLICT (territory_key, year, sex, age_min) DO UPDATE SET population = excluded.population, "
    "source = excluded.source");

core::Result<core::CsvTable> read_table(const std::string& path, std::initializer_list<const char*> columns)
{
    auto text = core::read_file(path);
    if (!text.ok())
        return std::move(text).error();
    auto table = core::parse_csv(*text);
    if (!table.ok())
        return std::move(table).error();
    for (const char* column : columns)
        if (table->column(column) < 0)
            return core::Error::invalid(path + " : colonne « " + column + " » absente.");
    return table;
}

int parse_int(std::string_view text, int fallback)
{
    int value = fallback;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() ? value : fallback;
}

void write_territory(storage::Connection& connection, const TerritoryKey& key, const std::string& name,
                     const std::optional<TerritoryKey>& parent, int liaison, int position)
{
    connection.execute(kUpsertTerritory, {key.to_string(), to_string(key.level()), key.code(), name,
                                          parent ? storage::Value(parent->to_string()) : storage::Value(), liaison,
                                          position, core::fold_for_search(name)});
}

// "0 à 4 ans" -> 0, "95 ans et plus" -> 95, "total" -> -1, anything else -> -2.
int parse_age_group(std::string_view label)
{
    if (label == "total")
        return -1;
    if (label == "95 ans et plus")
        return 95;
    int min = -2;
    auto result = std::from_chars(label.data(), label.data() + label.size(), min);
    if (result.ec != std::errc() || min % 5 != 0 || min < 0 || min > 90)
        return -2;
    return label == std::to_string(min) + " à " + std::to_string(min + 4) + " ans" ? min : -2;
}

}  // namespace

core::Result<int> import_territories(storage::Connection& connection, const std::string& directory)
{
    auto regions = read_table(directory + "/regions.csv", {"code", "nom", "type_liaison"});
    if (!regions.ok())
        return std::move(regions).error();
    auto departments = read_table(directory + "/departements.csv", {"code", "nom", "region", "type_liaison"});
    if (!departments.ok())
        return std::move(departments).error();

    int position = 0;
    write_territory(connection, TerritoryKey::nation(), "France", std::nullopt, 2, position++);
    std::map<std::string, bool> region_codes;
    for (const auto& record : regions->records) {
        const auto& code = record.fields.at(static_cast<std::size_t>(regions->column("code")));
        region_codes[code] = true;
        write_territory(connection, TerritoryKey::region(code),
                        record.fields.at(static_cast<std::size_t>(regions->column("nom"))), TerritoryKey::nation(),
                        parse_int(record.fields.at(static_cast<std::size_t>(regions->column("type_liaison"))), 0),
                        position++);
    }
    for (const auto& record : departments->records) {
        auto field = [&](const char* name) {
            return record.fields.at(static_cast<std::size_t>(departments->column(name)));
        };
        if (!region_codes.count(field("region")))
            return core::Error::invalid("departements.csv, ligne " + std::to_string(record.line) + " : région « " +
                                        field("region") + " » inconnue.");
        write_territory(connection, TerritoryKey::department(field("code")), field("nom"),
                        TerritoryKey::region(field("region")), parse_int(field("type_liaison"), 0), position++);
    }

    // The tree has three levels: each territory, its region, the nation.
    auto registry = TerritoryRegistry::load(connection);
    auto link = [&](const TerritoryKey& ancestor, const TerritoryKey& descendant) {
        connection.execute(kInsertClosure, {ancestor.to_string(), descendant.to_string()});
    };
    link(TerritoryKey::nation(), TerritoryKey::nation());
    for (const Territory* region : registry.regions()) {
        link(region->key, region->key);
        link(TerritoryKey::nation(), region->key);
    }
    for (const Territory* department : registry.departments()) {
        link(department->key, department->key);
        link(*department->parent, department->key);
        link(TerritoryKey::nation(), department->key);
    }
    return position;
}

PopulationFile shipped_population_file(const std::string& data_directory)
{
    return {data_directory + "/population/insee-population-2023-departements-sexe-age.csv", 2023,
            "INSEE, estimation de population au 1er janvier 2023 par département, sexe et âge quinquennal"};
}

core::Result<int> import_population(storage::Connection& connection, const TerritoryRegistry& registry,
                                    const PopulationFile& file)
{
    auto table = read_table(file.path, {"departement", "sexe", "tranche_age", "population"});
    if (!table.ok())
        return std::move(table).error();

    // (department, sex) -> counts per group, and the declared totals.
    std::map<std::pair<std::string, Sex>, AgePyramid> pyramids;
    std::map<std::pair<std::string, Sex>, std::int64_t> totals;
    std::vector<core::FieldError> errors;
    for (const auto& record : table->records) {
        auto field = [&](const char* name) { return record.fields.at(static_cast<std::size_t>(table->column(name))); };
        auto department = registry.resolve_department_code(field("departement"));
        auto sex = parse_sex(field("sexe"));
        int age = parse_age_group(field("tranche_age"));
        std::int64_t count = -1;
        auto value = field("population");
        auto parsed = std::from_chars(value.data(), value.data() + value.size(), count);
        if (!department.ok())
            errors.push_back({"departement", department.error().message, record.line, field("departement")});
        else if (!sex.ok())
            errors.push_back({"sexe", sex.error().message, record.line, field("sexe")});
        else if (age == -2)
            errors.push_back({"tranche_age",
                              "Tranche d'âge inconnue : attendu « 0 à 4 ans » … « 95 ans et plus » ou « total ».",
                              record.line, field("tranche_age")});
        else if (parsed.ec != std::errc() || parsed.ptr != value.data() + value.size() || count < 0)
            errors.push_back({"population", "Effectif attendu : un entier positif ou nul.", record.line, value});
        else if (age == -1)
            totals[{(*department)->key.code(), *sex}] = count;
        else
            pyramids[{(*department)->key.code(), *sex}].counts[static_cast<std::size_t>(age / 5)] = count;
        if (errors.size() >= 50)
            break;
    }
    for (const auto& [key, pyramid] : pyramids) {
        auto total = totals.find(key);
        if (total != totals.end() && total->second != pyramid.total())
            errors.push_back({"population",
                              "Département " + key.first + " (" + to_string(key.second) +
                                  ") : la somme des tranches d'âge ne donne pas le total déclaré.",
                              std::nullopt, std::nullopt});
        if (key.second == Sex::All) {
            auto men = pyramids.find({key.first, Sex::Men});
            auto women = pyramids.find({key.first, Sex::Women});
            if (men != pyramids.end() && women != pyramids.end())
                for (std::size_t group = 0; group < kAgeGroupCount; ++group)
                    if (pyramid.counts[group] != men->second.counts[group] + women->second.counts[group]) {
                        errors.push_back({"population",
                                          "Département " + key.first + ", " + age_group_label(static_cast<int>(group)) +
                                              " : ensemble différent de hommes + femmes.",
                                          std::nullopt, std::nullopt});
                        break;
                    }
        }
    }
    if (!errors.empty())
        return core::Error::invalid(
            file.path + " : " + std::to_string(errors.size()) + " erreur(s), rien n'a été importé.", std::move(errors));

    std::vector<storage::Params> rows;
    for (const auto& [key, pyramid] : pyramids)
        for (std::size_t group = 0; group < kAgeGroupCount; ++group)
            rows.push_back({TerritoryKey::department(key.first).to_string(), file.year, to_string(key.second),
                            static_cast<int>(group * 5), pyramid.counts[group], file.source});
    kUpsertPopulation.execute(connection, rows);
    return static_cast<int>(rows.size());
}

}  // namespace boussole::territory
