#pragma once
// The Boussole web application: the JSON API, the pages and the static files
// behind one HTTP server. Built from an opened, migrated database whose
// reference data is loaded.

#include "core/result.hpp"
#include "storage/database.hpp"
#include "web/http/server.hpp"

#include <memory>
#include <string>

namespace boussole::web {

struct ServerSettings {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  // 0: a free port
    unsigned threads = 0;        // 0: automatic
    bool secure_cookies = true;
    std::string share_dir;  // templates/, static/, api/openapi.json
};

class Application {
public:
    // Loads the territories, population, templates, static files and API
    // description. Fails (NotFound/Invalid, French message) when the share
    // directory is incomplete.
    static core::Result<std::unique_ptr<Application>> create(storage::Database& database,
                                                             const ServerSettings& settings);
    ~Application();

    core::Status start();
    unsigned short port() const;
    void stop();
    // Serves until SIGINT or SIGTERM, then stops gracefully.
    core::Status run_until_signal();

    // The routes, for the OpenAPI consistency test.
    std::vector<http::Router::RouteInfo> routes() const;

private:
    struct Impl;
    explicit Application(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The serve command: creates the application, serves until a signal, and
// returns the exit code.
int serve(storage::Database& database, const ServerSettings& settings);

}  // namespace boussole::web
