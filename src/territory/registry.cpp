#include "territory/registry.hpp"

#include "storage/connection.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace boussole::territory {

namespace {

constexpr const char* kSelectTerritories =
    "SELECT key, level, code, name, parent_key, liaison, position FROM territories ORDER BY position";

bool starts_with_vowel(std::string_view name)
{
    static constexpr std::string_view kVowelStarts[] = {"A", "E", "I", "O", "U", "Y", "É", "È", "Ê", "Î", "Ô", "H"};
    for (auto start : kVowelStarts)
        if (name.substr(0, start.size()) == start)
            return true;
    return false;
}

std::string without_article(std::string_view name, std::string_view article)
{
    if (name.substr(0, article.size()) == article)
        return std::string(name.substr(article.size()));
    return std::string(name);
}

}  // namespace

std::string Territory::with_preposition() const
{
    // The INSEE codes: 0 "de" before a consonant, 1 "d'" before a vowel, 2 "du"
    // (Le), 3 "de la" (La), 4 "des" (Les), 5 "de l'" (L'). The names in the
    // reference files carry no article ("Gironde" has code 3).
    switch (liaison) {
    case 0: return "de " + name;
    case 1: return "d'" + name;
    case 2: return "du " + without_article(name, "Le ");
    case 3: return "de la " + without_article(name, "La ");
    case 4: return "des " + without_article(name, "Les ");
    case 5: return "de l'" + without_article(name, "L'");
    default: return (starts_with_vowel(name) ? "d'" : "de ") + name;
    }
}

std::string Territory::label() const
{
    if (key.level() == Level::Department)
        return name + " (" + key.code() + ")";
    return name;
}

TerritoryRegistry TerritoryRegistry::load(storage::Connection& connection)
{
    std::vector<Territory> territories;
    for (auto row : connection.query(kSelectTerritories)) {
        auto level = parse_level(row.text("level"));
        if (!level.ok())
            throw std::runtime_error("territories table holds an unknown level: " + row.text("level"));
        Territory territory{
            *level == Level::Nation   ? TerritoryKey::nation()
            : *level == Level::Region ? TerritoryKey::region(row.text("code"))
                                      : TerritoryKey::department(row.text("code")),
            row.text("name"),
            std::nullopt,
            static_cast<int>(row.integer("liaison")),
            static_cast<int>(row.integer("position")),
        };
        if (auto parent = row.optional_text("parent_key")) {
            auto parsed = TerritoryKey::parse(*parent);
            if (parsed.ok())
                territory.parent = *parsed;
        }
        territories.push_back(std::move(territory));
    }
    return from_territories(std::move(territories));
}

TerritoryRegistry TerritoryRegistry::from_territories(std::vector<Territory> territories)
{
    TerritoryRegistry registry;
    registry.m_territories = std::move(territories);
    std::stable_sort(registry.m_territories.begin(), registry.m_territories.end(),
                     [](const Territory& a, const Territory& b) { return a.position < b.position; });
    registry.index();
    return registry;
}

void TerritoryRegistry::index()
{
    static const Territory kEmptyNation{TerritoryKey::nation(), "France", std::nullopt, 0, 0};
    m_nation = &kEmptyNation;
    for (std::size_t i = 0; i < m_territories.size(); ++i) {
        const Territory& territory = m_territories[i];
        m_by_key.emplace(territory.key, i);
        switch (territory.key.level()) {
        case Level::Nation: m_nation = &territory; break;
        case Level::Region: m_regions.push_back(&territory); break;
        case Level::Department: m_departments.push_back(&territory); break;
        }
    }
}

const Territory* TerritoryRegistry::find(const TerritoryKey& key) const
{
    auto it = m_by_key.find(key);
    return it == m_by_key.end() ? nullptr : &m_territories[it->second];
}

std::string unknown_department_message(std::string_view code)
{
    std::string message = "Code département « " + std::string(code) + " » inconnu.";
    if (code == "20")
        message +=
            " Le code 20 n'est plus utilisé : la Corse compte deux départements, 2A (Corse-du-Sud) et "
            "2B (Haute-Corse).";
    message += " Codes attendus : 01 à 95, 2A, 2B, 971 à 976.";
    return message;
}

core::Result<const Territory*> TerritoryRegistry::resolve(std::string_view key_text) const
{
    auto key = TerritoryKey::parse(key_text);
    if (!key.ok())
        return std::move(key).error();
    if (const Territory* territory = find(*key))
        return territory;
    if (key->level() == Level::Department)
        return core::Error::not_found(unknown_department_message(key->code()));
    if (key->level() == Level::Region)
        return core::Error::not_found("Code région « " + key->code() +
                                      " » inconnu. Codes attendus : 01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, "
                                      "52, 53, 75, 76, 84, 93, 94.");
    return core::Error::not_found("Territoire « " + std::string(key_text) + " » inconnu.");
}

core::Result<const Territory*> TerritoryRegistry::resolve_department_code(std::string_view code) const
{
    std::string normalised(code);
    for (char& c : normalised)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // Files written by spreadsheets lose the leading zero: "1" is "01".
    if (normalised.size() == 1 && std::isdigit(static_cast<unsigned char>(normalised[0])))
        normalised.insert(normalised.begin(), '0');
    if (const Territory* territory = find(TerritoryKey::department(normalised)))
        return territory;
    return core::Error::invalid(unknown_department_message(code));
}

std::vector<const Territory*> TerritoryRegistry::children(const TerritoryKey& key) const
{
    std::vector<const Territory*> result;
    for (const Territory& territory : m_territories)
        if (territory.parent == key)
            result.push_back(&territory);
    return result;
}

bool TerritoryRegistry::contains(const TerritoryKey& ancestor, const TerritoryKey& descendant) const
{
    std::optional<TerritoryKey> current = descendant;
    // The tree has three levels; the bound protects against a cycle in bad data.
    for (int depth = 0; current && depth < 4; ++depth) {
        if (*current == ancestor)
            return true;
        const Territory* territory = find(*current);
        current = territory ? territory->parent : std::nullopt;
    }
    return false;
}

std::vector<const Territory*> TerritoryRegistry::departments_within(const TerritoryKey& key) const
{
    std::vector<const Territory*> result;
    for (const Territory* department : m_departments)
        if (contains(key, department->key))
            result.push_back(department);
    return result;
}

}  // namespace boussole::territory
