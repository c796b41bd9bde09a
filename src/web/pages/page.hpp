#pragma once
// Rendering a page: the page's own template inside the layout (DSFR header,
// navigation, demonstration banner, breadcrumbs, footer), with what every page
// needs (the signed-in person, the CSRF token for forms).

#include "core/error.hpp"
#include "web/app_state.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boussole::web {

struct Breadcrumb {
    std::string label;
    std::string href;  // empty for the current page
};

enum class FlashType { Success, Error, Info, Warning };

struct Flash {
    FlashType type = FlashType::Success;
    std::string title;
    std::string text;
};

struct PageMeta {
    std::string title;                    // the page's h1, and the <title> before " — Boussole"
    std::string section;                  // the navigation entry to mark current: "accueil", "territoires"…
    std::vector<Breadcrumb> breadcrumbs;  // without "Accueil", added first
    std::optional<Flash> flash;
    int status = 200;
};

// Renders templates/<name>.mustache with context, then the layout around it.
// The context receives "csrf_token" and "user" too.
http::Response render_page(const AppState& state, const http::Request& request, std::string_view name,
                           nlohmann::json context, const PageMeta& meta);

// The page for an expected failure (404, 403, 401 → a link to sign in…), with
// the status of the error.
http::Response error_page(const AppState& state, const http::Request& request, const core::Error& error);

// Post/redirect/get: where a form sends the browser after a change, with a
// message code the next page turns into a fixed French sentence.
http::Response redirect_with_message(std::string location, std::string_view message_code);

// The flash for a message code found in the query (?message=…), if known.
std::optional<Flash> flash_from_query(const http::Request& request);

}  // namespace boussole::web
