#include "access/api_tokens.hpp"
#include "access/audit.hpp"
#include "access/sessions.hpp"
#include "access/users.hpp"
#include "storage/connection.hpp"
#include "support/backends.hpp"
#include "support/reference.hpp"

namespace boussole::access {

namespace {

constexpr const char* kPassword = "une phrase de passe correcte";

}  // namespace

class AccountsTest : public test_support::BackendTest {
protected:
    void SetUp() override
    {
        BackendTest::SetUp();
        test_support::load_reference(database());
        m_registry = test_support::load_registry(database());
    }

    User create(const std::string& email, const std::string& organisation, const std::string& role)
    {
        auto user = database().write([&](storage::Connection& connection) {
            return create_user(connection, Principal::system(),
                               {email, "Personne " + email, organisation, role, kPassword});
        });
        EXPECT_TRUE(user.ok()) << (user.ok() ? "" : user.error().message);
        return user.ok() ? *user : User{};
    }

    core::Result<OpenedSession> sign_in(const std::string& email, const std::string& password,
                                        const std::string& address = "192.0.2.1")
    {
        return login(database(), {email, password, address, "test"});
    }

    territory::TerritoryRegistry m_registry;
};

TEST_P(AccountsTest, CreatesAccountsWithValidation)
{
    auto user = create("Marie.Dupont@ARS.sante.fr ", "ars-75", "territorial_editor");
    EXPECT_EQ(user.email, "marie.dupont@ars.sante.fr");
    EXPECT_EQ(user.organisation_name, "ARS Nouvelle-Aquitaine");

    auto attempt = [&](NewUser input) {
        return database().write(
            [&](storage::Connection& connection) { return create_user(connection, Principal::system(), input); });
    };
    EXPECT_EQ(attempt({"marie.dupont@ars.sante.fr", "Doublon", "ars-75", "territorial_editor", kPassword}).error().code,
              core::ErrorCode::Conflict);
    EXPECT_EQ(attempt({"pas-une-adresse", "X", "ars-75", "territorial_editor", kPassword}).error().fields[0].field,
              "email");
    EXPECT_EQ(attempt({"a@b.fr", "X", "ars-99", "territorial_editor", kPassword}).error().fields[0].field,
              "organisation");
    EXPECT_EQ(attempt({"a@b.fr", "X", "ars-75", "superuser", kPassword}).error().code, core::ErrorCode::Invalid);
    EXPECT_EQ(attempt({"a@b.fr", "X", "ars-75", "territorial_editor", "court"}).error().code, core::ErrorCode::Invalid);
    // National roles belong to national organisations.
    EXPECT_EQ(attempt({"a@b.fr", "X", "cd-33", "national_admin", kPassword}).error().fields[0].field, "role");
}

TEST_P(AccountsTest, OnlyNationalAdministratorsCreateAccounts)
{
    auto editor = create("cd33@example.fr", "cd-33", "territorial_editor");
    auto principal = database().read(
        [&](storage::Connection& connection) { return principal_for_user(connection, m_registry, editor); });
    auto refused = database().write([&](storage::Connection& connection) {
        return create_user(connection, principal, {"x@y.fr", "X", "cd-33", "territorial_editor", kPassword});
    });
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);
}

TEST_P(AccountsTest, SignsInAndAuthenticatesTheSession)
{
    create("cd33@example.fr", "cd-33", "territorial_editor");
    auto session = sign_in("CD33@example.fr", kPassword);
    ASSERT_TRUE(session.ok()) << session.error().message;
    EXPECT_EQ(session->token.size(), 43u);
    auto context = database().write(
        [&](storage::Connection& connection) { return authenticate_session(connection, m_registry, session->token); });
    ASSERT_TRUE(context.ok());
    EXPECT_EQ(context->csrf_token, session->csrf_token);
    EXPECT_TRUE(context->principal.scope.covers(territory::TerritoryKey::department("33")));
    EXPECT_FALSE(context->principal.scope.covers(territory::TerritoryKey::department("40")));

    // Only the hash of the token is stored.
    auto stored = database().read([](storage::Connection& connection) {
        return connection.query("SELECT token_hash FROM sessions").front().text("token_hash");
    });
    EXPECT_NE(stored, session->token);
    EXPECT_EQ(stored.size(), 64u);
}

