#include "web/http/connection.hpp"

#include "web/http/boundary.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace boussole::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

// Errors that mean the peer went away or we stopped: nothing to answer.
bool is_quiet_end(const error_code& ec)
{
    return ec == wire::error::end_of_stream || ec == wire::error::partial_message || ec == asio::error::eof ||
           ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
           ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor || ec == beast::error::timeout;
}

// Boost 1.74's string_view is not std::string_view.
beast::string_view to_beast(std::string_view text)
{
    return {text.data(), text.size()};
}

double milliseconds_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

class Connection {
public:
    explicit Connection(tcp::socket socket) : m_stream(std::move(socket))
    {
        error_code ec;
        auto remote = m_stream.socket().remote_endpoint(ec);
        m_client_address = ec ? std::string() : remote.address().to_string();
    }

    boost::asio::any_io_executor executor() { return m_stream.get_executor(); }

    asio::awaitable<void> serve(ConnectionContext context)
    {
        try {
            bool first = true;
            while (!context.stopping.load()) {
                const bool keep_open = co_await serve_one(context, first);
                if (!keep_open)
                    break;
                first = false;
            }
        } catch (const std::exception& error) {
            spdlog::error("Connexion de {} abandonnée : {}", m_client_address, error.what());
        }
        close_now();
    }

    void close_if_idle()
    {
        if (m_idle)
            m_stream.cancel();
    }

    void close_now()
    {
        error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.close();
    }

private:
    // Serves one request; false when the connection must close.
    asio::awaitable<bool> serve_one(const ConnectionContext& context, bool first);
    asio::awaitable<std::size_t> write_response(const ServerConfig& config, Response& response, unsigned version,
                                                bool head, bool close, error_code& ec);
    // Answers a request the transport itself refuses, then drains and closes.
    // The strings are taken by reference: GCC 12 may destroy twice a temporary
    // created in a co_await expression, so callers pass named variables.
    asio::awaitable<void> refuse(const ServerConfig& config, int status, const std::string& detail, unsigned version,
                                 std::string_view method, std::string_view path, const std::string& request_id,
                                 Clock::time_point start);
    asio::awaitable<void> linger_close();

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::string m_client_address;
    // True while the connection waits for a request, so that stop() may close
    // it without cutting a request short.
    bool m_idle = false;
};

