// The analytics cube at national scale, side by side with the floor of
// reading the same values once from memory: 101 departments, 150 data
// elements in 4 disaggregations (600 series), 120 months, about 7 million
// values. Computes every indicator for every territory (nation, regions,
// departments) and every month, quarter and year, with the equity statistics
// across departments, and prints the times, the resident memory and, for
// bench/analytics.sh, the dataset as CSV for PostgreSQL and SQLite to do the
// same aggregation in SQL.
//
//   boussole-bench-analytics compute            times and memory
//   boussole-bench-analytics csv FILE           the same values as CSV
//
// Synthetic data, deterministic (fixed seed). Not a test.

#include "analytics/analytics.hpp"
#include "analytics/distribution.hpp"
#include "analytics/period_ordinal.hpp"
#include "catalogue/catalogue.hpp"
#include "territory/registry.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

namespace {

using namespace boussole;

constexpr int kElements = 150;
constexpr int kDisaggregations = 4;
constexpr int kMonths = 120;
constexpr int kFirstYear = 2015;

std::string series_code(int element, int disaggregation)
{
    char code[32];
    std::snprintf(code, sizeof code, "e%03d_d%d", element, disaggregation);
    return code;
}

// 18 regions of 5 or 6 departments: the shape of the real tree.
territory::TerritoryRegistry national_tree()
{
    using territory::Territory;
    using territory::TerritoryKey;
    std::vector<Territory> territories;
    territories.push_back({TerritoryKey::nation(), "France", std::nullopt, 0, 0});
    for (int r = 0; r < 18; ++r)
        territories.push_back(
            {TerritoryKey::region("R" + std::to_string(r)), "Région " + std::to_string(r), TerritoryKey::nation(), 0, r});
    for (int d = 0; d < 101; ++d)
        territories.push_back({TerritoryKey::department("D" + std::to_string(d)), "Département " + std::to_string(d),
                               TerritoryKey::region("R" + std::to_string(d % 18)), 0, d});
    return territory::TerritoryRegistry::from_territories(std::move(territories));
}

// Every element a monthly flow summed over territories; indicator i is the
// sum of element i's disaggregations over those of element i + 1, per
// 1,000; the first ten also have a coefficient-of-variation indicator.
catalogue::Catalogue national_catalogue()
{
    std::vector<catalogue::DataElement> elements;
    for (int e = 0; e < kElements; ++e)
        for (int k = 1; k <= kDisaggregations; ++k) {
            catalogue::DataElement element;
            element.code = series_code(e, k);
            element.name = element.code;
            element.period_type = core::PeriodType::Month;
            elements.push_back(element);
        }
    auto sum_of = [](int e) {
        std::string text;
        for (int k = 1; k <= kDisaggregations; ++k)
            text += (k > 1 ? " + " : "") + series_code(e, k);
        return text;
    };
    std::vector<catalogue::Indicator> indicators;
    for (int e = 0; e < kElements; ++e) {
        catalogue::Indicator indicator;
        indicator.code = "i" + std::to_string(e);
        indicator.numerator = sum_of(e);
        indicator.denominator = sum_of((e + 1) % kElements);
        indicator.factor = 1000;
        indicator.periodicity = core::PeriodType::Month;
        indicators.push_back(indicator);
    }
    for (int e = 0; e < 10; ++e) {
        catalogue::Indicator indicator;
        indicator.code = "cv" + std::to_string(e);
        indicator.kind = catalogue::IndicatorKind::Equity;
        indicator.base_indicator_code = "i" + std::to_string(e);
        indicator.statistic = catalogue::EquityStatistic::CoefficientOfVariation;
        indicator.periodicity = core::PeriodType::Month;
        indicators.push_back(indicator);
    }
    return catalogue::Catalogue::from({}, std::move(elements), std::move(indicators));
}

double value_of(std::mt19937_64& random, int element)
{
    std::uniform_real_distribution<double> spread(0.5, 1.5);
    return std::floor(100.0 * (1 + element % 7) * spread(random));
}

void fill(analytics::Analytics& analytics, int departments)
{
    analytics.modify([&](analytics::Cube& cube) {
        std::mt19937_64 random(20261123);
        const int first = analytics::ordinal(core::Period::month(kFirstYear, 1));
        for (int e = 0; e < kElements; ++e)
            for (int k = 1; k <= kDisaggregations; ++k) {
                auto& column = cube.column_for(series_code(e, k), core::PeriodType::Month);
                analytics::Cube::reserve(column, departments, first, first + kMonths - 1);
                for (int d = 0; d < departments; ++d)
                    for (int m = 0; m < kMonths; ++m)
                        analytics::Cube::set(column, d, first + m, value_of(random, e), analytics::kUnvalidated);
            }
    });
}

long resident_kib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int compute()
{
    auto registry = national_tree();
    auto catalogue = national_catalogue();
    analytics::Analytics analytics(registry);
    long before = resident_kib();
    fill(analytics, analytics.layout().departments());
    long after = resident_kib();

    // The floor: every value read once, summed so the loop is not removed.
    double floor_seconds = 1e9;
    double checksum = 0;
    for (int round = 0; round < 5; ++round) {
        analytics.modify([&](analytics::Cube& cube) {
            auto start = std::chrono::steady_clock::now();
            double sum = 0;
            for (int e = 0; e < kElements; ++e)
                for (int k = 1; k <= kDisaggregations; ++k) {
                    const auto* column = cube.column(series_code(e, k));
                    for (double value : column->values)
                        sum += analytics::has_value(value) ? value : 0;
                }
            floor_seconds = std::min(floor_seconds, seconds_since(start));
            checksum += sum;
        });
    }

    // Everything, from a cold cache, best of three.
    double compute_seconds = 1e9;
    std::size_t figures = 0;
    double result_checksum = 0;
    for (int round = 0; round < 3; ++round) {
        analytics.modify([](analytics::Cube&) {});  // forget every grid
        figures = 0;
        result_checksum = 0;
        auto start = std::chrono::steady_clock::now();
        for (auto type : {core::PeriodType::Month, core::PeriodType::Quarter, core::PeriodType::Year})
            for (const auto& indicator : catalogue.indicators()) {
                auto grid = analytics.grid(catalogue, indicator, type);
                if (!grid)
                    continue;
                figures += grid->values.size();
                if (indicator.kind != catalogue::IndicatorKind::Ratio)
                    continue;
                // The equity statistics of each period across departments.
                const auto& layout = analytics.layout();
                std::vector<double> values(layout.departments());
                for (int p = 0; p < grid->count; ++p) {
                    for (int d = 0; d < layout.departments(); ++d)
                        values[d] = grid->values[grid->at(layout.department_row(d), grid->first + p)];
                    if (auto spread = analytics::distribution(values))
                        result_checksum += spread->stddev;
                }
            }
        compute_seconds = std::min(compute_seconds, seconds_since(start));
    }
    std::printf("valeurs %lld\n", static_cast<long long>(analytics.values()));
    std::printf("resultats %zu\n", figures);
    std::printf("plancher_s %.6f\n", floor_seconds);
    std::printf("calcul_s %.6f\n", compute_seconds);
    std::printf("memoire_cube_mio %.1f\n", static_cast<double>(analytics.memory_bytes()) / 1048576.0);
    std::printf("memoire_residente_mio %.1f\n", static_cast<double>(after) / 1024.0);
    std::printf("memoire_ajoutee_mio %.1f\n", static_cast<double>(after - before) / 1024.0);
    std::fflush(stdout);
    std::fprintf(stderr, "(contrôles : %.0f %.3f)\n", checksum, result_checksum);
    return 0;
}

// element;disaggregation;department;region;month — integers, so that the
// databases compare on their best footing.
int write_csv(const std::string& path)
{
    std::FILE* out = std::fopen(path.c_str(), "w");
    if (!out) {
        std::fprintf(stderr, "impossible d'écrire %s\n", path.c_str());
        return 1;
    }
    std::mt19937_64 random(20261123);
    for (int e = 0; e < kElements; ++e)
        for (int k = 1; k <= kDisaggregations; ++k)
            for (int d = 0; d < 101; ++d)
                for (int m = 0; m < kMonths; ++m)
                    std::fprintf(out, "%d,%d,%d,%d,%d,%.0f\n", e, k, d, d % 18, kFirstYear * 12 + m,
                                 value_of(random, e));
    std::fclose(out);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::string command = argc > 1 ? argv[1] : "compute";
    if (command == "compute")
        return compute();
    if (command == "csv" && argc > 2)
        return write_csv(argv[2]);
    std::fprintf(stderr, "usage : boussole-bench-analytics compute | csv FICHIER\n");
    return 2;
}
