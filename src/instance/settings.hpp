#pragma once
// Instance-wide settings kept in the database (the settings table), so that
// every node of a cluster reads the same: whether this is a demonstration
// instance, and the version of the reference data loaded.

#include <optional>
#include <string>
#include <string_view>

namespace boussole::storage {
class Connection;
}

namespace boussole::instance {

inline constexpr std::string_view kDemoSetting = "demo";

std::optional<std::string> read_setting(storage::Connection& connection, std::string_view key);
void write_setting(storage::Connection& connection, std::string_view key, std::string_view value);

// True when `init --demo` made this instance: pages then show the demo banner.
bool is_demo(storage::Connection& connection);

}  // namespace boussole::instance