asio::awaitable<bool> Connection::serve_one(const ConnectionContext& context, bool first)
{
    const ServerConfig& config = context.config;
    error_code ec;
    wire::request_parser<wire::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(config.header_limit, UINT32_MAX)));
    // The body limit depends on the route, known only once the header is read.
    header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());

    m_idle = true;
    m_stream.expires_after(first ? config.read_timeout : config.idle_timeout);
    co_await wire::async_read_header(m_stream, m_buffer, header_parser, asio::redirect_error(asio::use_awaitable, ec));
    m_idle = false;
    const Clock::time_point start = Clock::now();
    if (ec) {
        if (is_quiet_end(ec))
            co_return false;
        // The wire parser knows HTTP/1.0 and HTTP/1.1 only: other versions are bad_version.
        const int status = ec == wire::error::header_limit || ec == wire::error::buffer_overflow ? 431
                           : ec == wire::error::bad_version                                      ? 505
                                                                                                 : 400;
        const std::string detail = refusal_detail(status, config.body_limit);
        const std::string request_id = random_request_id();
        co_await refuse(config, status, detail, 11, "-", "-", request_id, start);
        co_return false;
    }

    const auto& header = header_parser.get();
    const unsigned version = header.version();
    Request request;
    request.method_name = std::string(header.method_string());
    request.method = parse_method(request.method_name);
    request.target = std::string(header.target());
    request.client_address = m_client_address;
    bool fields_acceptable = true;
    for (const auto& field : header) {
        try {
            request.headers.add(std::string(field.name_string()), std::string(field.value()));
        } catch (const std::invalid_argument&) {
            // A field the wire parser let through but that we would not send back.
            fields_acceptable = false;
        }
    }
    request.request_id = choose_request_id(request.headers.get("X-Request-Id"));
    const std::string_view raw_path = target_path(request.target);
    const std::string malformed = fields_acceptable ? request_shape_error(request, version, header_parser.chunked())
                                                    : "Un en-tête de la requête contient des caractères interdits.";
    if (!malformed.empty()) {
        co_await refuse(config, 400, malformed, version, request.method_name, raw_path, request.request_id, start);
        co_return false;
    }

    const RouteMatch match = context.router.match(request.method, raw_path);
    const std::size_t limit =
        match.route && match.route->options.body_limit ? *match.route->options.body_limit : config.body_limit;
    const std::string limit_text = refusal_detail(413, limit);
    if (auto length = header_parser.content_length(); length && *length > limit) {
        co_await refuse(config, 413, limit_text, version, request.method_name, raw_path, request.request_id, start);
        co_return false;
    }
    bool has_body = header_parser.chunked() || header_parser.content_length().value_or(0) > 0;
    auto expect = header.find(wire::field::expect);
    if (has_body && version == 11 && expect != header.end() && beast::iequals(expect->value(), "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        m_stream.expires_after(config.write_timeout);
        co_await asio::async_write(m_stream, asio::buffer(kContinue.data(), kContinue.size()),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return false;
    }

    const bool keep_alive = header.keep_alive();
    wire::request_parser<wire::string_body> parser(std::move(header_parser));
    parser.body_limit(limit);
    m_stream.expires_after(config.read_timeout);
    co_await wire::async_read(m_stream, m_buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        if (is_quiet_end(ec))
            co_return false;
        const bool too_large = ec == wire::error::body_limit;
        const std::string detail = too_large ? limit_text : refusal_detail(400, limit);
        co_await refuse(config, too_large ? 413 : 400, detail, version, request.method_name, raw_path,
                        request.request_id, start);
        co_return false;
    }
    request.body = std::move(parser.get().body());
    complete_request(request);

    // The handler blocks this thread, and only this one: the other threads of
    // the pool go on serving the other connections.
    Response response = run_handler(context.router, request, match);
    finish_response(response, request.request_id);
    auto connection_header = response.headers.get("Connection");
    const bool close = !keep_alive || context.stopping.load() ||
                       (connection_header && beast::iequals(to_beast(*connection_header), "close"));
    const std::size_t bytes =
        co_await write_response(config, response, version, request.method == Method::Head, close, ec);
    log_access(request.method_name, request.path, response.status, bytes, milliseconds_since(start),
               request.request_id);
    co_return !ec && !close;
}

asio::awaitable<std::size_t> Connection::write_response(const ServerConfig& config, Response& response,
                                                        unsigned version, bool head, bool close, error_code& ec)
{
    wire::response<wire::string_body> message;
    message.version(version);
    message.result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : response.headers) {
        if (!beast::iequals(name, "Connection"))
            message.insert(name, value);
    }
    const bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
    if (!bodyless) {
        message.body() = std::move(response.body);
        message.prepare_payload();
    }
    message.keep_alive(!close);
    // HEAD gets the GET answer's headers, Content-Length included, and no body.
    if (head)
        message.body().clear();
    const std::size_t bytes = message.body().size();

    m_stream.expires_after(config.write_timeout);
    co_await wire::async_write(m_stream, message, asio::redirect_error(asio::use_awaitable, ec));
    co_return bytes;
}

asio::awaitable<void> Connection::refuse(const ServerConfig& config, int status, const std::string& detail,
                                         unsigned version, std::string_view method, std::string_view path,
                                         const std::string& request_id, Clock::time_point start)
{
    Response response = Response::problem(status, std::string(status_title(status)), detail);
    finish_response(response, request_id);
    error_code ec;
    const std::size_t bytes = co_await write_response(config, response, version == 10 ? 10 : 11, false, true, ec);
    log_access(method, path, status, bytes, milliseconds_since(start), request_id);
    if (!ec)
        co_await linger_close();
}

asio::awaitable<void> Connection::linger_close()
{
    // The client may still be sending what we refused. Closing with unread
    // bytes would reset the connection and could destroy our answer before the
    // client reads it, so we stop sending and drain for a short while.
    error_code ec;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    const auto deadline = Clock::now() + kLingerTime;
    std::array<char, 16384> discarded{};
    while (!ec && Clock::now() < deadline) {
        m_stream.expires_at(deadline);
        co_await m_stream.async_read_some(asio::buffer(discarded), asio::redirect_error(asio::use_awaitable, ec));
    }
}

std::shared_ptr<Connection> make_connection(tcp::socket socket)
{
    return std::make_shared<Connection>(std::move(socket));
}

boost::asio::any_io_executor executor_of(Connection& connection)
{
    return connection.executor();
}

asio::awaitable<void> serve(std::shared_ptr<Connection> connection, ConnectionContext context)
{
    co_await connection->serve(context);
}

void close_if_idle(Connection& connection)
{
    connection.close_if_idle();
}

void close_now(Connection& connection)
{
    connection.close_now();
}

}  // namespace boussole::http::detail
