#include "integration/app_fixture.hpp"

#include "instance/demo.hpp"
#include "storage/connection.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

HeaderList Credentials::headers() const
{
    HeaderList list;
    if (!cookie.empty())
        list.emplace_back("Cookie", cookie);
    if (!csrf_token.empty())
        list.emplace_back("X-CSRF-Token", csrf_token);
    if (!bearer.empty())
        list.emplace_back("Authorization", "Bearer " + bearer);
    return list;
}

void AppTest::SetUp()
{
    BackendTest::SetUp();
    if (HasFatalFailure())
        return;
    load_reference(database(), population());
    auto accounts = instance::create_demo_accounts(database());
    ASSERT_TRUE(accounts.ok()) << accounts.error().message;

    web::ServerSettings settings;
    settings.port = 0;
    settings.threads = 2;
    settings.secure_cookies = false;
    settings.share_dir = BOUSSOLE_TEST_SHARE_DIR;
    auto application = web::Application::create(database(), settings);
    ASSERT_TRUE(application.ok()) << application.error().message;
    m_application = std::move(application).value();
    auto started = m_application->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    m_client = std::make_unique<HttpClient>(m_application->port());
}

void AppTest::TearDown()
{
    m_client.reset();
    if (m_application)
        m_application->stop();
    m_application.reset();
    BackendTest::TearDown();
}

Credentials AppTest::sign_in(std::string_view email)
{
    auto response =
        send("POST", "/api/v1/session", {{"email", std::string(email)}, {"password", instance::kDemoPassword}});
    EXPECT_EQ(response.status, 201) << "sign-in of " << email << ": " << response.body;
    Credentials credentials;
    for (const auto& header : response.headers_named("Set-Cookie")) {
        if (header.rfind("boussole_session=", 0) == 0)
            credentials.cookie = header.substr(0, header.find(';'));
    }
    EXPECT_FALSE(credentials.cookie.empty()) << "no session cookie for " << email;
    credentials.csrf_token = json_of(response).value("csrf_token", "");
    return credentials;
}

HttpResponse AppTest::get(std::string_view path, const Credentials& as, const HeaderList& extra)
{
    auto headers = as.headers();
    headers.insert(headers.end(), extra.begin(), extra.end());
    return checked(client().get(path, headers));
}

HttpResponse AppTest::send(std::string_view method, std::string_view path, const nlohmann::json& body,
                           const Credentials& as)
{
    auto headers = as.headers();
    headers.emplace_back("Content-Type", "application/json");
    return checked(client().request(method, path, body.dump(), headers));
}

HttpResponse AppTest::del(std::string_view path, const Credentials& as)
{
    return checked(client().request("DELETE", path, {}, as.headers()));
}

HttpResponse AppTest::checked(HttpResponse response)
{
    EXPECT_LT(response.status, 500) << "a server error, whatever was sent: " << response.body;
    return response;
}

nlohmann::json AppTest::json_of(const HttpResponse& response)
{
    auto parsed = nlohmann::json::parse(response.body, nullptr, false);
    if (parsed.is_discarded()) {
        ADD_FAILURE() << "not JSON (status " << response.status << "): " << response.body.substr(0, 500);
        return nullptr;
    }
    return parsed;
}

nlohmann::json AppTest::expect_problem(const HttpResponse& response, int status)
{
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.header("Content-Type").value_or(""), "application/problem+json");
    auto problem = json_of(response);
    if (!problem.is_object()) {
        ADD_FAILURE() << "the problem is not an object: " << response.body;
        return nlohmann::json::object();
    }
    EXPECT_TRUE(problem.contains("title") && problem["title"].is_string() && !problem["title"].empty())
        << response.body;
    EXPECT_TRUE(problem.contains("detail") && problem["detail"].is_string() && !problem["detail"].empty())
        << response.body;
    EXPECT_EQ(problem.value("status", 0), status) << response.body;
    EXPECT_TRUE(problem.contains("code") && problem["code"].is_string()) << response.body;
    EXPECT_TRUE(problem.contains("request_id") && problem["request_id"].is_string() &&
                problem["request_id"] == response.header("X-Request-Id").value_or(""))
        << response.body;
    return problem;
}

nlohmann::json AppTest::actor(std::string_view slug)
{
    auto response = get("/api/v1/actors/" + std::string(slug));
    EXPECT_EQ(response.status, 200) << slug << ": " << response.body;
    return json_of(response);
}

std::string AppTest::create_token(std::string_view organisation_slug, bool can_write)
{
    auto admin = sign_in(demo::kAdmin);
    auto organisation = actor(organisation_slug);
    auto response = send("POST", "/api/v1/api-tokens",
                         {{"name", "SI " + std::string(organisation_slug)},
                          {"organisation_id", organisation.value("id", 0)},
                          {"can_write", can_write}},
                         admin);
    EXPECT_EQ(response.status, 201) << response.body;
    return json_of(response).value("secret", "");
}

std::int64_t AppTest::audit_count(std::string_view entity_type, std::string_view entity_id)
{
    return database().read([&](storage::Connection& connection) {
        return connection
            .query("SELECT COUNT(*) AS n FROM audit_log WHERE entity_type = $1 AND entity_id = $2",
                   {std::string(entity_type), std::string(entity_id)})
            .front()
            .integer("n");
    });
}

}  // namespace boussole::test_support
