#include "catalogue/catalogue.hpp"

#include "catalogue/formula.hpp"

#include "storage/connection.hpp"

#include <stdexcept>

namespace boussole::catalogue {

namespace {

constexpr const char* kSelectSources =
    "SELECT code, name, description, producer, url, version FROM sources ORDER BY code";
constexpr const char* kSelectElements =
    "SELECT code, name, description, unit, value_type, period_type, territory_aggregation, weight_element_code, "
    "time_aggregation, source_code, minimum, maximum, not_above_code, due_days, collected, version "
    "FROM data_elements ORDER BY code";
constexpr const char* kSelectIndicators =
    "SELECT code, name, definition, kind, numerator, denominator, factor, base_indicator_code, statistic, unit, "
    "decimals, direction, periodicity, source_code, definition_status, reference_note, version "
    "FROM indicators ORDER BY code";
constexpr const char* kSelectPriorities =
    "SELECT indicator_code, priority_code FROM indicator_priorities ORDER BY indicator_code, priority_code";

// A stored value outside its enumeration is a schema mismatch, not user input.
template <typename T>
T must(core::Result<T> result)
{
    if (!result.ok())
        throw std::runtime_error("catalogue: " + result.error().message);
    return std::move(result).value();
}

template <typename Enum, std::size_t N>
core::Result<Enum> parse_enum(std::string_view text, const std::pair<Enum, const char*> (&names)[N], const char* what,
                              const char* expected)
{
    for (const auto& [value, name] : names)
        if (text == name)
            return value;
    return core::Error::invalid(std::string(what) + " « " + std::string(text) + " » inconnu : attendu " + expected +
                                ".");
}

template <typename Enum, std::size_t N>
const char* name_of(Enum value, const std::pair<Enum, const char*> (&names)[N])
{
    for (const auto& [candidate, name] : names)
        if (candidate == value)
            return name;
    return names[0].second;
}

constexpr std::pair<ValueType, const char*> kValueTypes[] = {{ValueType::Integer, "integer"},
                                                             {ValueType::Decimal, "decimal"}};
constexpr std::pair<TerritoryAggregation, const char*> kTerritoryAggregations[] = {
    {TerritoryAggregation::Sum, "sum"},
    {TerritoryAggregation::Average, "average"},
    {TerritoryAggregation::WeightedAverage, "weighted_average"},
    {TerritoryAggregation::Min, "min"},
    {TerritoryAggregation::Max, "max"},
    {TerritoryAggregation::None, "none"}};
constexpr std::pair<TimeAggregation, const char*> kTimeAggregations[] = {{TimeAggregation::Sum, "sum"},
                                                                         {TimeAggregation::Last, "last"},
                                                                         {TimeAggregation::Average, "average"},
                                                                         {TimeAggregation::None, "none"}};
constexpr std::pair<IndicatorKind, const char*> kKinds[] = {{IndicatorKind::Ratio, "ratio"},
                                                            {IndicatorKind::Equity, "equity"}};
constexpr std::pair<Direction, const char*> kDirections[] = {{Direction::HigherIsBetter, "higher_is_better"},
                                                             {Direction::LowerIsBetter, "lower_is_better"},
                                                             {Direction::Neutral, "neutral"}};
constexpr std::pair<DefinitionStatus, const char*> kStatuses[] = {{DefinitionStatus::Published, "published"},
                                                                  {DefinitionStatus::ToConfirm, "to_confirm"}};
constexpr std::pair<EquityStatistic, const char*> kStatistics[] = {{EquityStatistic::CoefficientOfVariation, "cv"},
                                                                   {EquityStatistic::StandardDeviation, "stddev"},
                                                                   {EquityStatistic::MaxMinRatio, "max_min_ratio"}};

}  // namespace

const char* to_string(ValueType type)
{
    return name_of(type, kValueTypes);
}
const char* to_string(TerritoryAggregation aggregation)
{
    return name_of(aggregation, kTerritoryAggregations);
}
const char* to_string(TimeAggregation aggregation)
{
    return name_of(aggregation, kTimeAggregations);
}
const char* to_string(IndicatorKind kind)
{
    return name_of(kind, kKinds);
}
const char* to_string(Direction direction)
{
    return name_of(direction, kDirections);
}
const char* to_string(DefinitionStatus status)
{
    return name_of(status, kStatuses);
}
const char* to_string(EquityStatistic statistic)
{
    return name_of(statistic, kStatistics);
}

core::Result<ValueType> parse_value_type(std::string_view text)
{
    return parse_enum(text, kValueTypes, "Type de valeur", "integer ou decimal");
}
core::Result<TerritoryAggregation> parse_territory_aggregation(std::string_view text)
{
    return parse_enum(text, kTerritoryAggregations, "Agrégation entre territoires",
                      "sum, average, weighted_average, min, max ou none");
}
core::Result<TimeAggregation> parse_time_aggregation(std::string_view text)
{
    return parse_enum(text, kTimeAggregations, "Agrégation dans le temps", "sum, last, average ou none");
}
core::Result<IndicatorKind> parse_indicator_kind(std::string_view text)
{
    return parse_enum(text, kKinds, "Nature d'indicateur", "ratio ou equity");
}
core::Result<Direction> parse_direction(std::string_view text)
{
    return parse_enum(text, kDirections, "Sens", "higher_is_better, lower_is_better ou neutral");
}
core::Result<DefinitionStatus> parse_definition_status(std::string_view text)
{
    return parse_enum(text, kStatuses, "Statut de définition", "published ou to_confirm");
}
core::Result<EquityStatistic> parse_equity_statistic(std::string_view text)
{
    return parse_enum(text, kStatistics, "Mesure de dispersion", "cv, stddev ou max_min_ratio");
}

const char* label(TerritoryAggregation aggregation)
{
    switch (aggregation) {
    case TerritoryAggregation::Sum: return "somme";
    case TerritoryAggregation::Average: return "moyenne";
    case TerritoryAggregation::WeightedAverage: return "moyenne pondérée";
    case TerritoryAggregation::Min: return "minimum";
    case TerritoryAggregation::Max: return "maximum";
    case TerritoryAggregation::None: return "aucune (non agrégeable)";
    }
    return "somme";
}

const char* label(TimeAggregation aggregation)
{
    switch (aggregation) {
    case TimeAggregation::Sum: return "somme (flux)";
    case TimeAggregation::Last: return "dernière valeur (stock)";
    case TimeAggregation::Average: return "moyenne";
    case TimeAggregation::None: return "aucune (non agrégeable)";
    }
    return "somme (flux)";
}

const char* label(Direction direction)
{
    switch (direction) {
    case Direction::HigherIsBetter: return "plus élevé, mieux c'est";
    case Direction::LowerIsBetter: return "plus bas, mieux c'est";
    case Direction::Neutral: return "neutre";
    }
    return "neutre";
}

Catalogue Catalogue::load(storage::Connection& connection)
{
    std::vector<Source> sources;
    for (auto row : connection.query(kSelectSources))
        sources.push_back({row.text("code"), row.text("name"), row.text("description"), row.text("producer"),
                           row.text("url"), static_cast<int>(row.integer("version"))});

    std::vector<DataElement> elements;
    for (auto row : connection.query(kSelectElements)) {
        DataElement element;
        element.code = row.text("code");
        element.name = row.text("name");
        element.description = row.text("description");
        element.unit = row.text("unit");
        element.value_type = must(parse_value_type(row.text("value_type")));
        element.period_type = must(core::parse_period_type(row.text("period_type")));
        element.territory_aggregation = must(parse_territory_aggregation(row.text("territory_aggregation")));
        element.weight_element_code = row.optional_text("weight_element_code").value_or("");
        element.time_aggregation = must(parse_time_aggregation(row.text("time_aggregation")));
        element.source_code = row.text("source_code");
        element.minimum = row.optional_real("minimum");
        element.maximum = row.optional_real("maximum");
        element.not_above_code = row.optional_text("not_above_code").value_or("");
        element.due_days = static_cast<int>(row.integer("due_days"));
        element.collected = row.boolean("collected");
        element.version = static_cast<int>(row.integer("version"));
        elements.push_back(std::move(element));
    }

    std::map<std::string, std::vector<std::string>> priorities;
    for (auto row : connection.query(kSelectPriorities))
        priorities[row.text("indicator_code")].push_back(row.text("priority_code"));

    std::vector<Indicator> indicators;
    for (auto row : connection.query(kSelectIndicators)) {
        Indicator indicator;
        indicator.code = row.text("code");
        indicator.name = row.text("name");
        indicator.definition = row.text("definition");
        indicator.kind = must(parse_indicator_kind(row.text("kind")));
        indicator.numerator = row.text("numerator");
        indicator.denominator = row.text("denominator");
        indicator.factor = row.real("factor");
        indicator.base_indicator_code = row.optional_text("base_indicator_code").value_or("");
        if (auto statistic = row.optional_text("statistic"); statistic && !statistic->empty())
            indicator.statistic = must(parse_equity_statistic(*statistic));
        indicator.unit = row.text("unit");
        indicator.decimals = static_cast<int>(row.integer("decimals"));
        indicator.direction = must(parse_direction(row.text("direction")));
        indicator.periodicity = must(core::parse_period_type(row.text("periodicity")));
        indicator.source_code = row.text("source_code");
        indicator.definition_status = must(parse_definition_status(row.text("definition_status")));
        indicator.reference_note = row.text("reference_note");
        indicator.priorities = priorities[indicator.code];
        indicator.version = static_cast<int>(row.integer("version"));
        indicators.push_back(std::move(indicator));
    }
    return from(std::move(sources), std::move(elements), std::move(indicators));
}

Catalogue Catalogue::from(std::vector<Source> sources, std::vector<DataElement> elements,
                          std::vector<Indicator> indicators)
{
    Catalogue catalogue;
    catalogue.m_sources = std::move(sources);
    catalogue.m_elements = std::move(elements);
    catalogue.m_indicators = std::move(indicators);
    for (std::size_t i = 0; i < catalogue.m_sources.size(); ++i)
        catalogue.m_source_index.emplace(catalogue.m_sources[i].code, i);
    for (std::size_t i = 0; i < catalogue.m_elements.size(); ++i)
        catalogue.m_element_index.emplace(catalogue.m_elements[i].code, i);
    for (std::size_t i = 0; i < catalogue.m_indicators.size(); ++i)
        catalogue.m_indicator_index.emplace(catalogue.m_indicators[i].code, i);
    return catalogue;
}

const Source* Catalogue::find_source(std::string_view code) const
{
    auto it = m_source_index.find(code);
    return it == m_source_index.end() ? nullptr : &m_sources[it->second];
}

const DataElement* Catalogue::find_element(std::string_view code) const
{
    auto it = m_element_index.find(code);
    return it == m_element_index.end() ? nullptr : &m_elements[it->second];
}

const Indicator* Catalogue::find_indicator(std::string_view code) const
{
    auto it = m_indicator_index.find(code);
    return it == m_indicator_index.end() ? nullptr : &m_indicators[it->second];
}

core::Result<const DataElement*> Catalogue::element(std::string_view code) const
{
    if (const auto* found = find_element(code))
        return found;
    std::vector<std::string> codes;
    for (const auto& element : m_elements)
        codes.push_back(element.code);
    std::string suggestions;
    for (const auto& close : close_codes(code, codes))
        suggestions += (suggestions.empty() ? "" : ", ") + close;
    std::string message = "Donnée « " + std::string(code) + " » inconnue du catalogue.";
    if (!suggestions.empty())
        message += " Vouliez-vous dire : " + suggestions + " ?";
    else
        message += " Consultez la liste des données sur la page Catalogue.";
    return core::Error::not_found(message);
}

std::vector<const Indicator*> Catalogue::indicators_of_priority(std::string_view priority_code) const
{
    std::vector<const Indicator*> result;
    for (const auto& indicator : m_indicators)
        for (const auto& priority : indicator.priorities)
            if (priority == priority_code)
                result.push_back(&indicator);
    return result;
}

}  // namespace boussole::catalogue
