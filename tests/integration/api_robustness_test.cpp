// What clients should not send, sent anyway: malformed JSON, JSON that is not
// an object, the wrong content type, malformed UTF-8 in bodies, queries and
// paths, oversized bodies and headers. The answer is always a French problem
// document with a 4xx status, never a 500, and nothing changes.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class RobustnessApiTest : public AppTest {
protected:
    HttpResponse raw_body(std::string_view method, std::string_view path, std::string body, std::string content_type,
                          const Credentials& as)
    {
        auto headers = as.headers();
        if (!content_type.empty())
            headers.emplace_back("Content-Type", std::move(content_type));
        return checked(client().request(method, path, std::move(body), headers));
    }
};

TEST_P(RobustnessApiTest, MalformedAndNonObjectJsonIsRefused)
{
    auto admin = sign_in(demo::kAdmin);
    for (const char* body :
         {"{\"title\": ", "{'title': 'x'}", "{\"title\": \"x\",}", "", "nul", "{\"a\":1}{\"b\":2}"}) {
        auto problem =
            expect_problem(raw_body("PATCH", "/api/v1/framework/axis/A1", body, "application/json", admin), 422);
        EXPECT_NE(problem.at("detail").get<std::string>().find("JSON mal formé"), std::string::npos) << body;
    }
    for (const char* body : {"[1, 2]", "\"texte\"", "42", "null", "true"}) {
        auto problem = expect_problem(raw_body("POST", "/api/v1/users", body, "application/json", admin), 422);
        EXPECT_NE(problem.at("detail").get<std::string>().find("objet JSON"), std::string::npos) << body;
    }
    EXPECT_EQ(json_of(get("/api/v1/framework/axis/A1")).at("version"), 1);
}

