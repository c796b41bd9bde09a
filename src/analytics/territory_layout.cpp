#include "analytics/territory_layout.hpp"

namespace boussole::analytics {

TerritoryLayout::TerritoryLayout(const territory::TerritoryRegistry& registry)
{
    m_territories.push_back(&registry.nation());
    for (const auto* region : registry.regions())
        m_territories.push_back(region);
    m_first_department_row = static_cast<int>(m_territories.size());
    for (const auto* department : registry.departments())
        m_territories.push_back(department);
    for (int row = 0; row < rows(); ++row)
        m_row_by_key.emplace(m_territories[row]->key, row);

    m_departments_of_row.resize(m_territories.size());
    for (int d = 0; d < static_cast<int>(registry.departments().size()); ++d) {
        const auto& department = *registry.departments()[d];
        int region_row = kNationRow;
        if (department.parent)
            if (auto found = m_row_by_key.find(*department.parent); found != m_row_by_key.end())
                region_row = found->second;
        m_department_region_row.push_back(region_row);
        m_departments_of_row[kNationRow].push_back(d);
        if (region_row != kNationRow)
            m_departments_of_row[region_row].push_back(d);
        m_departments_of_row[department_row(d)].push_back(d);
    }
}

std::optional<int> TerritoryLayout::row_of(const territory::TerritoryKey& key) const
{
    auto found = m_row_by_key.find(key);
    if (found == m_row_by_key.end())
        return std::nullopt;
    return found->second;
}

std::optional<int> TerritoryLayout::department_index(const territory::TerritoryKey& key) const
{
    auto row = row_of(key);
    if (!row || *row < m_first_department_row)
        return std::nullopt;
    return *row - m_first_department_row;
}

std::optional<int> TerritoryLayout::department_index(std::string_view department_code) const
{
    return department_index(territory::TerritoryKey::department(std::string(department_code)));
}

}  // namespace boussole::analytics
