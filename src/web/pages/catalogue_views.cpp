#include "web/pages/catalogue_views.hpp"

#include "catalogue/formula.hpp"
#include "core/french.hpp"

#include <cmath>

namespace boussole::web::pages {

namespace {

using catalogue::Node;
using catalogue::NodeKind;

Node binary(NodeKind kind, Node left, Node right)
{
    Node node;
    node.kind = kind;
    node.children.push_back(std::move(left));
    node.children.push_back(std::move(right));
    return node;
}

Node number(double value)
{
    Node node;
    node.kind = NodeKind::Number;
    node.number = value;
    return node;
}

std::string element_name(const std::string& code, const catalogue::Catalogue& catalogue)
{
    const auto* element = catalogue.find_element(code);
    return "« " + (element ? element->name : code) + " »";
}

std::string bound(double value)
{
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return core::format_integer(static_cast<std::int64_t>(value));
    auto text = catalogue::format_number(value);
    for (auto& c : text)
        if (c == '.')
            c = ',';
    return text;
}

}  // namespace

std::string formula_in_words(const catalogue::Indicator& indicator, const catalogue::Catalogue& catalogue)
{
    if (indicator.kind == catalogue::IndicatorKind::Equity) {
        const auto* base = catalogue.find_indicator(indicator.base_indicator_code);
        std::string name = "« " + (base ? base->name : indicator.base_indicator_code) + " »";
        std::string statistic = "Dispersion";
        if (indicator.statistic == catalogue::EquityStatistic::CoefficientOfVariation)
            statistic = "Coefficient de variation (écart type ÷ moyenne × 100)";
        else if (indicator.statistic == catalogue::EquityStatistic::StandardDeviation)
            statistic = "Écart type";
        else if (indicator.statistic == catalogue::EquityStatistic::MaxMinRatio)
            statistic = "Rapport entre la valeur la plus haute et la plus basse";
        return statistic + ", entre les départements, de " + name;
    }
    auto numerator = catalogue::Formula::parse(indicator.numerator);
    if (!numerator.ok())
        return indicator.numerator;
    Node tree = numerator->root();
    if (!indicator.denominator.empty()) {
        auto denominator = catalogue::Formula::parse(indicator.denominator);
        if (!denominator.ok())
            return indicator.numerator + " / " + indicator.denominator;
        tree = binary(NodeKind::Divide, std::move(tree), denominator->root());
    }
    if (indicator.factor != 1)
        tree = binary(NodeKind::Multiply, std::move(tree), number(indicator.factor));
    auto leaf = [&](const Node& node) {
        if (node.kind == NodeKind::Indicator) {
            const auto* other = catalogue.find_indicator(node.code);
            return "« " + (other ? other->name : node.code) + " »";
        }
        return element_name(node.code, catalogue);
    };
    return catalogue::format_formula(tree, leaf, {true, true});
}

std::string periodicity_adjective(core::PeriodType type)
{
    switch (type) {
    case core::PeriodType::Month: return "mensuelle";
    case core::PeriodType::Quarter: return "trimestrielle";
    case core::PeriodType::Year: return "annuelle";
    }
    return "annuelle";
}

std::string per_period(core::PeriodType type)
{
    switch (type) {
    case core::PeriodType::Month: return "par mois";
    case core::PeriodType::Quarter: return "par trimestre";
    case core::PeriodType::Year: return "par année";
    }
    return "par année";
}

std::string territory_rule(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue)
{
    using catalogue::TerritoryAggregation;
    switch (element.territory_aggregation) {
    case TerritoryAggregation::Sum:
        return "Somme des départements : la valeur d'une région ou de la France est le total de ses départements.";
    case TerritoryAggregation::Average:
        return "Moyenne des départements, chacun comptant pour un : une somme n'aurait pas de sens.";
    case TerritoryAggregation::WeightedAverage:
        return "Moyenne des départements pondérée par " + element_name(element.weight_element_code, catalogue) + ".";
    case TerritoryAggregation::Min: return "Plus petite valeur des départements.";
    case TerritoryAggregation::Max: return "Plus grande valeur des départements.";
    case TerritoryAggregation::None:
        return "Aucune : la donnée n'a de valeur que par département, ni régionale ni nationale.";
    }
    return "";
}

std::string time_rule(const catalogue::DataElement& element)
{
    using catalogue::TimeAggregation;
    switch (element.time_aggregation) {
    case TimeAggregation::Sum:
        return "Somme des périodes (un flux) : les valeurs s'additionnent pour former une période plus longue.";
    case TimeAggregation::Last:
        return "Dernière valeur (un stock) : une période plus longue prend la valeur de sa dernière sous-période.";
    case TimeAggregation::Average: return "Moyenne des périodes qui composent une période plus longue.";
    case TimeAggregation::None:
        return "Aucune : la donnée ne se regroupe pas en périodes plus longues (elle compterait deux fois les mêmes "
               "personnes).";
    }
    return "";
}

std::vector<std::string> validation_rules(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue)
{
    std::vector<std::string> rules;
    if (element.value_type == catalogue::ValueType::Integer)
        rules.push_back("Nombre entier.");
    else
        rules.push_back("Nombre décimal.");
    if (element.minimum && element.maximum)
        rules.push_back("Entre " + bound(*element.minimum) + " et " + bound(*element.maximum) + ".");
    else if (element.minimum)
        rules.push_back("Au moins " + bound(*element.minimum) + ".");
    else if (element.maximum)
        rules.push_back("Au plus " + bound(*element.maximum) + ".");
    else
        rules.push_back("Peut être négative : aucune borne.");
    if (!element.not_above_code.empty())
        rules.push_back("Ne dépasse pas " + element_name(element.not_above_code, catalogue) +
                        " du même territoire pour la même période.");
    return rules;
}

nlohmann::json status_badge(const catalogue::Indicator& indicator)
{
    bool published = indicator.definition_status == catalogue::DefinitionStatus::Published;
    return {{"label", published ? "Publié" : "À préciser"}, {"published", published}};
}

std::string indicator_href(const std::string& code)
{
    return "/catalogue/indicateurs/" + code;
}

std::string element_href(const std::string& code)
{
    return "/catalogue/donnees/" + code;
}

nlohmann::json history_rows(const std::vector<catalogue::CatalogueVersion>& versions)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& version : versions)
        rows.push_back({{"version", version.version},
                        {"changed_at", core::format_datetime(version.changed_at)},
                        {"changed_by", version.changed_by},
                        {"origin", version.origin == catalogue::ChangeOrigin::Reference ? "Fichiers de référence"
                                                                                        : "Administrateur national"},
                        {"change_note", version.change_note.empty() ? "—" : version.change_note}});
    return rows;
}

std::string source_name(const std::string& code, const catalogue::Catalogue& catalogue)
{
    const auto* source = catalogue.find_source(code);
    return source ? source->name : code;
}

}  // namespace boussole::web::pages
