// The analytics against SQL written independently, on both backends: the
// fixed dataset of analytics_fixture.hpp (gaps, zero denominators, validated
// and synthetic values) is loaded into a real database, the cube catches up
// from it, and every indicator at every territory and period type must give
// what plain GROUP BY queries over data_values give, with the same rules:
// over time, a sum needs every sub-period, an average takes those present, a
// stock its latest value (and that value's flags); a department counts only
// where every input of the formula has a value; regions and the nation
// aggregate the counted departments (Σ numerators / Σ denominators for a
// ratio) through territories.parent_key.
#include "analytics/analytics.hpp"
#include "analytics/distribution.hpp"
#include "support/analytics_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace boussole::analytics {

using core::PeriodType;
using namespace test_support;

namespace {

// Every element aggregated over time, per department and period of the
// type $1 ('month', 'quarter', 'year').
constexpr const char* kSeries = R"sql(
WITH cells AS (
    SELECT element_code AS element, territory_key AS department, period, value,
           CASE WHEN period_type = CAST($1 AS TEXT) OR CAST($1 AS TEXT) = 'month' THEN period
                WHEN CAST($1 AS TEXT) = 'year' THEN substr(period, 1, 4)
                WHEN period_type = 'month'
                    THEN substr(period, 1, 5) || 'T' || CAST((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)
                ELSE period END AS bucket,
           CASE WHEN status = 'validated' THEN 0 ELSE 1 END AS unvalidated,
           CASE WHEN origin = 'synthetic' THEN 1 ELSE 0 END AS synthetic
    FROM data_values WHERE deleted = 0 AND value IS NOT NULL),
grouped AS (
    SELECT element, department, bucket, COUNT(*) AS present, SUM(value) AS total, AVG(value) AS mean,
           MAX(period) AS last_period, MAX(unvalidated) AS unvalidated, MAX(synthetic) AS synthetic
    FROM cells GROUP BY element, department, bucket),
series AS (
    SELECT g.element, g.department, g.bucket,
           CASE WHEN e.period_type = CAST($1 AS TEXT) THEN g.total
                WHEN e.time_aggregation = 'sum' THEN
                    CASE WHEN g.present = CASE WHEN e.period_type = 'quarter' THEN 4
                                               WHEN CAST($1 AS TEXT) = 'quarter' THEN 3 ELSE 12 END
                         THEN g.total END
                WHEN e.time_aggregation = 'average' THEN g.mean
                WHEN e.time_aggregation = 'last' THEN l.value END AS value,
           CASE WHEN e.time_aggregation = 'last' THEN l.unvalidated ELSE g.unvalidated END AS unvalidated,
           CASE WHEN e.time_aggregation = 'last' THEN l.synthetic ELSE g.synthetic END AS synthetic
    FROM grouped g
    JOIN data_elements e ON e.code = g.element
    JOIN cells l ON l.element = g.element AND l.department = g.department AND l.period = g.last_period)
)sql";

// The departments where numerator $2 and denominator $3 both have a value.
constexpr const char* kPairs = R"sql(,
pairs AS (
    SELECT n.department, n.bucket, n.value AS numerator, d.value AS denominator,
           CASE WHEN n.unvalidated = 1 OR d.unvalidated = 1 THEN 1 ELSE 0 END AS unvalidated,
           CASE WHEN n.synthetic = 1 OR d.synthetic = 1 THEN 1 ELSE 0 END AS synthetic
    FROM series n JOIN series d ON d.department = n.department AND d.bucket = n.bucket
    WHERE n.element = $2 AND d.element = $3 AND n.value IS NOT NULL AND d.value IS NOT NULL)
)sql";

// $2 / $3 × $4 for departments, regions and the nation.
constexpr const char* kRatio = R"sql(,
rolled AS (
    SELECT department AS territory, bucket, numerator, denominator, 1 AS reported, unvalidated, synthetic FROM pairs
    UNION ALL
    SELECT t.parent_key, p.bucket, SUM(p.numerator), SUM(p.denominator), COUNT(*), MAX(p.unvalidated),
           MAX(p.synthetic)
    FROM pairs p JOIN territories t ON t.key = p.department GROUP BY t.parent_key, p.bucket
    UNION ALL
    SELECT 'FR', bucket, SUM(numerator), SUM(denominator), COUNT(*), MAX(unvalidated), MAX(synthetic)
    FROM pairs GROUP BY bucket)
