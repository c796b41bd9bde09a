#include "support/import_fixture.hpp"

#include "access/api_tokens.hpp"
#include "access/users.hpp"
#include "storage/connection.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

namespace {

constexpr const char* kOrganisationId = "SELECT id FROM organisations WHERE slug = $1";
constexpr const char* kValues =
    "SELECT element_code, territory_key, period, value, comment, status, origin, import_id, deleted, version "
    "FROM data_values ORDER BY element_code, territory_key, period";
constexpr const char* kHistory =
    "SELECT data_value_id, version, action, value, comment, status FROM data_value_history "
    "ORDER BY data_value_id, version";

std::string text_of(const storage::Value& value)
{
    return std::visit(
        [](const auto& content) -> std::string {
            using T = std::decay_t<decltype(content)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "NULL";
            else if constexpr (std::is_same_v<T, std::string>)
                return content;
            else
                return std::to_string(content);
        },
        value.variant());
}

}  // namespace

access::Principal ImportTest::account(std::string_view organisation_slug, access::Role role)
{
    std::string email =
        "import." + std::to_string(++m_accounts) + "." + std::string(organisation_slug) + "@essai.invalid";
    access::Principal principal;
    database().write([&](storage::Connection& connection) {
        auto user =
            access::create_user(connection, access::Principal::system("tests"),
                                {email, "Compte d'essai " + std::to_string(m_accounts), std::string(organisation_slug),
                                 access::to_string(role), "une phrase de passe solide", true});
        EXPECT_TRUE(user.ok()) << (user.ok() ? "" : user.error().message);
        if (!user.ok())
            return;
        principal = access::principal_for_user(connection, registry(), *user);
    });
    return principal;
}

access::Principal ImportTest::api_token(std::string_view organisation_slug, bool can_write)
{
    access::Principal principal;
    database().write([&](storage::Connection& connection) {
        auto rows = connection.query(kOrganisationId, {std::string(organisation_slug)});
        EXPECT_FALSE(rows.empty()) << organisation_slug;
        if (rows.empty())
            return;
        auto token = access::create_api_token(
            connection, access::Principal::system("tests"),
            {"SI " + std::string(organisation_slug), rows.front().integer("id"), can_write, std::nullopt});
        EXPECT_TRUE(token.ok());
        if (!token.ok())
            return;
        auto authenticated = access::authenticate_api_token(connection, registry(), token->secret);
        EXPECT_TRUE(authenticated.ok());
        if (authenticated.ok())
            principal = std::move(authenticated).value();
    });
    return principal;
}

core::Result<collection::Import> ImportTest::import(const access::Principal& principal, std::string_view bytes,
                                                    collection::WriteMode mode, std::string_view file_name,
                                                    const collection::ImportSettings& settings)
{
    return collection::run_import(database(), principal, registry(), catalogue(), file_name, bytes, mode, settings);
}

std::string ImportTest::values_snapshot()
{
    return database().read([](storage::Connection& connection) {
        std::string snapshot;
        for (const char* sql : {kValues, kHistory}) {
            auto rows = connection.query(sql);
            for (std::size_t r = 0; r < rows.size(); ++r) {
                for (std::size_t c = 0; c < rows.columns().size(); ++c)
                    snapshot += text_of(rows.at(r, c)) + "|";
                snapshot += "\n";
            }
        }
        return snapshot;
    });
}

}  // namespace boussole::test_support
