#pragma once
// The territories of the branch: the nation, the 18 regions and the 101
// departments, loaded once from the database at start. Immutable afterwards,
// so it is shared by every request without locking.

#include "core/result.hpp"
#include "territory/territory_key.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::territory {

struct Territory {
    TerritoryKey key;
    std::string name;
    std::optional<TerritoryKey> parent;
    int liaison = 0;  // INSEE article type (TNCC), see with_preposition()
    int position = 0;

    // "de la Gironde", "du Nord", "de l'Ain", "des Landes", "de Paris".
    std::string with_preposition() const;
    // "Gironde (33)" for a department, the name otherwise.
    std::string label() const;
};

class TerritoryRegistry {
public:
    // Reads the territories table. Throws storage::DatabaseError.
    static TerritoryRegistry load(storage::Connection& connection);
    static TerritoryRegistry from_territories(std::vector<Territory> territories);

    // nullptr when there is no such territory.
    const Territory* find(const TerritoryKey& key) const;

    // Parses "DEP-33" and checks the territory exists; the error says what is
    // expected ("Codes attendus : 01 à 95, 2A, 2B, 971 à 976").
    core::Result<const Territory*> resolve(std::string_view key_text) const;

    // A bare department code as found in files: "33", "2A", "974". "20" and
    // "2C" are refused with an explanation.
    core::Result<const Territory*> resolve_department_code(std::string_view code) const;

    const Territory& nation() const { return *m_nation; }
    const std::vector<const Territory*>& regions() const { return m_regions; }
    const std::vector<const Territory*>& departments() const { return m_departments; }
    std::vector<const Territory*> children(const TerritoryKey& key) const;

    // True when descendant is ancestor or lies within it.
    bool contains(const TerritoryKey& ancestor, const TerritoryKey& descendant) const;

    // The departments within a territory (itself for a department).
    std::vector<const Territory*> departments_within(const TerritoryKey& key) const;

private:
    void index();

    std::vector<Territory> m_territories;
    std::map<TerritoryKey, std::size_t> m_by_key;
    const Territory* m_nation = nullptr;
    std::vector<const Territory*> m_regions;
    std::vector<const Territory*> m_departments;
};

// The message for an unknown department code, shared by every importer.
std::string unknown_department_message(std::string_view code);

}  // namespace boussole::territory
