#pragma once
// The HTTP/1.1 server. It owns a router and a pool of threads that run both the
// sockets and the handlers: handlers block (database work), so one slow handler
// holds one thread and the others keep serving. Asio stays in server.cpp and
// connection.cpp, Beast in connection.cpp alone; this header only needs the
// standard library.
//
// Limits and their answers: headers over header_limit -> 431; a Content-Length
// over the route's body limit -> 413 before any byte of the body is read; a
// chunked body that grows past it -> 413; another version than HTTP/1.0 or
// 1.1 -> 505; a malformed request, one without Host in HTTP/1.1 or with a
// Transfer-Encoding other than chunked -> 400. After such an answer the
// connection is closed. Every response carries X-Request-Id and the
// security headers (see boundary.hpp); every request gets one access log line.

#include "core/result.hpp"
#include "web/http/router.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace boussole::http {

struct ServerConfig {
    std::string address = "127.0.0.1";
    // 0 lets the system pick a free port; port() tells which once started.
    unsigned short port = 8080;
    // 0 means max(4, hardware threads).
    unsigned threads = 0;
    std::size_t header_limit = 16 * 1024;
    // For routes that do not set RouteOptions::body_limit.
    std::size_t body_limit = 1024 * 1024;
    // The longest a request may take to arrive, headers and body.
    std::chrono::milliseconds read_timeout = std::chrono::seconds(30);
    // The longest a response may take to leave (a client that stops reading).
    std::chrono::milliseconds write_timeout = std::chrono::seconds(30);
    // How long a kept-alive connection may wait for its next request.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(15);
    // How long stop() lets requests in flight finish before closing their
    // connections.
    std::chrono::milliseconds shutdown_grace = std::chrono::seconds(10);
};

class Server {
public:
    // The router is moved in and must be complete: routes cannot be added once
    // the server runs.
    Server(ServerConfig config, Router router);
    // Stops the server if it still runs (see stop()).
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds, listens and returns at once, with the threads serving. Fails
    // (Unavailable, French message) when the address cannot be bound; a
    // server starts once.
    core::Status start();

    // The port listened on; 0 before start().
    unsigned short port() const;

    // Graceful stop, blocking: stops accepting, closes idle connections, lets
    // requests in flight finish and send their response (with
    // "Connection: close") for up to shutdown_grace, then closes what remains
    // and joins the threads. A handler still running at that point is waited
    // for, since a thread cannot be interrupted safely. Idempotent; must not be
    // called from a handler.
    void stop();

    // start() if needed, then serves until SIGINT or SIGTERM (or a stop()
    // from another thread), then stops gracefully. For the command line;
    // returns the error of start(). While it runs, Asio owns the handlers of
    // both signals, and puts the default ones back when it returns.
    core::Status run_until_signal();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace boussole::http
