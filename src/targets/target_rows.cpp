#include "targets/target_rows.hpp"

#include "storage/change_sequence.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

namespace boussole::targets::rows {

namespace {

using namespace std::string_literals;

constexpr const char* kColumns =
    "g.id, g.indicator_code, g.territory_key, g.scope, g.baseline_period, g.baseline_value, g.target_period, "
    "g.target_value, g.comment, g.deleted, g.version, g.updated_at, g.updated_by";

const std::string kSelectById = "SELECT "s + kColumns + " FROM indicator_targets g WHERE g.id = $1";

const std::string kSelectByKey = "SELECT "s + kColumns +
                                 " FROM indicator_targets g "
                                 "WHERE g.indicator_code = $1 AND g.territory_key = $2 AND g.scope = $3";

// Every filter is a bound parameter; an empty text (or 0) switches it off.
// Territories in their usual order (the nation, the regions, the
// departments), national targets before local ones.
const std::string kSelectFiltered = "SELECT "s + kColumns +
                                    " FROM indicator_targets g JOIN territories t ON t.key = g.territory_key "
                                    "WHERE ($1 = '' OR g.indicator_code = $1) AND ($2 = '' OR g.territory_key = $2) "
                                    "AND ($3 = '' OR g.scope = $3) AND ($4 = 1 OR g.deleted = 0) "
                                    "ORDER BY g.indicator_code, t.position, g.scope DESC";

constexpr const char* kInsert =
    "INSERT INTO indicator_targets (indicator_code, territory_key, scope, baseline_period, baseline_value, "
    "target_period, target_value, comment, deleted, version, created_at, updated_at, updated_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 1, $9, $9, $10) "
    "ON CONFLICT (indicator_code, territory_key, scope) DO NOTHING RETURNING id";

constexpr const char* kUpdate =
    "UPDATE indicator_targets SET baseline_period = $1, baseline_value = $2, target_period = $3, "
    "target_value = $4, comment = $5, deleted = $6, version = version + 1, updated_at = $7, updated_by = $8 "
    "WHERE id = $9 AND version = $10";

constexpr const char* kInsertHistory =
    "INSERT INTO indicator_target_history (target_id, version, action, baseline_period, baseline_value, "
    "target_period, target_value, comment, changed_at, changed_by, user_id, token_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

constexpr const char* kSelectHistory =
    "SELECT version, action, baseline_period, baseline_value, target_period, target_value, comment, changed_at, "
    "changed_by FROM indicator_target_history WHERE target_id = $1 ORDER BY version DESC";

// Stored text that no longer reads is a schema fault, not user input.
core::Period period_of(const storage::Row& row, const char* column)
{
    auto period = core::Period::parse(row.text(column));
    if (!period.ok())
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema,
                                     std::string("indicator_targets.") + column + " : " + period.error().message);
    return *period;
}

Target target_from_row(const storage::Row& row)
{
    Target target;
    target.id = row.integer("id");
    target.indicator = row.text("indicator_code");
    auto key = territory::TerritoryKey::parse(row.text("territory_key"));
    if (!key.ok())
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema,
                                     "indicator_targets.territory_key : " + key.error().message);
    target.territory = *key;
    target.scope = row.text("scope") == "local" ? TargetScope::Local : TargetScope::National;
    target.baseline_period = period_of(row, "baseline_period");
    target.baseline_value = row.real("baseline_value");
    target.target_period = period_of(row, "target_period");
    target.target_value = row.real("target_value");
    target.comment = row.text("comment");
    target.deleted = row.boolean("deleted");
    target.version = static_cast<int>(row.integer("version"));
    target.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    target.updated_by = row.text("updated_by");
    return target;
}

void insert_history(storage::Connection& connection, const Target& target, std::string_view action,
                    const Author& author, const std::string& at)
{
    connection.execute(kInsertHistory, {target.id, target.version, action, target.baseline_period.to_string(),
                                        target.baseline_value, target.target_period.to_string(), target.target_value,
                                        target.comment, at, author.name, author.user_id, author.token_id});
}

}  // namespace

Author Author::of(const access::Principal& principal)
{
    return {principal.display_name.empty() ? principal.label : principal.display_name, principal.user_id,
            principal.token_id, core::now()};
}

std::optional<Target> select_by_id(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectById, {id});
    if (rows.empty())
        return std::nullopt;
    return target_from_row(rows.front());
}

std::optional<Target> select_by_key(storage::Connection& connection, std::string_view indicator,
                                    const territory::TerritoryKey& territory, TargetScope scope)
{
    auto rows = connection.query(kSelectByKey, {indicator, territory.to_string(), to_string(scope)});
    if (rows.empty())
        return std::nullopt;
    return target_from_row(rows.front());
}

std::vector<Target> select(storage::Connection& connection, const TargetFilter& filter)
{
    std::vector<Target> targets;
    for (auto row : connection.query(kSelectFiltered,
                                     {filter.indicator, filter.territory ? filter.territory->to_string() : "",
                                      filter.scope ? to_string(*filter.scope) : "", filter.include_deleted ? 1 : 0}))
        targets.push_back(target_from_row(row));
    return targets;
}

std::optional<Target> insert(storage::Connection& connection, Target target, const Author& author)
{
    storage::take_change_sequence(connection);  // the dashboards answer with the targets
    auto at = core::to_iso8601(author.at);
    auto rows = connection.query(
        kInsert, {target.indicator, target.territory.to_string(), to_string(target.scope),
                  target.baseline_period.to_string(), target.baseline_value, target.target_period.to_string(),
                  target.target_value, target.comment, at, author.name});
    if (rows.empty())
        return std::nullopt;
    target.id = rows.front().integer("id");
    target.version = 1;
    target.deleted = false;
    target.updated_at = author.at;
    target.updated_by = author.name;
    insert_history(connection, target, "create", author, at);
    return target;
}

std::optional<Target> update(storage::Connection& connection, Target target, int from_version, std::string_view action,
                             const Author& author)
{
    storage::take_change_sequence(connection);  // the dashboards answer with the targets
    auto at = core::to_iso8601(author.at);
    auto changed = connection.execute(kUpdate, {target.baseline_period.to_string(), target.baseline_value,
                                                target.target_period.to_string(), target.target_value, target.comment,
                                                target.deleted ? 1 : 0, at, author.name, target.id, from_version});
    if (changed == 0)
        return std::nullopt;
    target.version = from_version + 1;
    target.updated_at = author.at;
    target.updated_by = author.name;
    insert_history(connection, target, action, author, at);
    return target;
}

std::vector<TargetVersion> history(storage::Connection& connection, std::int64_t id)
{
    std::vector<TargetVersion> versions;
    for (auto row : connection.query(kSelectHistory, {id}))
        versions.push_back(
            {static_cast<int>(row.integer("version")), row.text("action"), period_of(row, "baseline_period"),
             row.real("baseline_value"), period_of(row, "target_period"), row.real("target_value"), row.text("comment"),
             core::parse_iso8601(row.text("changed_at")).value_or(core::Timestamp{}), row.text("changed_by")});
    return versions;
}

}  // namespace boussole::targets::rows
