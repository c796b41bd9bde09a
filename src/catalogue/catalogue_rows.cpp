#include "catalogue/catalogue_rows.hpp"

#include "core/text.hpp"
#include "storage/change_sequence.hpp"
#include "storage/connection.hpp"

namespace boussole::catalogue::rows {

namespace {

constexpr const char* kInsertSource =
    "INSERT INTO sources (code, name, description, producer, url, version, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, 1, $6)";
constexpr const char* kUpdateSource =
    "UPDATE sources SET name = $2, description = $3, producer = $4, url = $5, version = version + 1, "
    "updated_at = $6 WHERE code = $1 AND version = $7";

constexpr const char* kInsertElement =
    "INSERT INTO data_elements (code, name, description, unit, value_type, period_type, territory_aggregation, "
    "weight_element_code, time_aggregation, source_code, minimum, maximum, not_above_code, due_days, collected, "
    "search_key, version, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17)";
constexpr const char* kUpdateElement =
    "UPDATE data_elements SET name = $2, description = $3, unit = $4, value_type = $5, period_type = $6, "
    "territory_aggregation = $7, weight_element_code = $8, time_aggregation = $9, source_code = $10, minimum = $11, "
    "maximum = $12, not_above_code = $13, due_days = $14, collected = $15, search_key = $16, version = version + 1, "
    "updated_at = $17 WHERE code = $1 AND version = $18";

constexpr const char* kInsertIndicator =
    "INSERT INTO indicators (code, name, definition, kind, numerator, denominator, factor, base_indicator_code, "
    "statistic, unit, decimals, direction, periodicity, source_code, definition_status, reference_note, search_key, "
    "version, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18)";
constexpr const char* kUpdateIndicator =
    "UPDATE indicators SET name = $2, definition = $3, kind = $4, numerator = $5, denominator = $6, factor = $7, "
    "base_indicator_code = $8, statistic = $9, unit = $10, decimals = $11, direction = $12, periodicity = $13, "
    "source_code = $14, definition_status = $15, reference_note = $16, search_key = $17, version = version + 1, "
    "updated_at = $18 WHERE code = $1 AND version = $19";
constexpr const char* kDeletePriorities = "DELETE FROM indicator_priorities WHERE indicator_code = $1";
constexpr const char* kInsertPriority =
    "INSERT INTO indicator_priorities (indicator_code, priority_code) VALUES ($1, $2)";

constexpr const char* kInsertVersion =
    "INSERT INTO catalogue_history (entity_type, code, version, snapshot, changed_at, changed_by, change_note, origin) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kLatestOrigin =
    "SELECT origin FROM catalogue_history WHERE entity_type = $1 AND code = $2 ORDER BY version DESC LIMIT 1";

storage::Value text_or_null(const std::string& text)
{
    return text.empty() ? storage::Value() : storage::Value(text);
}

std::string search_key(const std::string& code, const std::string& name, const std::string& text)
{
    return core::fold_for_search(code + " " + name + " " + text);
}

storage::Params element_params(const DataElement& element, const std::string& now)
{
    return {element.code,
            element.name,
            element.description,
            element.unit,
            to_string(element.value_type),
            core::to_string(element.period_type),
            to_string(element.territory_aggregation),
            text_or_null(element.weight_element_code),
            to_string(element.time_aggregation),
            element.source_code,
            element.minimum,
            element.maximum,
            text_or_null(element.not_above_code),
            element.due_days,
            element.collected,
            search_key(element.code, element.name, element.description),
            now};
}

storage::Params indicator_params(const Indicator& indicator, const std::string& now)
{
    return {indicator.code,
            indicator.name,
            indicator.definition,
            to_string(indicator.kind),
            indicator.numerator,
            indicator.denominator,
            indicator.factor,
            text_or_null(indicator.base_indicator_code),
            indicator.statistic ? storage::Value(to_string(*indicator.statistic)) : storage::Value(),
            indicator.unit,
            indicator.decimals,
            to_string(indicator.direction),
            core::to_string(indicator.periodicity),
            indicator.source_code,
            to_string(indicator.definition_status),
            indicator.reference_note,
            search_key(indicator.code, indicator.name, indicator.definition),
            now};
}

void write_priorities(storage::Connection& connection, const Indicator& indicator)
{
    connection.execute(kDeletePriorities, {indicator.code});
    for (const auto& priority : indicator.priorities)
        connection.execute(kInsertPriority, {indicator.code, priority});
}

}  // namespace

void insert(storage::Connection& connection, const Source& source, const std::string& now)
{
    storage::take_change_sequence(connection);  // the analytics answer with the catalogue
    connection.execute(kInsertSource, {source.code, source.name, source.description, source.producer, source.url, now});
}

void insert(storage::Connection& connection, const DataElement& element, const std::string& now)
{
    storage::take_change_sequence(connection);  // the analytics answer with the catalogue
    connection.execute(kInsertElement, element_params(element, now));
}

void insert(storage::Connection& connection, const Indicator& indicator, const std::string& now)
{
    storage::take_change_sequence(connection);  // the analytics answer with the catalogue
    connection.execute(kInsertIndicator, indicator_params(indicator, now));
    write_priorities(connection, indicator);
}

bool update(storage::Connection& connection, const Source& source, int expected_version, const std::string& now)
{
    storage::take_change_sequence(connection);  // the analytics answer with the catalogue
    return connection.execute(kUpdateSource, {source.code, source.name, source.description, source.producer, source.url,
                                              now, expected_version}) == 1;
}

bool update(storage::Connection& connection, const DataElement& element, int expected_version, const std::string& now)
{
    storage::take_change_sequence(connection);  // the analytics answer with the catalogue
    auto params = element_params(element, now);
    params.emplace_back(expected_version);
    return connection.execute(kUpdateElement, params) == 1;
}

bool update(storage::Connection& connection, const Indicator& indicator, int expected_version, const std::string& now)
{
    storage::take_change_sequence(connection);  // the analytics answer with the catalogue
    auto params = indicator_params(indicator, now);
    params.emplace_back(expected_version);
    if (connection.execute(kUpdateIndicator, params) != 1)
        return false;
    write_priorities(connection, indicator);
    return true;
}

void insert_version(storage::Connection& connection, const VersionRecord& record)
{
    connection.execute(kInsertVersion,
                       {to_string(record.type), record.code, record.version, record.snapshot, record.changed_at,
                        record.changed_by, record.change_note, to_string(record.origin)});
}

std::optional<ChangeOrigin> latest_origin(storage::Connection& connection, EntityType type, std::string_view code)
{
    auto found = connection.query(kLatestOrigin, {to_string(type), code});
    if (found.empty())
        return std::nullopt;
    return found.front().text("origin") == "reference" ? ChangeOrigin::Reference : ChangeOrigin::User;
}

}  // namespace boussole::catalogue::rows
