#include "web/http/router.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace boussole::http {

namespace {

std::vector<std::string> split_path(std::string_view raw_path)
{
    std::vector<std::string> segments;
    if (raw_path.empty() || raw_path.front() != '/')
        return segments;
    raw_path.remove_prefix(1);
    while (true) {
        auto slash = raw_path.find('/');
        segments.push_back(percent_decode(raw_path.substr(0, slash)));
        if (slash == std::string_view::npos)
            break;
        raw_path.remove_prefix(slash + 1);
    }
    return segments;
}

std::string allow_header(const std::vector<Method>& methods)
{
    std::string header;
    for (Method method : methods) {
        if (!header.empty())
            header += ", ";
        header += to_string(method);
    }
    return header;
}

}  // namespace

std::string_view target_path(std::string_view target)
{
    return target.substr(0, target.find('?'));
}

Router::Router()
{
    m_not_found = [](Request&) {
        return Response::problem(404, std::string(status_title(404)),
                                 "Aucune ressource ne correspond à cette adresse. Vérifiez le lien ou revenez à "
                                 "la page d'accueil.");
    };
}

std::vector<Router::Segment> Router::parse_pattern(std::string_view pattern)
{
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("route pattern must start with '/'");
    std::vector<Segment> segments;
    std::string_view rest = pattern.substr(1);
    while (true) {
        auto slash = rest.find('/');
        std::string_view text = rest.substr(0, slash);
        if (!segments.empty() && segments.back().kind == Segment::Kind::CatchAll)
            throw std::invalid_argument("a catch-all parameter must be the last segment");
        if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
            std::string_view name = text.substr(1, text.size() - 2);
            auto kind = Segment::Kind::Parameter;
            if (!name.empty() && name.back() == '*') {
                kind = Segment::Kind::CatchAll;
                name.remove_suffix(1);
            }
            if (name.empty() || name.find_first_of("{}*/") != std::string_view::npos)
                throw std::invalid_argument("route parameter needs a plain name");
            segments.push_back({kind, std::string(name)});
        } else {
            if (text.find_first_of("{}") != std::string_view::npos)
                throw std::invalid_argument("braces in a route must enclose a whole segment");
            segments.push_back({Segment::Kind::Literal, std::string(text)});
        }
        if (slash == std::string_view::npos)
            break;
        rest.remove_prefix(slash + 1);
    }
    return segments;
}

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options)
{
    if (method == Method::Other)
        throw std::invalid_argument("routes need a known method");
    bool duplicate = std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry& entry) {
        return entry.route.method == method && entry.route.pattern == pattern;
    });
    if (duplicate)
        throw std::invalid_argument("route registered twice: " + std::string(to_string(method)) + " " + pattern);
    std::vector<Segment> segments = parse_pattern(pattern);
    m_entries.push_back({Route{method, std::move(pattern), std::move(handler), options}, std::move(segments)});
}

void Router::get(std::string pattern, Handler handler, RouteOptions options)
{
    add(Method::Get, std::move(pattern), std::move(handler), options);
}

void Router::post(std::string pattern, Handler handler, RouteOptions options)
{
    add(Method::Post, std::move(pattern), std::move(handler), options);
}

void Router::put(std::string pattern, Handler handler, RouteOptions options)
{
    add(Method::Put, std::move(pattern), std::move(handler), options);
}

void Router::patch(std::string pattern, Handler handler, RouteOptions options)
{
    add(Method::Patch, std::move(pattern), std::move(handler), options);
}

void Router::del(std::string pattern, Handler handler, RouteOptions options)
{
    add(Method::Delete, std::move(pattern), std::move(handler), options);
}

void Router::use(Middleware middleware)
{
    m_middleware.push_back(std::move(middleware));
}

void Router::set_not_found(Handler handler)
{
    m_not_found = std::move(handler);
}

