#include "catalogue/formula.hpp"

#include <gtest/gtest.h>

namespace boussole::catalogue {

namespace {

std::string shape(const Node& node)
{
    return format_formula(
        node, [](const Node& leaf) { return leaf.kind == NodeKind::Indicator ? "ind:" + leaf.code : leaf.code; });
}

DataElement element(std::string code, core::PeriodType type, TimeAggregation time = TimeAggregation::Sum)
{
    DataElement element;
    element.code = std::move(code);
    element.name = element.code;
    element.period_type = type;
    element.time_aggregation = time;
    element.source_code = "si_mdph";
    return element;
}

Indicator ratio(std::string code, std::string numerator, std::string denominator,
                core::PeriodType periodicity = core::PeriodType::Quarter)
{
    Indicator indicator;
    indicator.code = std::move(code);
    indicator.name = indicator.code;
    indicator.numerator = std::move(numerator);
    indicator.denominator = std::move(denominator);
    indicator.periodicity = periodicity;
    return indicator;
}

// A small catalogue: MDPH elements per quarter and per month, a population per
// year, a distinct count that does not add up over time, three indicators.
Catalogue sample()
{
    using core::PeriodType;
    Indicator equity;
    equity.code = "equite_delai";
    equity.kind = IndicatorKind::Equity;
    equity.base_indicator_code = "delai";
    equity.statistic = EquityStatistic::CoefficientOfVariation;
    return Catalogue::from(
        {Source{"si_mdph", "SI MDPH"}},
        {element("mdph_decisions", PeriodType::Quarter), element("mdph_jours_traitement_cumules", PeriodType::Quarter),
         element("mdph_decisions_mensuelles", PeriodType::Month), element("pop_totale", PeriodType::Year),
         element("mdph_demandeurs_mensuels", PeriodType::Month, TimeAggregation::None)},
        {ratio("delai", "mdph_jours_traitement_cumules", "mdph_decisions * 30.4"),
         ratio("delai_double", "ind:delai * 2", ""), ratio("annuel", "mdph_decisions", "pop_totale", PeriodType::Year),
         equity});
}

std::vector<FormulaProblem> check(std::string_view text, core::PeriodType periodicity = core::PeriodType::Quarter,
                                  std::string owner = "")
{
    static const auto catalogue = sample();
    return check_formula(text, {&catalogue, periodicity, std::move(owner)});
}

}  // namespace

TEST(FormulaTest, ParsesTheProcessingTimeIntoATree)
{
    auto formula = Formula::parse("mdph_jours_traitement_cumules / (mdph_decisions * 30.4)");
    ASSERT_TRUE(formula.ok()) << formula.error().message;
    const auto& root = formula->root();
    EXPECT_EQ(root.kind, NodeKind::Divide);
    EXPECT_EQ(root.position, 31u);
    ASSERT_EQ(root.children.size(), 2u);
    EXPECT_EQ(root.children[0].kind, NodeKind::Element);
    EXPECT_EQ(root.children[0].code, "mdph_jours_traitement_cumules");
    EXPECT_EQ(root.children[1].kind, NodeKind::Multiply);
    EXPECT_EQ(root.children[1].children[1].kind, NodeKind::Number);
    EXPECT_DOUBLE_EQ(root.children[1].children[1].number, 30.4);
    EXPECT_EQ(formula->element_codes(), (std::vector<std::string>{"mdph_jours_traitement_cumules", "mdph_decisions"}));
    EXPECT_TRUE(formula->indicator_codes().empty());
    EXPECT_FALSE(formula->constant_value());
}

TEST(FormulaTest, FollowsPrecedenceAndLeftAssociativity)
{
    EXPECT_EQ(shape(Formula::parse("a - b - c")->root()), "a - b - c");
    EXPECT_EQ(shape(Formula::parse("a - (b - c)")->root()), "a - (b - c)");
    EXPECT_EQ(shape(Formula::parse("a + b * c")->root()), "a + b * c");
    EXPECT_EQ(shape(Formula::parse("(a + b) * c")->root()), "(a + b) * c");
    EXPECT_EQ(shape(Formula::parse("a / b / c")->root()), "a / b / c");
    EXPECT_EQ(shape(Formula::parse("a / (b * c)")->root()), "a / (b * c)");
    EXPECT_EQ(shape(Formula::parse("((a))")->root()), "a");
    EXPECT_EQ(shape(Formula::parse("-a * -(b + 1)")->root()), "-a * -(b + 1)");
    EXPECT_EQ(shape(Formula::parse("  ind:delai*2 ")->root()), "ind:delai * 2");
    EXPECT_EQ(Formula::parse("  a+b\t")->text(), "a+b");

    auto grouped = Formula::parse("a - b - c");
    EXPECT_EQ(grouped->root().kind, NodeKind::Subtract);
    EXPECT_EQ(grouped->root().children[0].kind, NodeKind::Subtract);
}

TEST(FormulaTest, FoldsConstants)
{
    EXPECT_DOUBLE_EQ(*Formula::parse("30.4")->constant_value(), 30.4);
    EXPECT_DOUBLE_EQ(*Formula::parse("2 * (3 + 4) / -2")->constant_value(), -7);
    EXPECT_EQ(*Formula::parse("2 - 2")->constant_value(), 0);
    EXPECT_FALSE(Formula::parse("1 / 0")->constant_value());
    EXPECT_FALSE(Formula::parse("2 * x")->constant_value());
}

TEST(FormulaTest, WritesFormulasForPeople)
{
    auto formula = Formula::parse("(a - b) / (c * 30.4) * 1000");
    auto words = format_formula(formula->root(), [](const Node& leaf) { return "[" + leaf.code + "]"; }, {true, true});
    EXPECT_EQ(words, "([a] − [b]) ÷ ([c] × 30,4) × 1\u00a0000");
    EXPECT_EQ(format_number(30.4), "30.4");
    EXPECT_EQ(format_number(1000), "1000");
}

TEST(FormulaTest, RefusesSyntaxErrorsWithTheirPosition)
{
    struct Case {
        const char* text;
        std::size_t position;
        const char* words;
    };
    const Case cases[] = {
        {"", 1, "Formule vide"},
        {"   ", 1, "Formule vide"},
        {"a +", 4, "s'arrête sur un opérateur"},
        {"a + * b", 5, "Opérateur « * »"},
        {"(a + b", 1, "jamais refermée"},
        {"a + b)", 6, "sans parenthèse ouvrante"},
        {"a b", 3, "Opérateur attendu"},
        {"2a", 2, "Opérateur attendu"},
        {"a # b", 3, "Caractère « # » inattendu"},
        {"a × b", 3, "multipliez avec « * »"},
        {"a ÷ b", 3, "divisez avec « / »"},
        {"30,4 * a", 3, "point"},
        {"a * 30.", 8, "après le point décimal"},
        {"ind:", 5, "Code d'indicateur attendu"},
        {"ind:9x", 5, "Code d'indicateur attendu"},
        {"pop:totale", 1, "Préfixe « pop: » inconnu"},
        {"é + a", 1, "Caractère « é »"},
        {"a + é", 5, "Caractère « é »"},
        {"()", 2, "Parenthèse fermante"},
    };
    for (const auto& c : cases) {
        auto outcome = Formula::try_parse(c.text);
        ASSERT_FALSE(outcome.formula) << c.text;
        ASSERT_TRUE(outcome.problem) << c.text;
        EXPECT_EQ(outcome.problem->kind, ProblemKind::Syntax) << c.text;
        EXPECT_EQ(outcome.problem->position, c.position) << c.text << " : " << outcome.problem->message;
        EXPECT_NE(outcome.problem->message.find(c.words), std::string::npos)
            << c.text << " : " << outcome.problem->message;
        if (std::string_view(c.words) != "Formule vide") {
            EXPECT_NE(outcome.problem->message.find("position " + std::to_string(c.position)), std::string::npos)
                << outcome.problem->message;
        }

        auto parsed = Formula::parse(c.text);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().code, core::ErrorCode::Invalid);
        ASSERT_EQ(parsed.error().fields.size(), 1u);
        EXPECT_EQ(parsed.error().fields[0].field, "formula");
    }
}

