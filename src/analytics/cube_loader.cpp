#include "analytics/cube_loader.hpp"

#include "storage/connection.hpp"

namespace boussole::analytics {

namespace {

constexpr const char* kLastCommitted = "SELECT last_value FROM change_sequences WHERE name = 'data_values'";

// Pages by id so that a first load of millions of cells never holds them all
// as rows at once.
constexpr const char* kChangedCells =
    "SELECT id, element_code, territory_key, period, value, status, origin, deleted FROM data_values "
    "WHERE change_seq > $1 AND change_seq <= $2 AND id > $3 ORDER BY id LIMIT $4";
constexpr std::int64_t kPageSize = 50000;

}  // namespace

std::uint8_t flags_of(std::string_view status, std::string_view origin)
{
    std::uint8_t flags = 0;
    if (status != "validated")
        flags |= kUnvalidated;
    if (origin == "synthetic")
        flags |= kSynthetic;
    return flags;
}

CatchUp catch_up(storage::Connection& connection, const TerritoryLayout& layout, Cube& cube)
{
    CatchUp report;
    report.from = cube.sequence();
    auto last = connection.query(kLastCommitted);
    std::int64_t upto = last.empty() ? 0 : last.front().integer("last_value");
    report.to = std::max(upto, cube.sequence());
    if (upto <= cube.sequence()) {
        cube.set_sequence(report.to);
        return report;
    }
    std::int64_t after_id = 0;
    for (;;) {
        auto rows = connection.query(kChangedCells, {cube.sequence(), upto, after_id, kPageSize});
        if (rows.empty())
            break;
        const auto id_column = rows.column_index("id");
        const auto element_column = rows.column_index("element_code");
        const auto territory_column = rows.column_index("territory_key");
        const auto period_column = rows.column_index("period");
        for (auto row : rows) {
            after_id = row[id_column].as_integer();
            auto key = territory::TerritoryKey::parse(row[territory_column].as_text());
            if (!key.ok())
                continue;
            auto department = layout.department_index(*key);
            auto period = core::Period::parse(row[period_column].as_text());
            if (!department || !period.ok())
                continue;
            CellUpdate update{row[element_column].as_text(), *department, *period, std::nullopt, 0};
            if (!row.boolean("deleted"))
                update.value = row.optional_real("value");
            update.flags = flags_of(row.text("status"), row.text("origin"));
            cube.apply(update);
            ++report.cells;
        }
        if (static_cast<std::int64_t>(rows.size()) < kPageSize)
            break;
    }
    cube.set_sequence(upto);
    return report;
}

}  // namespace boussole::analytics
