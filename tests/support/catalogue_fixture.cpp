#include "support/catalogue_fixture.hpp"

#include "core/clock.hpp"
#include "storage/connection.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

namespace {

constexpr const char* kInsertSource =
    "INSERT INTO sources (code, name, description, producer, url, version, updated_at) "
    "VALUES ($1, 'Source d''essai', 'Données des tests', 'Boussole', '', 1, $2) ON CONFLICT (code) DO NOTHING";

constexpr const char* kInsertElement =
    "INSERT INTO data_elements (code, name, description, unit, value_type, period_type, territory_aggregation, "
    "weight_element_code, time_aggregation, source_code, minimum, maximum, not_above_code, due_days, collected, "
    "search_key, version, updated_at) "
    "VALUES ($1, $2, '', $3, $4, $5, 'sum', NULL, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14) "
    "ON CONFLICT (code) DO NOTHING";

struct TestElement {
    const char* code;
    const char* name;
    const char* unit;
    const char* value_type;
    const char* period_type;
    const char* time_aggregation;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<std::string> not_above;
    int due_days;
    bool collected;
};

const TestElement kElements[] = {
    {kMonthly, "Décisions mensuelles d'essai", "décisions", "integer", "month", "sum", 0.0, std::nullopt, std::nullopt,
     30, true},
    {kQuarterly, "Demandes trimestrielles d'essai", "demandes", "integer", "quarter", "sum", 0.0, std::nullopt,
     std::nullopt, 45, true},
    {kQuarterlyPart, "Demandes en ligne d'essai", "demandes", "integer", "quarter", "sum", 0.0, std::nullopt,
     std::string(kQuarterly), 45, true},
    {kYearlyRate, "Taux annuel d'essai", "%", "decimal", "year", "average", 0.0, 100.0, std::nullopt, 90, true},
    {kYearlyBalance, "Solde annuel d'essai", "euros", "decimal", "year", "sum", std::nullopt, std::nullopt,
     std::nullopt, 90, true},
    {kComputed, "Population d'essai", "personnes", "integer", "year", "last", 0.0, std::nullopt, std::nullopt, 0,
     false},
};

}  // namespace

void insert_test_catalogue(storage::Database& database)
{
    database.write([](storage::Connection& connection) {
        auto now = core::to_iso8601(core::now());
        connection.execute(kInsertSource, {kTestSource, now});
        for (const auto& element : kElements)
            connection.execute(kInsertElement,
                               {element.code, element.name, element.unit, element.value_type, element.period_type,
                                element.time_aggregation, kTestSource, element.minimum, element.maximum,
                                element.not_above, element.due_days, element.collected, element.code, now});
    });
}

catalogue::Catalogue load_catalogue(storage::Database& database)
{
    return database.read([](storage::Connection& connection) { return catalogue::Catalogue::load(connection); });
}

}  // namespace boussole::test_support
