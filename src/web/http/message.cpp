#include "web/http/message.hpp"

#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace boussole::http {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

// RFC 9110 token characters: the only ones a field or cookie name may use.
bool is_token(std::string_view text)
{
    static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
    if (text.empty())
        return false;
    for (char c : text) {
        bool alphanumeric = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alphanumeric && kSymbols.find(c) == std::string_view::npos)
            return false;
    }
    return true;
}

void check_field(std::string_view name, std::string_view value)
{
    if (!is_token(name))
        throw std::invalid_argument("invalid header name");
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
        throw std::invalid_argument("header value holds CR, LF or NUL");
}

// RFC 6265 cookie-octet: printable ASCII but space, DQUOTE, comma, semicolon
// and backslash. Used for values, paths and domains alike.
bool is_cookie_text(std::string_view text)
{
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x21 || byte > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\')
            return false;
    }
    return true;
}

}  // namespace

Method parse_method(std::string_view name)
{
    static constexpr std::array<std::pair<std::string_view, Method>, 7> kMethods = {{
        {"GET", Method::Get},
        {"HEAD", Method::Head},
        {"POST", Method::Post},
        {"PUT", Method::Put},
        {"PATCH", Method::Patch},
        {"DELETE", Method::Delete},
        {"OPTIONS", Method::Options},
    }};
    for (const auto& [text, method] : kMethods) {
        if (text == name)
            return method;
    }
    return Method::Other;
}

std::string_view to_string(Method method)
{
    switch (method) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    case Method::Options: return "OPTIONS";
    case Method::Other: return "OTHER";
    }
    return "OTHER";
}

std::optional<std::string_view> Headers::get(std::string_view name) const
{
    for (const auto& [field, value] : m_fields) {
        if (equals_ignoring_case(field, name))
            return value;
    }
    return std::nullopt;
}

std::vector<std::string_view> Headers::get_all(std::string_view name) const
{
    std::vector<std::string_view> values;
    for (const auto& [field, value] : m_fields) {
        if (equals_ignoring_case(field, name))
            values.emplace_back(value);
    }
    return values;
}

bool Headers::contains(std::string_view name) const
{
    return get(name).has_value();
}

void Headers::add(std::string name, std::string value)
{
    check_field(name, value);
    m_fields.emplace_back(std::move(name), std::move(value));
}

