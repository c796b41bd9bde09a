#include "steering/territory.hpp"

#include "access/policy.hpp"
#include "core/clock.hpp"
#include "storage/connection.hpp"

#include <cstdio>

namespace boussole::steering {

namespace {

// The latest convention covering the department, and every department it
// covers in the registry's order.
constexpr const char* kLatestConvention =
    "SELECT convention_id FROM convention_territories WHERE territory_key = $1 "
    "ORDER BY period_start DESC, convention_id DESC LIMIT 1";
constexpr const char* kConventionTerritories =
    "SELECT ct.territory_key FROM convention_territories ct JOIN territories t ON t.key = ct.territory_key "
    "WHERE ct.convention_id = $1 ORDER BY t.position";

}  // namespace

core::Result<SteeredTerritory> steered_territory(storage::Connection& connection,
                                                 const territory::TerritoryRegistry& registry,
                                                 std::string_view key_text)
{
    auto resolved = registry.resolve(key_text);
    if (!resolved.ok())
        return core::Error::not_found("Territoire « " + std::string(key_text) + " » introuvable. " +
                                      resolved.error().message);
    const auto* found = *resolved;
    if (found->key.level() != territory::Level::Department)
        return core::Error::invalid(
            "Territoire : une feuille de route et une ITA appartiennent à un département (ou "
            "aux départements d'une même convention), pas à « " +
            found->name + " ».");
    SteeredTerritory steered;
    steered.key = found->key;
    steered.departments = {found->key};
    auto rows = connection.query(kLatestConvention, {found->key.to_string()});
    if (!rows.empty()) {
        steered.convention_id = rows.front().integer("convention_id");
        std::vector<territory::TerritoryKey> departments;
        for (auto row : connection.query(kConventionTerritories, {*steered.convention_id}))
            if (auto key = territory::TerritoryKey::parse(row.text("territory_key")); key.ok())
                departments.push_back(*key);
        if (!departments.empty()) {
            steered.departments = departments;
            steered.key = departments.front();
        }
    }
    for (const auto& key : steered.departments) {
        const auto* department = registry.find(key);
        auto label = department ? department->label() : key.to_string();
        steered.name += steered.name.empty() ? label : (key == steered.departments.back() ? " et " : ", ") + label;
    }
    return steered;
}

core::Status may_read(const access::Principal& principal, const SteeredTerritory& territory)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    for (const auto& key : territory.departments)
        if (access::require_territorial_read(principal, key).ok())
            return {};
    return access::require_territorial_read(principal, territory.key);
}

core::Status may_write(const access::Principal& principal, const SteeredTerritory& territory, std::string_view what)
{
    return access::require_territorial_write(principal, territory.departments, what);
}

std::optional<std::chrono::year_month_day> parse_day(std::string_view text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    char rest = 0;
    std::string copy(text);
    if (text.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &rest) != 3)
        return std::nullopt;
    auto date = std::chrono::year{year} / month / day;
    if (!date.ok())
        return std::nullopt;
    return date;
}

std::string day_text(std::chrono::year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

std::chrono::year_month_day today()
{
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(core::to_paris_time(core::now()))};
}

}  // namespace boussole::steering
