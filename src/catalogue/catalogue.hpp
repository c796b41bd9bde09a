#pragma once
// The indicator catalogue: the sources (existing information systems), the
// data elements the territories upload, and the indicators computed from them
// (DESIGN.md §2). A Catalogue is a snapshot read from the database; it is
// immutable, so it can be shared by the requests that use it.

#include "core/period.hpp"
#include "core/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::catalogue {

struct Source {
    std::string code;  // "si_mdph"
    std::string name;  // "SI MDPH"
    std::string description;
    std::string producer;
    std::string url;
    int version = 1;
};

enum class ValueType { Integer, Decimal };
enum class TerritoryAggregation { Sum, Average, WeightedAverage, Min, Max, None };
enum class TimeAggregation { Sum, Last, Average, None };

const char* to_string(ValueType type);
const char* to_string(TerritoryAggregation aggregation);
const char* to_string(TimeAggregation aggregation);
core::Result<ValueType> parse_value_type(std::string_view text);
core::Result<TerritoryAggregation> parse_territory_aggregation(std::string_view text);
core::Result<TimeAggregation> parse_time_aggregation(std::string_view text);
const char* label(TerritoryAggregation aggregation);  // "somme", "moyenne pondérée"…
const char* label(TimeAggregation aggregation);       // "somme (flux)", "dernière valeur (stock)"…

struct DataElement {
    std::string code;  // "mdph_decisions"
    std::string name;
    std::string description;
    std::string unit;
    ValueType value_type = ValueType::Integer;
    core::PeriodType period_type = core::PeriodType::Year;
    TerritoryAggregation territory_aggregation = TerritoryAggregation::Sum;
    std::string weight_element_code;  // for WeightedAverage
    TimeAggregation time_aggregation = TimeAggregation::Sum;
    std::string source_code;
    std::optional<double> minimum;  // a value below is refused
    std::optional<double> maximum;  // a value above is refused
    std::string not_above_code;     // a value may not exceed the same cell of that element
    int due_days = 60;              // days after the end of the period
    bool collected = true;          // false: computed by Boussole from reference data
    int version = 1;
};

enum class IndicatorKind { Ratio, Equity };
enum class Direction { HigherIsBetter, LowerIsBetter, Neutral };
enum class DefinitionStatus { Published, ToConfirm };

const char* to_string(IndicatorKind kind);
const char* to_string(Direction direction);
const char* to_string(DefinitionStatus status);
core::Result<IndicatorKind> parse_indicator_kind(std::string_view text);
core::Result<Direction> parse_direction(std::string_view text);
core::Result<DefinitionStatus> parse_definition_status(std::string_view text);
const char* label(Direction direction);  // "plus élevé = mieux"…

enum class EquityStatistic { CoefficientOfVariation, StandardDeviation, MaxMinRatio };
const char* to_string(EquityStatistic statistic);  // "cv", "stddev", "max_min_ratio"
core::Result<EquityStatistic> parse_equity_statistic(std::string_view text);

struct Indicator {
    std::string code;
    std::string name;
    std::string definition;
    IndicatorKind kind = IndicatorKind::Ratio;
    // Ratio: numerator / denominator × factor (formula.hpp); an empty
    // denominator means 1.
    std::string numerator;
    std::string denominator;
    double factor = 1;
    // Equity: the dispersion across departments of another indicator.
    std::string base_indicator_code;
    std::optional<EquityStatistic> statistic;
    std::string unit;
    int decimals = 1;
    Direction direction = Direction::Neutral;
    core::PeriodType periodicity = core::PeriodType::Year;
    std::string source_code;
    DefinitionStatus definition_status = DefinitionStatus::ToConfirm;
    std::string reference_note;
    std::vector<std::string> priorities;  // "P1"…"P11"
    int version = 1;
};

class Catalogue {
public:
    // Reads the whole catalogue. Throws storage::DatabaseError.
    static Catalogue load(storage::Connection& connection);
    static Catalogue from(std::vector<Source> sources, std::vector<DataElement> elements,
                          std::vector<Indicator> indicators);

    const std::vector<Source>& sources() const { return m_sources; }
    const std::vector<DataElement>& elements() const { return m_elements; }
    const std::vector<Indicator>& indicators() const { return m_indicators; }

    // nullptr when unknown.
    const Source* find_source(std::string_view code) const;
    const DataElement* find_element(std::string_view code) const;
    const Indicator* find_indicator(std::string_view code) const;

    // NotFound with a French message listing close codes when unknown.
    core::Result<const DataElement*> element(std::string_view code) const;

    std::vector<const Indicator*> indicators_of_priority(std::string_view priority_code) const;

private:
    std::vector<Source> m_sources;
    std::vector<DataElement> m_elements;
    std::vector<Indicator> m_indicators;
    std::map<std::string, std::size_t, std::less<>> m_source_index;
    std::map<std::string, std::size_t, std::less<>> m_element_index;
    std::map<std::string, std::size_t, std::less<>> m_indicator_index;
};

}  // namespace boussole::catalogue
