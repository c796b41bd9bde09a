// The rules of data elements as write_values applies them: value type,
// bounds, numerator not above its denominator (in the batch or stored, both
// ways), elements computed by Boussole, outliers flagged without refusing,
// and the two write modes.
#include "collection/data_values.hpp"
#include "support/values_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace boussole::collection {

using test_support::input;
using test_support::kComputed;
using test_support::kMonthly;
using test_support::kQuarterly;
using test_support::kQuarterlyPart;
using test_support::kYearlyBalance;
using test_support::kYearlyRate;
using ::testing::HasSubstr;

class WriteRulesTest : public test_support::CollectionTest {
protected:
    // The single fault of a refused one-input batch.
    core::FieldError refused(const ValueInput& value)
    {
        auto report = write(gironde_editor(), {value});
        EXPECT_TRUE(report.ok());
        if (!report.ok() || report->rejected.empty()) {
            ADD_FAILURE() << "accepted: " << value.element << " " << value.period;
            return {};
        }
        EXPECT_FALSE(report->applied);
        EXPECT_EQ(report->written, 0);
        return report->rejected.front();
    }
};

TEST_P(WriteRulesTest, IntegerElementsRefuseDecimals)
{
    auto fault = refused(input(4, kMonthly, "33", "2025-07", 12.5));
    EXPECT_EQ(fault.field, "value");
    EXPECT_EQ(fault.line, 4);
    EXPECT_EQ(fault.value, "12,5");
    EXPECT_THAT(fault.message, HasSubstr("entier"));
    EXPECT_FALSE(value_of(kMonthly, "DEP-33", "2025-07"));
    EXPECT_TRUE(write(gironde_editor(), {input(1, kYearlyRate, "33", "2025", 12.5)})->applied);
}

TEST_P(WriteRulesTest, BoundsAndSignAreChecked)
{
    EXPECT_THAT(refused(input(1, kMonthly, "33", "2025-07", -1)).message, HasSubstr("positif ou nul"));
    EXPECT_THAT(refused(input(1, kYearlyRate, "33", "2025", 100.5)).message, HasSubstr("au plus 100"));
    auto balance = write(gironde_editor(), {input(1, kYearlyBalance, "33", "2025", -2500.75)});
    ASSERT_TRUE(balance.ok());
    EXPECT_EQ(balance->written, 1);
    EXPECT_EQ(value_of(kYearlyBalance, "DEP-33", "2025")->value, -2500.75);
}

TEST_P(WriteRulesTest, NonFiniteAndHugeNumbersAreRefused)
{
    for (double value : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                         -std::numeric_limits<double>::infinity(), 1e300, 2e15}) {
        auto fault = refused(input(1, kYearlyBalance, "33", "2025", value));
        EXPECT_EQ(fault.field, "value") << value;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_values"), 0);
}

TEST_P(WriteRulesTest, ElementsComputedByBoussoleAreNotWritten)
{
    auto fault = refused(input(1, kComputed, "33", "2025", 1000));
    EXPECT_EQ(fault.field, "element");
    EXPECT_THAT(fault.message, HasSubstr("calculé par Boussole"));
    auto unknown = refused(input(1, "essai_mensuelle", "33", "2025-07", 1));
    EXPECT_EQ(unknown.field, "element");
    EXPECT_THAT(unknown.message, HasSubstr("essai_mensuelle"));
}

TEST_P(WriteRulesTest, ANumeratorMayNotExceedItsDenominatorInTheSameBatch)
{
    auto report = write(gironde_editor(),
                        {input(1, kQuarterly, "33", "2025-T1", 100), input(2, kQuarterlyPart, "33", "2025-T1", 120)});
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->applied);
    ASSERT_EQ(report->rejected.size(), 1u);
    EXPECT_EQ(report->rejected[0].line, 2);
    EXPECT_THAT(report->rejected[0].message, HasSubstr(kQuarterly));
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_values"), 0);

    auto fine = write(gironde_editor(),
                      {input(1, kQuarterly, "33", "2025-T1", 100), input(2, kQuarterlyPart, "33", "2025-T1", 100)});
    EXPECT_EQ(fine->written, 2);
}

TEST_P(WriteRulesTest, ANumeratorIsCheckedAgainstTheStoredDenominatorAndBack)
{
    auto editor = gironde_editor();
    ASSERT_EQ(write(editor, {input(1, kQuarterly, "33", "2025-T1", 100)})->written, 1);
    auto above = refused(input(7, kQuarterlyPart, "33", "2025-T1", 101));
    EXPECT_EQ(above.line, 7);
    EXPECT_THAT(above.message, HasSubstr("supérieure"));
    ASSERT_EQ(write(editor, {input(1, kQuarterlyPart, "33", "2025-T1", 80)})->written, 1);

    // Lowering the denominator below the stored numerator breaks the pair too.
    auto below = refused(input(3, kQuarterly, "33", "2025-T1", 50));
    EXPECT_THAT(below.message, HasSubstr(kQuarterlyPart));
    EXPECT_EQ(value_of(kQuarterly, "DEP-33", "2025-T1")->value, 100);
    // Another department or period is another pair.
    EXPECT_EQ(write(editor, {input(1, kQuarterlyPart, "33", "2025-T2", 500)})->written, 1);
}