TEST(FormulaTest, RefusesHostileInputWithoutCrashing)
{
    EXPECT_FALSE(Formula::parse(std::string(Formula::kMaximumLength + 1, 'a')).ok());
    EXPECT_FALSE(Formula::parse(std::string(1000, '(') + "a" + std::string(1000, ')')).ok());
    EXPECT_FALSE(Formula::parse(std::string(100000, '-') + "a").ok());
    auto deep = Formula::try_parse(std::string(100, '(') + "a" + std::string(100, ')'));
    ASSERT_TRUE(deep.problem);
    EXPECT_NE(deep.problem->message.find("trop imbriquée"), std::string::npos);
    EXPECT_TRUE(Formula::parse(std::string(60, '(') + "a" + std::string(60, ')')).ok());
    EXPECT_FALSE(Formula::parse("a + \xff").ok());
    EXPECT_FALSE(Formula::parse("1" + std::string(400, '0')).ok());
}

TEST(FormulaTest, AcceptsAFormulaThatFitsTheCatalogue)
{
    EXPECT_TRUE(check("mdph_jours_traitement_cumules / (mdph_decisions * 30.4)").empty());
    // Months add up into a quarter, quarters into a year.
    EXPECT_TRUE(check("mdph_decisions_mensuelles").empty());
    EXPECT_TRUE(check("mdph_decisions / pop_totale * 1000", core::PeriodType::Year).empty());
    EXPECT_TRUE(check("ind:delai * 2", core::PeriodType::Year).empty());
}

