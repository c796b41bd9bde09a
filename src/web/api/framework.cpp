// The national framework: the whole of it (with an ETag, since every page and
// client reads it and it rarely changes), one item, its history, and the
// edits of national administrators.
#include "framework/framework.hpp"

#include "core/text.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

std::string etag_of(std::int64_t revision)
{
    return "\"cadre-" + std::to_string(revision) + "\"";
}

// If-None-Match holds "*" or a comma-separated list of tags, weak or strong;
// the framework's tag is compared weakly, as RFC 9110 asks for GET.
bool matches_etag(std::string_view header, std::string_view etag)
{
    while (!header.empty()) {
        auto comma = header.find(',');
        auto candidate = core::trim(header.substr(0, comma));
        if (candidate.substr(0, 2) == "W/")
            candidate.remove_prefix(2);
        if (candidate == "*" || candidate == etag)
            return true;
        if (comma == std::string_view::npos)
            break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

// The kind and code of the path; NotFound for anything else, before the code
// reaches the database.
struct ItemAddress {
    framework::ItemKind kind;
    std::string code;
};

core::Result<ItemAddress> item_address(const http::Request& request)
{
    auto kind = framework::parse_kind(request.path_param("kind"));
    if (!kind.ok())
        return core::Error::not_found(kind.error().message);
    auto code = request.path_param("code");
    if (code.empty() || code.size() > 100 || !core::is_valid_utf8(code))
        return core::Error::not_found("Élément du cadre introuvable : vérifiez son code (ex. P1, A2, confiance).");
    return ItemAddress{*kind, std::string(code)};
}

http::Response get_framework(AppState& state, http::Request& request)
{
    auto loaded =
        state.database.read([](storage::Connection& connection) { return framework::load_framework(connection); });
    auto etag = etag_of(loaded.revision);
    if (auto condition = request.header("If-None-Match"); condition && matches_etag(*condition, etag)) {
        auto response = http::Response::empty(304);
        response.set_header("ETag", etag);
        response.set_header("Cache-Control", "no-cache");
        return response;
    }
    auto items = [](const std::vector<framework::FrameworkItem>& list) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& item : list)
            array.push_back(framework_item_json(item));
        return array;
    };
    nlohmann::json axes = nlohmann::json::array();
    for (const auto& axis : loaded.axes) {
        auto view = framework_item_json(axis);
        nlohmann::json priorities = nlohmann::json::array();
        for (const auto* priority : loaded.priorities_of(axis.code))
            priorities.push_back(framework_item_json(*priority));
        view["priorities"] = priorities;
        axes.push_back(std::move(view));
    }
    auto response = http::Response::json(200, {{"revision", loaded.revision},
                                               {"values", items(loaded.values)},
                                               {"principles", items(loaded.principles)},
                                               {"axes", axes}});
    response.set_header("ETag", etag);
    // Clients keep their copy but ask each time whether it is still current.
    response.set_header("Cache-Control", "no-cache");
    return response;
}

http::Response get_item(AppState& state, http::Request& request)
{
    auto address = item_address(request);
    if (!address.ok())
        return problem_response(address.error(), request);
    auto item = state.database.read([&](storage::Connection& connection) {
        return framework::find_item(connection, address->kind, address->code);
    });
    if (!item.ok())
        return problem_response(item.error(), request);
    return http::Response::json(200, framework_item_json(*item));
}

core::Result<framework::ItemChanges> item_changes(const nlohmann::json& body)
{
    BOUSSOLE_TRY(only_members(
        body, {"title", "summary", "body", "awaiting_confirmation", "confirmation_note", "change_note", "version"}));
    framework::ItemChanges changes;
    auto title = optional_string(body, "title");
    if (!title.ok())
        return std::move(title).error();
    auto summary = optional_string(body, "summary");
    if (!summary.ok())
        return std::move(summary).error();
    auto bullets = optional_string_array(body, "body");
    if (!bullets.ok())
        return std::move(bullets).error();
    auto awaiting = optional_bool(body, "awaiting_confirmation");
    if (!awaiting.ok())
        return std::move(awaiting).error();
    auto note = optional_string(body, "confirmation_note");
    if (!note.ok())
        return std::move(note).error();
    auto change_note = optional_string(body, "change_note");
    if (!change_note.ok())
        return std::move(change_note).error();
    changes.title = *title;
    changes.summary = *summary;
    changes.body = *bullets;
    changes.awaiting_confirmation = *awaiting;
    changes.confirmation_note = *note;
    changes.change_note = change_note->value_or("");
    return changes;
}

http::Response patch_item(AppState& state, http::Request& request)
{
    auto address = item_address(request);
    if (!address.ok())
        return problem_response(address.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto changes = item_changes(*body);
    if (!changes.ok())
        return problem_response(changes.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto item = state.database.write([&](storage::Connection& connection) {
        return framework::update_item(connection, request_context(request).principal, address->kind, address->code,
                                      *version, *changes);
    });
    if (!item.ok())
        return problem_response(item.error(), request);
    return http::Response::json(200, framework_item_json(*item));
}

http::Response get_history(AppState& state, http::Request& request)
{
    auto address = item_address(request);
    if (!address.ok())
        return problem_response(address.error(), request);
    auto page_request = page_parameters(request);
    if (!page_request.ok())
        return problem_response(page_request.error(), request);
    auto versions = state.database.read([&](storage::Connection& connection) {
        return framework::item_history(connection, address->kind, address->code);
    });
    if (!versions.ok())
        return problem_response(versions.error(), request);
    auto page = slice_page(std::move(versions).value(), *page_request);
    auto body = page_json(page, [](const framework::ItemVersion& version) -> nlohmann::json {
        return {{"version", version.version},
                {"title", version.title},
                {"summary", version.summary},
                {"body", version.body},
                {"awaiting_confirmation", version.awaiting_confirmation},
                {"confirmation_note", version.confirmation_note},
                {"changed_at", core::to_iso8601(version.changed_at)},
                {"changed_by", version.changed_by},
                {"change_note", version.change_note}};
    });
    body["kind"] = framework::to_string(address->kind);
    body["code"] = address->code;
    return http::Response::json(200, body);
}

}  // namespace

void register_framework_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/framework", [&state](http::Request& request) { return get_framework(state, request); });
    router.get("/api/v1/framework/{kind}/{code}",
               [&state](http::Request& request) { return get_item(state, request); });
    router.patch("/api/v1/framework/{kind}/{code}",
                 [&state](http::Request& request) { return patch_item(state, request); });
    router.get("/api/v1/framework/{kind}/{code}/history",
               [&state](http::Request& request) { return get_history(state, request); });
}

}  // namespace boussole::web::api
