// The names of statuses and origins, and the reads of data values: lists
// with filters and pages, one cell, the history of a cell.
#include "collection/data_values.hpp"

#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <utility>

namespace boussole::collection {

namespace {

using namespace std::string_literals;

constexpr std::pair<ValueStatus, const char*> kStatuses[] = {
    {ValueStatus::Draft, "draft"}, {ValueStatus::Submitted, "submitted"}, {ValueStatus::Validated, "validated"}};
constexpr std::pair<ValueOrigin, const char*> kOrigins[] = {{ValueOrigin::User, "user"},
                                                            {ValueOrigin::Api, "api"},
                                                            {ValueOrigin::Import, "import"},
                                                            {ValueOrigin::Reference, "reference"},
                                                            {ValueOrigin::Synthetic, "synthetic"}};

constexpr const char* kValueColumns =
    "v.id, v.element_code, v.territory_key, v.period, v.period_type, v.value, v.comment, v.status, v.origin, "
    "v.import_id, v.deleted, v.outlier, v.version, v.updated_at, v.updated_by";

// Every filter is a bound parameter; an empty text (or 0) switches it off.
constexpr const char* kFilter =
    " FROM data_values v WHERE ($1 = '' OR v.element_code = $1) "
    "AND ($2 = '' OR v.territory_key IN (SELECT descendant_key FROM territory_closure WHERE ancestor_key = $2)) "
    "AND ($3 = '' OR v.period_type = $3) AND ($4 = '' OR v.period >= $4) AND ($5 = '' OR v.period <= $5) "
    "AND ($6 = '' OR v.status = $6) AND ($7 = 1 OR v.deleted = 0)";
const std::string kSelectPage =
    "SELECT "s + kValueColumns + kFilter + " ORDER BY v.element_code, v.territory_key, v.period LIMIT $8 OFFSET $9";
const std::string kCount = "SELECT COUNT(*) AS total"s + kFilter;
const std::string kSelectOne =
    "SELECT "s + kValueColumns +
    " FROM data_values v WHERE v.element_code = $1 AND v.territory_key = $2 AND v.period = $3";

constexpr const char* kSelectHistory =
    "SELECT h.version, h.action, h.value, h.comment, h.status, h.origin, h.import_id, h.changed_at, h.changed_by, "
    "h.reason FROM data_value_history h JOIN data_values v ON v.id = h.data_value_id "
    "WHERE v.element_code = $1 AND v.territory_key = $2 AND v.period = $3 ORDER BY h.version DESC";

template <typename Enum, std::size_t N>
const char* name_of(Enum value, const std::pair<Enum, const char*> (&names)[N])
{
    for (const auto& [candidate, name] : names)
        if (candidate == value)
            return name;
    return names[0].second;
}

// A stored value outside its enumeration is a schema mismatch, not input.
template <typename T>
T stored(core::Result<T> result)
{
    if (!result.ok())
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema, result.error().message);
    return std::move(result).value();
}

DataValue value_from_row(const storage::Row& row)
{
    DataValue value;
    value.id = row.integer("id");
    value.element = row.text("element_code");
    value.territory = stored(territory::TerritoryKey::parse(row.text("territory_key")));
    value.period =
        stored(core::Period::parse(row.text("period"), stored(core::parse_period_type(row.text("period_type")))));
    value.value = row.optional_real("value");
    value.comment = row.text("comment");
    value.status = stored(parse_value_status(row.text("status")));
    value.origin = stored(parse_value_origin(row.text("origin")));
    value.import_id = row.optional_integer("import_id");
    value.deleted = row.boolean("deleted");
    value.outlier = row.boolean("outlier");
    value.version = static_cast<int>(row.integer("version"));
    value.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    value.updated_by = row.text("updated_by");
    if (value.deleted)
        value.value.reset();
    return value;
}

}  // namespace

const char* to_string(ValueStatus status)
{
    return name_of(status, kStatuses);
}
const char* to_string(ValueOrigin origin)
{
    return name_of(origin, kOrigins);
}

const char* label(ValueStatus status)
{
    switch (status) {
    case ValueStatus::Draft: return "brouillon";
    case ValueStatus::Submitted: return "transmise";
    case ValueStatus::Validated: return "validée";
    }
    return "brouillon";
}

const char* label(ValueOrigin origin)
{
    switch (origin) {
    case ValueOrigin::User: return "saisie";
    case ValueOrigin::Api: return "API";
    case ValueOrigin::Import: return "import";
    case ValueOrigin::Reference: return "référence";
    case ValueOrigin::Synthetic: return "démonstration";
    }
    return "saisie";
}