TEST(FormulaTest, NamesAnUnknownElementAndSuggestsCloseCodes)
{
    auto problems = check("mdph_decision / 2");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].kind, ProblemKind::UnknownElement);
    EXPECT_EQ(problems[0].position, 1u);
    EXPECT_NE(problems[0].message.find("« mdph_decision »"), std::string::npos);
    EXPECT_NE(problems[0].message.find("Vouliez-vous dire : mdph_decisions"), std::string::npos) << problems[0].message;

    auto far = check("a + zzz_inconnu_total");
    ASSERT_EQ(far.size(), 2u);
    EXPECT_EQ(far[1].position, 5u);
    EXPECT_NE(far[1].message.find("page Catalogue"), std::string::npos);

    auto indicator_as_element = check("delai");
    ASSERT_EQ(indicator_as_element.size(), 1u);
    EXPECT_NE(indicator_as_element[0].message.find("écrivez ind:delai"), std::string::npos);

    auto unknown_indicator = check("ind:dela");
    ASSERT_EQ(unknown_indicator.size(), 1u);
    EXPECT_EQ(unknown_indicator[0].kind, ProblemKind::UnknownIndicator);
    EXPECT_NE(unknown_indicator[0].message.find("ind:delai"), std::string::npos) << unknown_indicator[0].message;

    // The same unknown code twice is one problem.
    EXPECT_EQ(check("x_y + x_y").size(), 1u);
}

TEST(FormulaTest, RefusesADivisionByAConstantZero)
{
    for (const char* text : {"mdph_decisions / 0", "mdph_decisions / (2 - 2)", "mdph_decisions / (0 * 30.4)",
                             "mdph_decisions / -0", "1 / (3 - 1 - 2) + mdph_decisions"}) {
        auto problems = check(text);
        ASSERT_EQ(problems.size(), 1u) << text;
        EXPECT_EQ(problems[0].kind, ProblemKind::DivisionByZero) << text;
        EXPECT_NE(problems[0].message.find("vaut toujours 0"), std::string::npos);
    }
    EXPECT_EQ(check("mdph_decisions / (2 - 2)")[0].position, 16u);
    EXPECT_TRUE(check("mdph_decisions / (mdph_decisions - 2)").empty());
}

