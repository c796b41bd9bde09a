#pragma once
// The roles of Boussole (DESIGN.md §1). A role says what a person may do; the
// territories where they may do it come from their organisation (scope.hpp).

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace boussole::access {

enum class Role {
    NationalAdmin,      // CNSA: framework, catalogue, accounts, everything everywhere
    NationalAnalyst,    // CNSA or ministry: reads everything, writes nothing
    TerritorialEditor,  // ARS, CD, MDPH/MDA agent: edits within its territories
    TerritorialReader,  // reads within its territories
    Partner,            // partner organisation: reads, edits what it leads
};

const char* to_string(Role role);  // "national_admin", …
const char* label(Role role);      // "Administrateur national", …
core::Result<Role> parse_role(std::string_view text);
const std::vector<Role>& all_roles();

bool is_national(Role role);

}  // namespace boussole::access