SELECT territory, bucket AS period, CASE WHEN denominator <> 0 THEN 1.0 * numerator / denominator * $4 END AS value,
       reported, unvalidated, synthetic
FROM rolled
)sql";

// Element $2 alone, aggregated over territories along its own rule (its
// weight must have a value too where the rule is a weighted average).
constexpr const char* kElement = R"sql(,
counted AS (
    SELECT s.department, s.bucket, s.value, w.value AS weight, e.territory_aggregation AS rule,
           CASE WHEN s.unvalidated = 1 OR w.unvalidated = 1 THEN 1 ELSE 0 END AS unvalidated,
           CASE WHEN s.synthetic = 1 OR w.synthetic = 1 THEN 1 ELSE 0 END AS synthetic
    FROM series s
    JOIN data_elements e ON e.code = s.element
    LEFT JOIN series w ON e.territory_aggregation = 'weighted_average' AND w.element = e.weight_element_code
                       AND w.department = s.department AND w.bucket = s.bucket
    WHERE s.element = $2 AND s.value IS NOT NULL
      AND (e.territory_aggregation <> 'weighted_average' OR w.value IS NOT NULL)),
rolled AS (
    SELECT department AS territory, bucket, value, 1 AS reported, unvalidated, synthetic FROM counted
    UNION ALL
    SELECT t.parent_key, c.bucket,
           CASE MAX(c.rule) WHEN 'sum' THEN SUM(c.value) WHEN 'average' THEN AVG(c.value)
                            WHEN 'min' THEN MIN(c.value) WHEN 'max' THEN MAX(c.value)
                            WHEN 'weighted_average' THEN SUM(c.value * c.weight) / NULLIF(SUM(c.weight), 0) END,
           COUNT(*), MAX(c.unvalidated), MAX(c.synthetic)
    FROM counted c JOIN territories t ON t.key = c.department GROUP BY t.parent_key, c.bucket
    UNION ALL
    SELECT 'FR', c.bucket,
           CASE MAX(c.rule) WHEN 'sum' THEN SUM(c.value) WHEN 'average' THEN AVG(c.value)
                            WHEN 'min' THEN MIN(c.value) WHEN 'max' THEN MAX(c.value)
                            WHEN 'weighted_average' THEN SUM(c.value * c.weight) / NULLIF(SUM(c.weight), 0) END,
           COUNT(*), MAX(c.unvalidated), MAX(c.synthetic)
    FROM counted c GROUP BY c.bucket)
SELECT territory, bucket AS period, value, reported, unvalidated, synthetic FROM rolled
)sql";

// The rate $2 / $3 × $4 of departments (where the denominator is not zero).
constexpr const char* kRates = R"sql(,
rates AS (
    SELECT department, bucket, 1.0 * numerator / denominator * $4 AS value, unvalidated, synthetic
    FROM pairs WHERE denominator <> 0)
)sql";

// (ind: the ratio $2 / $3 × $4) / average of $5 × $6: a department counts
// where the ratio and $5 have values; the ratio of a region or the nation is
// its own (over its own departments).
constexpr const char* kReferenceRatio = R"sql(,
ratios AS (
    SELECT department AS territory, bucket, value AS rate FROM rates
    UNION ALL
    SELECT t.parent_key, p.bucket, 1.0 * SUM(p.numerator) / NULLIF(SUM(p.denominator), 0) * $4
    FROM pairs p JOIN territories t ON t.key = p.department GROUP BY t.parent_key, p.bucket
    UNION ALL
    SELECT 'FR', bucket, 1.0 * SUM(numerator) / NULLIF(SUM(denominator), 0) * $4 FROM pairs GROUP BY bucket),
counted AS (
    SELECT r.department, r.bucket, s.value AS delay,
           CASE WHEN r.unvalidated = 1 OR s.unvalidated = 1 THEN 1 ELSE 0 END AS unvalidated,
           CASE WHEN r.synthetic = 1 OR s.synthetic = 1 THEN 1 ELSE 0 END AS synthetic
    FROM rates r JOIN series s ON s.department = r.department AND s.bucket = r.bucket
    WHERE s.element = $5 AND s.value IS NOT NULL),
rolled AS (
    SELECT department AS territory, bucket, delay, 1 AS reported, unvalidated, synthetic FROM counted
    UNION ALL
    SELECT t.parent_key, c.bucket, AVG(c.delay), COUNT(*), MAX(c.unvalidated), MAX(c.synthetic)
    FROM counted c JOIN territories t ON t.key = c.department GROUP BY t.parent_key, c.bucket
    UNION ALL
    SELECT 'FR', bucket, AVG(delay), COUNT(*), MAX(unvalidated), MAX(synthetic) FROM counted GROUP BY bucket)
