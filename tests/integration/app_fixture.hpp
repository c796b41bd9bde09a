#pragma once
// The whole application over real HTTP on the loopback, on both backends: the
// reference data and the demo accounts loaded, the server started on a free
// port with plain-HTTP cookies. Tests talk to it as a client would (JSON,
// session cookie plus CSRF token, or a bearer API token) and look into the
// database directly only to check what a response cannot show.
//
//     class ActorApiTest : public test_support::AppTest {};
//
//     TEST_P(ActorApiTest, ListsTheActorsOfTheGironde)
//     {
//         auto response = get("/api/v1/territories/DEP-33/actors");
//         EXPECT_EQ(response.status, 200);
//     }
//
//     BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ActorApiTest);

#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/reference.hpp"
#include "web/application.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace boussole::test_support {

using boussole::testing::HeaderList;
using boussole::testing::HttpClient;
using boussole::testing::HttpResponse;

// The demo accounts of instance/demo.cpp, by what they are for.
namespace demo {
inline constexpr const char* kAdmin = "admin.national@demo.boussole.invalid";
inline constexpr const char* kAnalyst = "analyste.national@demo.boussole.invalid";
inline constexpr const char* kArsEditor = "ars.nouvelle-aquitaine@demo.boussole.invalid";  // ars-75
inline constexpr const char* kGirondeEditor = "cd.gironde@demo.boussole.invalid";          // cd-33
inline constexpr const char* kGirondeReader = "mdph.gironde@demo.boussole.invalid";        // mdph-33
inline constexpr const char* kPartner = "caf.gironde@demo.boussole.invalid";               // caf-33
}  // namespace demo

// What a client sends to be somebody: a session cookie and its CSRF token, or
// a bearer token. Empty: anonymous.
struct Credentials {
    std::string cookie;      // "boussole_session=…"
    std::string csrf_token;  // sent as X-CSRF-Token with changes
    std::string bearer;      // an API token secret

    static Credentials token(std::string secret) { return {{}, {}, std::move(secret)}; }
    // The same session without its CSRF token, as a forged cross-site request.
    Credentials without_csrf() const { return {cookie, {}, bearer}; }
    HeaderList headers() const;
};

class AppTest : public BackendTest {
protected:
    void SetUp() override;
    void TearDown() override;
    // Whether the population table is loaded too (slow on PostgreSQL, so only
    // for the suites that read it).
    virtual WithPopulation population() const { return WithPopulation::No; }

    unsigned short port() const { return m_application->port(); }
    web::Application& application() { return *m_application; }
    // One kept-alive client shared by the helpers below.
    HttpClient& client() { return *m_client; }

    // Signs in with the demo password (POST /api/v1/session); fails the test
    // when refused.
    Credentials sign_in(std::string_view email);

    HttpResponse get(std::string_view path, const Credentials& as = {}, const HeaderList& extra = {});
    // A JSON body with Content-Type: application/json.
    HttpResponse send(std::string_view method, std::string_view path, const nlohmann::json& body,
                      const Credentials& as = {});
    HttpResponse del(std::string_view path, const Credentials& as = {});
    // Fails the test on a 5xx: no input a client can send may cause one.
    // Every helper above passes its response through it.
    static HttpResponse checked(HttpResponse response);

    // The body as JSON; a test failure and null when it is not.
    static nlohmann::json json_of(const HttpResponse& response);
    // Checks an RFC 9457 problem document (content type, title, detail,
    // status, code, request_id) with the status expected, and returns it.
    static nlohmann::json expect_problem(const HttpResponse& response, int status);

    // An actor as GET /api/v1/actors/{slug} returns it.
    nlohmann::json actor(std::string_view slug);
    // A token created by the national administrator for an organisation;
    // returns its secret.
    std::string create_token(std::string_view organisation_slug, bool can_write);
    // Audit entries about one entity.
    std::int64_t audit_count(std::string_view entity_type, std::string_view entity_id);

private:
    std::unique_ptr<web::Application> m_application;
    std::unique_ptr<HttpClient> m_client;
};

}  // namespace boussole::test_support
