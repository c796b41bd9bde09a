#pragma once
// A territory is always named by its level and its code: the region 84
// (Auvergne-Rhône-Alpes) and the department 84 (Vaucluse) are different
// territories. Written "FR", "REG-84", "DEP-84".

#include "core/result.hpp"

#include <compare>
#include <string>
#include <string_view>

namespace boussole::territory {

enum class Level { Nation, Region, Department };

const char* to_string(Level level);  // "nation", "region", "department"
core::Result<Level> parse_level(std::string_view text);

class TerritoryKey {
public:
    static TerritoryKey nation() { return TerritoryKey(Level::Nation, "FR"); }
    static TerritoryKey region(std::string code) { return TerritoryKey(Level::Region, std::move(code)); }
    static TerritoryKey department(std::string code) { return TerritoryKey(Level::Department, std::move(code)); }

    // Parses "FR", "REG-84", "DEP-2A" (the prefix is case-insensitive). Checks
    // the shape only; whether the territory exists is the registry's answer.
    static core::Result<TerritoryKey> parse(std::string_view text);

    Level level() const { return m_level; }
    const std::string& code() const { return m_code; }
    std::string to_string() const;

    auto operator<=>(const TerritoryKey&) const = default;

private:
    TerritoryKey(Level level, std::string code) : m_level(level), m_code(std::move(code)) {}

    Level m_level;
    std::string m_code;
};

}  // namespace boussole::territory