SELECT o.territory, o.bucket AS period, CASE WHEN o.delay <> 0 THEN r.rate / o.delay * $6 END AS value,
       o.reported, o.unvalidated, o.synthetic
FROM rolled o LEFT JOIN ratios r ON r.territory = o.territory AND r.bucket = o.bucket
)sql";

// Mean and population variance of the departments' rates within each
// region and the nation (the square root is taken by the test: SQLite has
// no sqrt everywhere).
constexpr const char* kSpread = R"sql(,
groups AS (
    SELECT t.parent_key AS territory, r.bucket, r.value, r.unvalidated, r.synthetic
    FROM rates r JOIN territories t ON t.key = r.department
    UNION ALL
    SELECT 'FR', bucket, value, unvalidated, synthetic FROM rates),
means AS (
    SELECT territory, bucket, AVG(value) AS mean, COUNT(*) AS reported, MAX(unvalidated) AS unvalidated,
           MAX(synthetic) AS synthetic
    FROM groups GROUP BY territory, bucket)
SELECT m.territory, m.bucket AS period, m.mean, AVG((g.value - m.mean) * (g.value - m.mean)) AS variance,
       m.reported, m.unvalidated, m.synthetic
FROM means m JOIN groups g ON g.territory = m.territory AND g.bucket = m.bucket
GROUP BY m.territory, m.bucket, m.mean, m.reported, m.unvalidated, m.synthetic
)sql";

// The national quartiles of the departments' rates: ranks by ROW_NUMBER,
// then value[⌊k(n−1)/4⌋] × (1 − f) + value[⌊k(n−1)/4⌋ + 1] × f, with f the
// fractional part of k(n−1)/4 (percentile_cont's definition).
constexpr const char* kQuartiles = R"sql(,
ranked AS (
    SELECT bucket, value, ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY value) - 1 AS position,
           COUNT(*) OVER (PARTITION BY bucket) AS n
    FROM rates)
SELECT bucket AS period,
       SUM(CASE WHEN position = (n - 1) / 4 THEN value * (1 - ((n - 1) % 4) * 0.25)
                WHEN position = (n - 1) / 4 + 1 THEN value * (((n - 1) % 4) * 0.25) ELSE 0 END) AS q1,
       SUM(CASE WHEN position = 2 * (n - 1) / 4 THEN value * (1 - (2 * (n - 1) % 4) * 0.25)
                WHEN position = 2 * (n - 1) / 4 + 1 THEN value * ((2 * (n - 1) % 4) * 0.25) ELSE 0 END) AS median,
       SUM(CASE WHEN position = 3 * (n - 1) / 4 THEN value * (1 - (3 * (n - 1) % 4) * 0.25)
                WHEN position = 3 * (n - 1) / 4 + 1 THEN value * ((3 * (n - 1) % 4) * 0.25) ELSE 0 END) AS q3
FROM ranked GROUP BY bucket
)sql";

// The same with PostgreSQL's own function.
constexpr const char* kPercentileCont = R"sql(
SELECT bucket AS period, percentile_cont(0.25) WITHIN GROUP (ORDER BY value) AS q1,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY value) AS q3
FROM rates GROUP BY bucket
)sql";

constexpr const char* kDepartmentCounts =
    "SELECT parent_key AS territory, COUNT(*) AS departments FROM territories WHERE level = 'department' "
    "GROUP BY parent_key UNION ALL SELECT 'FR', COUNT(*) FROM territories WHERE level = 'department'";

const std::string kRatioQuery = std::string(kSeries) + kPairs + kRatio;
const std::string kElementQuery = std::string(kSeries) + kElement;
const std::string kReferenceQuery = std::string(kSeries) + kPairs + kRates + kReferenceRatio;
const std::string kSpreadQuery = std::string(kSeries) + kPairs + kRates + kSpread;
const std::string kQuartilesQuery = std::string(kSeries) + kPairs + kRates + kQuartiles;
const std::string kPercentileContQuery = std::string(kSeries) + kPairs + kRates + kPercentileCont;

const PeriodType kAllTypes[] = {PeriodType::Month, PeriodType::Quarter, PeriodType::Year};

}  // namespace

