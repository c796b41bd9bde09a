#pragma once
// The request and response as the application sees them: plain values with no
// trace of the transport, so that handlers, middleware and their tests compile
// without Boost.Beast. The server fills a Request from the wire and writes the
// Response back; everything here is safe to copy and to move between threads,
// but one object is not meant to be shared by two threads at once.

#include "core/result.hpp"
#include "web/http/url.hpp"

#include <nlohmann/json_fwd.hpp>

#include <any>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

// "GET" -> Method::Get; unknown or lower-case names -> Method::Other (methods are
// case-sensitive).
Method parse_method(std::string_view name);
// The canonical name; "OTHER" for Method::Other.
std::string_view to_string(Method method);

// Header fields in the order they were added, looked up without regard to case.
// add() and set() refuse what would let a value escape its line on the wire:
// they throw std::invalid_argument for a name that is not an RFC 9110 token or
// a value holding CR, LF or NUL. A header built from untrusted text is thus a
// programmer error caught at the request boundary (500), never a split response.
class Headers {
public:
    using Field = std::pair<std::string, std::string>;

    // The first value of the field, if present.
    std::optional<std::string_view> get(std::string_view name) const;
    // Every value of the field, in order.
    std::vector<std::string_view> get_all(std::string_view name) const;
    bool contains(std::string_view name) const;

    // Appends a field, keeping the ones of the same name (Set-Cookie, Vary...).
    void add(std::string name, std::string value);
    // Replaces every field of that name by one.
    void set(std::string name, std::string value);
    void remove(std::string_view name);

    std::vector<Field>::const_iterator begin() const { return m_fields.begin(); }
    std::vector<Field>::const_iterator end() const { return m_fields.end(); }
    std::size_t size() const { return m_fields.size(); }
    bool empty() const { return m_fields.empty(); }

private:
    std::vector<Field> m_fields;
};

struct Request {
    Method method = Method::Get;
    std::string method_name = "GET";  // as received, for logs and Method::Other
    std::string target;               // as received: "/api/v1/x?y=1"
    std::string path;                 // percent-decoded path, without the query
    Params query;
    Headers headers;
    std::map<std::string, std::string, std::less<>> cookies;
    std::string body;
    std::string client_address;  // peer IP address, as text
    std::string request_id;      // also sent back as X-Request-Id and written in every log line

    // Filled by the router: the decoded values of the {name} segments of the
    // matched pattern, and the pattern itself ("/api/v1/territories/{key}").
    std::map<std::string, std::string, std::less<>> path_params;
    std::string route_pattern;

    // The application's own state for this request (the authenticated principal,
    // the session...), set by its middleware and read by its handlers with
    // std::any_cast. The transport never looks at it.
    std::any context;

    std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
    std::optional<std::string_view> query_param(std::string_view name) const { return query.get(name); }
    std::optional<std::string_view> cookie(std::string_view name) const;
    // Empty when the matched pattern has no such parameter.
    std::string_view path_param(std::string_view name) const;

    // The body as a form. Fails (Invalid, French message) when the Content-Type
    // is not application/x-www-form-urlencoded.
    core::Result<Params> form() const;
};

// "a=1; b=2" -> {a: 1, b: 2}. The first of two cookies with the same name wins,
// as browsers send the most specific one first; quotes around a value go.
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);

enum class SameSite { Lax, Strict, None };

// A Set-Cookie. The defaults are those Boussole's session cookies need.
struct Cookie {
    std::string name;
    std::string value;
    std::string path = "/";
    std::optional<std::string> domain;
    // Absent: a session cookie. Zero: the browser deletes it.
    std::optional<std::chrono::seconds> max_age;
    bool http_only = true;
    bool secure = true;
    SameSite same_site = SameSite::Lax;
};

// The Set-Cookie header value. Throws std::invalid_argument when the name is not
// a token or the value, path or domain hold characters a cookie cannot carry.
std::string to_set_cookie_header(const Cookie& cookie);

struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    // application/json, without indentation; invalid UTF-8 in strings is
    // replaced by U+FFFD rather than thrown.
    static Response json(int status, const nlohmann::json& value);
    // text/html; charset=utf-8
    static Response html(int status, std::string body);
    // text/plain; charset=utf-8
    static Response text(int status, std::string body);
    // A redirection (301, 302, 303, 307 or 308) to location, with no body.
    static Response redirect(int status, std::string location);
    // No body: 204, or 304 from conditional requests.
    static Response empty(int status);
    // RFC 9457 application/problem+json: {"type": "about:blank", "title",
    // "status", "detail"} plus the members of extra (an object), which may
    // override "type". Title and detail are French sentences for a person.
    static Response problem(int status, std::string title, std::string detail);
    static Response problem(int status, std::string title, std::string detail, const nlohmann::json& extra);

    void set_header(std::string name, std::string value) { headers.set(std::move(name), std::move(value)); }
    void add_header(std::string name, std::string value) { headers.add(std::move(name), std::move(value)); }
    void set_cookie(const Cookie& cookie) { headers.add("Set-Cookie", to_set_cookie_header(cookie)); }
    // Asks the browser to forget a cookie set with the same path.
    void clear_cookie(std::string name, std::string path = "/");
};

// The French title of a status, for problems the transport produces itself:
// 404 -> "Ressource introuvable". "Erreur" for codes it does not know.
std::string_view status_title(int status);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as Date and Last-Modified
// need it, independent of the process locale.
std::string format_http_date(std::chrono::system_clock::time_point instant);

}  // namespace boussole::http
