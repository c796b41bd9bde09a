#include "web/http/message.hpp"

#include "web/http/boundary.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

namespace boussole::http {

TEST(HttpMessage, LooksUpHeadersWithoutRegardToCase)
{
    Headers headers;
    headers.add("Content-Type", "text/plain");
    headers.add("Set-Cookie", "a=1");
    headers.add("set-cookie", "b=2");
    EXPECT_EQ(headers.get("content-type"), "text/plain");
    EXPECT_EQ(headers.get_all("SET-COOKIE").size(), 2U);
    headers.set("SET-COOKIE", "c=3");
    EXPECT_EQ(headers.get_all("Set-Cookie").size(), 1U);
    headers.remove("content-TYPE");
    EXPECT_FALSE(headers.contains("Content-Type"));
}

TEST(HttpMessage, RefusesHeadersThatWouldSplitTheResponse)
{
    Response response;
    EXPECT_THROW(response.set_header("Location", "/ok\r\nSet-Cookie: session=volée"), std::invalid_argument);
    EXPECT_THROW(response.set_header("X-Note", "line\nbreak"), std::invalid_argument);
    EXPECT_THROW(response.add_header("X-Note", std::string("nul\0byte", 8)), std::invalid_argument);
    EXPECT_THROW(response.set_header("Bad Name", "x"), std::invalid_argument);
    EXPECT_THROW(response.set_header("", "x"), std::invalid_argument);
    EXPECT_THROW(Response::redirect(303, "/a\r\n\r\n<script>"), std::invalid_argument);
    EXPECT_TRUE(response.headers.empty());
}

TEST(HttpMessage, ParsesCookies)
{
    auto cookies = parse_cookies("session=abc; theme=\"clair\";  session=older ; broken; =x");
    EXPECT_EQ(cookies.at("session"), "abc");
    EXPECT_EQ(cookies.at("theme"), "clair");
    EXPECT_EQ(cookies.size(), 2U);
}

TEST(HttpMessage, WritesSetCookieWithSecureDefaults)
{
    Response response;
    response.set_cookie({.name = "boussole_session", .value = "t0k3n"});
    EXPECT_EQ(response.headers.get("Set-Cookie"), "boussole_session=t0k3n; Path=/; Secure; HttpOnly; SameSite=Lax");

    Cookie remembered{.name = "pref", .value = "1", .path = "/app", .domain = "boussole.example"};
    remembered.max_age = std::chrono::hours(24);
    remembered.http_only = false;
    remembered.same_site = SameSite::Strict;
    EXPECT_EQ(to_set_cookie_header(remembered),
              "pref=1; Path=/app; Domain=boussole.example; Max-Age=86400; Secure; SameSite=Strict");
}

TEST(HttpMessage, ClearsCookies)
{
    Response response;
    response.clear_cookie("boussole_session");
    std::string header(response.headers.get("Set-Cookie").value_or(""));
    EXPECT_NE(header.find("boussole_session=;"), std::string::npos);
    EXPECT_NE(header.find("Max-Age=0"), std::string::npos);
    EXPECT_NE(header.find("Expires=Thu, 01 Jan 1970 00:00:00 GMT"), std::string::npos);
}

TEST(HttpMessage, RefusesCookiesThatCannotBeSent)
{
    EXPECT_THROW(to_set_cookie_header({.name = "a b", .value = "x"}), std::invalid_argument);
    EXPECT_THROW(to_set_cookie_header({.name = "a", .value = "x;y"}), std::invalid_argument);
    EXPECT_THROW(to_set_cookie_header({.name = "a", .value = "x\r\ny"}), std::invalid_argument);
    EXPECT_THROW(to_set_cookie_header({.name = "a", .value = "x", .path = "/; Domain=evil"}), std::invalid_argument);
}

TEST(HttpMessage, BuildsProblemDocuments)
{
    Response response = Response::problem(409, "Conflit de version",
                                          "La convention a été modifiée entre-temps. Rechargez-la puis recommencez.",
                                          {{"type", "https://boussole.example/problemes/version"}, {"version", 4}});
    EXPECT_EQ(response.status, 409);
    EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
    auto document = nlohmann::json::parse(response.body);
    EXPECT_EQ(document["status"], 409);
    EXPECT_EQ(document["title"], "Conflit de version");
    EXPECT_EQ(document["type"], "https://boussole.example/problemes/version");
    EXPECT_EQ(document["version"], 4);
    EXPECT_EQ(nlohmann::json::parse(Response::problem(404, "a", "b").body)["type"], "about:blank");
}

TEST(HttpMessage, BuildsOtherResponses)
{
    Response json = Response::json(201, {{"clé", "valeur"}});
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.headers.get("Content-Type"), "application/json");
    EXPECT_EQ(json.body, "{\"clé\":\"valeur\"}");
    EXPECT_EQ(Response::html(200, "<p>x</p>").headers.get("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(Response::text(200, "x").headers.get("Content-Type"), "text/plain; charset=utf-8");
    Response redirect = Response::redirect(303, "/conventions/33");
    EXPECT_EQ(redirect.status, 303);
    EXPECT_EQ(redirect.headers.get("Location"), "/conventions/33");
    EXPECT_TRUE(redirect.body.empty());
}

TEST(HttpMessage, SerialisesInvalidUtf8WithoutThrowing)
{
    Response response = Response::json(200, {{"nom", "caf\xE9"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_FALSE(response.body.empty());
}

TEST(HttpMessage, ReadsFormsOnlyWithTheirContentType)
{
    Request request;
    request.body = "titre=Feuille+de+route&d%C3%A9partement=2B";
    request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
    auto form = request.form();
    ASSERT_TRUE(form.ok());
    EXPECT_EQ(form->get("titre"), "Feuille de route");
    EXPECT_EQ(form->get("département"), "2B");

    Request json_request;
    json_request.body = "{}";
    json_request.headers.add("Content-Type", "application/json");
    auto refused = json_request.form();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Invalid);
}

TEST(HttpMessage, FillsPathQueryAndCookiesFromTheTarget)
{
    Request request;
    request.target = "/territoires/C%C3%B4te-d%27Or?q=%E9t%E9&x=%zz&a=1+2";
    request.headers.add("Cookie", "s=1");
    complete_request(request);
    EXPECT_EQ(request.path, "/territoires/Côte-d'Or");
    EXPECT_EQ(request.query_param("q"), "\xE9t\xE9");  // Latin-1 bytes, left to the application
    EXPECT_EQ(request.query_param("x"), "%zz");
    EXPECT_EQ(request.query_param("a"), "1 2");
    EXPECT_EQ(request.cookie("s"), "1");
}

TEST(HttpMessage, FormatsHttpDates)
{
    using namespace std::chrono;
    EXPECT_EQ(format_http_date(system_clock::time_point(seconds(784111777))), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(HttpMessage, AcceptsOnlySaneRequestIds)
{
    EXPECT_TRUE(is_sane_request_id("4bf92f3577b34da6"));
    EXPECT_FALSE(is_sane_request_id("short"));
    EXPECT_FALSE(is_sane_request_id("id with spaces and more"));
    EXPECT_FALSE(is_sane_request_id(std::string(65, 'a')));
    EXPECT_EQ(choose_request_id(std::string_view("proxy-id-0001")), "proxy-id-0001");
    std::string generated = choose_request_id(std::string_view("bad\nid"));
    EXPECT_EQ(generated.size(), 16U);
    EXPECT_EQ(generated.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(random_request_id(), random_request_id());
}

TEST(HttpMessage, EscapesLogText)
{
    EXPECT_EQ(printable_for_log("/a\r\n[x] GET /faux 200"), "/a\\x0d\\x0a[x] GET /faux 200");
    EXPECT_EQ(printable_for_log("abcdef", 3), "abc...");
}

}  // namespace boussole::http