class AnalyticsCorrectnessTest : public AnalyticsTest {
protected:
    void SetUp() override
    {
        AnalyticsTest::SetUp();
        if (HasFatalFailure())
            return;
        write_dataset();
        if (HasFatalFailure())
            return;
        m_analytics = std::make_unique<Analytics>(registry());
        auto caught = m_analytics->catch_up(database());
        EXPECT_GT(caught.cells, 400);
        database().read([&](storage::Connection& connection) {
            for (auto row : connection.query(kDepartmentCounts))
                m_counts[row.text("territory")] = static_cast<int>(row.integer("departments"));
        });
    }

    storage::Rows rows(const std::string& sql, const storage::Params& params)
    {
        return database().read([&](storage::Connection& connection) { return connection.query(sql, params); });
    }

    ExpectedGrid expected(const std::string& sql, const storage::Params& params)
    {
        ExpectedGrid grid;
        for (auto row : rows(sql, params))
            grid[{row.text("territory"), row.text("period")}] = {
                row.optional_real("value"), static_cast<int>(row.integer("reported")), row.integer("unvalidated") != 0,
                row.integer("synthetic") != 0};
        return grid;
    }

    std::shared_ptr<const Grid> grid(const char* code, PeriodType type)
    {
        return m_analytics->grid(cube_catalogue(), indicator(code), type);
    }

    // Compares the indicator at type with the SQL; at least minimum figures
    // must hold a value, so that an empty grid never passes.
    void compare(const char* code, PeriodType type, const ExpectedGrid& want, int minimum)
    {
        auto got = grid(code, type);
        ASSERT_TRUE(got) << code << " " << core::to_string(type);
        auto what = std::string(code) + " (" + core::to_string(type) + ")";
        EXPECT_GE(expect_same_figures(*got, m_analytics->layout(), want, m_counts, what), minimum) << what;
    }

    Figure figure(const char* code, const std::string& territory, const std::string& period)
    {
        return m_analytics->figure(cube_catalogue(), indicator(code), *territory::TerritoryKey::parse(territory),
                                   *core::Period::parse(period));
    }

    std::unique_ptr<Analytics> m_analytics;
    std::map<std::string, int> m_counts;
};

TEST_P(AnalyticsCorrectnessTest, RatiosMatchSql)
{
    for (auto type : kAllTypes)
        compare(kRotation, type, expected(kRatioQuery, {core::to_string(type), kCubeDecisions, kCubeFiles, 100.0}), 10);
    compare(kPerThousand, PeriodType::Year,
            expected(kRatioQuery, {"year", kCubeBeneficiaries, kCubePopulation, 1000.0}), 10);
}

TEST_P(AnalyticsCorrectnessTest, ElementsAggregateAlongTheirRulesLikeSql)
{
    for (auto type : kAllTypes) {
        compare(kFiles, type, expected(kElementQuery, {core::to_string(type), kCubeFiles}), 10);
        compare(kDelay, type, expected(kElementQuery, {core::to_string(type), kCubeDelay}), 10);
    }
    compare(kRate, PeriodType::Year, expected(kElementQuery, {"year", kCubeRate}), 10);
    for (auto type : {PeriodType::Quarter, PeriodType::Year}) {
        compare(kPlaces, type, expected(kElementQuery, {core::to_string(type), kCubePlaces}), 5);
        compare(kWaiting, type, expected(kElementQuery, {core::to_string(type), kCubeWaiting}), 10);
    }
}

TEST_P(AnalyticsCorrectnessTest, AReferencedIndicatorMatchesSql)
{
    for (auto type : kAllTypes)
        compare(kReference, type,
                expected(kReferenceQuery, {core::to_string(type), kCubeDecisions, kCubeFiles, 100.0, kCubeDelay, 10.0}),
                10);
}

TEST_P(AnalyticsCorrectnessTest, EquityMatchesSql)
{
    for (auto type : kAllTypes) {
        ExpectedGrid want;
        for (auto row : rows(kSpreadQuery, {core::to_string(type), kCubeDecisions, kCubeFiles, 100.0})) {
            double mean = row.real("mean");
            std::optional<double> cv;
            if (mean != 0)
                cv = std::sqrt(row.real("variance")) / std::fabs(mean) * 100;
            want[{row.text("territory"), row.text("period")}] = {cv, static_cast<int>(row.integer("reported")),
                                                                 row.integer("unvalidated") != 0,
                                                                 row.integer("synthetic") != 0};
        }
        compare(kEquity, type, want, 3);
    }
}

