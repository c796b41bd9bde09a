#include "web/http/server.hpp"

#include "core/text.hpp"
#include "support/http_client.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <signal.h>
#include <unistd.h>

namespace boussole::http {

using testing::HttpClient;
using testing::RawConnection;
using namespace std::chrono_literals;

namespace {

ServerConfig test_config()
{
    ServerConfig config;
    config.port = 0;
    config.threads = 4;
    config.shutdown_grace = 5s;
    return config;
}

struct RunningServer {
    explicit RunningServer(Router router, ServerConfig config = test_config())
        : server(std::move(config), std::move(router))
    {
        if (!server.start().ok())
            throw std::runtime_error("test server did not start");
    }
    unsigned short port() const { return server.port(); }
    Server server;
};

// Sends spdlog's default logger to a string for the life of the object. Create
// it before the server and read it once the server has stopped: the default
// logger must not change while server threads write to it.
class LogCapture {
public:
    LogCapture() : m_previous(spdlog::default_logger())
    {
        auto logger =
            std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(m_stream));
        logger->set_level(spdlog::level::info);
        spdlog::set_default_logger(logger);
    }
    ~LogCapture() { spdlog::set_default_logger(m_previous); }
    std::string text() const { return m_stream.str(); }

private:
    std::ostringstream m_stream;
    std::shared_ptr<spdlog::logger> m_previous;
};

Router territory_router()
{
    Router router;
    router.get("/api/v1/territories/{key}", [](Request& request) {
        return Response::json(200, {{"key", std::string(request.path_param("key"))}});
    });
    router.put("/api/v1/territories/{key}", [](Request&) { return Response::empty(204); });
    return router;
}

}  // namespace

