#pragma once
// Reading JSON request bodies: the content type, well-formed UTF-8 JSON, an
// object at the top, and typed members with French messages naming the field.

#include "core/page.hpp"
#include "core/result.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace boussole::web::api {

// The body as a JSON object; Invalid with the reason otherwise.
core::Result<nlohmann::json> json_object_body(const http::Request& request);

// An optional string member; Invalid when present with another type.
core::Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const char* member);
core::Result<std::string> required_string(const nlohmann::json& body, const char* member);
core::Result<std::optional<bool>> optional_bool(const nlohmann::json& body, const char* member);
core::Result<int> required_version(const nlohmann::json& body);

// A positive integer path parameter ("/users/{id}"); NotFound otherwise.
core::Result<std::int64_t> id_parameter(const http::Request& request, const char* name = "id");

// page and page_size query parameters (defaults 1 and 20).
core::Result<core::PageRequest> page_parameters(const http::Request& request);

}  // namespace boussole::web::api