TEST_P(AnalyticsCorrectnessTest, NationalQuartilesMatchSql)
{
    const int nation = TerritoryLayout::kNationRow;
    for (auto type : kAllTypes) {
        const storage::Params params{core::to_string(type), kCubeDecisions, kCubeFiles, 100.0};
        std::vector<storage::Rows> answers{rows(kQuartilesQuery, params)};
        if (backend() == storage::Backend::Postgres)
            answers.push_back(rows(kPercentileContQuery, params));
        auto rates = grid(kRotation, type);
        ASSERT_TRUE(rates);
        const auto& layout = m_analytics->layout();
        int compared = 0;
        for (const auto& answer : answers) {
            for (auto row : answer) {
                auto period = core::Period::parse(row.text("period"));
                ASSERT_TRUE(period.ok());
                std::vector<double> values;
                for (int d : layout.departments_of_row(nation))
                    values.push_back(rates->value(layout.department_row(d), ordinal(*period)));
                auto summary = distribution(values);
                ASSERT_TRUE(summary) << row.text("period");
                EXPECT_NEAR(summary->q1, row.real("q1"), 1e-9 * std::fabs(summary->q1)) << row.text("period");
                EXPECT_NEAR(summary->median, row.real("median"), 1e-9 * std::fabs(summary->median));
                EXPECT_NEAR(summary->q3, row.real("q3"), 1e-9 * std::fabs(summary->q3)) << row.text("period");
                ++compared;
            }
        }
        EXPECT_GE(compared, 1) << core::to_string(type);
    }
}

// What the dataset was built to show, checked by hand so that the SQL and
// the cube cannot agree on a wrong rule unnoticed.
TEST_P(AnalyticsCorrectnessTest, TheDeliberateGapsGiveWhatARuleSays)
{
    // 29 has no decisions in May: Bretagne's second quarter counts 3 of its 4.
    auto quarter = figure(kRotation, "REG-53", "2024-T2");
    EXPECT_TRUE(quarter.value);
    EXPECT_EQ(quarter.reported, 3);
    EXPECT_EQ(quarter.expected, 4);
    EXPECT_EQ(figure(kRotation, "DEP-29", "2024").reported, 0);
    // A zero denominator: no value, yet the department counted.
    auto corse = figure(kRotation, "REG-94", "2024-08");
    EXPECT_FALSE(corse.value);
    EXPECT_EQ(corse.reported, 2);
    EXPECT_FALSE(figure(kRotation, "DEP-56", "2024-07").value);
    EXPECT_EQ(figure(kRotation, "DEP-56", "2024-07").reported, 1);
    // Factor 100: (20 + 1) / (200 + 5) × 100 for 22 in January, validated.
    auto january = figure(kRotation, "DEP-22", "2024-01");
    ASSERT_TRUE(january.value);
    EXPECT_NEAR(*january.value, 21.0 / 205.0 * 100, 1e-9);
    EXPECT_FALSE(january.includes_unvalidated);
    // A stock over a quarter is its latest value: 35 has February's (232),
    // 50 March's, validated alone.
    EXPECT_EQ(figure(kFiles, "DEP-35", "2024-T1").value, 232);
    EXPECT_FALSE(figure(kFiles, "DEP-50", "2024-T1").includes_unvalidated);
    EXPECT_TRUE(figure(kFiles, "DEP-50", "2024-02").includes_unvalidated);
    // Demonstration data of 61 marks Normandie for the first half only.
    EXPECT_TRUE(figure(kRotation, "REG-28", "2024-03").includes_synthetic);
    EXPECT_FALSE(figure(kRotation, "REG-28", "2024-09").includes_synthetic);
    // No territory aggregation: departments only, regions counted but empty.
    auto places = figure(kPlaces, "REG-53", "2024-T1");
    EXPECT_FALSE(places.value);
    EXPECT_EQ(places.reported, 4);
    EXPECT_EQ(figure(kPlaces, "DEP-22", "2024-T1").value, 50 + 0 + 1);
    // A yearly indicator has no monthly figures, a quarterly one no monthly.
    EXPECT_FALSE(grid(kRate, PeriodType::Month));
    EXPECT_FALSE(grid(kRate, PeriodType::Quarter));
    EXPECT_FALSE(grid(kPlaces, PeriodType::Month));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(AnalyticsCorrectnessTest);

}  // namespace boussole::analytics
