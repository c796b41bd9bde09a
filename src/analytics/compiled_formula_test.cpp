// Formulas compiled into array programs: the arithmetic of the catalogue's
// formulas, element by element over whole arrays, where a missing value or a
// division by zero gives no value rather than zero or infinity.
#include "analytics/compiled_formula.hpp"

#include "analytics/cube.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace boussole::analytics {

namespace {

CompiledFormula compiled(std::string_view text)
{
    auto formula = catalogue::Formula::parse(text);
    EXPECT_TRUE(formula.ok()) << text;
    return CompiledFormula::compile(formula->root());
}

// Evaluates text with its element inputs given in order of first appearance.
std::vector<double> run(std::string_view text, std::vector<std::vector<double>> elements,
                        std::vector<std::vector<double>> indicators = {})
{
    auto formula = compiled(text);
    EXPECT_EQ(formula.element_codes().size(), elements.size()) << text;
    EXPECT_EQ(formula.indicator_codes().size(), indicators.size()) << text;
    std::size_t size = elements.empty() ? (indicators.empty() ? 3 : indicators[0].size()) : elements[0].size();
    std::vector<const double*> element_inputs, indicator_inputs;
    for (const auto& input : elements)
        element_inputs.push_back(input.data());
    for (const auto& input : indicators)
        indicator_inputs.push_back(input.data());
    std::vector<double> out;
    formula.evaluate(element_inputs, indicator_inputs, size, out);
    EXPECT_EQ(out.size(), size) << text;
    return out;
}

}  // namespace

TEST(AnalyticsCompiledFormulaTest, ConstantsAreFoldedIntoOneValue)
{
    auto out = run("30.4 * 12 + 1 / 4", {});
    ASSERT_EQ(out.size(), 3u);
    for (double value : out)
        EXPECT_DOUBLE_EQ(value, 30.4 * 12 + 0.25);
    EXPECT_TRUE(CompiledFormula::one().element_codes().empty());
    std::vector<double> one;
    CompiledFormula::one().evaluate({}, {}, 2, one);
    EXPECT_EQ(one, (std::vector<double>{1, 1}));
}

TEST(AnalyticsCompiledFormulaTest, OperatorsFollowPrecedenceAndParentheses)
{
    std::vector<double> a{1, 2, 3};
    std::vector<double> b{10, 20, 30};
    EXPECT_EQ(run("a + b * 2", {a, b}), (std::vector<double>{21, 42, 63}));
    EXPECT_EQ(run("(a + b) * 2", {a, b}), (std::vector<double>{22, 44, 66}));
    EXPECT_EQ(run("b - a - 1", {b, a}), (std::vector<double>{8, 17, 26}));
    EXPECT_EQ(run("b / a / 2", {b, a}), (std::vector<double>{5, 5, 5}));
    EXPECT_EQ(run("b / (a * 2)", {b, a}), (std::vector<double>{5, 5, 5}));
}

TEST(AnalyticsCompiledFormulaTest, UnaryMinusNegatesItsOperandOnly)
{
    std::vector<double> a{1, 2, 3};
    std::vector<double> b{10, 20, 30};
    EXPECT_EQ(run("-a + b", {a, b}), (std::vector<double>{9, 18, 27}));
    EXPECT_EQ(run("-(a - b)", {a, b}), (std::vector<double>{9, 18, 27}));
    EXPECT_EQ(run("b * -2", {b}), (std::vector<double>{-20, -40, -60}));
}

TEST(AnalyticsCompiledFormulaTest, DivisionByZeroGivesNoValue)
{
    std::vector<double> a{6, 6, 0};
    std::vector<double> b{3, 0, 0};
    auto out = run("a / b", {a, b});
    EXPECT_EQ(out[0], 2);
    EXPECT_TRUE(std::isnan(out[1]));
    EXPECT_TRUE(std::isnan(out[2]));
    // A divisor that is zero everywhere, and a constant one.
    for (double value : run("a / (b - b)", {a, b}))
        EXPECT_TRUE(std::isnan(value));
    for (double value : run("a / 0", {a}))
        EXPECT_TRUE(std::isnan(value));
    for (double value : run("1 / 0", {}))
        EXPECT_TRUE(std::isnan(value));
}

TEST(AnalyticsCompiledFormulaTest, AMissingValueGivesNoValueWhereverItIsUsed)
{
    std::vector<double> a{1, kNoValue, 3};
    std::vector<double> b{10, 20, kNoValue};
    for (auto text : {"a + b", "a - b", "a * b", "a / b", "-a + b", "b * 0 + a"}) {
        auto out = run(text, {a, b});
        EXPECT_FALSE(std::isnan(out[0])) << text;
        EXPECT_TRUE(std::isnan(out[1])) << text;
        EXPECT_TRUE(std::isnan(out[2])) << text;
    }
}

TEST(AnalyticsCompiledFormulaTest, AnInputUsedTwiceIsOneInput)
{
    auto formula = compiled("a * a + b - a");
    EXPECT_EQ(formula.element_codes(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(run("a * a + b - a", {{3, 4}, {1, 2}}), (std::vector<double>{7, 14}));

    auto mixed = compiled("ind:taux * population / ind:taux");
    EXPECT_EQ(mixed.element_codes(), (std::vector<std::string>{"population"}));
    EXPECT_EQ(mixed.indicator_codes(), (std::vector<std::string>{"taux"}));
    EXPECT_EQ(run("ind:taux * population / ind:taux", {{5, 6}}, {{2, 0}})[0], 5);
    EXPECT_TRUE(std::isnan(run("ind:taux * population / ind:taux", {{5, 6}}, {{2, 0}})[1]));
}

TEST(AnalyticsCompiledFormulaTest, TheInputsAreNotChanged)
{
    std::vector<double> a{1, 2};
    auto out = run("-a * 3", {a});
    EXPECT_EQ(out, (std::vector<double>{-3, -6}));
    EXPECT_EQ(a, (std::vector<double>{1, 2}));
}

}  // namespace boussole::analytics
