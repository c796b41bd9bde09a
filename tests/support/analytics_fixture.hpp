#pragma once
// The set-up of the analytics tests on both backends: a small catalogue of
// its own covering every aggregation rule (codes starting with "cube_"),
// stored in data_elements so that values can be written through
// write_values, and a fixed dataset over nine departments of three regions
// with deliberate gaps, zero denominators, validated and synthetic values.
//
//     class AnalyticsFollowTest : public test_support::AnalyticsTest {};
//     TEST_P(AnalyticsFollowTest, …) { write({input(1, kCubeDecisions, "22", "2024-01", 5)}); }

#include "analytics/grid.hpp"
#include "analytics/territory_layout.hpp"
#include "support/values_fixture.hpp"

#include <map>
#include <string>
#include <utility>

namespace boussole::test_support {

// month, integer: territory sum, time sum (a flow)
inline constexpr const char* kCubeDecisions = "cube_decisions";
// month, integer: territory sum, time last (a stock)
inline constexpr const char* kCubeFiles = "cube_dossiers";
// month, decimal: territory average, time average
inline constexpr const char* kCubeDelay = "cube_delai";
// year, decimal: weighted by kCubePopulation across territories
inline constexpr const char* kCubeRate = "cube_taux";
// year, integer: territory sum, time last
inline constexpr const char* kCubePopulation = "cube_population";
// year, integer: territory sum, time sum
inline constexpr const char* kCubeBeneficiaries = "cube_beneficiaires";
// quarter, integer: no territory aggregation, time sum
inline constexpr const char* kCubePlaces = "cube_places";
// quarter, integer: territory max, time last
inline constexpr const char* kCubeWaiting = "cube_attente";

// Indicators: decisions / files × 100 (month); files (month); delay (month);
// rate (year); beneficiaries / population × 1000 (year); places (quarter);
// waiting (quarter); ind:rotation / delay × 10 (month); the coefficient of
// variation of rotation (month).
inline constexpr const char* kRotation = "cube_ind_rotation";
inline constexpr const char* kFiles = "cube_ind_dossiers";
inline constexpr const char* kDelay = "cube_ind_delai";
inline constexpr const char* kRate = "cube_ind_taux";
inline constexpr const char* kPerThousand = "cube_ind_pour_mille";
inline constexpr const char* kPlaces = "cube_ind_places";
inline constexpr const char* kWaiting = "cube_ind_attente";
inline constexpr const char* kReference = "cube_ind_reference";
inline constexpr const char* kEquity = "cube_ind_equite";

// The departments of the dataset: all of Bretagne (53) and Corse (94), three
// of the five of Normandie (28).
inline const std::vector<std::string> kCubeDepartments = {"22", "29", "35", "56", "2A", "2B", "14", "50", "61"};

class AnalyticsTest : public CollectionTest {
protected:
    void SetUp() override;

    const catalogue::Catalogue& cube_catalogue() const { return *m_cube_catalogue; }
    const catalogue::Indicator& indicator(std::string_view code) const;

    // write_values by a national administrator in a transaction of its own;
    // fails the test unless every input is applied.
    void write_cells(const std::vector<collection::ValueInput>& inputs,
                     collection::ValueOrigin origin = collection::ValueOrigin::User);
    void write_cells(storage::Database& database, const std::vector<collection::ValueInput>& inputs);
    // Submits then validates (or reopens) what the department has for period.
    void validate(const std::string& department, const std::string& period);
    void reopen(const std::string& department, const std::string& period);

    // The fixed dataset described in analytics_fixture.cpp.
    void write_dataset();

private:
    std::optional<catalogue::Catalogue> m_cube_catalogue;
};

// One cell of an indicator as computed independently: by territory key
// ("DEP-22", "REG-53", "FR") and period ("2024-07", "2024-T3", "2024").
struct ExpectedFigure {
    std::optional<double> value;
    int reported = 0;
    bool unvalidated = false;
    bool synthetic = false;
};
using ExpectedGrid = std::map<std::pair<std::string, std::string>, ExpectedFigure>;

// Compares every row and period of grid with expected: a cell missing from
// expected must have no value and no reported department; expected counts
// (departments within each territory) are checked against expected_counts.
// Values agree within a relative 1e-9. Returns how many expected cells held
// a value, so that a test can tell an empty comparison from a real one.
int expect_same_figures(const analytics::Grid& grid, const analytics::TerritoryLayout& layout,
                        const ExpectedGrid& expected, const std::map<std::string, int>& expected_counts,
                        const std::string& what);

}  // namespace boussole::test_support
