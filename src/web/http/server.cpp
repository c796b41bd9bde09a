#include "web/http/server.hpp"

#include "web/http/connection.hpp"

// GCC 12 needs <utility> before Asio's awaitable header.
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace boussole::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using detail::Connection;

namespace {

std::string listen_failure(const std::string& where, const error_code& ec)
{
    std::string reason;
    if (ec == asio::error::address_in_use)
        reason = "le port est déjà utilisé par un autre programme";
    else if (ec == asio::error::access_denied)
        reason = "permission refusée (les ports inférieurs à 1024 demandent des droits particuliers)";
    else if (ec == boost::system::errc::address_not_available)
        reason = "cette adresse n'appartient pas à la machine";
    else
        reason = ec.message();
    return "Impossible d'écouter sur " + where + " : " + reason +
           ". Choisissez une autre adresse ou un autre port, ou arrêtez le programme qui l'occupe.";
}

}  // namespace

struct Server::Impl {
    Impl(ServerConfig server_config, Router server_router)
        : config(std::move(server_config)), router(std::move(server_router))
    {}

    asio::awaitable<void> accept_loop();
    // Serves the connection, keeping it in the list stop() works on.
    asio::awaitable<void> serve(std::shared_ptr<Connection> connection, std::uint64_t id);
    void unregister(std::uint64_t id);
    // Runs action on the strand of every open connection.
    void for_each_connection(void (*action)(Connection&));

    ServerConfig config;
    Router router;
    std::atomic<unsigned short> port{0};
    std::atomic<bool> stopping{false};

    std::mutex mutex;  // guards what follows, up to the threads
    std::condition_variable connections_changed;
    std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections;
    std::uint64_t next_connection_id = 0;
    bool started = false;
    bool stopped = false;
    // Set by stop() or by a signal; run_until_signal() waits for it.
    bool stop_requested = false;
    std::condition_variable stop_requested_changed;

    std::vector<std::thread> threads;
    // Declared after everything the coroutines use, so that destroying the
    // context, and with it the frames of unfinished coroutines, happens first.
    asio::io_context io;
    tcp::acceptor acceptor{asio::make_strand(io)};
};

asio::awaitable<void> Server::Impl::accept_loop()
{
    asio::steady_timer pause(acceptor.get_executor());
    while (true) {
        tcp::socket socket(asio::make_strand(io));
        error_code ec;
        co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec) {
            // Out of descriptors, most often: wait instead of spinning.
            spdlog::warn("Connexion refusée : {}", ec.message());
            pause.expires_after(std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        // Responses leave in one write; Nagle's algorithm would only delay them.
        socket.set_option(tcp::no_delay(true), ec);
        std::shared_ptr<Connection> connection = detail::make_connection(std::move(socket));
        std::uint64_t id = 0;
        {
            std::lock_guard lock(mutex);
            id = next_connection_id++;
            connections.emplace(id, connection);
        }
        asio::co_spawn(detail::executor_of(*connection), serve(connection, id), asio::detached);
    }
}

asio::awaitable<void> Server::Impl::serve(std::shared_ptr<Connection> connection, std::uint64_t id)
{
    struct Registration {
        Impl& impl;
        std::uint64_t id;
        ~Registration() { impl.unregister(id); }
    } registration{*this, id};
    const detail::ConnectionContext context{config, router, stopping};
    co_await detail::serve(connection, context);
}

void Server::Impl::unregister(std::uint64_t id)
{
    std::lock_guard lock(mutex);
    connections.erase(id);
    connections_changed.notify_all();
}

void Server::Impl::for_each_connection(void (*action)(Connection&))
{
    std::lock_guard lock(mutex);
    for (const auto& [id, weak] : connections) {
        if (auto connection = weak.lock())
            asio::post(detail::executor_of(*connection), [connection, action] { action(*connection); });
    }
}

Server::Server(ServerConfig config, Router router)
    : m_impl(std::make_unique<Impl>(std::move(config), std::move(router)))
{}

Server::~Server()
{
    stop();
}

unsigned short Server::port() const
{
    return m_impl->port.load();
}

core::Status Server::start()
{
    Impl& impl = *m_impl;
    std::lock_guard lock(impl.mutex);
    if (impl.started)
        return core::Error::conflict("Le serveur HTTP est déjà démarré.");
    error_code ec;
    const auto address = asio::ip::make_address(impl.config.address, ec);
    if (ec) {
        return core::Error::invalid("Adresse d'écoute « " + impl.config.address +
                                    " » invalide : indiquez une adresse IP, par exemple 127.0.0.1 ou 0.0.0.0.");
    }
    const tcp::endpoint endpoint(address, impl.config.port);
    const std::string where = impl.config.address + ":" + std::to_string(impl.config.port);
    impl.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        impl.acceptor.bind(endpoint, ec);
    if (!ec)
        impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error_code ignored;
        impl.acceptor.close(ignored);
        return core::Error::unavailable(listen_failure(where, ec));
    }
    impl.port = impl.acceptor.local_endpoint().port();
    impl.started = true;

    asio::co_spawn(impl.acceptor.get_executor(), impl.accept_loop(), asio::detached);
    const unsigned count =
        impl.config.threads > 0 ? impl.config.threads : std::max(4U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < count; ++i) {
        impl.threads.emplace_back([&impl] {
            // A failing completion handler must not take a serving thread away.
            while (true) {
                try {
                    impl.io.run();
                    return;
                } catch (const std::exception& error) {
                    spdlog::error("Erreur inattendue dans le serveur HTTP : {}", error.what());
                }
            }
        });
    }
    spdlog::info("Serveur HTTP à l'écoute sur {}:{} ({} fils d'exécution)", impl.config.address, impl.port.load(),
                 count);
    return {};
}

