// API tokens over HTTP: created by national administrators (any
// organisation) and territorial editors (their own), the secret shown once,
// revoked for good; a revoked, expired or unknown token opens nothing.

#include "integration/app_fixture.hpp"
#include "storage/connection.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class ApiTokenApiTest : public AppTest {
protected:
    nlohmann::json token_request(std::string_view slug, bool can_write = false)
    {
        return {{"name", "SI MDPH 33"}, {"organisation_id", actor(slug).at("id")}, {"can_write", can_write}};
    }
};

TEST_P(ApiTokenApiTest, CreatesATokenWhoseSecretIsShownOnce)
{
    auto admin = sign_in(demo::kAdmin);
    auto request = token_request("mdph-33", true);
    request["expires_at"] = "2099-12-31T18:00:00+01:00";
    auto response = send("POST", "/api/v1/api-tokens", request, admin);
    ASSERT_EQ(response.status, 201) << response.body;
    auto created = json_of(response);
    auto secret = created.at("secret").get<std::string>();
    EXPECT_EQ(secret.rfind("bsl_", 0), 0u);
    EXPECT_EQ(secret.rfind(created.at("prefix").get<std::string>(), 0), 0u);
    EXPECT_TRUE(created.at("can_write").get<bool>());
    EXPECT_EQ(created.at("status"), "active");
    EXPECT_EQ(created.at("organisation_name"), "MDPH de la Gironde");
    EXPECT_EQ(created.at("expires_at"), "2099-12-31T17:00:00.000Z");
    EXPECT_EQ(response.header("Cache-Control").value_or(""), "no-store");

    auto location = response.header("Location").value_or("");
    EXPECT_EQ(location, "/api/v1/api-tokens/" + std::to_string(created.at("id").get<std::int64_t>()));
    auto again = json_of(get(location, admin));
    EXPECT_FALSE(again.contains("secret"));
    EXPECT_EQ(again.at("name"), "SI MDPH 33");
    auto list = get("/api/v1/api-tokens", admin);
    EXPECT_EQ(json_of(list).at("total"), 1);
    EXPECT_EQ(list.body.find(secret), std::string::npos) << "the secret is never listed";

    // The token acts for its organisation.
    auto session = json_of(get("/api/v1/session", Credentials::token(secret)));
    EXPECT_EQ(session.at("kind"), "api_token");
    EXPECT_EQ(session.at("scope"), nlohmann::json({"DEP-33"}));
    EXPECT_TRUE(session.at("can_write").get<bool>());

    auto dated = token_request("mdph-33");
    dated["expires_at"] = "2099-06-30";
    EXPECT_EQ(json_of(send("POST", "/api/v1/api-tokens", dated, admin)).at("expires_at"), "2099-06-30T23:59:59.000Z");
}

TEST_P(ApiTokenApiTest, RefusesInvalidTokenRequests)
{
    auto admin = sign_in(demo::kAdmin);
    struct Case {
        const char* member;
        nlohmann::json value;
    };
    for (const auto& [member, value] :
         {Case{"name", ""}, Case{"name", nullptr}, Case{"organisation_id", "mdph-33"}, Case{"organisation_id", 0},
          Case{"can_write", "oui"}, Case{"expires_at", "31/12/2099"}, Case{"expires_at", "2099-02-30"},
          Case{"expires_at", "2001-01-01T00:00:00Z"}, Case{"scope", "tout"}}) {
        auto request = token_request("mdph-33");
        request[member] = value;
        auto response = send("POST", "/api/v1/api-tokens", request, admin);
        expect_problem(response, 422);
    }
    auto unknown = token_request("mdph-33");
    unknown["organisation_id"] = 999999;
    expect_problem(send("POST", "/api/v1/api-tokens", unknown, admin), 422);
    EXPECT_EQ(json_of(get("/api/v1/api-tokens", admin)).at("total"), 0);
}