TEST_P(AccountsTest, RefusesWrongPasswordsAndForgedOrExpiredSessions)
{
    create("cd33@example.fr", "cd-33", "territorial_editor");
    EXPECT_EQ(sign_in("cd33@example.fr", "mauvais mot de passe").error().code, core::ErrorCode::Unauthenticated);
    EXPECT_EQ(sign_in("inconnu@example.fr", kPassword).error().message,
              sign_in("cd33@example.fr", "mauvais mot de passe").error().message);
    auto forged = database().write([&](storage::Connection& connection) {
        return authenticate_session(connection, m_registry, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    });
    EXPECT_EQ(forged.error().code, core::ErrorCode::Unauthenticated);

    auto session = sign_in("cd33@example.fr", kPassword);
    ASSERT_TRUE(session.ok());
    database().write([](storage::Connection& connection) {
        connection.execute("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'");
    });
    auto expired = database().write(
        [&](storage::Connection& connection) { return authenticate_session(connection, m_registry, session->token); });
    ASSERT_FALSE(expired.ok());
    EXPECT_NE(expired.error().message.find("expiré"), std::string::npos);
}

TEST_P(AccountsTest, ThrottlesRepeatedFailures)
{
    create("cd33@example.fr", "cd-33", "territorial_editor");
    for (int attempt = 0; attempt < 5; ++attempt)
        EXPECT_EQ(sign_in("cd33@example.fr", "faux mot de passe !").error().code, core::ErrorCode::Unauthenticated);
    // Even the right password is refused while throttled.
    EXPECT_EQ(sign_in("cd33@example.fr", kPassword).error().code, core::ErrorCode::TooManyRequests);
}

TEST_P(AccountsTest, PasswordChangesAreCheckedAndThrottled)
{
    create("cd33@example.fr", "cd-33", "territorial_editor");
    auto session = sign_in("cd33@example.fr", kPassword);
    ASSERT_TRUE(session.ok());
    auto context = database().write(
        [&](storage::Connection& connection) { return authenticate_session(connection, m_registry, session->token); });
    ASSERT_TRUE(context.ok());
    const auto& principal = context->principal;
    EXPECT_EQ(change_own_password(database(), principal, kPassword, "court").error().code, core::ErrorCode::Invalid);
    for (int attempt = 0; attempt < 5; ++attempt)
        EXPECT_EQ(change_own_password(database(), principal, "devinette numéro un", "nouvelle phrase de passe")
                      .error()
                      .fields[0]
                      .field,
                  "current_password");
    // Guessing stops there, even with the right password.
    EXPECT_EQ(change_own_password(database(), principal, kPassword, "nouvelle phrase de passe").error().code,
              core::ErrorCode::TooManyRequests);
}

TEST_P(AccountsTest, ChangingThePasswordClosesTheOtherSessions)
{
    create("cd33@example.fr", "cd-33", "territorial_editor");
    auto first = sign_in("cd33@example.fr", kPassword);
    auto second = sign_in("cd33@example.fr", kPassword);
    ASSERT_TRUE(first.ok() && second.ok());
    auto context = database().write(
        [&](storage::Connection& connection) { return authenticate_session(connection, m_registry, first->token); });
    ASSERT_TRUE(context.ok());
    auto changed = change_own_password(database(), context->principal, kPassword, "nouvelle phrase de passe");
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    auto still = [&](const std::string& token) {
        return database().write(
            [&](storage::Connection& connection) { return authenticate_session(connection, m_registry, token).ok(); });
    };
    EXPECT_TRUE(still(first->token));
    EXPECT_FALSE(still(second->token));
    EXPECT_TRUE(sign_in("cd33@example.fr", "nouvelle phrase de passe").ok());
}

TEST_P(AccountsTest, DisablingAnAccountEndsItsSessions)
{
    auto user = create("cd33@example.fr", "cd-33", "territorial_editor");
    auto session = sign_in("cd33@example.fr", kPassword);
    ASSERT_TRUE(session.ok());
    auto disabled = database().write([&](storage::Connection& connection) {
        UserChanges changes;
        changes.active = false;
        return update_user(connection, Principal::system(), user.id, user.version, changes);
    });
    ASSERT_TRUE(disabled.ok());
    EXPECT_FALSE(disabled->active);
    auto context = database().write(
        [&](storage::Connection& connection) { return authenticate_session(connection, m_registry, session->token); });
    EXPECT_FALSE(context.ok());
    EXPECT_EQ(sign_in("cd33@example.fr", kPassword).error().code, core::ErrorCode::Unauthenticated);

    // A stale version is a conflict, never an overwrite.
    auto stale = database().write([&](storage::Connection& connection) {
        UserChanges changes;
        changes.display_name = "Nouveau nom";
        return update_user(connection, Principal::system(), user.id, user.version, changes);
    });
    EXPECT_EQ(stale.error().code, core::ErrorCode::Conflict);
}

TEST_P(AccountsTest, ListsAccountsWithinTheCallersReach)
{
    create("a.cd33@example.fr", "cd-33", "territorial_editor");
    create("b.cd33@example.fr", "cd-33", "territorial_reader");
    auto other = create("c.ars@example.fr", "ars-75", "territorial_editor");
    auto all = database().read(
        [&](storage::Connection& connection) { return list_users(connection, Principal::system(), {}); });
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->total, 3);
    auto principal = database().read(
        [&](storage::Connection& connection) { return principal_for_user(connection, m_registry, other); });
    auto own = database().read([&](storage::Connection& connection) { return list_users(connection, principal, {}); });
    ASSERT_TRUE(own.ok());
    EXPECT_EQ(own->total, 1);
    UserQuery search;
    search.search = "b.cd33";
    auto found = database().read(
        [&](storage::Connection& connection) { return list_users(connection, Principal::system(), search); });
    EXPECT_EQ(found->total, 1);
    search.search = "%' OR 1=1 --";
    auto injected = database().read(
        [&](storage::Connection& connection) { return list_users(connection, Principal::system(), search); });
    EXPECT_EQ(injected->total, 0);
}

