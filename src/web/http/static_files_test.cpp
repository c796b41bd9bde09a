#include "web/http/static_files.hpp"

#include "support/http_client.hpp"
#include "web/http/server.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace boussole::http {

namespace fs = std::filesystem;
using testing::HttpClient;

namespace {

void write_file(const fs::path& path, std::string_view content)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

// A folder of assets next to a secret the server must never reach:
//   <base>/secret.txt, <base>/outside/hidden.txt
//   <base>/root/{css/app.css, js/app.mjs, ..., escape.txt -> ../secret.txt,
//                outside -> ../outside, alias.css -> css/app.css}
class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::random_device random;
        m_base = fs::temp_directory_path() / ("boussole-static-" + std::to_string(random()));
        fs::path root = m_base / "root";
        write_file(m_base / "secret.txt", "mot de passe");
        write_file(m_base / "outside" / "hidden.txt", "hors du dossier");
        write_file(root / "css" / "app.css", "body { color: #000091; }");
        write_file(root / "js" / "app.mjs", "export const x = 1;");
        write_file(root / "fonts" / "Marianne-Regular.woff2", std::string("wOF2\0\1", 6));
        write_file(root / "icons" / "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        write_file(root / "favicon.ico", "ico");
        write_file(root / "manifest.webmanifest", "{}");
        write_file(root / "exports" / "modele.csv", "code;libellé\n");
        write_file(root / "robots.txt", "User-agent: *\n");
        write_file(root / ".env", "SECRET=1");
        write_file(root / "unknown.bin", "??");
        fs::create_symlink("../secret.txt", root / "escape.txt");
        fs::create_directory_symlink("../outside", root / "outside");
        fs::create_symlink("css/app.css", root / "alias.css");
        m_root = root;
    }

    void TearDown() override { fs::remove_all(m_base); }

    StaticFiles files(StaticFilesOptions options = {}) const
    {
        auto created = StaticFiles::create(m_root, std::move(options));
        if (!created.ok())
            throw std::runtime_error(created.error().message);
        return std::move(created).value();
    }

    fs::path m_base;
    fs::path m_root;
};

struct StaticServer {
    explicit StaticServer(const StaticFiles& files) : server(config(), router(files))
    {
        if (!server.start().ok())
            throw std::runtime_error("test server did not start");
    }
    static ServerConfig config()
    {
        ServerConfig config;
        config.port = 0;
        config.threads = 2;
        return config;
    }
    static Router router(const StaticFiles& files)
    {
        Router router;
        files.mount(router);
        return router;
    }
    Server server;
};

}  // namespace

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType)
{
    StaticServer running(files());
    HttpClient client(running.server.port());
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"/static/css/app.css", "text/css; charset=utf-8"},
        {"/static/js/app.mjs", "text/javascript; charset=utf-8"},
        {"/static/fonts/Marianne-Regular.woff2", "font/woff2"},
        {"/static/icons/logo.svg", "image/svg+xml"},
        {"/static/favicon.ico", "image/vnd.microsoft.icon"},
        {"/static/manifest.webmanifest", "application/manifest+json"},
        {"/static/exports/modele.csv", "text/csv; charset=utf-8"},
        {"/static/robots.txt", "text/plain; charset=utf-8"},
        {"/static/unknown.bin", "application/octet-stream"},
        {"/static/alias.css", "text/css; charset=utf-8"},
    };
    for (const auto& [path, type] : expected) {
        auto response = client.get(path);
        EXPECT_EQ(response.status, 200) << path;
        EXPECT_EQ(response.header("Content-Type"), type) << path;
        EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff") << path;
    }
    EXPECT_EQ(client.get("/static/css/app.css").body, "body { color: #000091; }");
    EXPECT_EQ(client.get("/static/fonts/Marianne-Regular.woff2").body, std::string("wOF2\0\1", 6));
    EXPECT_EQ(content_type_for("Dist/DSFR.MIN.CSS"), "text/css; charset=utf-8");
    EXPECT_EQ(content_type_for("js/app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("a.json"), "application/json");
    EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("font.woff"), "font/woff");
    EXPECT_EQ(content_type_for("image.png"), "image/png");
    EXPECT_EQ(content_type_for("no-extension"), "application/octet-stream");
}

TEST_F(StaticFilesTest, AnswersConditionalRequestsWith304)
{
    StaticServer running(files());
    HttpClient client(running.server.port());
    auto first = client.get("/static/css/app.css");
    std::string etag = first.header("ETag").value_or("");
    ASSERT_EQ(etag.size(), 18U);
    ASSERT_TRUE(first.header("Last-Modified").has_value());

    auto again = client.get("/static/css/app.css", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("ETag"), etag);
    EXPECT_EQ(client.get("/static/css/app.css", {{"If-None-Match", "\"autre\", W/" + etag}}).status, 304);
    EXPECT_EQ(client.get("/static/css/app.css", {{"If-None-Match", "\"autre\""}}).status, 200);
    EXPECT_EQ(client.get("/static/css/app.css", {{"If-Modified-Since", *first.header("Last-Modified")}}).status, 304);

    auto head = client.request("HEAD", "/static/css/app.css");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), std::to_string(first.body.size()));
    EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(StaticFilesTest, CachesFingerprintedUrlsForAYear)
{
    StaticFiles assets = files({.url_prefix = "/static", .max_age = std::chrono::minutes(10)});
    StaticServer running(assets);
    HttpClient client(running.server.port());
    std::string url = assets.url_for("css/app.css");
    ASSERT_EQ(url.rfind("/static/css/app.css?v=", 0), 0U) << url;

    EXPECT_EQ(client.get(url).header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(client.get("/static/css/app.css").header("Cache-Control"), "public, max-age=600");
    EXPECT_EQ(client.get("/static/css/app.css?v=0000000000000000").header("Cache-Control"), "public, max-age=600");
    EXPECT_EQ(assets.url_for("css/absent.css"), "/static/css/absent.css");
}

TEST_F(StaticFilesTest, NeverServesAnythingOutsideTheRoot)
{
    StaticServer running(files());
    HttpClient client(running.server.port());
    const std::vector<std::string> attempts = {
        "/static/../secret.txt",
        "/static/css/../../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E%2Fsecret.txt",
        "/static/css/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/static/%252e%252e/secret.txt",
        "/static/..%5csecret.txt",
        "/static/css%5c..%5c..%5csecret.txt",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/escape.txt",
        "/static/outside/hidden.txt",
        "/static/css/app.css%00.txt",
        "/static/.env",
        "/static/./css/app.css",
        "/static/css//app.css",
        "/static/",
        "/static/css",
        "/static/C:%5cWindows%5cwin.ini",
    };
    for (const std::string& path : attempts) {
        auto response = client.get(path);
        EXPECT_EQ(response.status, 404) << path;
        EXPECT_EQ(response.body.find("mot de passe"), std::string::npos) << path;
        EXPECT_EQ(response.body.find("hors du dossier"), std::string::npos) << path;
    }
    EXPECT_EQ(client.get("/static/css/app.css").status, 200);
}

TEST_F(StaticFilesTest, ReadsEveryFileOnceAtCreation)
{
    StaticFiles assets = files();
    EXPECT_EQ(assets.file_count(), 10U);  // the hidden file and both escaping links are left out
    fs::remove(m_root / "css" / "app.css");
    Request request;
    EXPECT_EQ(assets.serve(request, "css/app.css").status, 200);
}

TEST_F(StaticFilesTest, ReportsAMissingRoot)
{
    auto created = StaticFiles::create(m_base / "absent");
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, core::ErrorCode::NotFound);
}

}  // namespace boussole::http