std::optional<std::vector<int>> Router::match_segments(const std::vector<Segment>& pattern,
                                                       const std::vector<std::string>& path,
                                                       std::vector<std::pair<std::string, std::string>>& params)
{
    std::vector<int> score;
    params.clear();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const Segment& segment = pattern[i];
        if (segment.kind == Segment::Kind::CatchAll) {
            // "/static/" matches "/static/{path*}" with an empty rest; "/static" does not.
            if (i >= path.size())
                return std::nullopt;
            std::string rest;
            for (std::size_t k = i; k < path.size(); ++k) {
                if (k > i)
                    rest += '/';
                rest += path[k];
            }
            params.emplace_back(segment.text, std::move(rest));
            score.push_back(0);
            return score;
        }
        if (i >= path.size())
            return std::nullopt;
        if (segment.kind == Segment::Kind::Literal) {
            if (segment.text != path[i])
                return std::nullopt;
            score.push_back(2);
        } else {
            if (path[i].empty())
                return std::nullopt;
            params.emplace_back(segment.text, path[i]);
            score.push_back(1);
        }
    }
    if (pattern.size() != path.size())
        return std::nullopt;
    return score;
}

RouteMatch Router::match(Method method, std::string_view raw_path) const
{
    const std::vector<std::string> path = split_path(raw_path);
    RouteMatch best;
    std::optional<std::vector<int>> best_score;
    // The GET route answers HEAD unless a HEAD route of the same or a more
    // specific pattern exists.
    const Entry* best_get = nullptr;
    std::optional<std::vector<int>> best_get_score;
    std::vector<std::pair<std::string, std::string>> best_get_params;
    std::vector<std::pair<std::string, std::string>> params;

    for (const Entry& entry : m_entries) {
        std::optional<std::vector<int>> score = match_segments(entry.segments, path, params);
        if (!score)
            continue;
        Method route_method = entry.route.method;
        if (std::find(best.allowed.begin(), best.allowed.end(), route_method) == best.allowed.end())
            best.allowed.push_back(route_method);
        if (route_method == method && (!best_score || *score > *best_score)) {
            best.route = &entry.route;
            best.params = params;
            best_score = std::move(score);
        } else if (method == Method::Head && route_method == Method::Get &&
                   (!best_get_score || *score > *best_get_score)) {
            best_get = &entry;
            best_get_params = params;
            best_get_score = std::move(score);
        }
    }
    if (method == Method::Head && best_get && (!best_score || *best_get_score > *best_score)) {
        best.route = &best_get->route;
        best.params = std::move(best_get_params);
    }
    if (best.route) {
        best.allowed.clear();
        return best;
    }
    bool has_get = std::find(best.allowed.begin(), best.allowed.end(), Method::Get) != best.allowed.end();
    bool has_head = std::find(best.allowed.begin(), best.allowed.end(), Method::Head) != best.allowed.end();
    if (has_get && !has_head)
        best.allowed.push_back(Method::Head);
    std::sort(best.allowed.begin(), best.allowed.end());
    return best;
}

Response Router::dispatch(Request& request, const RouteMatch& match) const
{
    Handler final_handler;
    if (match.route) {
        request.route_pattern = match.route->pattern;
        request.path_params.clear();
        for (const auto& [name, value] : match.params)
            request.path_params.insert_or_assign(name, value);
        final_handler = std::cref(match.route->handler);
    } else if (!match.allowed.empty()) {
        std::string allow = allow_header(match.allowed);
        final_handler = [allow](Request&) {
            Response response =
                Response::problem(405, std::string(status_title(405)),
                                  "Cette adresse n'accepte pas cette méthode. Méthodes acceptées : " + allow + ".");
            response.set_header("Allow", allow);
            return response;
        };
    } else {
        final_handler = std::cref(m_not_found);
    }

    // Builds the chain from the innermost handler out, so that the first
    // middleware added runs first.
    Handler chain = std::move(final_handler);
    for (auto it = m_middleware.rbegin(); it != m_middleware.rend(); ++it) {
        chain = [middleware = &*it, next = std::move(chain)](Request& inner) { return (*middleware)(inner, next); };
    }
    return chain(request);
}

Response Router::dispatch(Request& request) const
{
    return dispatch(request, match(request.method, target_path(request.target)));
}

std::vector<Router::RouteInfo> Router::routes() const
{
    std::vector<RouteInfo> infos;
    infos.reserve(m_entries.size());
    for (const Entry& entry : m_entries)
        infos.push_back({entry.route.method, entry.route.pattern});
    return infos;
}

}  // namespace boussole::http
