#include "instance/settings.hpp"

#include "core/clock.hpp"
#include "storage/connection.hpp"

namespace boussole::instance {

namespace {

constexpr const char* kSelectSetting = "SELECT value FROM settings WHERE key = $1";
constexpr const char* kUpsertSetting =
    "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

}  // namespace

std::optional<std::string> read_setting(storage::Connection& connection, std::string_view key)
{
    auto rows = connection.query(kSelectSetting, {key});
    if (rows.empty())
        return std::nullopt;
    return rows.front().text("value");
}

void write_setting(storage::Connection& connection, std::string_view key, std::string_view value)
{
    connection.execute(kUpsertSetting, {key, value, core::to_iso8601(core::now())});
}

bool is_demo(storage::Connection& connection)
{
    return read_setting(connection, kDemoSetting).value_or("") == "1";
}

}  // namespace boussole::instance