TEST_P(WriteRulesTest, AllOrNothingReportsEveryFaultAndWritesNothing)
{
    auto report =
        write(gironde_editor(), {input(1, kMonthly, "33", "2025-07", 10), input(2, kMonthly, "33", "2025-13", 10),
                                 input(3, kMonthly, "2C", "2025-08", 10), input(4, kMonthly, "33", "2025-09", 1.5)});
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->applied);
    EXPECT_EQ(report->written, 0);
    ASSERT_EQ(report->rejected.size(), 3u);
    EXPECT_EQ(report->rejected[0].line, 2);
    EXPECT_EQ(report->rejected[0].field, "period");
    EXPECT_EQ(report->rejected[1].line, 3);
    EXPECT_EQ(report->rejected[1].field, "territory");
    EXPECT_EQ(report->rejected[2].line, 4);
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_values"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_value_history"), 0);
}

TEST_P(WriteRulesTest, ValidLinesWritesTheValidOnesAndReportsTheRest)
{
    auto report = write(gironde_editor(),
                        {input(1, kMonthly, "33", "2025-07", 10), input(2, kMonthly, "40", "2025-07", 10),
                         input(3, kMonthly, "33", "2025-08", 11)},
                        WriteMode::ValidLines);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->applied);
    EXPECT_EQ(report->written, 2);
    ASSERT_EQ(report->rejected.size(), 1u);
    EXPECT_EQ(report->rejected[0].line, 2);
    EXPECT_THAT(report->rejected[0].message, HasSubstr("DEP-40"));
}

TEST_P(WriteRulesTest, TheSameCellTwiceInABatchIsRefused)
{
    auto report =
        write(gironde_editor(), {input(1, kMonthly, "33", "2025-07", 10), input(2, kMonthly, "DEP-33", "2025-07", 11)});
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->rejected.size(), 1u);
    EXPECT_EQ(report->rejected[0].line, 2);
    EXPECT_THAT(report->rejected[0].message, HasSubstr("ligne 1"));
}

TEST_P(WriteRulesTest, AnOutlierIsWrittenFlaggedAndWarnedAbout)
{
    auto editor = gironde_editor();
    std::vector<ValueInput> usual;
    for (int month = 1; month <= 6; ++month)
        usual.push_back(input(month, kMonthly, "33", "2025-0" + std::to_string(month), 100 + month));
    auto first = write(editor, usual);
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first->warnings.empty());

    auto odd = write(editor, {input(9, kMonthly, "33", "2025-07", 1500)});
    ASSERT_TRUE(odd.ok());
    EXPECT_TRUE(odd->applied);
    EXPECT_EQ(odd->written, 1);
    ASSERT_EQ(odd->warnings.size(), 1u);
    EXPECT_EQ(odd->warnings[0].line, 9);
    EXPECT_THAT(odd->warnings[0].message, HasSubstr("inhabituelle"));
    EXPECT_TRUE(value_of(kMonthly, "DEP-33", "2025-07")->outlier);

    // Corrected, the flag goes; another department's history is its own.
    ASSERT_TRUE(write(editor, {input(1, kMonthly, "33", "2025-07", 104)})->warnings.empty());
    EXPECT_FALSE(value_of(kMonthly, "DEP-33", "2025-07")->outlier);
    auto landes = write(national_admin(), {input(1, kMonthly, "40", "2025-07", 1500)});
    EXPECT_TRUE(landes->warnings.empty());
}

TEST_P(WriteRulesTest, FiveEarlierValuesAreTooFewToJudge)
{
    std::vector<ValueInput> values;
    for (int month = 1; month <= 5; ++month)
        values.push_back(input(month, kMonthly, "33", "2025-0" + std::to_string(month), 100));
    values.push_back(input(6, kMonthly, "33", "2025-06", 5000));
    auto report = write(gironde_editor(), values);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->warnings.empty());
    values.push_back(input(7, kMonthly, "33", "2025-07", 90000));
    auto seventh = write(gironde_editor(), values);
    ASSERT_EQ(seventh->warnings.size(), 1u);
    EXPECT_EQ(seventh->warnings[0].line, 7);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(WriteRulesTest);

}  // namespace boussole::collection