TEST(FormulaTest, RefusesCoarserPeriodsAndForbiddenTimeAggregation)
{
    auto coarser = check("mdph_decisions / pop_totale");
    ASSERT_EQ(coarser.size(), 1u);
    EXPECT_EQ(coarser[0].kind, ProblemKind::PeriodMismatch);
    EXPECT_EQ(coarser[0].position, 18u);
    EXPECT_NE(coarser[0].message.find("par année"), std::string::npos) << coarser[0].message;
    EXPECT_NE(coarser[0].message.find("par trimestre"), std::string::npos);

    auto monthly_indicator = check("mdph_decisions", core::PeriodType::Month);
    ASSERT_EQ(monthly_indicator.size(), 1u);
    EXPECT_EQ(monthly_indicator[0].kind, ProblemKind::PeriodMismatch);

    auto indicator_reference = check("ind:annuel");
    ASSERT_EQ(indicator_reference.size(), 1u);
    EXPECT_EQ(indicator_reference[0].kind, ProblemKind::PeriodMismatch);
    EXPECT_NE(indicator_reference[0].message.find("L'indicateur « annuel »"), std::string::npos);

    auto distinct = check("mdph_demandeurs_mensuels");
    ASSERT_EQ(distinct.size(), 1u);
    EXPECT_EQ(distinct[0].kind, ProblemKind::NotAggregable);
    EXPECT_TRUE(check("mdph_demandeurs_mensuels", core::PeriodType::Month).empty());
}

TEST(FormulaTest, RefusesCircularReferencesAcrossIndicators)
{
    auto self = check("ind:delai_double + 1", core::PeriodType::Year, "delai_double");
    ASSERT_EQ(self.size(), 1u);
    EXPECT_EQ(self[0].kind, ProblemKind::Cycle);
    EXPECT_NE(self[0].message.find("ind:delai_double → ind:delai_double"), std::string::npos) << self[0].message;

    // delai_double cites delai: making delai cite delai_double closes a loop.
    auto loop = check("mdph_decisions + ind:delai_double", core::PeriodType::Year, "delai");
    ASSERT_EQ(loop.size(), 1u);
    EXPECT_EQ(loop[0].kind, ProblemKind::Cycle);
    EXPECT_EQ(loop[0].position, 18u);
    EXPECT_NE(loop[0].message.find("ind:delai → ind:delai_double → ind:delai"), std::string::npos) << loop[0].message;

    // The stored formulas of the indicator being saved are not followed:
    // delai_double may stop citing delai and cite its elements instead.
    EXPECT_TRUE(check("mdph_decisions * 2", core::PeriodType::Year, "delai_double").empty());
    EXPECT_TRUE(check("ind:delai", core::PeriodType::Year, "autre").empty());
}

TEST(FormulaTest, RefusesAnEquityIndicatorInsideAFormula)
{
    auto problems = check("ind:equite_delai");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].kind, ProblemKind::EquityReference);
    EXPECT_NE(problems[0].message.find("ind:delai"), std::string::npos);
}

TEST(FormulaTest, SuggestsCodesByDistanceAndByInclusion)
{
    std::vector<std::string> codes{"mdph_decisions", "mdph_decisions_enfants", "pop_totale", "pop_75_plus"};
    EXPECT_EQ(close_codes("mdph_decisoins", codes).front(), "mdph_decisions");
    EXPECT_EQ(close_codes("POP_TOTALE", codes), std::vector<std::string>{"pop_totale"});
    EXPECT_EQ(close_codes("decisions", codes).size(), 2u);
    EXPECT_TRUE(close_codes("xyz", codes).empty());
    EXPECT_EQ(close_codes("pop_75", codes), std::vector<std::string>{"pop_75_plus"});
    EXPECT_TRUE(close_codes(std::string(100000, 'a'), codes).empty());
}

TEST(FormulaTest, GathersProblemsIntoOneErrorForAField)
{
    auto error = formula_error("numerator", "Numérateur", "a / 0 + b",
                               {{ProblemKind::UnknownElement, "Donnée « a » inconnue.", 1},
                                {ProblemKind::DivisionByZero, "Division par zéro.", 3}});
    EXPECT_EQ(error.code, core::ErrorCode::Invalid);
    ASSERT_EQ(error.fields.size(), 2u);
    EXPECT_EQ(error.fields[0].field, "numerator");
    EXPECT_EQ(error.fields[0].message, "Numérateur : Donnée « a » inconnue.");
    EXPECT_EQ(error.fields[1].value, "a / 0 + b");
    EXPECT_EQ(error.message, "Numérateur : Donnée « a » inconnue. Division par zéro.");
}

}  // namespace boussole::catalogue
