#pragma once
// Static assets (the DSFR, Boussole's CSS and JS, icons) served from memory.
// Every regular file under the root is read once, at create(); a request can
// then only ever reach a file of that list, which is what keeps "..", encoded
// dots, backslashes, absolute paths, NUL bytes and symbolic links pointing out
// of the root away from the disk: they all end in a 404.
//
// Caching: every file has a strong ETag (answered with 304 on If-None-Match)
// and a Last-Modified. A request whose "v" query parameter equals the file's
// fingerprint (the URL url_for() writes) is cached for a year as immutable,
// since a new content has a new URL; any other gets the shorter max_age.
//
// A StaticFiles is cheap to copy (the files are shared, never modified) and
// safe to use from many threads.

#include "core/result.hpp"
#include "web/http/message.hpp"
#include "web/http/router.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace boussole::http {

struct StaticFilesOptions {
    // Where the files appear: "/static/css/app.css" serves <root>/css/app.css.
    std::string url_prefix = "/static";
    // Cache lifetime of URLs without the current fingerprint.
    std::chrono::seconds max_age = std::chrono::hours(1);
};

class StaticFiles {
public:
    // Reads the files under root. Hidden files and folders (".name") are left
    // out, and so is every file whose real path lies outside the root. Fails
    // (NotFound, French message) when root is not a readable folder.
    static core::Result<StaticFiles> create(const std::filesystem::path& root, StaticFilesOptions options = {});

    // Answers a GET or HEAD for relative_path (decoded, without the prefix):
    // the file with its Content-Type, ETag, Last-Modified and Cache-Control, a
    // 304 when the client's copy is current, or a 404 problem.
    Response serve(const Request& request, std::string_view relative_path) const;

    // Registers GET <url_prefix>/{path*} on the router (HEAD follows GET).
    void mount(Router& router) const;

    // "/static/css/app.css?v=<fingerprint>" for templates; the URL without
    // fingerprint when no such file exists.
    std::string url_for(std::string_view relative_path) const;

    std::size_t file_count() const;
    std::size_t total_bytes() const;

private:
    struct Files;
    explicit StaticFiles(std::shared_ptr<const Files> files) : m_files(std::move(files)) {}
    std::shared_ptr<const Files> m_files;
};

// The Content-Type for a file name, by extension; application/octet-stream
// for unknown ones.
std::string_view content_type_for(std::string_view file_name);

}  // namespace boussole::http
