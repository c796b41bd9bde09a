#pragma once
// Routes by method and path pattern. Patterns are made of '/'-separated
// segments: literals, {name} for exactly one non-empty segment, and a final
// {name*} for the rest of the path after its slash (possibly empty; the
// segments joined with '/').
// Each segment of the request path is percent-decoded before it is compared,
// so "%2F" inside a parameter stays inside it. When several patterns match,
// the most specific wins, segment by segment (literal, then {name}, then
// {name*}), whatever the order of registration.
//
// Routes are registered before the server starts and never change afterwards;
// match() and dispatch() are then safe to call from many threads at once.

#include "web/http/message.hpp"

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::http {

// Handlers are synchronous: they may block on the database. They run on one of
// the server's threads; an exception they throw becomes a 500 (see server.hpp).
using Handler = std::function<Response(Request&)>;

// Wraps every dispatched request, matched or not: calls next(request) to go on,
// or returns its own response to stop there (authentication, CSRF checks...).
using Middleware = std::function<Response(Request&, const Handler& next)>;

struct RouteOptions {
    // The largest body this route accepts; the server's default when absent
    // (e.g. 20 MiB for the CSV upload).
    std::optional<std::size_t> body_limit;
};

struct Route {
    Method method = Method::Get;
    std::string pattern;
    Handler handler;
    RouteOptions options;
};

// What a path resolves to, before any handler runs: the server reads it to pick
// the body limit, then hands it back to dispatch().
struct RouteMatch {
    const Route* route = nullptr;  // null when no route has this method and path
    std::vector<std::pair<std::string, std::string>> params;
    // The methods the path accepts, when it is known but not with this method
    // (405); HEAD is listed wherever GET is.
    std::vector<Method> allowed;
};

class Router {
public:
    Router();

    // Registers a route. Throws std::invalid_argument for a malformed pattern
    // (not starting with '/', a catch-all that is not last, an unnamed
    // parameter) or a method and pattern already registered: both are
    // programmer errors found at start-up.
    void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
    void get(std::string pattern, Handler handler, RouteOptions options = {});
    void post(std::string pattern, Handler handler, RouteOptions options = {});
    void put(std::string pattern, Handler handler, RouteOptions options = {});
    void patch(std::string pattern, Handler handler, RouteOptions options = {});
    void del(std::string pattern, Handler handler, RouteOptions options = {});

    // Middleware run in the order added, the first one outermost.
    void use(Middleware middleware);

    // Answers requests no route matches; a problem+json 404 by default.
    void set_not_found(Handler handler);

    // raw_path is the request path as received (still percent-encoded, without
    // the query). HEAD falls back to the GET route of the path.
    RouteMatch match(Method method, std::string_view raw_path) const;

    // Fills request.path_params and request.route_pattern from the match and
    // runs the middleware and the handler, or the 404/405 answer. A 405 carries
    // the Allow header. Exceptions from handlers propagate to the caller.
    Response dispatch(Request& request, const RouteMatch& match) const;
    // match() on the target's path, then dispatch().
    Response dispatch(Request& request) const;

    // Every registered route, in registration order, for checks against the
    // OpenAPI document.
    struct RouteInfo {
        Method method;
        std::string pattern;
    };
    std::vector<RouteInfo> routes() const;

private:
    struct Segment {
        enum class Kind { Literal, Parameter, CatchAll } kind;
        std::string text;  // the literal, or the parameter name
    };
    struct Entry {
        Route route;
        std::vector<Segment> segments;
    };

    static std::vector<Segment> parse_pattern(std::string_view pattern);
    // The specificity of the match, segment by segment (2 literal, 1 parameter,
    // 0 catch-all), or nothing when the pattern does not match.
    static std::optional<std::vector<int>> match_segments(const std::vector<Segment>& pattern,
                                                          const std::vector<std::string>& path,
                                                          std::vector<std::pair<std::string, std::string>>& params);

    std::deque<Entry> m_entries;  // a deque, so that RouteMatch::route stays valid
    std::vector<Middleware> m_middleware;
    Handler m_not_found;
};

// The path of a request target, without its query: "/a/b?x=1" -> "/a/b".
std::string_view target_path(std::string_view target);

}  // namespace boussole::http