TEST(HttpServer, RoutesRequestsOverTheNetwork)
{
    RunningServer running(territory_router());
    HttpClient client(running.port());

    auto found = client.get("/api/v1/territories/dep%3A2A");
    EXPECT_EQ(found.status, 200);
    EXPECT_EQ(nlohmann::json::parse(found.body)["key"], "dep:2A");

    auto missing = client.get("/api/v1/nothing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.header("Content-Type"), "application/problem+json");

    auto wrong_method = client.request("DELETE", "/api/v1/territories/33");
    EXPECT_EQ(wrong_method.status, 405);
    EXPECT_EQ(wrong_method.header("Allow"), "GET, HEAD, PUT");

    EXPECT_EQ(client.request("PUT", "/api/v1/territories/33").status, 204);
}

TEST(HttpServer, AnswersHeadWithTheGetHeadersAndNoBody)
{
    RunningServer running(territory_router());
    HttpClient client(running.port());
    auto get = client.get("/api/v1/territories/33");
    auto head = client.request("HEAD", "/api/v1/territories/33");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
    EXPECT_EQ(client.get("/api/v1/territories/33").status, 200);  // the connection is still in step
    EXPECT_EQ(client.connections_opened(), 1);
}

TEST(HttpServer, HandsTheApplicationUndecidedQueryText)
{
    Router router;
    router.get("/search", [](Request& request) {
        nlohmann::json echo = nlohmann::json::object();
        for (const auto& [name, value] : request.query)
            echo[name] = {{"valid_utf8", core::is_valid_utf8(value)}, {"size", value.size()}};
        return Response::json(200, echo);
    });
    RunningServer running(std::move(router));
    HttpClient client(running.port());

    auto response = client.get("/search?latin1=%E9t%E9&bad=%zz%&plus=a+b&utf8=%C3%A9&nul=%00");
    ASSERT_EQ(response.status, 200);
    auto echo = nlohmann::json::parse(response.body);
    EXPECT_EQ(echo["latin1"]["valid_utf8"], false);
    EXPECT_EQ(echo["latin1"]["size"], 3);
    EXPECT_EQ(echo["bad"]["size"], 4);  // "%zz%" kept as it is
    EXPECT_EQ(echo["plus"]["size"], 3);
    EXPECT_EQ(echo["utf8"]["valid_utf8"], true);
    EXPECT_EQ(echo["nul"]["size"], 1);
}

TEST(HttpServer, GivesHandlersTheWholeRequest)
{
    Router router;
    router.post("/echo", [](Request& request) {
        auto form = request.form();
        return Response::json(200, {{"method", request.method_name},
                                    {"path", request.path},
                                    {"client", request.client_address},
                                    {"session", std::string(request.cookie("session").value_or(""))},
                                    {"custom", std::string(request.header("x-custom").value_or(""))},
                                    {"title", form.ok() ? std::string(form->get("titre").value_or("")) : ""}});
    });
    RunningServer running(std::move(router));
    HttpClient client(running.port());
    auto response = client.post("/echo", "titre=Feuille+de+route", "application/x-www-form-urlencoded",
                                {{"Cookie", "session=s3cr3t; theme=clair"}, {"X-Custom", "valeur"}});
    ASSERT_EQ(response.status, 200);
    auto echo = nlohmann::json::parse(response.body);
    EXPECT_EQ(echo["method"], "POST");
    EXPECT_EQ(echo["path"], "/echo");
    EXPECT_EQ(echo["client"], "127.0.0.1");
    EXPECT_EQ(echo["session"], "s3cr3t");
    EXPECT_EQ(echo["custom"], "valeur");
    EXPECT_EQ(echo["title"], "Feuille de route");
}

TEST(HttpServer, KeepsConnectionsAliveAndClosesWhenAsked)
{
    RunningServer running(territory_router());
    HttpClient client(running.port());
    EXPECT_EQ(client.get("/api/v1/territories/01").status, 200);
    EXPECT_EQ(client.get("/api/v1/territories/02").status, 200);
    EXPECT_EQ(client.connections_opened(), 1);

    RawConnection raw(running.port());
    raw.send("GET /api/v1/territories/03 HTTP/1.1\r\nHost: test\r\n\r\n");
    ASSERT_TRUE(raw.read_response().has_value());
    raw.send("GET /api/v1/territories/04 HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    auto last = raw.read_response();
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->status, 200);
    EXPECT_EQ(last->header("Connection"), "close");
    EXPECT_TRUE(raw.closed_by_server());
}

TEST(HttpServer, SendsSecurityHeadersAndRequestIdOnEveryResponse)
{
    Router router = territory_router();
    router.get("/relaxed", [](Request&) {
        Response response = Response::html(200, "<p>carte</p>");
        response.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:");
        response.set_cookie({.name = "boussole_session", .value = "abc"});
        return response;
    });
    RunningServer running(std::move(router));
    HttpClient client(running.port());

    for (const char* path : {"/api/v1/territories/33", "/nowhere"}) {
        auto response = client.get(path);
        EXPECT_EQ(response.header("Content-Security-Policy"),
                  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
                  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
        EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(response.header("Referrer-Policy"), "same-origin");
        EXPECT_EQ(response.header("X-Frame-Options"), "DENY");
        EXPECT_EQ(response.header("Cross-Origin-Opener-Policy"), "same-origin");
        EXPECT_EQ(response.header("Cache-Control"), "no-store");
        EXPECT_TRUE(response.header("Date").has_value());
        std::string id = response.header("X-Request-Id").value_or("");
        EXPECT_EQ(id.size(), 16U);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    }

    auto relaxed = client.get("/relaxed", {{"X-Request-Id", "proxy-7f3a-0001"}});
    EXPECT_EQ(relaxed.header("Content-Security-Policy"), "default-src 'self'; img-src 'self' data: blob:");
    EXPECT_EQ(relaxed.headers_named("Content-Security-Policy").size(), 1U);
    EXPECT_EQ(relaxed.header("X-Request-Id"), "proxy-7f3a-0001");
    EXPECT_EQ(relaxed.header("Set-Cookie"), "boussole_session=abc; Path=/; Secure; HttpOnly; SameSite=Lax");

    auto forged = client.get("/relaxed", {{"X-Request-Id", "a b c d e f g h"}});
    EXPECT_NE(forged.header("X-Request-Id"), "a b c d e f g h");
}

TEST(HttpServer, AnswersHandlerFailuresWith500AndKeepsServing)
{
    LogCapture logs;
    std::string request_id;
    {
        Router router = territory_router();
        router.get("/boom", [](Request&) -> Response { throw std::runtime_error("SELECT secret FROM users failed"); });
        router.get("/header", [](Request&) {
            Response response = Response::text(200, "x");
            response.set_header("Location", "/a\r\nSet-Cookie: volé=1");
            return response;
        });
        RunningServer running(std::move(router));
        HttpClient client(running.port());

        auto failed = client.get("/boom");
        EXPECT_EQ(failed.status, 500);
        EXPECT_EQ(failed.header("Content-Type"), "application/problem+json");
        request_id = failed.header("X-Request-Id").value_or("?");
        auto problem = nlohmann::json::parse(failed.body);
        EXPECT_EQ(problem["title"], "Erreur interne du serveur");
        EXPECT_EQ(problem["request_id"], request_id);
        EXPECT_NE(problem["detail"].get<std::string>().find(request_id), std::string::npos);
        EXPECT_EQ(failed.body.find("secret"), std::string::npos);

        auto split = client.get("/header");
        EXPECT_EQ(split.status, 500);
        EXPECT_TRUE(split.headers_named("Set-Cookie").empty());

        EXPECT_EQ(client.get("/api/v1/territories/33").status, 200);
    }
    std::string text = logs.text();
    EXPECT_NE(text.find("[" + request_id + "] GET /boom"), std::string::npos) << text;
    EXPECT_NE(text.find("SELECT secret FROM users failed"), std::string::npos) << text;
}

TEST(HttpServer, WritesOneAccessLinePerRequest)
{
    LogCapture logs;
    {
        RunningServer running(territory_router());
        HttpClient client(running.port());
        client.get("/api/v1/territories/33", {{"X-Request-Id", "trace-0000-0042"}});
        client.get("/api/v1/territories/33%0d%0a[faux]%20GET%20/x");
    }
    std::string text = logs.text();
    EXPECT_NE(text.find("[trace-0000-0042] GET /api/v1/territories/33 200 12 B"), std::string::npos) << text;
    EXPECT_NE(text.find("\\x0d\\x0a[faux]"), std::string::npos) << text;  // no forged line
    EXPECT_EQ(text.find("\n[faux]"), std::string::npos);
}

TEST(HttpServer, ServesFastRequestsWhileSlowHandlersBlock)
{
    std::atomic<int> entered = 0;
    Router router = territory_router();
    router.get("/slow", [&entered](Request&) {
        ++entered;
        std::this_thread::sleep_for(1500ms);
        return Response::text(200, "lent");
    });
    RunningServer running(std::move(router));

    std::vector<std::thread> slow_clients;
    std::atomic<int> slow_ok = 0;
    for (int i = 0; i < 2; ++i) {
        slow_clients.emplace_back([&] {
            HttpClient client(running.port());
            if (client.get("/slow").body == "lent")
                ++slow_ok;
        });
    }
    while (entered < 2)
        std::this_thread::sleep_for(5ms);
    auto start = std::chrono::steady_clock::now();
    HttpClient fast(running.port());
    EXPECT_EQ(fast.get("/api/v1/territories/33").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 700ms);
    for (auto& thread : slow_clients)
        thread.join();
    EXPECT_EQ(slow_ok, 2);
}

TEST(HttpServer, StopLetsRequestsInFlightFinish)
{
    std::atomic<bool> entered = false;
    Router router = territory_router();
    router.get("/slow", [&entered](Request&) {
        entered = true;
        std::this_thread::sleep_for(600ms);
        return Response::text(200, "terminé");
    });
    RunningServer running(std::move(router));
    const unsigned short port = running.port();

    HttpClient idle(port);
    ASSERT_EQ(idle.get("/api/v1/territories/33").status, 200);  // then waits, kept alive

    testing::HttpResponse slow_response;
    std::thread slow_client([&] {
        HttpClient client(port);
        slow_response = client.get("/slow");
    });
    while (!entered)
        std::this_thread::sleep_for(5ms);
    auto start = std::chrono::steady_clock::now();
    running.server.stop();
    auto stop_duration = std::chrono::steady_clock::now() - start;
    slow_client.join();

    EXPECT_EQ(slow_response.status, 200);
    EXPECT_EQ(slow_response.body, "terminé");
    EXPECT_EQ(slow_response.header("Connection"), "close");
    EXPECT_LT(stop_duration, 3s);  // the idle connection did not hold the stop for the grace period
    EXPECT_THROW(RawConnection{port}, std::runtime_error);
}

TEST(HttpServer, ReportsAPortAlreadyInUse)
{
    RunningServer running(territory_router());
    ServerConfig config = test_config();
    config.port = running.port();
    Server second(config, Router());
    auto status = second.start();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, core::ErrorCode::Unavailable);
    EXPECT_NE(status.error().message.find("déjà utilisé"), std::string::npos) << status.error().message;
}

TEST(HttpServer, RunsUntilTerminatedBySignal)
{
    // The test program has its own handlers (they stop PostgreSQL); they are
    // put back afterwards, since Asio restores the default ones.
    struct sigaction previous_term {};
    struct sigaction previous_int {};
    sigaction(SIGTERM, nullptr, &previous_term);
    sigaction(SIGINT, nullptr, &previous_int);
    {
        Server server(test_config(), territory_router());
        core::Status status = core::Error::invalid("pas encore terminé");
        std::thread runner([&] { status = server.run_until_signal(); });
        while (server.port() == 0)
            std::this_thread::sleep_for(5ms);
        EXPECT_EQ(HttpClient(server.port()).get("/api/v1/territories/33").status, 200);
        kill(getpid(), SIGTERM);
        runner.join();
        EXPECT_TRUE(status.ok());
        EXPECT_THROW(RawConnection{server.port()}, std::runtime_error);
    }
    sigaction(SIGTERM, &previous_term, nullptr);
    sigaction(SIGINT, &previous_int, nullptr);
}

TEST(HttpServer, RunUntilSignalEndsWhenStoppedFromAnotherThread)
{
    struct sigaction previous_term {};
    struct sigaction previous_int {};
    sigaction(SIGTERM, nullptr, &previous_term);
    sigaction(SIGINT, nullptr, &previous_int);
    {
        Server server(test_config(), territory_router());
        std::thread runner([&] { EXPECT_TRUE(server.run_until_signal().ok()); });
        while (server.port() == 0)
            std::this_thread::sleep_for(5ms);
        server.stop();
        runner.join();
    }
    sigaction(SIGTERM, &previous_term, nullptr);
    sigaction(SIGINT, &previous_int, nullptr);
}

}  // namespace boussole::http