core::Result<ValueStatus> parse_value_status(std::string_view text)
{
    for (const auto& [value, name] : kStatuses)
        if (text == name)
            return value;
    return core::Error::invalid("Statut « " + std::string(text) +
                                " » inconnu : attendu draft (brouillon), submitted (transmise) ou validated "
                                "(validée).");
}

core::Result<ValueOrigin> parse_value_origin(std::string_view text)
{
    for (const auto& [value, name] : kOrigins)
        if (text == name)
            return value;
    return core::Error::invalid("Origine « " + std::string(text) +
                                " » inconnue : attendu user, api, import, reference ou synthetic.");
}

const char* action_label(std::string_view action)
{
    constexpr std::pair<const char*, const char*> kLabels[] = {
        {"create", "création"},        {"update", "modification"},     {"delete", "suppression"},
        {"restore", "rétablissement"}, {"submit", "transmission"},     {"validate", "validation"},
        {"reopen", "réouverture"},     {"undo", "annulation d'import"}};
    for (const auto& [code, text] : kLabels)
        if (action == code)
            return text;
    return "modification";
}

core::Result<core::Page<DataValue>> find_values(storage::Connection& connection,
                                                const territory::TerritoryRegistry& registry, const ValueQuery& query)
{
    if (query.from && query.to && query.from->type() != query.to->type())
        return core::Error::invalid(
            "Les bornes « " + query.from->to_string() + " » et « " + query.to->to_string() +
                " » sont des périodes de types différents : donnez deux " + core::label(query.from->type()) + "s.",
            {{"to", "attendu une période du même type que from", std::nullopt, query.to->to_string()}});
    std::string territory;
    if (query.territory) {
        if (!registry.find(*query.territory))
            return core::Error::not_found("Territoire « " + query.territory->to_string() + " » inconnu.");
        territory = query.territory->to_string();
    }
    std::string period_type;
    if (query.from)
        period_type = core::to_string(query.from->type());
    else if (query.to)
        period_type = core::to_string(query.to->type());

    storage::Params filter{query.element,
                           territory,
                           period_type,
                           query.from ? query.from->to_string() : std::string(),
                           query.to ? query.to->to_string() : std::string(),
                           query.status ? std::string(to_string(*query.status)) : std::string(),
                           query.include_deleted ? 1 : 0};
    core::Page<DataValue> page;
    page.number = query.page.number;
    page.size = query.page.size;
    page.total = connection.query(kCount, filter).front().integer("total");
    auto params = filter;
    params.emplace_back(static_cast<std::int64_t>(query.page.size));
    params.emplace_back(query.page.offset());
    for (auto row : connection.query(kSelectPage, params))
        page.items.push_back(value_from_row(row));
    return page;
}

std::optional<DataValue> find_value(storage::Connection& connection, std::string_view element,
                                    const territory::TerritoryKey& territory, const core::Period& period)
{
    auto rows = connection.query(kSelectOne, {std::string(element), territory.to_string(), period.to_string()});
    if (rows.empty())
        return std::nullopt;
    return value_from_row(rows.front());
}

core::Result<std::vector<ValueVersion>> value_history(storage::Connection& connection, std::string_view element,
                                                      const territory::TerritoryKey& territory,
                                                      const core::Period& period)
{
    std::vector<ValueVersion> versions;
    for (auto row :
         connection.query(kSelectHistory, {std::string(element), territory.to_string(), period.to_string()})) {
        ValueVersion version;
        version.version = static_cast<int>(row.integer("version"));
        version.action = row.text("action");
        version.value = row.optional_real("value");
        version.comment = row.text("comment");
        version.status = stored(parse_value_status(row.text("status")));
        version.origin = stored(parse_value_origin(row.text("origin")));
        version.import_id = row.optional_integer("import_id");
        version.changed_at = core::parse_iso8601(row.text("changed_at")).value_or(core::Timestamp{});
        version.changed_by = row.text("changed_by");
        version.reason = row.text("reason");
        versions.push_back(std::move(version));
    }
    if (versions.empty())
        return core::Error::not_found("Aucune valeur n'a jamais été saisie pour « " + std::string(element) + " », " +
                                      territory.to_string() + ", " + period.label() +
                                      " : il n'y a pas d'historique à montrer.");
    return versions;
}

}  // namespace boussole::collection
