#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace boussole::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// Boost 1.74's string_view is not std::string_view.
beast::string_view to_beast(std::string_view text)
{
    return {text.data(), text.size()};
}

// One TCP connection whose operations block the caller, each bounded by the
// timeout: the asynchronous operation runs on a private io_context until it
// completes or the stream's timer closes the socket.
struct Channel {
    Channel(unsigned short port, std::chrono::milliseconds timeout) : port(port), timeout(timeout) {}

    template <typename Start>
    error_code run(Start start)
    {
        error_code result;
        stream.expires_after(timeout);
        start([&result](error_code ec, std::size_t) { result = ec; });
        io.restart();
        io.run();
        return result;
    }

    error_code connect()
    {
        error_code ec;
        stream.close();
        buffer.clear();
        const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
        stream.expires_after(timeout);
        stream.async_connect(endpoint, [&ec](error_code result) { ec = result; });
        io.restart();
        io.run();
        return ec;
    }

    error_code write(std::string_view bytes)
    {
        return run([&](auto handler) { asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), handler); });
    }

    std::optional<HttpResponse> read_response(bool head, error_code& ec)
    {
        wire::response_parser<wire::string_body> parser;
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        parser.header_limit(std::numeric_limits<std::uint32_t>::max());
        parser.skip(head);
        ec = run([&](auto handler) { wire::async_read(stream, buffer, parser, handler); });
        if (ec)
            return std::nullopt;
        const auto& message = parser.get();
        HttpResponse response;
        response.status = static_cast<int>(message.result_int());
        for (const auto& field : message)
            response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        response.body = message.body();
        keep_alive = message.keep_alive();
        return response;
    }

    unsigned short port;
    std::chrono::milliseconds timeout;
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
    bool keep_alive = false;
};

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const
{
    for (const auto& [field, value] : headers) {
        if (beast::iequals(field, to_beast(name)))
            return value;
    }
    return std::nullopt;
}

std::vector<std::string> HttpResponse::headers_named(std::string_view name) const
{
    std::vector<std::string> values;
    for (const auto& [field, value] : headers) {
        if (beast::iequals(field, to_beast(name)))
            values.push_back(value);
    }
    return values;
}

struct HttpClient::Impl {
    Impl(unsigned short port, std::chrono::milliseconds timeout) : channel(port, timeout) {}
    Channel channel;
    bool connected = false;
    int connections = 0;
};

HttpClient::HttpClient(unsigned short port, std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>(port, timeout))
{}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(std::string_view path, const HeaderList& headers)
{
    return request("GET", path, {}, headers);
}

HttpResponse HttpClient::post(std::string_view path, std::string body, std::string_view content_type,
                              const HeaderList& headers)
{
    HeaderList all = headers;
    all.emplace_back("Content-Type", std::string(content_type));
    return request("POST", path, std::move(body), all);
}

HttpResponse HttpClient::request(std::string_view method, std::string_view path, std::string body,
                                 const HeaderList& headers)
{
    Channel& channel = m_impl->channel;
    wire::request<wire::string_body> message;
    message.method_string(to_beast(method));
    message.target(to_beast(path));
    message.version(11);
    message.set(wire::field::host, "127.0.0.1:" + std::to_string(channel.port));
    for (const auto& [name, value] : headers)
        message.insert(name, value);
    message.body() = std::move(body);
    if (!message.body().empty() || method == "POST" || method == "PUT" || method == "PATCH")
        message.prepare_payload();
    std::string bytes;
    {
        std::ostringstream text;
        text << message;
        bytes = text.str();
    }

    // A kept-alive connection may have been closed by the server since the
    // last request; that is worth one new attempt, as browsers do.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = m_impl->connected;
        if (!m_impl->connected) {
            if (error_code ec = channel.connect())
                throw std::runtime_error("connexion impossible au serveur de test : " + ec.message());
            m_impl->connected = true;
            ++m_impl->connections;
        }
        error_code ec = channel.write(bytes);
        std::optional<HttpResponse> response;
        if (!ec)
            response = channel.read_response(method == "HEAD", ec);
        if (response) {
            if (!channel.keep_alive) {
                channel.stream.close();
                m_impl->connected = false;
            }
            return *response;
        }
        channel.stream.close();
        m_impl->connected = false;
        if (!reused || ec == beast::error::timeout)
            throw std::runtime_error("pas de réponse HTTP du serveur de test : " + ec.message());
    }
    throw std::runtime_error("pas de réponse HTTP du serveur de test");
}

int HttpClient::connections_opened() const
{
    return m_impl->connections;
}

struct RawConnection::Impl {
    Impl(unsigned short port, std::chrono::milliseconds timeout) : channel(port, timeout) {}
    Channel channel;
};

RawConnection::RawConnection(unsigned short port, std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>(port, timeout))
{
    if (error_code ec = m_impl->channel.connect())
        throw std::runtime_error("connexion impossible au serveur de test : " + ec.message());
}

RawConnection::~RawConnection() = default;

bool RawConnection::send(std::string_view bytes)
{
    return !m_impl->channel.write(bytes);
}

std::optional<HttpResponse> RawConnection::read_response()
{
    error_code ec;
    return m_impl->channel.read_response(false, ec);
}

std::string RawConnection::read_until_close()
{
    Channel& channel = m_impl->channel;
    std::string received = beast::buffers_to_string(channel.buffer.data());
    channel.buffer.clear();
    std::array<char, 4096> chunk{};
    while (true) {
        std::size_t count = 0;
        error_code ec = channel.run([&](auto handler) {
            channel.stream.async_read_some(asio::buffer(chunk), [&count, handler](error_code result, std::size_t n) {
                count = n;
                handler(result, n);
            });
        });
        received.append(chunk.data(), count);
        if (ec)
            return received;
    }
}

bool RawConnection::closed_by_server()
{
    Channel& channel = m_impl->channel;
    if (channel.buffer.size() > 0)
        return false;
    std::array<char, 1> byte{};
    error_code ec = channel.run([&](auto handler) { channel.stream.async_read_some(asio::buffer(byte), handler); });
    return ec == asio::error::eof || ec == asio::error::connection_reset;
}

std::optional<HttpResponse> send_raw(unsigned short port, std::string_view bytes)
{
    RawConnection connection(port);
    connection.send(bytes);
    return connection.read_response();
}

}  // namespace boussole::testing
