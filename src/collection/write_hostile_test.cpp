// What write_values makes of wrong and hostile inputs: territory codes that
// do not exist or are not departments, dates where periods are expected,
// periods of another type or not yet begun, values outside the writer's
// scope, malformed UTF-8, and principals who may not write at all. Each is
// refused with a French message saying what is expected; nothing reaches the
// database that could make it fail.
#include "collection/data_values.hpp"
#include "support/values_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::collection {

using test_support::input;
using test_support::kMonthly;
using test_support::kQuarterly;
using test_support::kYearlyRate;
using ::testing::HasSubstr;

class WriteHostileTest : public test_support::CollectionTest {
protected:
    core::FieldError fault_of(const access::Principal& principal, const ValueInput& value)
    {
        auto report = write(principal, {value});
        EXPECT_TRUE(report.ok());
        if (!report.ok() || report->rejected.size() != 1) {
            ADD_FAILURE() << "expected one fault for " << value.territory << " " << value.period;
            return {};
        }
        return report->rejected.front();
    }
};

TEST_P(WriteHostileTest, TerritoriesThatAreNotDepartmentsAreRefusedWithAnExplanation)
{
    auto admin = national_admin();
    struct Case {
        const char* territory;
        const char* expected;
    };
    for (const auto& [territory, expected] :
         {Case{"2C", "2A, 2B"}, Case{"20", "Corse"}, Case{"975", "971 à 976"}, Case{"DEP-2C", "2A, 2B"},
          Case{"REG-75", "une région"}, Case{"FR", "la France entière"}, Case{"", "manquant"},
          Case{"Gironde", "inconnu"}}) {
        auto fault = fault_of(admin, input(5, kMonthly, territory, "2025-07", 1));
        EXPECT_EQ(fault.field, "territory") << territory;
        EXPECT_EQ(fault.line, 5);
        EXPECT_THAT(fault.message, HasSubstr(expected)) << territory << ": " << fault.message;
    }
    EXPECT_EQ(write(admin, {input(1, kMonthly, "2a", "2025-07", 1)})->written, 1);
    EXPECT_EQ(write(admin, {input(1, kMonthly, "1", "2025-07", 1)})->written, 1);
    EXPECT_TRUE(value_of(kMonthly, "DEP-01", "2025-07"));
    EXPECT_TRUE(value_of(kMonthly, "DEP-2A", "2025-07"));
}

TEST_P(WriteHostileTest, DatesAndPeriodsOfAnotherTypeAreRefused)
{
    auto editor = gironde_editor();
    auto date = fault_of(editor, input(1, kMonthly, "33", "2025-07-01", 1));
    EXPECT_EQ(date.field, "period");
    EXPECT_THAT(date.message, HasSubstr("n'est pas une date"));
    EXPECT_THAT(fault_of(editor, input(1, kMonthly, "33", "01/07/2025", 1)).message, HasSubstr("n'est pas une date"));
    auto quarter = fault_of(editor, input(1, kMonthly, "33", "2025-T3", 1));
    EXPECT_THAT(quarter.message, HasSubstr("mois"));
    EXPECT_THAT(fault_of(editor, input(1, kQuarterly, "33", "2025", 1)).message, HasSubstr("trimestre"));
    EXPECT_EQ(write(editor, {input(1, kQuarterly, "33", "2025-Q3", 1)})->written, 1);
    EXPECT_TRUE(value_of(kQuarterly, "DEP-33", "2025-T3"));
}

TEST_P(WriteHostileTest, PeriodsNotYetBegunAreRefused)
{
    auto fault = fault_of(gironde_editor(), input(1, kYearlyRate, "33", "2150", 1));
    EXPECT_EQ(fault.field, "period");
    EXPECT_THAT(fault.message, HasSubstr("n'a pas commencé"));
}

