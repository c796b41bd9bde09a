#include "territory/population.hpp"

#include "storage/connection.hpp"

namespace boussole::territory {

namespace {

constexpr const char* kSelectLatestYear = "SELECT MAX(year) AS year FROM population";
constexpr const char* kSelectPopulation =
    "SELECT territory_key, sex, age_min, population, source FROM population WHERE year = $1";

}  // namespace

const char* to_string(Sex sex)
{
    switch (sex) {
    case Sex::All: return "ensemble";
    case Sex::Men: return "hommes";
    case Sex::Women: return "femmes";
    }
    return "ensemble";
}

core::Result<Sex> parse_sex(std::string_view text)
{
    if (text == "ensemble")
        return Sex::All;
    if (text == "hommes")
        return Sex::Men;
    if (text == "femmes")
        return Sex::Women;
    return core::Error::invalid("Sexe « " + std::string(text) + " » inconnu : attendu ensemble, hommes ou femmes.");
}

std::string age_group_label(int group)
{
    if (group >= kAgeGroupCount - 1)
        return "95 ans et plus";
    return std::to_string(group * 5) + " à " + std::to_string(group * 5 + 4) + " ans";
}

std::int64_t AgePyramid::total() const
{
    std::int64_t sum = 0;
    for (auto count : counts)
        sum += count;
    return sum;
}

std::int64_t AgePyramid::between(int min_age, int max_age) const
{
    std::int64_t sum = 0;
    for (int group = 0; group < kAgeGroupCount; ++group) {
        int group_min = group * 5;
        bool above_min = group_min >= min_age;
        bool below_max = max_age < 0 || group_min + 4 <= max_age;
        if (above_min && below_max)
            sum += counts[static_cast<std::size_t>(group)];
    }
    return sum;
}

PopulationTable PopulationTable::load(storage::Connection& connection, const TerritoryRegistry& registry)
{
    PopulationTable table;
    auto latest = connection.query(kSelectLatestYear);
    if (latest.empty() || latest.front()["year"].is_null())
        return table;
    table.m_year = static_cast<int>(latest.front().integer("year"));

    for (auto row : connection.query(kSelectPopulation, {table.m_year})) {
        auto key = TerritoryKey::parse(row.text("territory_key"));
        auto sex = parse_sex(row.text("sex"));
        int group = static_cast<int>(row.integer("age_min") / 5);
        if (!key.ok() || !sex.ok() || group < 0 || group >= kAgeGroupCount)
            continue;
        table.m_source = row.text("source");
        auto count = row.integer("population");
        table.m_pyramids[{*key, *sex}].counts[static_cast<std::size_t>(group)] += count;
        // Sum up the tree: the department's region, then the nation.
        const Territory* territory = registry.find(*key);
        while (territory && territory->parent) {
            table.m_pyramids[{*territory->parent, *sex}].counts[static_cast<std::size_t>(group)] += count;
            territory = registry.find(*territory->parent);
        }
    }
    return table;
}

const AgePyramid* PopulationTable::find(const TerritoryKey& key, Sex sex) const
{
    auto it = m_pyramids.find({key, sex});
    return it == m_pyramids.end() ? nullptr : &it->second;
}

PopulationGroups PopulationTable::groups(const TerritoryKey& key, Sex sex) const
{
    const AgePyramid* pyramid = find(key, sex);
    if (!pyramid)
        return {};
    return {pyramid->total(), pyramid->between(0, 19), pyramid->between(20, 59), pyramid->between(60, -1),
            pyramid->between(75, -1)};
}

}  // namespace boussole::territory
