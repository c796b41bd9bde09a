#pragma once
// A small blocking HTTP/1.1 client for tests, talking to a server on the
// loopback. HttpClient keeps its connection alive between requests, as a
// browser does; RawConnection sends bytes exactly as given, to test what a
// well-behaved client never sends. Every wait is bounded by a timeout, so a
// server bug fails a test instead of hanging it. Not thread-safe: one object
// per thread.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
    int status = 0;
    HeaderList headers;
    std::string body;

    // The first value of a header, compared without regard to case.
    std::optional<std::string> header(std::string_view name) const;
    std::vector<std::string> headers_named(std::string_view name) const;
};

class HttpClient {
public:
    explicit HttpClient(unsigned short port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Throw std::runtime_error when the server cannot be reached or answers
    // with something that is not HTTP, or when the timeout passes.
    HttpResponse get(std::string_view path, const HeaderList& headers = {});
    HttpResponse post(std::string_view path, std::string body, std::string_view content_type,
                      const HeaderList& headers = {});
    HttpResponse request(std::string_view method, std::string_view path, std::string body = {},
                         const HeaderList& headers = {});

    // How many TCP connections this client has opened so far: 1 after any
    // number of requests means keep-alive worked.
    int connections_opened() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One connection on which arbitrary bytes can be sent.
class RawConnection {
public:
    explicit RawConnection(unsigned short port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Sends the bytes; false when the server closed or reset the connection
    // before taking them all (it may have answered already).
    bool send(std::string_view bytes);
    // Reads one response (its body included); nothing when the connection
    // ends or the timeout passes first.
    std::optional<HttpResponse> read_response();
    // Reads until the server closes the connection or the timeout passes.
    std::string read_until_close();
    // True when the server has closed the connection (reads end of stream).
    bool closed_by_server();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Connects, sends the bytes, and returns the first response, if any.
std::optional<HttpResponse> send_raw(unsigned short port, std::string_view bytes);

}  // namespace boussole::testing
