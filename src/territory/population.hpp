#pragma once
// Population by territory, sex and five-year age group (INSEE estimates). The
// database holds departments only; regions and the nation are summed here at
// load, so that every level answers the same questions.

#include "territory/registry.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace boussole::territory {

enum class Sex { All, Men, Women };

const char* to_string(Sex sex);  // "ensemble", "hommes", "femmes" (the INSEE words)
core::Result<Sex> parse_sex(std::string_view text);

// 20 groups: 0–4, 5–9, … 90–94, 95 and over. Group i starts at 5 × i.
inline constexpr int kAgeGroupCount = 20;

// "0 à 4 ans", "95 ans et plus".
std::string age_group_label(int group);

struct AgePyramid {
    std::array<std::int64_t, kAgeGroupCount> counts{};

    std::int64_t total() const;
    // People aged from min_age to max_age included; max_age < 0 means no upper
    // bound. Both bounds must fall on group edges (multiples of 5, max + 1).
    std::int64_t between(int min_age, int max_age) const;
};

// The derived groups the branch's rates use as denominators.
struct PopulationGroups {
    std::int64_t total = 0;
    std::int64_t under_20 = 0;
    std::int64_t from_20_to_59 = 0;
    std::int64_t from_60 = 0;
    std::int64_t from_75 = 0;
};

class PopulationTable {
public:
    // Reads the most recent year of the population table and sums it up the
    // territory tree. An empty table gives an empty PopulationTable (year 0).
    static PopulationTable load(storage::Connection& connection, const TerritoryRegistry& registry);

    int year() const { return m_year; }
    const std::string& source() const { return m_source; }
    bool empty() const { return m_pyramids.empty(); }

    // nullptr when the territory has no population.
    const AgePyramid* find(const TerritoryKey& key, Sex sex) const;
    PopulationGroups groups(const TerritoryKey& key, Sex sex = Sex::All) const;

private:
    int m_year = 0;
    std::string m_source;
    std::map<std::pair<TerritoryKey, Sex>, AgePyramid> m_pyramids;
};

}  // namespace boussole::territory
