#include "access/principal.hpp"

#include "storage/connection.hpp"

namespace boussole::access {

namespace {

constexpr const char* kSelectCoverage =
    "SELECT territory_key FROM organisation_territories WHERE organisation_id = $1 ORDER BY territory_key";

}  // namespace

Scope Scope::everywhere()
{
    Scope scope;
    scope.m_national = true;
    scope.m_territories.insert(territory::TerritoryKey::nation());
    return scope;
}

Scope Scope::from_coverage(const std::vector<territory::TerritoryKey>& covered,
                           const territory::TerritoryRegistry& registry)
{
    Scope scope;
    for (const auto& key : covered) {
        if (key.level() == territory::Level::Nation)
            return everywhere();
        scope.m_territories.insert(key);
        for (const auto* department : registry.departments_within(key))
            scope.m_territories.insert(department->key);
    }
    return scope;
}

bool Scope::covers(const territory::TerritoryKey& key) const
{
    return m_national || m_territories.count(key) > 0;
}

Principal Principal::system(std::string label)
{
    Principal principal;
    principal.kind = PrincipalKind::System;
    principal.role = Role::NationalAdmin;
    principal.label = std::move(label);
    principal.display_name = principal.label;
    principal.scope = Scope::everywhere();
    principal.can_write = true;
    return principal;
}

bool Principal::is_national_admin() const
{
    return authenticated() && role == Role::NationalAdmin && scope.national();
}

std::vector<territory::TerritoryKey> organisation_coverage(storage::Connection& connection,
                                                           std::int64_t organisation_id)
{
    std::vector<territory::TerritoryKey> keys;
    for (auto row : connection.query(kSelectCoverage, {organisation_id})) {
        auto key = territory::TerritoryKey::parse(row.text("territory_key"));
        if (key.ok())
            keys.push_back(*key);
    }
    return keys;
}

}  // namespace boussole::access
