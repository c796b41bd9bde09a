#include "territory/territory_key.hpp"

#include <cctype>

namespace boussole::territory {

const char* to_string(Level level)
{
    switch (level) {
    case Level::Nation: return "nation";
    case Level::Region: return "region";
    case Level::Department: return "department";
    }
    return "nation";
}

core::Result<Level> parse_level(std::string_view text)
{
    if (text == "nation")
        return Level::Nation;
    if (text == "region")
        return Level::Region;
    if (text == "department")
        return Level::Department;
    return core::Error::invalid("Niveau de territoire « " + std::string(text) +
                                " » inconnu : attendu nation, region ou department.");
}

namespace {

bool is_code_character(char c)
{
    return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'Z');
}

std::string upper(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

core::Error malformed(std::string_view text)
{
    return core::Error::invalid("Territoire « " + std::string(text) +
                                " » mal écrit : attendu FR, REG-<code région> (ex. REG-84) ou "
                                "DEP-<code département> (ex. DEP-33, DEP-2A, DEP-974).");
}

}  // namespace

core::Result<TerritoryKey> TerritoryKey::parse(std::string_view text)
{
    std::string normalised = upper(text);
    if (normalised == "FR")
        return nation();
    auto dash = normalised.find('-');
    if (dash == std::string::npos)
        return malformed(text);
    std::string prefix = normalised.substr(0, dash);
    std::string code = normalised.substr(dash + 1);
    if (code.empty() || code.size() > 3)
        return malformed(text);
    for (char c : code)
        if (!is_code_character(c))
            return malformed(text);
    if (prefix == "REG")
        return region(code);
    if (prefix == "DEP")
        return department(code);
    return malformed(text);
}

std::string TerritoryKey::to_string() const
{
    switch (m_level) {
    case Level::Nation: return "FR";
    case Level::Region: return "REG-" + m_code;
    case Level::Department: return "DEP-" + m_code;
    }
    return "FR";
}

}  // namespace boussole::territory
