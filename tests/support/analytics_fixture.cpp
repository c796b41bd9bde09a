#include "support/analytics_fixture.hpp"

#include "analytics/period_ordinal.hpp"
#include "collection/approval.hpp"
#include "core/clock.hpp"
#include "storage/connection.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace boussole::test_support {

namespace {

using catalogue::DataElement;
using catalogue::Indicator;
using catalogue::TerritoryAggregation;
using catalogue::TimeAggregation;
using core::PeriodType;

constexpr const char* kInsertElement =
    "INSERT INTO data_elements (code, name, description, unit, value_type, period_type, territory_aggregation, "
    "weight_element_code, time_aggregation, source_code, due_days, collected, search_key, version, updated_at) "
    "VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, $9, 60, 1, $10, 1, $11)";

DataElement element(const char* code, PeriodType type, catalogue::ValueType value_type, TerritoryAggregation territory,
                    TimeAggregation time, std::string weight = {})
{
    DataElement result;
    result.code = code;
    result.name = std::string("Donnée d'essai ") + code;
    result.unit = "unités";
    result.value_type = value_type;
    result.period_type = type;
    result.territory_aggregation = territory;
    result.weight_element_code = std::move(weight);
    result.time_aggregation = time;
    result.source_code = kTestSource;
    return result;
}

Indicator ratio(const char* code, PeriodType periodicity, std::string numerator, std::string denominator = {},
                double factor = 1)
{
    Indicator result;
    result.code = code;
    result.name = std::string("Indicateur d'essai ") + code;
    result.numerator = std::move(numerator);
    result.denominator = std::move(denominator);
    result.factor = factor;
    result.periodicity = periodicity;
    result.source_code = kTestSource;
    return result;
}

std::vector<DataElement> cube_elements()
{
    using enum catalogue::ValueType;
    return {
        element(kCubeDecisions, PeriodType::Month, Integer, TerritoryAggregation::Sum, TimeAggregation::Sum),
        element(kCubeFiles, PeriodType::Month, Integer, TerritoryAggregation::Sum, TimeAggregation::Last),
        element(kCubeDelay, PeriodType::Month, Decimal, TerritoryAggregation::Average, TimeAggregation::Average),
        element(kCubePopulation, PeriodType::Year, Integer, TerritoryAggregation::Sum, TimeAggregation::Last),
        element(kCubeRate, PeriodType::Year, Decimal, TerritoryAggregation::WeightedAverage, TimeAggregation::Average,
                kCubePopulation),
        element(kCubeBeneficiaries, PeriodType::Year, Integer, TerritoryAggregation::Sum, TimeAggregation::Sum),
        element(kCubePlaces, PeriodType::Quarter, Integer, TerritoryAggregation::None, TimeAggregation::Sum),
        element(kCubeWaiting, PeriodType::Quarter, Integer, TerritoryAggregation::Max, TimeAggregation::Last),
    };
}

std::vector<Indicator> cube_indicators()
{
    Indicator equity = ratio(kEquity, PeriodType::Month, "");
    equity.kind = catalogue::IndicatorKind::Equity;
    equity.base_indicator_code = kRotation;
    equity.statistic = catalogue::EquityStatistic::CoefficientOfVariation;
    return {
        ratio(kRotation, PeriodType::Month, kCubeDecisions, kCubeFiles, 100),
        ratio(kFiles, PeriodType::Month, kCubeFiles),
        ratio(kDelay, PeriodType::Month, kCubeDelay),
        ratio(kRate, PeriodType::Year, kCubeRate),
        ratio(kPerThousand, PeriodType::Year, kCubeBeneficiaries, kCubePopulation, 1000),
        ratio(kPlaces, PeriodType::Quarter, kCubePlaces),
        ratio(kWaiting, PeriodType::Quarter, kCubeWaiting),
        ratio(kReference, PeriodType::Month, std::string("ind:") + kRotation, kCubeDelay, 10),
        equity,
    };
}

bool is(const std::string& department, const char* code)
{
    return department == code;
}

}  // namespace

