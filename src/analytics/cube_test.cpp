// The cube's columns: a cell sets a value and its flags, a column grows on
// either side keeping every department's values in place, a deletion clears
// a cell without growing anything, and a row of the wrong period type or an
// unknown department is ignored rather than corrupting a column.
#include "analytics/cube.hpp"

#include <gtest/gtest.h>

namespace boussole::analytics {

using core::Period;

namespace {

CellUpdate cell(std::string element, int department, Period period, std::optional<double> value, std::uint8_t flags = 0)
{
    return {std::move(element), department, period, value, flags};
}

int month(int year, int month)
{
    return ordinal(Period::month(year, month));
}

}  // namespace

TEST(AnalyticsCubeTest, ACellHoldsItsValueAndFlags)
{
    Cube cube(3);
    EXPECT_EQ(cube.column("decisions"), nullptr);
    cube.apply(cell("decisions", 1, Period::month(2024, 3), 12.5, kUnvalidated | kSynthetic));
    const Column* column = cube.column("decisions");
    ASSERT_NE(column, nullptr);
    EXPECT_EQ(column->type, core::PeriodType::Month);
    EXPECT_EQ(column->first, month(2024, 3));
    EXPECT_EQ(column->count, 1);
    EXPECT_EQ(column->value(1, month(2024, 3)), 12.5);
    EXPECT_EQ(column->flag(1, month(2024, 3)), kUnvalidated | kSynthetic);
    EXPECT_FALSE(has_value(column->value(0, month(2024, 3))));
    EXPECT_FALSE(has_value(column->value(1, month(2024, 4))));
    EXPECT_EQ(column->flag(1, month(2024, 4)), 0);
    EXPECT_EQ(cube.values(), 1);
}

TEST(AnalyticsCubeTest, AColumnGrowsOnBothSidesKeepingEveryValue)
{
    Cube cube(3);
    for (int d = 0; d < 3; ++d)
        cube.apply(cell("decisions", d, Period::month(2024, 6), 100 + d, d == 2 ? kUnvalidated : 0));
    cube.apply(cell("decisions", 0, Period::month(2024, 9), 7));  // later
    cube.apply(cell("decisions", 2, Period::month(2023, 2), 8));  // earlier
    const Column& column = *cube.column("decisions");
    EXPECT_LE(column.first, month(2023, 2));
    EXPECT_GE(column.last(), month(2024, 9));
    EXPECT_EQ(column.values.size(), static_cast<std::size_t>(3 * column.count));
    for (int d = 0; d < 3; ++d) {
        EXPECT_EQ(column.value(d, month(2024, 6)), 100 + d) << d;
        EXPECT_EQ(column.flag(d, month(2024, 6)), d == 2 ? kUnvalidated : 0) << d;
    }
    EXPECT_EQ(column.value(0, month(2024, 9)), 7);
    EXPECT_EQ(column.value(2, month(2023, 2)), 8);
    // Every other cell of the grown column is empty.
    EXPECT_EQ(cube.values(), 5);
    EXPECT_FALSE(has_value(column.value(1, month(2024, 9))));
    EXPECT_FALSE(has_value(column.value(0, month(2023, 2))));
}

TEST(AnalyticsCubeTest, ADeletionClearsTheCellWithoutGrowing)
{
    Cube cube(2);
    cube.apply(cell("decisions", 0, Period::month(2024, 1), 5, kUnvalidated));
    cube.apply(cell("decisions", 1, Period::month(2024, 1), 6));
    cube.apply(cell("decisions", 0, Period::month(2024, 1), std::nullopt));
    const Column& column = *cube.column("decisions");
    EXPECT_FALSE(has_value(column.value(0, month(2024, 1))));
    EXPECT_EQ(column.flag(0, month(2024, 1)), 0);
    EXPECT_EQ(column.value(1, month(2024, 1)), 6);

    int first = column.first;
    int count = column.count;
    cube.apply(cell("decisions", 0, Period::month(2030, 1), std::nullopt));
    EXPECT_EQ(column.first, first);
    EXPECT_EQ(column.count, count);
    cube.apply(cell("unknown", 0, Period::month(2024, 1), std::nullopt));
    EXPECT_EQ(cube.column("unknown"), nullptr);
    EXPECT_EQ(cube.values(), 1);
}

TEST(AnalyticsCubeTest, AWrongPeriodTypeOrDepartmentIsIgnored)
{
    Cube cube(2);
    cube.apply(cell("decisions", 0, Period::month(2024, 1), 5));
    cube.apply(cell("decisions", 0, Period::quarter(2024, 1), 500));
    cube.apply(cell("decisions", 0, Period::year(2024), 5000));
    cube.apply(cell("decisions", 2, Period::month(2024, 1), 9));
    cube.apply(cell("decisions", -1, Period::month(2024, 1), 9));
    const Column& column = *cube.column("decisions");
    EXPECT_EQ(column.type, core::PeriodType::Month);
    EXPECT_EQ(column.count, 1);
    EXPECT_EQ(column.value(0, month(2024, 1)), 5);
    EXPECT_EQ(cube.values(), 1);
}

TEST(AnalyticsCubeTest, ReserveKeepsValuesAndSetWritesInPlace)
{
    Cube cube(2);
    cube.apply(cell("stock", 1, Period::year(2020), 3));
    Column& column = cube.column_for("stock", core::PeriodType::Year);
    Cube::reserve(column, 2, 2018, 2025);
    EXPECT_LE(column.first, 2018);
    EXPECT_GE(column.last(), 2025);
    EXPECT_EQ(column.value(1, 2020), 3);
    Cube::set(column, 0, 2025, 4, kSynthetic);
    EXPECT_EQ(cube.column("stock")->value(0, 2025), 4);
    EXPECT_EQ(cube.column("stock")->flag(0, 2025), kSynthetic);
    EXPECT_EQ(cube.values(), 2);
    EXPECT_GT(cube.memory_bytes(), 0u);
}

}  // namespace boussole::analytics
