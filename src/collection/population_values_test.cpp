// The INSEE population materialised as validated reference values of the
// catalogue's pop_* elements, on both backends.
#include "collection/population_values.hpp"
#include "support/values_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::collection {

TEST(PopulationGroupTest, ReadsTheGroupFromTheCode)
{
    auto total = population_group("pop_totale");
    ASSERT_TRUE(total);
    EXPECT_EQ(total->sex, territory::Sex::All);
    EXPECT_EQ(total->min_age, 0);
    EXPECT_EQ(total->max_age, -1);
    auto young = population_group("pop_moins_20");
    EXPECT_EQ(young->max_age, 19);
    auto working = population_group("pop_20_64");
    EXPECT_EQ(working->min_age, 20);
    EXPECT_EQ(working->max_age, 64);
    auto old_women = population_group("pop_75_plus_femmes");
    EXPECT_EQ(old_women->sex, territory::Sex::Women);
    EXPECT_EQ(old_women->min_age, 75);
    EXPECT_EQ(old_women->max_age, -1);
    EXPECT_EQ(population_group("pop_60_plus_hommes")->sex, territory::Sex::Men);
    for (const char* code : {"pop_", "pop_22_59", "pop_20_58", "pop_moins_0", "pop_60_moins", "mdph_decisions",
                             "pop_totale_enfants", "pop_60_20"})
        EXPECT_FALSE(population_group(code)) << code;
}

class PopulationValuesTest : public test_support::CollectionTest {
protected:
    test_support::WithPopulation population() const override { return test_support::WithPopulation::Yes; }

    PopulationReport materialise()
    {
        return database().write([&](storage::Connection& connection) {
            auto table = territory::PopulationTable::load(connection, registry());
            return materialise_population(connection, registry(), table, catalogue());
        });
    }
};

TEST_P(PopulationValuesTest, GirondesPopulationBecomesValidatedReferenceValues)
{
    auto report = materialise();
    EXPECT_EQ(report.year, 2023);
    ASSERT_FALSE(report.elements.empty()) << "the reference catalogue defines the pop_* elements";
    EXPECT_EQ(report.written, static_cast<std::int64_t>(report.elements.size()) * 101);

    auto table = database().read(
        [&](storage::Connection& connection) { return territory::PopulationTable::load(connection, registry()); });
    auto gironde = territory::TerritoryKey::department("33");
    auto value = value_of("pop_75_plus", "DEP-33", "2023");
    ASSERT_TRUE(value);
    EXPECT_EQ(value->value, static_cast<double>(table.groups(gironde).from_75));
    EXPECT_EQ(value->status, ValueStatus::Validated);
    EXPECT_EQ(value->origin, ValueOrigin::Reference);
    EXPECT_EQ(value_of("pop_totale", "DEP-33", "2023")->value, static_cast<double>(table.groups(gironde).total));
    EXPECT_EQ(
        value_of("pop_60_plus_femmes", "DEP-2A", "2023")->value,
        static_cast<double>(table.groups(territory::TerritoryKey::department("2A"), territory::Sex::Women).from_60));
    EXPECT_FALSE(value_of(test_support::kComputed, "DEP-33", "2023")) << "not a population code";
    auto history = history_of("pop_75_plus", "DEP-33", "2023");
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].changed_by, "données de référence INSEE");
}

TEST_P(PopulationValuesTest, ASecondRunWritesNothingAndRepairsWhatDiffers)
{
    auto first = materialise();
    auto second = materialise();
    EXPECT_EQ(second.written, 0);
    EXPECT_EQ(second.unchanged, first.written);

    database().write([](storage::Connection& connection) {
        connection.execute(
            "UPDATE data_values SET value = 1 WHERE element_code = 'pop_totale' AND "
            "territory_key = 'DEP-40'");
    });
    auto third = materialise();
    EXPECT_EQ(third.written, 1);
    EXPECT_GT(*value_of("pop_totale", "DEP-40", "2023")->value, 100000);
}

TEST_P(PopulationValuesTest, PopulationElementsAreNotWrittenByHand)
{
    materialise();
    auto report = write(national_admin(), {test_support::input(1, "pop_totale", "33", "2023", 1)});
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->applied);
    EXPECT_EQ(report->rejected.at(0).field, "element");
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(PopulationValuesTest);

}  // namespace boussole::collection