void Headers::set(std::string name, std::string value)
{
    check_field(name, value);
    remove(name);
    m_fields.emplace_back(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name)
{
    std::erase_if(m_fields, [&](const Field& field) { return equals_ignoring_case(field.first, name); });
}

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header)
{
    std::map<std::string, std::string, std::less<>> cookies;
    while (!header.empty()) {
        auto end = header.find(';');
        std::string_view pair = core::trim(header.substr(0, end));
        header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
        auto equals = pair.find('=');
        if (equals == std::string_view::npos)
            continue;
        std::string_view name = core::trim(pair.substr(0, equals));
        std::string_view value = core::trim(pair.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        if (!name.empty())
            cookies.emplace(std::string(name), std::string(value));
    }
    return cookies;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const
{
    auto found = cookies.find(name);
    if (found == cookies.end())
        return std::nullopt;
    return found->second;
}

std::string_view Request::path_param(std::string_view name) const
{
    auto found = path_params.find(name);
    return found == path_params.end() ? std::string_view() : std::string_view(found->second);
}

core::Result<Params> Request::form() const
{
    std::string_view type = header("Content-Type").value_or("");
    type = core::trim(type.substr(0, type.find(';')));
    if (!equals_ignoring_case(type, "application/x-www-form-urlencoded")) {
        return core::Error::invalid(
            "Le formulaire doit être envoyé au format application/x-www-form-urlencoded. "
            "Rechargez la page et soumettez-le de nouveau.");
    }
    return parse_urlencoded(body);
}

std::string to_set_cookie_header(const Cookie& cookie)
{
    if (!is_token(cookie.name) || !is_cookie_text(cookie.value) || !is_cookie_text(cookie.path) ||
        (cookie.domain && !is_cookie_text(*cookie.domain))) {
        throw std::invalid_argument("cookie name or attribute cannot be sent");
    }
    std::string header = cookie.name + "=" + cookie.value;
    if (!cookie.path.empty())
        header += "; Path=" + cookie.path;
    if (cookie.domain)
        header += "; Domain=" + *cookie.domain;
    if (cookie.max_age) {
        header += "; Max-Age=" + std::to_string(std::max<long long>(0, cookie.max_age->count()));
        if (cookie.max_age->count() <= 0)
            header += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    }
    if (cookie.secure)
        header += "; Secure";
    if (cookie.http_only)
        header += "; HttpOnly";
    switch (cookie.same_site) {
    case SameSite::Lax: header += "; SameSite=Lax"; break;
    case SameSite::Strict: header += "; SameSite=Strict"; break;
    case SameSite::None: header += "; SameSite=None"; break;
    }
    return header;
}

Response Response::json(int status, const nlohmann::json& value)
{
    Response response;
    response.status = status;
    response.headers.set("Content-Type", "application/json");
    // Replacing invalid UTF-8 instead of throwing: a stray byte in stored text
    // must not turn a whole answer into a 500.
    response.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response Response::html(int status, std::string body)
{
    Response response;
    response.status = status;
    response.headers.set("Content-Type", "text/html; charset=utf-8");
    response.body = std::move(body);
    return response;
}

Response Response::text(int status, std::string body)
{
    Response response;
    response.status = status;
    response.headers.set("Content-Type", "text/plain; charset=utf-8");
    response.body = std::move(body);
    return response;
}

Response Response::redirect(int status, std::string location)
{
    Response response;
    response.status = status;
    response.headers.set("Location", std::move(location));
    return response;
}

Response Response::empty(int status)
{
    Response response;
    response.status = status;
    return response;
}

Response Response::problem(int status, std::string title, std::string detail)
{
    return problem(status, std::move(title), std::move(detail), nlohmann::json::object());
}

Response Response::problem(int status, std::string title, std::string detail, const nlohmann::json& extra)
{
    nlohmann::json document = {
        {"type", "about:blank"},
        {"title", std::move(title)},
        {"status", status},
        {"detail", std::move(detail)},
    };
    if (extra.is_object())
        document.update(extra);
    Response response = json(status, document);
    response.headers.set("Content-Type", "application/problem+json");
    return response;
}

void Response::clear_cookie(std::string name, std::string path)
{
    Cookie cookie{.name = std::move(name), .value = "", .path = std::move(path)};
    cookie.max_age = std::chrono::seconds(0);
    set_cookie(cookie);
}

std::string_view status_title(int status)
{
    switch (status) {
    case 400: return "Requête invalide";
    case 401: return "Authentification requise";
    case 403: return "Accès refusé";
    case 404: return "Ressource introuvable";
    case 405: return "Méthode non autorisée";
    case 408: return "Délai de requête dépassé";
    case 409: return "Conflit";
    case 413: return "Contenu trop volumineux";
    case 415: return "Format de contenu non pris en charge";
    case 422: return "Données invalides";
    case 429: return "Trop de requêtes";
    case 431: return "En-têtes de requête trop volumineux";
    case 500: return "Erreur interne du serveur";
    case 501: return "Non implémenté";
    case 503: return "Service indisponible";
    case 505: return "Version HTTP non prise en charge";
    }
    return "Erreur";
}

std::string format_http_date(std::chrono::system_clock::time_point instant)
{
    static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t seconds = std::chrono::system_clock::to_time_t(instant);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[parts.tm_wday],
                  parts.tm_mday, kMonths[parts.tm_mon], parts.tm_year + 1900, parts.tm_hour, parts.tm_min,
                  parts.tm_sec);
    return buffer.data();
}

}  // namespace boussole::http
