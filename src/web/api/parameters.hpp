#pragma once
// Reading what request_body.hpp does not cover: query parameters (checked for
// UTF-8 and named in every error, so that a client knows which one to fix),
// typed body members beyond strings and booleans, the members a body may
// carry, and the small answers every resource shares (201 with Location, a
// page sliced from a complete list).

#include "core/clock.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace boussole::web::api {

// An Invalid error about one query parameter or body member, naming it.
core::Error invalid_parameter(const std::string& name, const std::string& message,
                              std::optional<std::string> value = std::nullopt);

// A text query parameter, trimmed; empty when absent. Invalid when it is not
// UTF-8 or longer than maximum_length characters.
core::Result<std::string> text_query(const http::Request& request, const char* name, std::size_t maximum_length = 200);

// A positive integer query parameter ("organisation_id=12").
core::Result<std::optional<std::int64_t>> id_query(const http::Request& request, const char* name);

// The optional "version" query parameter of a deletion: the version the
// client read, absent when it does not ask for the check.
core::Result<std::optional<int>> version_query(const http::Request& request);

// A boolean query parameter: true or false.
core::Result<std::optional<bool>> bool_query(const http::Request& request, const char* name);

// A positive integer member ("organisation_id": 12).
core::Result<std::optional<std::int64_t>> optional_id(const nlohmann::json& body, const char* member);

// An array of strings ("body": ["…", "…"]).
core::Result<std::optional<std::vector<std::string>>> optional_string_array(const nlohmann::json& body,
                                                                            const char* member);

// An instant: "2026-12-31T23:59:59Z", with an offset ("…+01:00"), or a date
// alone ("2026-12-31", the end of that day in UTC).
core::Result<std::optional<core::Timestamp>> optional_instant(const nlohmann::json& body, const char* member);

// Invalid when the body has a member outside allowed: a misspelt field must
// not be ignored silently while the client believes it was saved.
core::Status only_members(const nlohmann::json& body, std::initializer_list<const char*> allowed);

// 201 with the resource and the Location of its GET.
http::Response created(const nlohmann::json& resource, std::string location);

// One page of a list the domain returns whole (short lists: tokens, the
// actors of a territory, the history of an item).
template <typename T>
core::Page<T> slice_page(std::vector<T> all, const core::PageRequest& request)
{
    core::Page<T> page;
    page.number = request.number;
    page.size = request.size;
    page.total = static_cast<std::int64_t>(all.size());
    auto begin = std::min<std::int64_t>(request.offset(), page.total);
    auto end = std::min<std::int64_t>(begin + request.size, page.total);
    page.items.assign(std::make_move_iterator(all.begin() + begin), std::make_move_iterator(all.begin() + end));
    return page;
}

}  // namespace boussole::web::api