void Server::stop()
{
    Impl& impl = *m_impl;
    {
        std::lock_guard lock(impl.mutex);
        impl.stop_requested = true;
        impl.stop_requested_changed.notify_all();
        if (!impl.started || impl.stopped)
            return;
        impl.stopped = true;
    }
    impl.stopping = true;
    // Closed on its strand, and waited for, so that the port is released when
    // stop() returns.
    auto closed = std::make_shared<std::promise<void>>();
    asio::post(impl.acceptor.get_executor(), [&impl, closed] {
        error_code ignored;
        impl.acceptor.close(ignored);
        closed->set_value();
    });
    closed->get_future().wait_for(impl.config.shutdown_grace);
    // A connection waiting for its next request has nothing in flight.
    impl.for_each_connection(detail::close_if_idle);
    std::unique_lock lock(impl.mutex);
    bool drained = impl.connections_changed.wait_for(lock, impl.config.shutdown_grace,
                                                     [&impl] { return impl.connections.empty(); });
    lock.unlock();
    if (!drained) {
        spdlog::warn("Arrêt du serveur HTTP : des requêtes encore en cours après {} ms sont interrompues",
                     impl.config.shutdown_grace.count());
        impl.for_each_connection(detail::close_now);
        lock.lock();
        impl.connections_changed.wait_for(lock, detail::kLingerTime, [&impl] { return impl.connections.empty(); });
        lock.unlock();
    }
    impl.io.stop();
    for (std::thread& thread : impl.threads)
        thread.join();
    impl.threads.clear();
    spdlog::info("Serveur HTTP arrêté");
}

core::Status Server::run_until_signal()
{
    Impl& impl = *m_impl;
    // Installed before start(), so that a signal arriving meanwhile is not
    // handled by the default action, which ends the process at once.
    asio::signal_set signals(impl.io, SIGINT, SIGTERM);
    signals.async_wait([&impl](const error_code& ec, int number) {
        if (ec)
            return;
        spdlog::info("Signal {} reçu : arrêt du serveur HTTP", number);
        std::lock_guard lock(impl.mutex);
        impl.stop_requested = true;
        impl.stop_requested_changed.notify_all();
    });
    bool started = false;
    {
        std::lock_guard lock(impl.mutex);
        started = impl.started;
    }
    if (!started)
        BOUSSOLE_TRY(start());
    {
        std::unique_lock lock(impl.mutex);
        impl.stop_requested_changed.wait(lock, [&impl] { return impl.stop_requested; });
    }
    stop();
    return {};
}

}  // namespace boussole::http