TEST_P(ApiTokenApiTest, EditorsManageTheTokensOfTheirOwnOrganisationOnly)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto own = send("POST", "/api/v1/api-tokens", token_request("cd-33", true), editor);
    ASSERT_EQ(own.status, 201) << own.body;
    expect_problem(send("POST", "/api/v1/api-tokens", token_request("mdph-33"), editor), 403);

    auto admin = sign_in(demo::kAdmin);
    auto other = json_of(send("POST", "/api/v1/api-tokens", token_request("mdph-33"), admin));
    auto listed = json_of(get("/api/v1/api-tokens", editor));
    ASSERT_EQ(listed.at("total"), 1);
    EXPECT_EQ(listed.at("items")[0].at("organisation_name"), "Conseil départemental de la Gironde");
    EXPECT_EQ(json_of(get("/api/v1/api-tokens", admin)).at("total"), 2);

    auto other_path = "/api/v1/api-tokens/" + std::to_string(other.at("id").get<std::int64_t>());
    expect_problem(get(other_path, editor), 404);
    expect_problem(del(other_path, editor), 403);
    for (const char* email : {demo::kAnalyst, demo::kGirondeReader, demo::kPartner})
        expect_problem(get("/api/v1/api-tokens", sign_in(email)), 403);
    expect_problem(get("/api/v1/api-tokens"), 401);
}

TEST_P(ApiTokenApiTest, ARevokedTokenOpensNothing)
{
    auto admin = sign_in(demo::kAdmin);
    auto created = json_of(send("POST", "/api/v1/api-tokens", token_request("mdph-33", true), admin));
    auto token = Credentials::token(created.at("secret").get<std::string>());
    auto path = "/api/v1/api-tokens/" + std::to_string(created.at("id").get<std::int64_t>());
    EXPECT_EQ(get("/api/v1/users", token).status, 200);

    expect_problem(del(path, admin.without_csrf()), 403);
    EXPECT_EQ(get("/api/v1/users", token).status, 200);
    auto revoked = del(path, admin);
    EXPECT_EQ(revoked.status, 204) << revoked.body;
    EXPECT_TRUE(revoked.body.empty());
    expect_problem(del(path, admin), 409);
    EXPECT_EQ(json_of(get(path, admin)).at("status"), "revoked");

    auto refused = expect_problem(get("/api/v1/actors/mdph-33", token), 401);
    EXPECT_NE(refused.at("detail").get<std::string>().find("révoqué"), std::string::npos);
    expect_problem(send("PATCH", "/api/v1/actors/mdph-33", {{"phone", "05 00 00 00 00"}, {"version", 1}}, token), 401);
    EXPECT_EQ(actor("mdph-33").at("version"), 1);
    expect_problem(del("/api/v1/api-tokens/999999", admin), 404);
}

TEST_P(ApiTokenApiTest, UnknownExpiredAndMalformedTokensAreRefused)
{
    for (const char* secret : {"bsl_inconnu", "bsl_", "n-importe-quoi"}) {
        auto problem = expect_problem(get("/api/v1/actors", Credentials::token(secret)), 401);
        EXPECT_EQ(problem.at("code"), "unauthenticated");
    }
    auto basic = get("/api/v1/actors", {}, {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
    expect_problem(basic, 401);
    EXPECT_EQ(basic.header("WWW-Authenticate").value_or(""), "Bearer realm=\"boussole\"");

    auto secret = create_token("mdph-33", true);
    database().write([](storage::Connection& connection) {
        connection.execute("UPDATE api_tokens SET expires_at = $1", {std::string("2020-01-01T00:00:00.000Z")});
    });
    auto expired = expect_problem(get("/api/v1/actors", Credentials::token(secret)), 401);
    EXPECT_NE(expired.at("detail").get<std::string>().find("expiré"), std::string::npos);
}

TEST_P(ApiTokenApiTest, ATokenNeverManagesTokens)
{
    // Tokens act as territorial editors of their organisation; were they to
    // manage tokens, a read-only one could mint itself a read-write one.
    for (bool can_write : {false, true}) {
        auto token = Credentials::token(create_token("cd-33", can_write));
        expect_problem(send("POST", "/api/v1/api-tokens", token_request("cd-33", true), token), 403);
        expect_problem(get("/api/v1/api-tokens", token), 403);
        expect_problem(del("/api/v1/api-tokens/1", token), 403);
    }
    EXPECT_EQ(json_of(get("/api/v1/api-tokens", sign_in(demo::kAdmin))).at("total"), 2);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ApiTokenApiTest);

}  // namespace boussole::test_support
