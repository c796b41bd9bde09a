// What the server does with requests a browser would not send: oversized,
// malformed, or too slow. Each case is written on a raw socket.

#include "web/http/server.hpp"

#include "support/http_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <thread>

namespace boussole::http {

using testing::HttpClient;
using testing::RawConnection;
using testing::send_raw;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMebibyte = 1024 * 1024;

struct LimitedServer {
    explicit LimitedServer(ServerConfig config = {}) : server(with_test_defaults(config), make_router())
    {
        if (!server.start().ok())
            throw std::runtime_error("test server did not start");
    }

    static ServerConfig with_test_defaults(ServerConfig config)
    {
        config.port = 0;
        config.threads = 2;
        return config;
    }

    static Router make_router()
    {
        Router router;
        router.get("/ping", [](Request&) { return Response::text(200, "pong"); });
        Handler body_size = [](Request& request) { return Response::text(200, std::to_string(request.body.size())); };
        router.post("/notes", body_size);
        router.post("/imports", body_size, {.body_limit = 20 * kMebibyte});
        return router;
    }

    unsigned short port() const { return server.port(); }
    Server server;
};

std::string problem_title(const testing::HttpResponse& response)
{
    return nlohmann::json::parse(response.body).value("title", "");
}

}  // namespace

TEST(HttpLimits, Answers431ToOversizedHeaders)
{
    LimitedServer running;
    std::string request = "GET /ping HTTP/1.1\r\nHost: test\r\nCookie: c=" + std::string(20 * 1024, 'x') + "\r\n\r\n";
    auto response = send_raw(running.port(), request);
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 431);
    EXPECT_EQ(response->header("Content-Type"), "application/problem+json");
    EXPECT_EQ(problem_title(*response), "En-têtes de requête trop volumineux");
    EXPECT_TRUE(response->header("X-Request-Id").has_value());
    EXPECT_EQ(HttpClient(running.port()).get("/ping").status, 200);
}

TEST(HttpLimits, Answers413BeforeReadingABodyAnnouncedTooLarge)
{
    LimitedServer running;
    RawConnection raw(running.port());
    // Only the header is sent: the answer must not wait for the 50 MiB.
    raw.send("POST /notes HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: 52428800\r\n\r\n");
    auto start = std::chrono::steady_clock::now();
    auto response = raw.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(response->header("Connection"), "close");
    EXPECT_EQ(problem_title(*response), "Contenu trop volumineux");
    EXPECT_TRUE(raw.closed_by_server());
}

TEST(HttpLimits, Answers413WhenAChunkedBodyGrowsPastTheLimit)
{
    LimitedServer running;
    RawConnection raw(running.port());
    raw.send("POST /notes HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
    for (int i = 0; i < 24; ++i) {  // 1.5 MiB against a 1 MiB limit
        if (!raw.send(chunk))
            break;
    }
    raw.send("0\r\n\r\n");
    auto response = raw.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 413);
}

TEST(HttpLimits, AcceptsAChunkedBodyWithinTheLimit)
{
    LimitedServer running;
    auto response = send_raw(running.port(),
                             "POST /notes HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "11");
}

TEST(HttpLimits, LetsARouteAcceptLargerBodies)
{
    LimitedServer running;
    HttpClient client(running.port());
    const std::string csv(3 * kMebibyte, 'x');
    auto imported = client.post("/imports", csv, "text/csv");
    EXPECT_EQ(imported.status, 200);
    EXPECT_EQ(imported.body, std::to_string(csv.size()));
    EXPECT_EQ(client.post("/notes", csv, "text/plain").status, 413);
    EXPECT_EQ(client.post("/notes", std::string(1000, 'x'), "text/plain").status, 200);
}

TEST(HttpLimits, SendsContinueWhenTheClientWaitsForIt)
{
    LimitedServer running;
    RawConnection raw(running.port());
    raw.send("POST /notes HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    auto interim = raw.read_response();
    ASSERT_TRUE(interim.has_value());
    EXPECT_EQ(interim->status, 100);
    raw.send("abcd");
    auto response = raw.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "4");
}

TEST(HttpLimits, Answers400ToMalformedRequests)
{
    LimitedServer running;
    static constexpr char kNulInHeader[] = "GET /ping HTTP/1.1\r\nHost: te\0st\r\n\r\n";
    const std::vector<std::string> malformed = {
        "GARBAGE\r\n\r\n",
        "GET /ping HTTP/1.1\r\n\r\n",                                        // no Host
        "GET http://elsewhere.example/ping HTTP/1.1\r\nHost: test\r\n\r\n",  // not a path
        "GET /ping HTTP/1.1\r\nHost: test\r\nBad Header: x\r\n\r\n",
        "POST /notes HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "POST /notes HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /notes HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip\r\n\r\nxxxx",
        "POST /notes HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        std::string(kNulInHeader, sizeof kNulInHeader - 1),
    };
    for (const std::string& request : malformed) {
        auto response = send_raw(running.port(), request);
        ASSERT_TRUE(response.has_value()) << request;
        EXPECT_EQ(response->status, 400) << request;
        EXPECT_EQ(response->header("Connection"), "close") << request;
        EXPECT_EQ(response->header("X-Content-Type-Options"), "nosniff") << request;
    }
    EXPECT_EQ(HttpClient(running.port()).get("/ping").status, 200);
}

TEST(HttpLimits, Answers505ToOtherHttpVersions)
{
    LimitedServer running;
    for (const char* version : {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9"}) {
        auto response = send_raw(running.port(), std::string("GET /ping ") + version + "\r\nHost: test\r\n\r\n");
        ASSERT_TRUE(response.has_value()) << version;
        EXPECT_EQ(response->status, 505) << version;
    }
}

TEST(HttpLimits, ClosesConnectionsThatSendTooSlowly)
{
    ServerConfig config;
    config.read_timeout = 300ms;
    LimitedServer running(config);
    RawConnection raw(running.port());
    raw.send("GET /ping HTTP/1.1\r\nHost: te");  // and nothing more
    auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(raw.closed_by_server());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(HttpLimits, ClosesIdleKeptAliveConnections)
{
    ServerConfig config;
    config.idle_timeout = 300ms;
    LimitedServer running(config);
    RawConnection raw(running.port());
    raw.send("GET /ping HTTP/1.1\r\nHost: test\r\n\r\n");
    ASSERT_TRUE(raw.read_response().has_value());
    auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(raw.closed_by_server());
    auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GT(waited, 200ms);
    EXPECT_LT(waited, 2s);
}

TEST(HttpLimits, ServesHttp10WithoutKeepingTheConnection)
{
    LimitedServer running;
    RawConnection raw(running.port());
    raw.send("GET /ping HTTP/1.0\r\n\r\n");
    auto response = raw.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "pong");
    EXPECT_TRUE(raw.closed_by_server());
}

}  // namespace boussole::http
