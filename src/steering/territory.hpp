#pragma once
// The territory steered together by an ARS and a departmental collectivity:
// a department, or the departments of a convention that covers several
// (Alsace 67+68, Corse 2A+2B), known by its first department. Its roadmap
// and its ITA belong to it; reading follows the departments' scope, writing
// belongs to the territorial editors (ARS, CD) whose scope covers every
// department and to the national administrators, as for the conventions.
// Thread-safety: reentrant. Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "core/result.hpp"
#include "territory/registry.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::steering {

struct SteeredTerritory {
    territory::TerritoryKey key = territory::TerritoryKey::nation();  // the first department
    std::vector<territory::TerritoryKey> departments;  // key first
    std::string name;                                  // "Gironde (33)", "Bas-Rhin (67) et Haut-Rhin (68)"
    std::optional<std::int64_t> convention_id;         // the latest convention covering it
};

// The steered territory of a department key ("DEP-33", or "DEP-68" for
// Alsace, answered as DEP-67). NotFound for an unknown key, Invalid for a
// region or the nation.
core::Result<SteeredTerritory> steered_territory(storage::Connection& connection,
                                                 const territory::TerritoryRegistry& registry,
                                                 std::string_view key_text);

core::Status may_read(const access::Principal& principal, const SteeredTerritory& territory);
// what completes "… ne permet pas de …" ("modifier la feuille de route de …").
core::Status may_write(const access::Principal& principal, const SteeredTerritory& territory, std::string_view what);

// An ISO day "2026-09-30"; nothing when malformed or impossible.
std::optional<std::chrono::year_month_day> parse_day(std::string_view text);
std::string day_text(std::chrono::year_month_day day);
// Today in Paris.
std::chrono::year_month_day today();

}  // namespace boussole::steering