void AnalyticsTest::SetUp()
{
    CollectionTest::SetUp();
    if (HasFatalFailure())
        return;
    auto elements = cube_elements();
    database().write([&](storage::Connection& connection) {
        auto now = core::to_iso8601(core::now());
        for (const auto& e : elements)
            connection.execute(
                kInsertElement,
                {e.code, e.name, e.unit, catalogue::to_string(e.value_type), core::to_string(e.period_type),
                 catalogue::to_string(e.territory_aggregation),
                 e.weight_element_code.empty() ? storage::Value() : storage::Value(e.weight_element_code),
                 catalogue::to_string(e.time_aggregation), e.source_code, e.code, now});
    });
    catalogue::Source source{kTestSource, "Source d'essai", "", "Boussole", "", 1};
    m_cube_catalogue = catalogue::Catalogue::from({source}, std::move(elements), cube_indicators());
}

const catalogue::Indicator& AnalyticsTest::indicator(std::string_view code) const
{
    const auto* found = m_cube_catalogue->find_indicator(code);
    if (!found)
        throw std::logic_error("no test indicator " + std::string(code));
    return *found;
}

void AnalyticsTest::write_cells(const std::vector<collection::ValueInput>& inputs, collection::ValueOrigin origin)
{
    auto principal = national_admin();
    auto report = database().write([&](storage::Connection& connection) {
        return collection::write_values(connection, principal, registry(), cube_catalogue(), inputs,
                                        {origin, std::nullopt, collection::WriteMode::AllOrNothing});
    });
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_TRUE(report->applied) << report->rejected.front().message;
}

void AnalyticsTest::write_cells(storage::Database& other, const std::vector<collection::ValueInput>& inputs)
{
    auto principal = national_admin();
    auto report = other.write([&](storage::Connection& connection) {
        return collection::write_values(connection, principal, registry(), cube_catalogue(), inputs, {});
    });
    ASSERT_TRUE(report.ok() && report->applied);
}

void AnalyticsTest::validate(const std::string& department, const std::string& period)
{
    auto principal = national_admin();
    for (auto action : {collection::ApprovalAction::Submit, collection::ApprovalAction::Validate}) {
        auto result = database().write([&](storage::Connection& connection) {
            return collection::apply_approval(connection, principal, registry(), {department, period, action, ""});
        });
        ASSERT_TRUE(result.ok()) << department << " " << period << ": " << result.error().message;
    }
}

