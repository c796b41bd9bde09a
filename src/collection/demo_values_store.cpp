// Writing the synthetic values: one transaction, multi-row inserts of a few
// hundred rows each, so that about 55 000 cells and their history take
// seconds on PostgreSQL rather than a round trip per row.
#include "collection/demo_values.hpp"

#include "collection/cell_store.hpp"

#include "storage/connection.hpp"
#include "storage/multi_row.hpp"

#include <unordered_map>

namespace boussole::collection {

namespace {

constexpr std::size_t kRowsPerStatement = 200;

constexpr const char* kCountSynthetic = "SELECT COUNT(*) AS n FROM data_values WHERE origin = 'synthetic'";

std::string insert_cells_sql(std::size_t rows)
{
    return "INSERT INTO data_values (element_code, territory_key, period, period_type, value, comment, status, "
           "origin, import_id, deleted, outlier, version, updated_at, updated_by, change_seq) VALUES " +
           storage::values_list("?, ?, ?, ?, ?, ?, ?, 'synthetic', NULL, 0, ?, ?, ?, ?, ?", rows) +
           " ON CONFLICT (element_code, territory_key, period) DO NOTHING "
           "RETURNING id, element_code, territory_key, period";
}

std::string insert_versions_sql(std::size_t rows)
{
    return "INSERT INTO data_value_history (data_value_id, version, action, value, comment, status, origin, "
           "import_id, changed_at, changed_by, user_id, token_id, reason) VALUES " +
           storage::values_list("?, ?, ?, ?, ?, ?, 'synthetic', NULL, ?, ?, NULL, NULL, ''", rows);
}

std::string cell_key(std::string_view element, std::string_view territory, std::string_view period)
{
    std::string key;
    key.append(element).append(1, '|').append(territory).append(1, '|').append(period);
    return key;
}

// Runs statement(rows) over items in slices of kRowsPerStatement, the full
// slices sharing one statement text (prepared once per connection).
template <typename Item, typename AddRow, typename OnRows>
void insert_in_slices(storage::Connection& connection, const std::vector<Item>& items,
                      std::string (*statement)(std::size_t), AddRow add_row, OnRows on_rows)
{
    const std::string full = statement(kRowsPerStatement);
    for (std::size_t start = 0; start < items.size(); start += kRowsPerStatement) {
        std::size_t count = std::min(kRowsPerStatement, items.size() - start);
        storage::Params params;
        for (std::size_t i = start; i < start + count; ++i)
            add_row(params, items[i]);
        on_rows(connection.query(count == kRowsPerStatement ? full : statement(count), params));
    }
}

}  // namespace

DemoValuesReport create_demo_values(storage::Database& database, const catalogue::Catalogue& catalogue,
                                    const territory::TerritoryRegistry& registry,
                                    const territory::PopulationTable& population, core::Timestamp now)
{
    DemoValuesReport report;
    auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
    for (const auto& element : catalogue.elements())
        if (element.collected)
            report.expected += static_cast<std::int64_t>(demo_periods(element.period_type, today).size() *
                                                         registry.departments().size());

    database.write([&](storage::Connection& connection) {
        if (connection.query(kCountSynthetic).front().integer("n") > 0) {
            report.skipped = true;
            return;
        }
        auto cells = generate_demo_values(catalogue, registry, population, today);
        std::unordered_map<std::string, const DemoCell*> by_key;
        by_key.reserve(cells.size());
        for (const auto& cell : cells)
            by_key.emplace(cell_key(cell.element->code, cell.territory_key, cell.period.to_string()), &cell);

        struct Version {
            std::int64_t cell_id;
            int number;
            const DemoVersion* version;
        };
        std::vector<Version> versions;
        const auto sequence = collection::cells::change_sequence(connection);
        insert_in_slices(
            connection, cells, insert_cells_sql,
            [sequence](storage::Params& params, const DemoCell& cell) {
                const auto& last = cell.versions.back();
                params.insert(
                    params.end(),
                    {cell.element->code, cell.territory_key, cell.period.to_string(),
                     core::to_string(cell.period.type()), last.value, last.comment, to_string(last.status),
                     cell.outlier, static_cast<int>(cell.versions.size()), core::to_iso8601(last.at), last.by,
                     sequence});
            },
            [&](const storage::Rows& rows) {
                for (auto row : rows) {
                    auto found =
                        by_key.find(cell_key(row.text("element_code"), row.text("territory_key"), row.text("period")));
                    if (found == by_key.end())
                        continue;
                    const DemoCell& cell = *found->second;
                    for (std::size_t v = 0; v < cell.versions.size(); ++v)
                        versions.push_back({row.integer("id"), static_cast<int>(v + 1), &cell.versions[v]});
                    ++report.cells;
                    report.late += cell.late ? 1 : 0;
                    report.outliers += cell.outlier ? 1 : 0;
                }
            });
        insert_in_slices(
            connection, versions, insert_versions_sql,
            [](storage::Params& params, const Version& entry) {
                const auto& version = *entry.version;
                params.insert(params.end(),
                              {entry.cell_id, entry.number, version.action, version.value, version.comment,
                               to_string(version.status), core::to_iso8601(version.at), version.by});
            },
            [](const storage::Rows&) {});
        report.versions = static_cast<std::int64_t>(versions.size());
    });
    return report;
}

DemoValuesReport create_demo_values(storage::Database& database, core::Timestamp now)
{
    auto registry =
        database.read([](storage::Connection& connection) { return territory::TerritoryRegistry::load(connection); });
    auto [population, catalogue] = database.read([&](storage::Connection& connection) {
        return std::pair(territory::PopulationTable::load(connection, registry),
                         catalogue::Catalogue::load(connection));
    });
    return create_demo_values(database, catalogue, registry, population, now);
}

}  // namespace boussole::collection
