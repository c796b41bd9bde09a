#pragma once
// Internal to the framework module: reading items from database rows, shared
// by the queries (framework.cpp) and the changes (framework_changes.cpp).

#include "framework/framework.hpp"
#include "storage/rows.hpp"

namespace boussole::framework {

std::vector<std::string> parse_body(const std::string& json_text);
FrameworkItem item_from_row(const storage::Row& row);

}  // namespace boussole::framework
