#include "web/application.hpp"

#include "core/csv.hpp"
#include "instance/settings.hpp"
#include "web/api/routes.hpp"
#include "web/app_state.hpp"
#include "web/authentication.hpp"
#include "web/http/static_files.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

namespace boussole::web {

struct Application::Impl {
    std::unique_ptr<AppState> state;
    std::unique_ptr<http::Server> server;
    std::vector<http::Router::RouteInfo> routes;
};

namespace {

bool wants_json(const http::Request& request)
{
    return request.path.rfind("/api/", 0) == 0;
}

// Unknown paths: a problem for the API, a page for people.
http::Handler not_found_handler(AppState& state)
{
    return [&state](http::Request& request) {
        auto error = core::Error::not_found("La page « " + request.path + " » n'existe pas ou a été déplacée.");
        if (wants_json(request))
            return problem_response(core::Error::not_found("Aucune ressource à l'adresse « " + request.path + " »."),
                                    request);
        return error_page(state, request, error);
    };
}

}  // namespace

core::Result<std::unique_ptr<Application>> Application::create(storage::Database& database,
                                                               const ServerSettings& settings)
{
    auto templates = render::Templates::load(settings.share_dir + "/templates");
    if (!templates.ok())
        return std::move(templates).error();
    auto openapi_text = core::read_file(settings.share_dir + "/api/openapi.json");
    if (!openapi_text.ok())
        return std::move(openapi_text).error();
    auto openapi = nlohmann::json::parse(*openapi_text, nullptr, false);
    if (openapi.is_discarded())
        return core::Error::invalid(settings.share_dir + "/api/openapi.json : JSON mal formé.");
    auto static_files = http::StaticFiles::create(settings.share_dir + "/static");
    if (!static_files.ok())
        return std::move(static_files).error();

    auto impl = std::make_unique<Impl>();
    auto loaded = database.read([&](storage::Connection& connection) {
        auto registry = territory::TerritoryRegistry::load(connection);
        auto population = territory::PopulationTable::load(connection, registry);
        return std::make_unique<AppState>(AppState{database,
                                                   std::move(registry),
                                                   std::move(population),
                                                   std::move(templates).value(),
                                                   std::move(openapi),
                                                   settings.share_dir,
                                                   instance::is_demo(connection),
                                                   settings.secure_cookies,
                                                   {},
                                                   *static_files});
    });
    impl->state = std::move(loaded);
    AppState& state = *impl->state;
    state.analytics = std::make_unique<analytics::Analytics>(state.registry);
    state.analytics->catch_up(database);
    state.analytics->follow(database);

    http::Router router;
    router.use(authentication_middleware(state));
    api::register_all(router, state);
    pages::register_all(router, state);
    static_files->mount(router);
    router.set_not_found(not_found_handler(state));
    impl->routes = router.routes();

    http::ServerConfig config;
    config.address = settings.address;
    config.port = settings.port;
    config.threads = settings.threads;
    impl->server = std::make_unique<http::Server>(config, std::move(router));
    return std::unique_ptr<Application>(new Application(std::move(impl)));
}

Application::Application(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Application::~Application() = default;

core::Status Application::start()
{
    return m_impl->server->start();
}

unsigned short Application::port() const
{
    return m_impl->server->port();
}

void Application::stop()
{
    m_impl->server->stop();
}

core::Status Application::run_until_signal()
{
    return m_impl->server->run_until_signal();
}

std::vector<http::Router::RouteInfo> Application::routes() const
{
    return m_impl->routes;
}

int serve(storage::Database& database, const ServerSettings& settings)
{
    auto application = Application::create(database, settings);
    if (!application.ok()) {
        std::cerr << "Erreur : " << application.error().message << "\n";
        return 1;
    }
    auto started = (*application)->start();
    if (!started.ok()) {
        std::cerr << "Erreur : " << started.error().message << "\n";
        return 2;
    }
    spdlog::info("Boussole sert http://{}:{}/ (base : {})", settings.address, (*application)->port(),
                 database.description());
    auto status = (*application)->run_until_signal();
    if (!status.ok()) {
        std::cerr << "Erreur : " << status.error().message << "\n";
        return 2;
    }
    spdlog::info("Boussole arrêté proprement.");
    return 0;
}

}  // namespace boussole::web
