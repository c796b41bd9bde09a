// Signing in and out over HTTP, and what happens to sessions that are wrong:
// a wrong password, repeated failures, an expired or forged session cookie.

#include "integration/app_fixture.hpp"
#include "storage/connection.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class SessionApiTest : public AppTest {
protected:
    HttpResponse sign_in_with(std::string_view email, std::string_view password)
    {
        return send("POST", "/api/v1/session", {{"email", std::string(email)}, {"password", std::string(password)}});
    }
};

TEST_P(SessionApiTest, SignsInAndOut)
{
    auto response = sign_in_with(demo::kGirondeEditor, "boussole-demo-2026");
    ASSERT_EQ(response.status, 201) << response.body;
    auto cookie = response.header("Set-Cookie").value_or("");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    auto body = json_of(response);
    EXPECT_EQ(body.at("user").at("email"), demo::kGirondeEditor);
    EXPECT_FALSE(body.at("csrf_token").get<std::string>().empty());

    auto editor = sign_in(demo::kGirondeEditor);
    auto who = json_of(get("/api/v1/session", editor));
    EXPECT_TRUE(who.at("authenticated").get<bool>());
    EXPECT_EQ(who.at("kind"), "session");
    EXPECT_EQ(who.at("role"), "territorial_editor");
    EXPECT_EQ(who.at("scope"), nlohmann::json({"DEP-33"}));
    EXPECT_EQ(who.at("csrf_token"), editor.csrf_token);
    EXPECT_FALSE(json_of(get("/api/v1/session")).at("authenticated").get<bool>());

    auto ars = json_of(get("/api/v1/session", sign_in(demo::kArsEditor)));
    EXPECT_EQ(ars.at("scope").size(), 13u) << "the region and its twelve departments: " << ars.dump();

    expect_problem(del("/api/v1/session", editor.without_csrf()), 403);
    EXPECT_EQ(del("/api/v1/session", editor).status, 204);
    EXPECT_FALSE(json_of(get("/api/v1/session", editor)).at("authenticated").get<bool>());
    expect_problem(get("/api/v1/users", editor), 401);
}

TEST_P(SessionApiTest, AWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong)
{
    auto wrong_password = expect_problem(sign_in_with(demo::kGirondeEditor, "pas le bon mot de passe"), 401);
    auto unknown_address = expect_problem(sign_in_with("personne@nulle-part.fr", "boussole-demo-2026"), 401);
    EXPECT_EQ(wrong_password.at("detail"), "Adresse ou mot de passe incorrect.");
    EXPECT_EQ(unknown_address.at("detail"), wrong_password.at("detail"));
    EXPECT_TRUE(sign_in_with(demo::kGirondeEditor, "boussole-demo-2026").header("Set-Cookie").has_value());
    EXPECT_FALSE(sign_in_with(demo::kGirondeEditor, "faux").header("Set-Cookie").has_value());

    auto missing = expect_problem(send("POST", "/api/v1/session", {{"email", demo::kGirondeEditor}}), 422);
    EXPECT_EQ(missing.at("errors")[0].at("field"), "password");
}

TEST_P(SessionApiTest, RepeatedFailuresAreThrottled)
{
    for (int attempt = 0; attempt < 5; ++attempt)
        expect_problem(sign_in_with(demo::kGirondeReader, "devine " + std::to_string(attempt)), 401);
    auto throttled = expect_problem(sign_in_with(demo::kGirondeReader, "boussole-demo-2026"), 429);
    EXPECT_EQ(throttled.at("code"), "too_many_requests");
    EXPECT_NE(throttled.at("detail").get<std::string>().find("Réessayez"), std::string::npos);
    // Other accounts are not locked out by it.
    EXPECT_EQ(sign_in_with(demo::kGirondeEditor, "boussole-demo-2026").status, 201);
}

TEST_P(SessionApiTest, AnExpiredSessionIsAnonymous)
{
    auto admin = sign_in(demo::kAdmin);
    ASSERT_EQ(get("/api/v1/users", admin).status, 200);
    database().write([](storage::Connection& connection) {
        connection.execute("UPDATE sessions SET expires_at = $1", {std::string("2020-01-01T00:00:00.000Z")});
    });
    expect_problem(get("/api/v1/users", admin), 401);
    expect_problem(get("/api/v1/audit", admin), 401);
    EXPECT_FALSE(json_of(get("/api/v1/session", admin)).at("authenticated").get<bool>());
    // Public data stays readable.
    EXPECT_EQ(get("/api/v1/actors/cd-33", admin).status, 200);
    // A change with the old cookie and its CSRF token is refused as anonymous.
    expect_problem(send("PATCH", "/api/v1/framework/axis/A1", {{"title", "Autre"}, {"version", 1}}, admin), 401);
}

TEST_P(SessionApiTest, AForgedSessionCookieIsAnonymous)
{
    auto real = sign_in(demo::kAdmin);
    for (std::string forged : {std::string("boussole_session=") + std::string(43, 'A'),
                               std::string("boussole_session=") + real.cookie.substr(17, 20),
                               std::string("boussole_session=") + std::string(5000, 'x'),
                               std::string("boussole_session=%FF%FE%00"), std::string("boussole_session=")}) {
        Credentials as{forged, real.csrf_token, {}};
        expect_problem(get("/api/v1/users", as), 401);
        expect_problem(send("PATCH", "/api/v1/framework/axis/A1", {{"title", "Autre"}, {"version", 1}}, as), 401);
    }
    EXPECT_EQ(json_of(get("/api/v1/framework/axis/A1")).at("version"), 1);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(SessionApiTest);

}  // namespace boussole::test_support
