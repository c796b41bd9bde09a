#include "web/http/boundary.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <exception>
#include <random>

namespace boussole::http {

std::string random_request_id()
{
    // Not a secret: ids only need to be unlikely to collide in the logs, so a
    // per-thread generator seeded once is enough.
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::uint64_t bits = generator();
    std::string id(16, '0');
    for (char& c : id) {
        c = kHex[bits & 0x0F];
        bits >>= 4;
    }
    return id;
}

bool is_sane_request_id(std::string_view id)
{
    if (id.size() < 8 || id.size() > 64)
        return false;
    for (char c : id) {
        bool allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                       c == '_' || c == '.';
        if (!allowed)
            return false;
    }
    return true;
}

std::string choose_request_id(std::optional<std::string_view> incoming)
{
    if (incoming && is_sane_request_id(*incoming))
        return std::string(*incoming);
    return random_request_id();
}

void complete_request(Request& request)
{
    std::string_view target = request.target;
    auto question = target.find('?');
    request.path = percent_decode(target.substr(0, question));
    request.query = question == std::string_view::npos ? Params() : parse_urlencoded(target.substr(question + 1));
    request.cookies.clear();
    for (std::string_view header : request.headers.get_all("Cookie")) {
        for (auto& [name, value] : parse_cookies(header))
            request.cookies.emplace(name, std::move(value));
    }
}

Response internal_error(std::string_view request_id)
{
    std::string id(request_id);
    return Response::problem(500, std::string(status_title(500)),
                             "Erreur interne du serveur : la demande n'a pas pu aboutir. Réessayez dans un instant ; "
                             "si le problème persiste, transmettez la référence " +
                                 id + " à l'assistance.",
                             nlohmann::json{{"request_id", id}});
}

std::string request_shape_error(const Request& request, unsigned version, bool chunked)
{
    if (request.target.empty() || request.target.front() != '/')
        return "La cible de la requête doit être un chemin commençant par « / ».";
    if (version >= 11 && !request.headers.contains("Host"))
        return "L'en-tête Host est obligatoire en HTTP/1.1.";
    if (request.headers.contains("Transfer-Encoding") && !chunked)
        return "Seul le codage de transfert « chunked » est accepté.";
    return {};
}

std::string refusal_detail(int status, std::size_t body_limit)
{
    switch (status) {
    case 413: {
        const std::size_t kibibytes = body_limit / 1024;
        const std::string limit = kibibytes >= 1024 && kibibytes % 1024 == 0 ? std::to_string(kibibytes / 1024) + " Mio"
                                                                             : std::to_string(kibibytes) + " Kio";
        return "Le contenu envoyé dépasse la taille autorisée (" + limit +
               "). Réduisez-le ou découpez-le, puis réessayez.";
    }
    case 431:
        return "Les en-têtes de la requête dépassent la taille autorisée. Supprimez les cookies de ce site dans le "
               "navigateur, puis réessayez.";
    case 505: return "Seules les versions 1.0 et 1.1 de HTTP sont prises en charge.";
    }
    return "La requête HTTP est mal formée et ne peut pas être lue.";
}

Response run_handler(const Router& router, Request& request, const RouteMatch& match)
{
    try {
        Response response = router.dispatch(request, match);
        // Interim (1xx) answers are the transport's business, never a handler's.
        if (response.status < 200 || response.status > 599) {
            spdlog::error("[{}] le traitement de {} a renvoyé le statut invalide {}", request.request_id,
                          printable_for_log(request.route_pattern), response.status);
            return internal_error(request.request_id);
        }
        return response;
    } catch (const std::exception& error) {
        spdlog::error("[{}] {} {} : exception dans le traitement : {}", request.request_id,
                      printable_for_log(request.method_name), printable_for_log(request.path),
                      printable_for_log(error.what(), 2048));
    } catch (...) {
        spdlog::error("[{}] {} {} : exception inconnue dans le traitement", request.request_id,
                      printable_for_log(request.method_name), printable_for_log(request.path));
    }
    return internal_error(request.request_id);
}

void finish_response(Response& response, std::string_view request_id)
{
    Headers& headers = response.headers;
    headers.remove("Content-Length");
    headers.remove("Transfer-Encoding");
    headers.set("X-Request-Id", std::string(request_id));
    headers.set("Date", format_http_date(std::chrono::system_clock::now()));
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSecurityHeaders = {{
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    }};
    for (const auto& [name, value] : kSecurityHeaders) {
        if (!headers.contains(name))
            headers.add(std::string(name), std::string(value));
    }
    if (!headers.contains("Cache-Control"))
        headers.add("Cache-Control", "no-store");
}

std::string printable_for_log(std::string_view text, std::size_t max_length)
{
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string printable;
    printable.reserve(std::min(text.size(), max_length) + 8);
    for (char c : text.substr(0, max_length)) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '"' || c == '\\') {
            printable += "\\x";
            printable.push_back(kHex[byte >> 4]);
            printable.push_back(kHex[byte & 0x0F]);
        } else {
            printable.push_back(c);
        }
    }
    if (text.size() > max_length)
        printable += "...";
    return printable;
}

void log_access(std::string_view method, std::string_view path, int status, std::size_t bytes, double milliseconds,
                std::string_view request_id)
{
    spdlog::info("[{}] {} {} {} {} B {:.1f} ms", request_id, printable_for_log(method, 16), printable_for_log(path),
                 status, bytes, milliseconds);
}

}  // namespace boussole::http