TEST_P(RobustnessApiTest, AWrongContentTypeIsRefused)
{
    auto admin = sign_in(demo::kAdmin);
    std::string body = R"({"title": "Autre", "version": 1})";
    for (const char* type :
         {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
        auto problem = expect_problem(raw_body("PATCH", "/api/v1/framework/axis/A1", body, type, admin), 415);
        EXPECT_NE(problem.at("detail").get<std::string>().find("Content-Type: application/json"), std::string::npos)
            << type;
    }
    EXPECT_EQ(raw_body("PATCH", "/api/v1/framework/axis/A1", body, "application/json; charset=utf-8", admin).status,
              200);
}

TEST_P(RobustnessApiTest, MalformedUtf8InJsonStringsIsRefused)
{
    auto admin = sign_in(demo::kAdmin);
    for (std::string text : {std::string("\xff\xfe"), std::string("caf\xe9"), std::string("\xc0\xaf"),
                             std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"), std::string("\xe2\x82")}) {
        std::string body = "{\"title\": \"" + text + "\", \"version\": 1}";
        auto problem =
            expect_problem(raw_body("PATCH", "/api/v1/framework/axis/A1", body, "application/json", admin), 422);
        EXPECT_NE(problem.at("detail").get<std::string>().find("UTF-8"), std::string::npos);
        expect_problem(raw_body("POST", "/api/v1/session", "{\"email\": \"" + text + "\", \"password\": \"x\"}",
                                "application/json", {}),
                       422);
    }
    // A lone surrogate written as an escape is malformed too.
    expect_problem(raw_body("PATCH", "/api/v1/framework/axis/A1", R"({"title": "\ud800", "version": 1})",
                            "application/json", admin),
                   422);
    EXPECT_EQ(json_of(get("/api/v1/framework/axis/A1")).at("version"), 1);
}

TEST_P(RobustnessApiTest, MalformedUtf8InQueriesAndPathsNeverFails)
{
    auto admin = sign_in(demo::kAdmin);
    const char* bad = "%FF%C3%28%ED%A0%80";
    std::vector<std::string> with_query = {"/api/v1/actors?q=",
                                           "/api/v1/actors?type=",
                                           "/api/v1/actors?territory=",
                                           "/api/v1/actors?sort=",
                                           "/api/v1/actors?page=",
                                           "/api/v1/users?q=",
                                           "/api/v1/users?active=",
                                           "/api/v1/users?organisation_id=",
                                           "/api/v1/audit?entity_type=",
                                           "/api/v1/audit?entity_id=",
                                           "/api/v1/territories?level=",
                                           "/api/v1/territories?within=",
                                           "/api/v1/territories/DEP-33/actors?page_size=",
                                           "/api/v1/framework/value/confiance/history?page="};
    for (const auto& prefix : with_query)
        expect_problem(get(prefix + bad, admin), 422);

    std::vector<std::string> paths = {"/api/v1/actors/",
                                      "/api/v1/territories/",
                                      "/api/v1/territories/DEP-33%FF/actors",
                                      "/api/v1/users/",
                                      "/api/v1/api-tokens/",
                                      "/api/v1/framework/value/",
                                      "/api/v1/framework/",
                                      "/api/v1/"};
    for (const auto& path : paths) {
        auto response = get(path + bad, admin);
        EXPECT_GE(response.status, 400) << path;
        EXPECT_LT(response.status, 500) << path << ": " << response.body;
        EXPECT_NE(json_of(response), nullptr);
    }
    auto patch = send("PATCH", std::string("/api/v1/actors/") + bad, {{"phone", ""}, {"version", 1}}, admin);
    expect_problem(patch, 404);
    auto problem = expect_problem(get(std::string("/api/v1/territories/DEP-") + bad), 422);
    EXPECT_TRUE(nlohmann::json::accept(problem.dump())) << "the answer is valid UTF-8 JSON";
}

TEST_P(RobustnessApiTest, MalformedUtf8InHeadersNeverFails)
{
    // The User-Agent is stored with the session, and PostgreSQL refuses text
    // that is not UTF-8: this sign-in once ended in a 500 there.
    auto response = client().request(
        "POST", "/api/v1/session",
        nlohmann::json{{"email", demo::kGirondeEditor}, {"password", "boussole-demo-2026"}}.dump(),
        {{"Content-Type", "application/json"}, {"User-Agent", "Navigateur \xff\xfe" + std::string(400, '\xe9')}});
    EXPECT_EQ(response.status, 201) << response.body;
    auto bad_cookie = get("/api/v1/users", {}, {{"Cookie", "boussole_session=\xff\xfe"}});
    expect_problem(bad_cookie, 401);
    auto bad_token = get("/api/v1/users", {}, {{"Authorization", "Bearer bsl_\xff\xfe"}});
    expect_problem(bad_token, 401);
}

TEST_P(RobustnessApiTest, AnOversizedBodyIsRefusedWith413)
{
    auto admin = sign_in(demo::kAdmin);
    std::string huge = "{\"title\": \"" + std::string(1024 * 1024 + 10, 'a') + "\", \"version\": 1}";
    HttpClient fresh(port());
    auto response = fresh.request(
        "PATCH", "/api/v1/framework/axis/A1", huge,
        {{"Content-Type", "application/json"}, {"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf_token}});
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(response.header("Content-Type").value_or(""), "application/problem+json");
    EXPECT_EQ(json_of(get("/api/v1/framework/axis/A1")).at("version"), 1);

    // Just under the limit, the body is read and judged on its content.
    std::string large = "{\"title\": \"" + std::string(1000 * 1000, 'a') + "\", \"version\": 1}";
    auto judged = raw_body("PATCH", "/api/v1/framework/axis/A1", large, "application/json", admin);
    auto problem = expect_problem(judged, 422);
    EXPECT_EQ(problem.at("errors")[0].at("field"), "title");
}

TEST_P(RobustnessApiTest, OversizedHeadersAreRefusedWith431)
{
    std::string request =
        "GET /api/v1/actors HTTP/1.1\r\nHost: test\r\nCookie: boussole_session=" + std::string(17 * 1024, 'x') +
        "\r\n\r\n";
    auto response = boussole::testing::send_raw(port(), request);
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 431);
    EXPECT_EQ(response->header("Content-Type").value_or(""), "application/problem+json");
    EXPECT_EQ(get("/api/v1/actors?page_size=1").status, 200);
}

TEST_P(RobustnessApiTest, UnknownRoutesAndMethodsAreProblems)
{
    auto missing = expect_problem(get("/api/v1/inconnu"), 404);
    EXPECT_NE(missing.at("detail").get<std::string>().find("/api/v1/inconnu"), std::string::npos);
    auto method = client().request("PUT", "/api/v1/actors/cd-33", "{}", {{"Content-Type", "application/json"}});
    EXPECT_EQ(method.status, 405);
    EXPECT_NE(method.header("Allow").value_or("").find("PATCH"), std::string::npos);

    auto openapi = get("/api/v1/openapi.json");
    ASSERT_EQ(openapi.status, 200);
    EXPECT_EQ(json_of(openapi).at("openapi"), "3.1.0");
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(RobustnessApiTest);

}  // namespace boussole::test_support
