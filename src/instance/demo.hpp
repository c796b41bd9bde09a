#pragma once
// The demonstration instance: one account per role, on real organisations,
// all marked synthetic. The addresses use the reserved .invalid domain so that
// no mail can ever reach anyone.

#include "core/result.hpp"
#include "storage/database.hpp"

#include <string>
#include <vector>

namespace boussole::instance {

// Shared by every demo account; printed by `make run`. Demo instances only.
inline constexpr const char* kDemoPassword = "boussole-demo-2026";

struct DemoAccount {
    const char* email;
    const char* display_name;
    const char* organisation_slug;
    const char* role;
    const char* what_to_try;  // shown next to the login
};

const std::vector<DemoAccount>& demo_accounts();

// Creates the demo accounts that do not exist yet and marks the instance as a
// demonstration. Returns the number of accounts created.
core::Result<int> create_demo_accounts(storage::Database& database);

}  // namespace boussole::instance
