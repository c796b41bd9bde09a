#include "actors/reference_import.hpp"

#include "actors/organisation.hpp"
#include "core/csv.hpp"
#include "storage/connection.hpp"
#include "storage/multi_row.hpp"

#include <map>
#include <set>
#include <sstream>

namespace boussole::actors {

namespace {

// 657 organisations and their coverage: a few statements of a few hundred
// rows rather than a round trip per row.
const storage::MultiRowStatement kUpsertOrganisations(
    "INSERT INTO organisations (slug, type, name, short_name, origin, to_confirm, search_key, version, created_at, "
    "updated_at) VALUES ",
    "?, ?, ?, ?, 'reference', ?, ?, 1, ?, ?",
    " ON CONFLICT (slug) DO UPDATE SET type = excluded.type, name = excluded.name, "
    "short_name = excluded.short_name, to_confirm = excluded.to_confirm, search_key = excluded.search_key "
    "RETURNING id, slug");
// "IN (($1), ($2), …)": a parenthesised scalar per row, valid on both backends.
const storage::MultiRowStatement kDeleteCoverage("DELETE FROM organisation_territories WHERE organisation_id IN (", "?",
                                                 ")");
const storage::MultiRowStatement kInsertCoverage(
    "INSERT INTO organisation_territories (organisation_id, territory_key) VALUES ", "?, ?", "");

struct Line {
    std::string slug, type, name, short_name;
    std::vector<territory::TerritoryKey> territories;
    bool to_confirm = false;
};

}  // namespace

core::Result<int> import_reference_organisations(storage::Connection& connection,
                                                 const territory::TerritoryRegistry& registry,
                                                 const std::string& csv_path)
{
    auto text = core::read_file(csv_path);
    if (!text.ok())
        return std::move(text).error();
    auto table = core::parse_csv(*text);
    if (!table.ok())
        return std::move(table).error();
    for (const char* column : {"slug", "type", "nom", "nom_court", "territoires", "statut"})
        if (table->column(column) < 0)
            return core::Error::invalid(csv_path + " : colonne « " + column + " » absente.");

    std::vector<Line> lines;
    std::vector<core::FieldError> errors;
    std::set<std::string> slugs;
    for (const auto& record : table->records) {
        auto field = [&](const char* name) { return record.fields.at(static_cast<std::size_t>(table->column(name))); };
        Line line{field("slug"), field("type"), field("nom"), field("nom_court"), {}, field("statut") == "a_confirmer"};
        if (!find_organisation_type(line.type).ok())
            errors.push_back({"type", find_organisation_type(line.type).error().message, record.line, line.type});
        if (!slugs.insert(line.slug).second)
            errors.push_back({"slug", "identifiant en double", record.line, line.slug});
        std::istringstream keys(field("territoires"));
        std::string key;
        while (keys >> key) {
            auto territory = registry.resolve(key);
            if (territory.ok())
                line.territories.push_back((*territory)->key);
            else
                errors.push_back({"territoires", territory.error().message, record.line, key});
        }
        if (line.territories.empty())
            errors.push_back({"territoires", "au moins un territoire attendu", record.line, field("territoires")});
        lines.push_back(std::move(line));
    }
    if (!errors.empty())
        return core::Error::invalid(
            csv_path + " : " + std::to_string(errors.size()) + " erreur(s), aucune organisation n'a été importée.",
            std::move(errors));

    auto now = core::to_iso8601(core::now());
    std::vector<storage::Params> organisations;
    for (const auto& line : lines)
        organisations.push_back({line.slug, line.type, line.name, line.short_name, line.to_confirm,
                                 organisation_search_key(line.name, line.short_name, line.territories), now, now});
    std::map<std::string, std::int64_t> id_of;
    kUpsertOrganisations.query(connection, organisations, [&](const storage::Rows& rows) {
        for (auto row : rows)
            id_of[row.text("slug")] = row.integer("id");
    });
    std::vector<storage::Params> ids;
    std::vector<storage::Params> coverage;
    for (const auto& line : lines) {
        auto id = id_of.at(line.slug);
        ids.push_back({id});
        for (const auto& key : line.territories)
            coverage.push_back({id, key.to_string()});
    }
    kDeleteCoverage.execute(connection, ids);
    kInsertCoverage.execute(connection, coverage);
    return static_cast<int>(lines.size());
}

}  // namespace boussole::actors