TEST_P(AccountsTest, ApiTokensAreScopedAndRevocable)
{
    auto organisation_id = database().read([](storage::Connection& connection) {
        return connection.query("SELECT id FROM organisations WHERE slug = 'mdph-33'").front().integer("id");
    });
    auto created = database().write([&](storage::Connection& connection) {
        return create_api_token(connection, Principal::system(), {"SI MDPH 33", organisation_id, true, std::nullopt});
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->secret.rfind("bsl_", 0), 0u);
    auto principal = database().write([&](storage::Connection& connection) {
        return authenticate_api_token(connection, m_registry, created->secret);
    });
    ASSERT_TRUE(principal.ok());
    EXPECT_TRUE(principal->scope.covers(territory::TerritoryKey::department("33")));
    EXPECT_FALSE(principal->scope.covers(territory::TerritoryKey::department("40")));
    EXPECT_TRUE(principal->can_write);

    auto revoked = database().write([&](storage::Connection& connection) {
        return revoke_api_token(connection, Principal::system(), created->token.id);
    });
    ASSERT_TRUE(revoked.ok());
    auto refused = database().write([&](storage::Connection& connection) {
        return authenticate_api_token(connection, m_registry, created->secret);
    });
    EXPECT_EQ(refused.error().code, core::ErrorCode::Unauthenticated);
}

TEST_P(AccountsTest, EveryChangeIsAudited)
{
    auto user = create("cd33@example.fr", "cd-33", "territorial_editor");
    ASSERT_TRUE(sign_in("cd33@example.fr", kPassword).ok());
    auto entries = database().read([&](storage::Connection& connection) {
        return list_audit(connection, Principal::system(), "user", std::to_string(user.id), {});
    });
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->total, 2);
    EXPECT_EQ(entries->items[0].action, "login");
    EXPECT_EQ(entries->items[1].action, "create");
    EXPECT_NE(entries->items[1].after_json->find("cd33@example.fr"), std::string::npos);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(AccountsTest);

}  // namespace boussole::access
