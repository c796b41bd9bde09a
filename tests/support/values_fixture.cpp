#include "support/values_fixture.hpp"

#include "storage/connection.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

namespace {

constexpr const char* kOrganisationId = "SELECT id FROM organisations WHERE slug = $1";

}  // namespace

collection::ValueInput input(long line, std::string element, std::string territory, std::string period,
                             std::optional<double> value, std::string comment)
{
    return {line, std::move(element), std::move(territory), std::move(period), value, std::move(comment)};
}

void CollectionTest::SetUp()
{
    BackendTest::SetUp();
    if (HasFatalFailure())
        return;
    load_reference(database(), population());
    insert_test_catalogue(database());
    m_registry = load_registry(database());
    m_catalogue = load_catalogue(database());
}

access::Principal CollectionTest::person(std::string_view organisation_slug, access::Role role)
{
    access::Principal principal;
    principal.kind = access::PrincipalKind::User;
    principal.user_id = ++m_next_user_id;
    principal.role = role;
    principal.can_write = role != access::Role::NationalAnalyst && role != access::Role::TerritorialReader;
    principal.label = "personne." + std::string(organisation_slug) + "@essai.invalid";
    principal.display_name = principal.label;
    database().read([&](storage::Connection& connection) {
        auto rows = connection.query(kOrganisationId, {std::string(organisation_slug)});
        EXPECT_FALSE(rows.empty()) << "organisation " << organisation_slug;
        if (rows.empty())
            return;
        principal.organisation_id = rows.front().integer("id");
        principal.scope = access::Scope::from_coverage(
            access::organisation_coverage(connection, *principal.organisation_id), registry());
    });
    return principal;
}

access::Principal CollectionTest::token(std::string_view organisation_slug, bool can_write)
{
    auto principal = person(organisation_slug, access::Role::TerritorialEditor);
    principal.kind = access::PrincipalKind::ApiToken;
    principal.token_id = principal.user_id;
    principal.user_id.reset();
    principal.can_write = can_write;
    principal.label = "jeton « SI " + std::string(organisation_slug) + " »";
    return principal;
}

core::Result<collection::WriteReport> CollectionTest::write(const access::Principal& principal,
                                                            const std::vector<collection::ValueInput>& inputs,
                                                            collection::WriteMode mode, collection::ValueOrigin origin)
{
    return database().write([&](storage::Connection& connection) {
        return collection::write_values(connection, principal, registry(), catalogue(), inputs,
                                        {origin, std::nullopt, mode});
    });
}

std::optional<collection::DataValue> CollectionTest::value_of(std::string_view element, std::string_view territory_key,
                                                              std::string_view period)
{
    auto key = territory::TerritoryKey::parse(territory_key);
    auto parsed = core::Period::parse(period);
    EXPECT_TRUE(key.ok() && parsed.ok());
    return database().read(
        [&](storage::Connection& connection) { return collection::find_value(connection, element, *key, *parsed); });
}

std::vector<collection::ValueVersion> CollectionTest::history_of(std::string_view element,
                                                                 std::string_view territory_key,
                                                                 std::string_view period)
{
    auto key = territory::TerritoryKey::parse(territory_key);
    auto parsed = core::Period::parse(period);
    EXPECT_TRUE(key.ok() && parsed.ok());
    auto history = database().read(
        [&](storage::Connection& connection) { return collection::value_history(connection, element, *key, *parsed); });
    return history.ok() ? std::move(history).value() : std::vector<collection::ValueVersion>{};
}

std::int64_t CollectionTest::count(const std::string& sql, const storage::Params& params)
{
    return database().read(
        [&](storage::Connection& connection) { return connection.query(sql, params).front()[0].as_integer(); });
}

}  // namespace boussole::test_support
