#pragma once
// One client connection of the server: reads its requests, runs them through
// the router and writes the answers, until the client leaves, a limit or a
// timeout is hit, or the server stops. Internal to the http module: only
// server.cpp includes this header, and Beast itself stays in connection.cpp.

#include "web/http/router.hpp"
#include "web/http/server.hpp"

// GCC 12 needs <utility> before Asio's awaitable header.
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <memory>

namespace boussole::http::detail {

// How long a refused request's connection is drained before it closes.
inline constexpr std::chrono::seconds kLingerTime{2};

class Connection;

// What every connection of a server reads; it outlives them all.
struct ConnectionContext {
    const ServerConfig& config;
    const Router& router;
    // Set when the server stops: the request in flight is answered with
    // "Connection: close" and no other is read.
    const std::atomic<bool>& stopping;
};

// Takes over an accepted socket, whose executor must be a strand: everything
// a connection does runs on it.
std::shared_ptr<Connection> make_connection(boost::asio::ip::tcp::socket socket);
boost::asio::any_io_executor executor_of(Connection& connection);

// Serves the connection's requests one after the other, then closes it.
boost::asio::awaitable<void> serve(std::shared_ptr<Connection> connection, ConnectionContext context);

// For stop(), to be run on the connection's strand: close_if_idle() ends a
// connection that is waiting for its next request, close_now() any.
void close_if_idle(Connection& connection);
void close_now(Connection& connection);

}  // namespace boussole::http::detail