void AnalyticsTest::reopen(const std::string& department, const std::string& period)
{
    auto principal = national_admin();
    auto result = database().write([&](storage::Connection& connection) {
        return collection::apply_approval(connection, principal, registry(),
                                          {department, period, collection::ApprovalAction::Reopen, "Correction"});
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
}

// Months of 2024 for every department (only January to June for 61), and
// January and February 2025 for 22 and 29; 2023 and 2024 for the yearly
// elements, the quarters of 2024 for the quarterly ones. The gaps:
//   29: no decisions in 2024-05 (so no 2024-T2 nor 2024 sum of decisions);
//   35: no files in 2024-03 (the quarter's stock is February's);
//   56: zero files in 2024-07; 2A and 2B: zero files in 2024-08 (a region
//       whose denominator is zero);
//   2B: no delay in 2024-10 to 12; 14: decisions of 2024-02 deleted;
//   50: zero population in 2024; 2A: no beneficiaries in 2024;
//   14: no rate in 2023; 35: no places in 2024-T3; 22: no waiting in 2024-T2.
// 61 is demonstration data (synthetic). Validated: 22 (every month of 2024,
// 2024-T1 and 2024), 2A and 2B (January to June), 50 (March only), 29 (2024);
// 35's January is submitted, not validated.
void AnalyticsTest::write_dataset()
{
    std::vector<collection::ValueInput> user, synthetic;
    long line = 0;
    auto add = [&](const std::string& department, const char* element, const std::string& period, double value) {
        auto& batch = department == "61" ? synthetic : user;
        batch.push_back(input(++line, element, department, period, value));
    };
    for (int i = 0; i < static_cast<int>(kCubeDepartments.size()); ++i) {
        const auto& d = kCubeDepartments[i];
        std::vector<core::Period> months;
        for (int m = 1; m <= (is(d, "61") ? 6 : 12); ++m)
            months.push_back(core::Period::month(2024, m));
        if (is(d, "22") || is(d, "29"))
            months.insert(months.end(), {core::Period::month(2025, 1), core::Period::month(2025, 2)});
        for (const auto& period : months) {
            const int m = period.index();
            const auto text = period.to_string();
            if (!(is(d, "29") && text == "2024-05"))
                add(d, kCubeDecisions, text, 20 + 3 * i + m);
            double files = 200 + 11 * i + 5 * (m % 4);
            if ((is(d, "56") && text == "2024-07") || ((is(d, "2A") || is(d, "2B")) && text == "2024-08"))
                files = 0;
            if (!(is(d, "35") && text == "2024-03"))
                add(d, kCubeFiles, text, files);
            if (!(is(d, "2B") && text >= "2024-10" && text <= "2024-12"))
                add(d, kCubeDelay, text, 2.5 + 0.1 * i + 0.05 * m);
        }
        for (int year : {2023, 2024}) {
            const auto text = std::to_string(year);
            add(d, kCubePopulation, text, is(d, "50") && year == 2024 ? 0 : 100000 + 25000 * i);
            if (!(is(d, "2A") && year == 2024))
                add(d, kCubeBeneficiaries, text, 300 + 17 * i + (year - 2023) * 10);
            if (!(is(d, "14") && year == 2023))
                add(d, kCubeRate, text, 40 + 2.5 * i + (year - 2023));
        }
        for (int q = 1; q <= 4; ++q) {
            const auto text = core::Period::quarter(2024, q).to_string();
            if (!(is(d, "35") && q == 3))
                add(d, kCubePlaces, text, 50 + i + q);
            if (!(is(d, "22") && q == 2))
                add(d, kCubeWaiting, text, 10 + (i * 7) % 5 + q);
        }
    }
    write_cells(user);
    write_cells(synthetic, collection::ValueOrigin::Synthetic);
    write_cells({input(1, kCubeDecisions, "14", "2024-02", std::nullopt)});

    for (int m = 1; m <= 12; ++m)
        validate("22", core::Period::month(2024, m).to_string());
    validate("22", "2024-T1");
    validate("22", "2024");
    for (const char* department : {"2A", "2B"})
        for (int m = 1; m <= 6; ++m)
            validate(department, core::Period::month(2024, m).to_string());
    validate("50", "2024-03");
    validate("29", "2024");
    auto principal = national_admin();
    auto submitted = database().write([&](storage::Connection& connection) {
        return collection::apply_approval(connection, principal, registry(),
                                          {"35", "2024-01", collection::ApprovalAction::Submit, ""});
    });
    ASSERT_TRUE(submitted.ok());
}

int expect_same_figures(const analytics::Grid& grid, const analytics::TerritoryLayout& layout,
                        const ExpectedGrid& expected, const std::map<std::string, int>& expected_counts,
                        const std::string& what)
{
    std::size_t matched = 0;
    int with_value = 0;
    for (int row = 0; row < layout.rows(); ++row) {
        const auto territory = layout.territory(row).key.to_string();
        const bool department = row >= layout.first_department_row();
        for (int p = grid.first; p < grid.first + grid.count; ++p) {
            const auto period = analytics::period_at(grid.type, p).to_string();
            const auto figure = grid.figure(row, p);
            const auto where = what + " " + territory + " " + period;
            auto found = expected.find({territory, period});
            if (found == expected.end()) {
                EXPECT_FALSE(figure.value) << where << " has " << *figure.value << ", expected none";
                EXPECT_EQ(figure.reported, 0) << where;
                EXPECT_FALSE(figure.includes_unvalidated || figure.includes_synthetic) << where;
                continue;
            }
            ++matched;
            const auto& want = found->second;
            if (want.value) {
                ++with_value;
                EXPECT_TRUE(figure.value.has_value()) << where << " expected " << *want.value;
                if (figure.value)
                    EXPECT_LE(std::fabs(*figure.value - *want.value), 1e-9 * std::max(1.0, std::fabs(*want.value)))
                        << where << ": " << *figure.value << " instead of " << *want.value;
            } else {
                EXPECT_FALSE(figure.value) << where << " has " << *figure.value << ", expected none";
            }
            EXPECT_EQ(figure.reported, want.reported) << where;
            EXPECT_EQ(figure.includes_unvalidated, want.unvalidated) << where;
            EXPECT_EQ(figure.includes_synthetic, want.synthetic) << where;
            auto count = expected_counts.find(territory);
            EXPECT_EQ(figure.expected, department ? 1 : count == expected_counts.end() ? -1 : count->second) << where;
        }
    }
    EXPECT_EQ(matched, expected.size()) << what << ": figures expected outside the grid's periods";
    return with_value;
}

}  // namespace boussole::test_support
