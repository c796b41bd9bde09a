#include "catalogue/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace boussole::catalogue {

namespace {

const std::vector<std::string> kPriorities{"P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11"};

DataElement element(std::string code, core::PeriodType type = core::PeriodType::Quarter)
{
    DataElement element;
    element.code = std::move(code);
    element.name = "Décisions";
    element.unit = "décisions";
    element.period_type = type;
    element.source_code = "si_mdph";
    element.minimum = 0;
    return element;
}

Indicator delay()
{
    Indicator indicator;
    indicator.code = "mdph_delai_traitement";
    indicator.name = "Délai moyen de traitement";
    indicator.definition = "Jours cumulés divisés par les décisions, en mois.";
    indicator.numerator = "mdph_jours_traitement_cumules";
    indicator.denominator = "mdph_decisions * 30.4";
    indicator.unit = "mois";
    indicator.periodicity = core::PeriodType::Quarter;
    indicator.source_code = "si_mdph";
    indicator.priorities = {"P2"};
    return indicator;
}

Catalogue sample()
{
    auto children = element("mdph_decisions_enfants");
    children.not_above_code = "mdph_decisions";
    return Catalogue::from({Source{"si_mdph", "SI MDPH"}, Source{"insee", "INSEE"}},
                           {element("mdph_decisions"), element("mdph_jours_traitement_cumules"), children,
                            element("pop_totale", core::PeriodType::Year)},
                           {delay()});
}

std::vector<std::string> fields_of(const core::Status& status)
{
    std::vector<std::string> fields;
    if (!status.ok())
        for (const auto& field : status.error().fields)
            fields.push_back(field.field);
    return fields;
}

bool has(const std::vector<std::string>& fields, const std::string& field)
{
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace

TEST(CatalogueValidationTest, AcceptsValidEntries)
{
    auto catalogue = sample();
    EXPECT_TRUE(validate_source({"drees", "DREES", "", "DREES", "https://drees.solidarites-sante.gouv.fr"}).ok());
    auto decisions = element("mdph_decisions");
    EXPECT_TRUE(validate_element(decisions, with_entry(catalogue, decisions)).ok());
    auto status = validate_indicator(delay(), catalogue, kPriorities);
    EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(CatalogueValidationTest, NamesEveryFaultyFieldOfASource)
{
    auto status = validate_source({"SI MDPH", "", "", "", "ftp://exemple.fr"});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(fields_of(status), (std::vector<std::string>{"code", "name", "url"}));
    EXPECT_NE(status.error().message.find("3 champs à corriger"), std::string::npos);
    EXPECT_NE(status.error().fields[0].message.find("minuscules"), std::string::npos);
    EXPECT_FALSE(is_valid_code("a"));
    EXPECT_FALSE(is_valid_code("1abc"));
    EXPECT_FALSE(is_valid_code("décisions"));
    EXPECT_FALSE(is_valid_code(std::string(64, 'a')));
    EXPECT_TRUE(is_valid_code("pop_75_plus"));
}

TEST(CatalogueValidationTest, ChecksTheRulesOfADataElement)
{
    auto catalogue = sample();
    auto faulty = element("mdph_demandes");
    faulty.name = "";
    faulty.unit = std::string(61, 'u');
    faulty.source_code = "si_mdp";
    faulty.minimum = 10;
    faulty.maximum = 1;
    faulty.due_days = 1000;
    faulty.not_above_code = "pop_totale";
    faulty.weight_element_code = "mdph_decisions";
    auto status = validate_element(faulty, with_entry(catalogue, faulty));
    auto fields = fields_of(status);
    for (const char* field :
         {"name", "unit", "source_code", "maximum", "due_days", "not_above_code", "weight_element_code"})
        EXPECT_TRUE(has(fields, field)) << field << " : " << (status.ok() ? "" : status.error().message);
    for (const auto& error : status.error().fields) {
        if (error.field == "source_code") {
            EXPECT_NE(error.message.find("Vouliez-vous dire : si_mdph"), std::string::npos) << error.message;
        }
        if (error.field == "not_above_code") {
            EXPECT_NE(error.message.find("même période"), std::string::npos) << error.message;
        }
    }

    auto weighted = element("taux_satisfaction");
    weighted.territory_aggregation = TerritoryAggregation::WeightedAverage;
    EXPECT_TRUE(has(fields_of(validate_element(weighted, with_entry(catalogue, weighted))), "weight_element_code"));
    weighted.weight_element_code = "mdph_decisions";
    EXPECT_TRUE(validate_element(weighted, with_entry(catalogue, weighted)).ok());
    weighted.weight_element_code = "taux_satisfaction";
    EXPECT_TRUE(has(fields_of(validate_element(weighted, with_entry(catalogue, weighted))), "weight_element_code"));
}

TEST(CatalogueValidationTest, RefusesAnElementChangeThatWouldBreakWhatUsesIt)
{
    auto catalogue = sample();
    // The quarterly delay cites the decisions: they cannot become yearly.
    auto yearly = element("mdph_decisions", core::PeriodType::Year);
    auto status = validate_element(yearly, with_entry(catalogue, yearly));
    auto fields = fields_of(status);
    ASSERT_TRUE(has(fields, "used_by")) << (status.ok() ? "" : status.error().message);
    bool names_indicator = false;
    bool names_bounded_element = false;
    for (const auto& error : status.error().fields) {
        names_indicator |= error.message.find("« mdph_delai_traitement »") != std::string::npos;
        names_bounded_element |= error.message.find("« mdph_decisions_enfants »") != std::string::npos;
    }
    EXPECT_TRUE(names_indicator);
    EXPECT_TRUE(names_bounded_element);

    // Nor may they stop adding up over time under a yearly indicator.
    auto annual = delay();
    annual.code = "delai_annuel";
    annual.periodicity = core::PeriodType::Year;
    auto with_annual = with_entry(catalogue, annual);
    auto distinct = element("mdph_decisions");
    distinct.time_aggregation = TimeAggregation::None;
    EXPECT_TRUE(has(fields_of(validate_element(distinct, with_entry(with_annual, distinct))), "used_by"));
}

TEST(CatalogueValidationTest, ChecksTheFieldsAndFormulasOfARatio)
{
    auto catalogue = sample();
    auto faulty = delay();
    faulty.code = "nouveau";
    faulty.definition = "";
    faulty.factor = 0;
    faulty.decimals = 9;
    faulty.priorities = {"P12"};
    faulty.numerator = "mdph_jours_traitement / 0";
    faulty.denominator = "2 - 2";
    faulty.statistic = EquityStatistic::StandardDeviation;
    auto status = validate_indicator(faulty, with_entry(catalogue, faulty), kPriorities);
    auto fields = fields_of(status);
    for (const char* field :
         {"definition", "factor", "decimals", "priorities", "numerator", "denominator", "statistic"})
        EXPECT_TRUE(has(fields, field)) << field;
    int numerator_problems = 0;
    for (const auto& error : status.error().fields)
        if (error.field == "numerator") {
            ++numerator_problems;
            EXPECT_EQ(error.message.rfind("Numérateur : ", 0), 0u) << error.message;
        }
    EXPECT_EQ(numerator_problems, 2) << "unknown element and division by zero";

    auto constant = delay();
    constant.numerator = "3";
    auto constant_status = validate_indicator(constant, with_entry(catalogue, constant), kPriorities);
    ASSERT_FALSE(constant_status.ok());
    EXPECT_NE(constant_status.error().message.find("une constante seule"), std::string::npos);

    auto yearly_population = delay();
    yearly_population.denominator = "pop_totale";
    EXPECT_TRUE(
        has(fields_of(validate_indicator(yearly_population, with_entry(catalogue, yearly_population), kPriorities)),
            "denominator"));
}

TEST(CatalogueValidationTest, ChecksAnEquityIndicator)
{
    auto catalogue = sample();
    Indicator equity;
    equity.code = "equite_delai";
    equity.name = "Dispersion du délai";
    equity.definition = "Coefficient de variation entre départements.";
    equity.kind = IndicatorKind::Equity;
    equity.base_indicator_code = "mdph_delai_traitement";
    equity.statistic = EquityStatistic::CoefficientOfVariation;
    equity.unit = "%";
    equity.periodicity = core::PeriodType::Year;
    equity.source_code = "si_mdph";
    equity.priorities = {"P1"};
    auto status = validate_indicator(equity, with_entry(catalogue, equity), kPriorities);
    EXPECT_TRUE(status.ok()) << status.error().message;

    auto monthly = equity;
    monthly.periodicity = core::PeriodType::Month;
    EXPECT_TRUE(
        has(fields_of(validate_indicator(monthly, with_entry(catalogue, monthly), kPriorities)), "periodicity"));

    auto incomplete = equity;
    incomplete.statistic.reset();
    incomplete.base_indicator_code = "mdph_delai";
    incomplete.numerator = "mdph_decisions";
    auto fields = fields_of(validate_indicator(incomplete, with_entry(catalogue, incomplete), kPriorities));
    EXPECT_TRUE(has(fields, "statistic"));
    EXPECT_TRUE(has(fields, "base_indicator_code"));
    EXPECT_TRUE(has(fields, "numerator"));

    // An indicator that others measure cannot become an equity indicator.
    auto with_equity = with_entry(catalogue, equity);
    auto turned = delay();
    turned.kind = IndicatorKind::Equity;
    turned.numerator.clear();
    turned.denominator.clear();
    turned.base_indicator_code = "equite_delai";
    turned.statistic = EquityStatistic::StandardDeviation;
    EXPECT_TRUE(has(fields_of(validate_indicator(turned, with_entry(with_equity, turned), kPriorities)), "used_by"));
}

TEST(CatalogueValidationTest, NormalisesTextsAndPriorities)
{
    auto indicator = delay();
    indicator.name = "  Délai  ";
    indicator.priorities = {"P10", " P2", "P2", "P1"};
    normalise(indicator);
    EXPECT_EQ(indicator.name, "Délai");
    EXPECT_EQ(indicator.priorities, (std::vector<std::string>{"P1", "P2", "P10"}));
}

}  // namespace boussole::catalogue
