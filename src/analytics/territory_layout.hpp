#pragma once
// The rows of every analytics result: the nation first, then the regions and
// the departments in the registry's order. Aggregating is then walking
// arrays: each department row knows the row of its region.

#include "territory/registry.hpp"

#include <optional>
#include <vector>

namespace boussole::analytics {

class TerritoryLayout {
public:
    explicit TerritoryLayout(const territory::TerritoryRegistry& registry);

    int rows() const { return static_cast<int>(m_territories.size()); }
    int departments() const { return static_cast<int>(m_department_region_row.size()); }
    int regions() const { return m_first_department_row - 1; }

    static constexpr int kNationRow = 0;
    int first_region_row() const { return 1; }
    int first_department_row() const { return m_first_department_row; }
    // Department d (0-based, the cube's index) sits at this row.
    int department_row(int department) const { return m_first_department_row + department; }
    int region_row_of(int department) const { return m_department_region_row[department]; }

    const territory::Territory& territory(int row) const { return *m_territories[row]; }
    std::optional<int> row_of(const territory::TerritoryKey& key) const;
    // The cube's index of a department; nothing for another level or code.
    std::optional<int> department_index(const territory::TerritoryKey& key) const;
    std::optional<int> department_index(std::string_view department_code) const;

    // The departments (cube indexes) within a row's territory.
    const std::vector<int>& departments_of_row(int row) const { return m_departments_of_row[row]; }

private:
    std::vector<const territory::Territory*> m_territories;
    std::vector<int> m_department_region_row;
    std::vector<std::vector<int>> m_departments_of_row;
    std::map<territory::TerritoryKey, int> m_row_by_key;
    int m_first_department_row = 1;
};

}  // namespace boussole::analytics