TEST_P(WriteHostileTest, ATokenWritesOnlyTheTerritoriesOfItsOrganisation)
{
    auto token = this->token("mdph-33", true);
    auto report = write(token,
                        {input(1, kMonthly, "33", "2025-07", 5), input(2, kMonthly, "24", "2025-07", 5),
                         input(3, kMonthly, "REG-75", "2025-07", 5)},
                        WriteMode::ValidLines);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->written, 1);
    ASSERT_EQ(report->rejected.size(), 2u);
    EXPECT_EQ(report->rejected[0].line, 2);
    EXPECT_EQ(report->rejected[0].field, "territory");
    EXPECT_THAT(report->rejected[0].message, HasSubstr("périmètre de votre organisation"));
    EXPECT_EQ(report->rejected[1].line, 3);
    EXPECT_FALSE(value_of(kMonthly, "DEP-24", "2025-07"));

    // The ARS writes every department of its region, none elsewhere.
    auto ars = nouvelle_aquitaine_ars();
    EXPECT_EQ(write(ars, {input(1, kMonthly, "24", "2025-07", 5), input(2, kMonthly, "87", "2025-07", 5)})->written, 2);
    EXPECT_EQ(fault_of(ars, input(1, kMonthly, "75", "2025-07", 5)).field, "territory");
}

TEST_P(WriteHostileTest, PrincipalsWhoMayNotWriteAreForbidden)
{
    auto value = input(1, kMonthly, "33", "2025-07", 5);
    for (const auto& principal :
         {token("mdph-33", false), person("mdph-33", access::Role::TerritorialReader),
          person("cnsa", access::Role::NationalAnalyst), person("caf-33", access::Role::Partner)}) {
        auto report = write(principal, {value});
        ASSERT_FALSE(report.ok()) << principal.label;
        EXPECT_EQ(report.error().code, core::ErrorCode::Forbidden) << principal.label;
    }
    auto anonymous = write(access::Principal::anonymous(), {value});
    ASSERT_FALSE(anonymous.ok());
    EXPECT_EQ(anonymous.error().code, core::ErrorCode::Unauthenticated);
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_values"), 0);
}

TEST_P(WriteHostileTest, MalformedUtf8IsRefusedBeforeTheDatabase)
{
    auto editor = gironde_editor();
    const std::string broken = "Commentaire \xC3\x28 cass\xE9";
    auto comment = fault_of(editor, input(1, kMonthly, "33", "2025-07", 5, broken));
    EXPECT_EQ(comment.field, "comment");
    EXPECT_THAT(comment.message, HasSubstr("UTF-8"));
    EXPECT_EQ(comment.value, "(texte illisible : pas en UTF-8)");

    for (auto field : {0, 1, 2}) {
        auto value = input(1, kMonthly, "33", "2025-07", 5);
        (field == 0 ? value.element : field == 1 ? value.territory : value.period) = "\xFF\xFE";
        auto report = write(editor, {value});
        ASSERT_TRUE(report.ok());
        EXPECT_FALSE(report->applied);
        EXPECT_FALSE(report->rejected.empty());
    }
    auto control = fault_of(editor, input(1, kMonthly, "33", "2025-07", 5, std::string("a\0b", 3)));
    EXPECT_EQ(control.field, "comment");
    EXPECT_EQ(fault_of(editor, input(1, kMonthly, "33", "2025-07", 5, std::string(2001, 'x'))).field, "comment");
    EXPECT_EQ(count("SELECT COUNT(*) FROM data_values"), 0);

    auto accented = write(editor, {input(1, kMonthly, "33", "2025-07", 5, "Écart dû à la fermeture — été")});
    EXPECT_EQ(accented->written, 1);
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-07")->comment, "Écart dû à la fermeture — été");
}

TEST_P(WriteHostileTest, EveryFaultOfALineIsReportedAtOnce)
{
    auto report = write(gironde_editor(), {input(8, "inconnu", "2C", "2025-07-01", 5, "\xFF")});
    ASSERT_TRUE(report.ok());
    std::vector<std::string> fields;
    for (const auto& fault : report->rejected) {
        EXPECT_EQ(fault.line, 8);
        fields.push_back(fault.field);
    }
    EXPECT_THAT(fields, ::testing::ElementsAre("element", "territory", "period", "comment"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(WriteHostileTest);

}  // namespace boussole::collection
