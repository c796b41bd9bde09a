#include "web/http/static_files.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <system_error>
#include <unordered_map>

namespace boussole::http {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

struct File {
    std::string content;
    std::string_view content_type;
    std::string fingerprint;  // 16 hex characters of the content hash
    std::string etag;         // the fingerprint, quoted
    std::string last_modified;
};

// FNV-1a: stable across builds and machines, so that every node behind a load
// balancer gives a file the same ETag. Not a defence against forgery, which an
// ETag does not need.
std::string fingerprint_of(std::string_view content)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : content) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i) {
        text[static_cast<std::size_t>(i)] = kHex[hash & 0x0F];
        hash >>= 4;
    }
    return text;
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// A relative path as a request may name it: segments that are neither empty
// nor "." nor "..", and no backslash, colon or control byte anywhere.
bool is_acceptable_path(std::string_view path)
{
    if (path.empty() || path.front() == '/')
        return false;
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '\\' || c == ':')
            return false;
    }
    while (true) {
        auto slash = path.find('/');
        std::string_view segment = path.substr(0, slash);
        if (segment.empty() || segment == "." || segment == "..")
            return false;
        if (slash == std::string_view::npos)
            return true;
        path.remove_prefix(slash + 1);
    }
}

// True when an If-None-Match list names the entity tag; weak tags compare
// equal to strong ones, as RFC 9110 asks for this header.
bool matches_etag(std::string_view header, std::string_view etag)
{
    while (!header.empty()) {
        auto comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (item.starts_with("W/"))
            item.remove_prefix(2);
        if (item == "*" || item == etag)
            return true;
    }
    return false;
}

bool is_hidden(const fs::path& name)
{
    std::string text = name.filename().string();
    return !text.empty() && text.front() == '.';
}

}  // namespace

struct StaticFiles::Files {
    StaticFilesOptions options;
    std::unordered_map<std::string, File> by_path;
    std::size_t total_bytes = 0;
};

std::string_view content_type_for(std::string_view file_name)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"woff2", "font/woff2"},
        {"woff", "font/woff"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"ico", "image/vnd.microsoft.icon"},
        {"json", "application/json"},
        {"webmanifest", "application/manifest+json"},
        {"txt", "text/plain; charset=utf-8"},
        {"html", "text/html; charset=utf-8"},
        {"csv", "text/csv; charset=utf-8"},
        {"map", "application/json"},
    }};
    auto dot = file_name.rfind('.');
    auto slash = file_name.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return "application/octet-stream";
    std::string extension;
    for (char c : file_name.substr(dot + 1))
        extension.push_back(lower(c));
    for (const auto& [known, type] : kTypes) {
        if (extension == known)
            return type;
    }
    return "application/octet-stream";
}

core::Result<StaticFiles> StaticFiles::create(const fs::path& root, StaticFilesOptions options)
{
    std::error_code ec;
    const fs::path real_root = fs::canonical(root, ec);
    if (ec || !fs::is_directory(real_root, ec)) {
        return core::Error::not_found("Le dossier des fichiers statiques « " + root.string() +
                                      " » est introuvable. Indiquez le dossier de ressources avec --share-dir.");
    }
    auto files = std::make_shared<Files>();
    files->options = std::move(options);
    while (!files->options.url_prefix.empty() && files->options.url_prefix.back() == '/')
        files->options.url_prefix.pop_back();

    // Symbolic links to folders are not followed; links to files are, then
    // kept only when their real path stays under the root.
    fs::recursive_directory_iterator it(real_root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& entry = *it;
        if (is_hidden(entry.path())) {
            if (entry.is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (!entry.is_regular_file(ec))
            continue;
        const fs::path real_path = fs::canonical(entry.path(), ec);
        if (ec)
            continue;
        const fs::path inside = real_path.lexically_relative(real_root);
        if (inside.empty() || *inside.begin() == "..") {
            spdlog::warn("Fichier statique ignoré, il pointe hors du dossier : {}", entry.path().string());
            continue;
        }
        std::ifstream stream(real_path, std::ios::binary);
        std::string content((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
        if (!stream.good() && !stream.eof()) {
            spdlog::warn("Fichier statique illisible, ignoré : {}", entry.path().string());
            continue;
        }
        const std::string url_path = entry.path().lexically_relative(real_root).generic_string();
        const auto modified = fs::last_write_time(real_path, ec);
        File file;
        file.content_type = content_type_for(url_path);
        file.fingerprint = fingerprint_of(content);
        file.etag = "\"" + file.fingerprint + "\"";
        file.last_modified = ec ? std::string() : format_http_date(std::chrono::file_clock::to_sys(modified));
        file.content = std::move(content);
        files->total_bytes += file.content.size();
        files->by_path.insert_or_assign(url_path, std::move(file));
        ec.clear();
    }
    if (ec) {
        return core::Error::not_found("Le dossier des fichiers statiques « " + root.string() +
                                      " » n'a pas pu être lu entièrement : " + ec.message() + ".");
    }
    return StaticFiles(std::move(files));
}

Response StaticFiles::serve(const Request& request, std::string_view relative_path) const
{
    auto found =
        is_acceptable_path(relative_path) ? m_files->by_path.find(std::string(relative_path)) : m_files->by_path.end();
    if (found == m_files->by_path.end()) {
        return Response::problem(404, std::string(status_title(404)),
                                 "Ce fichier n'existe pas. Rechargez la page : l'application a peut-être été "
                                 "mise à jour.");
    }
    const File& file = found->second;
    const bool versioned = request.query_param("v") == std::optional<std::string_view>(file.fingerprint);
    const std::string cache_control =
        versioned ? std::string(kImmutable) : "public, max-age=" + std::to_string(m_files->options.max_age.count());

    const auto if_none_match = request.header("If-None-Match");
    const auto if_modified_since = request.header("If-Modified-Since");
    const bool current =
        if_none_match ? matches_etag(*if_none_match, file.etag)
                      : if_modified_since && !file.last_modified.empty() && *if_modified_since == file.last_modified;
    Response response = current ? Response::empty(304) : Response();
    if (!current) {
        response.set_header("Content-Type", std::string(file.content_type));
        response.body = file.content;
    }
    response.set_header("ETag", file.etag);
    if (!file.last_modified.empty())
        response.set_header("Last-Modified", file.last_modified);
    response.set_header("Cache-Control", cache_control);
    return response;
}

void StaticFiles::mount(Router& router) const
{
    router.get(m_files->options.url_prefix + "/{path*}",
               [files = *this](Request& request) { return files.serve(request, request.path_param("path")); });
}

std::string StaticFiles::url_for(std::string_view relative_path) const
{
    std::string url = m_files->options.url_prefix + "/" + std::string(relative_path);
    auto found = m_files->by_path.find(std::string(relative_path));
    if (found != m_files->by_path.end())
        url += "?v=" + found->second.fingerprint;
    return url;
}

std::size_t StaticFiles::file_count() const
{
    return m_files->by_path.size();
}

std::size_t StaticFiles::total_bytes() const
{
    return m_files->total_bytes;
}

}  // namespace boussole::http
