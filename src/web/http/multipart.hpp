#pragma once
// multipart/form-data bodies (RFC 7578), as browsers send a form with a file
// input. The parts are views into the request body: a 50 MB file is never
// copied to be read.

#include "core/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::http {

struct MultipartPart {
    std::string name;                      // the form field
    std::optional<std::string> file_name;  // present for a file input (possibly empty: no file chosen)
    std::string content_type;              // "text/plain" when the part does not say
    std::string_view content;              // a view into the body given to parse_multipart
};

// True when a Content-Type header value is multipart/form-data.
bool is_multipart_form_data(std::string_view content_type);

// Splits a body whose Content-Type is content_type. Fails with Invalid (French
// message) when the type has no boundary, the body does not follow it, a part
// has no name or the body has more than max_parts parts. The views point into
// body, which must outlive them.
core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                         std::size_t max_parts = 16);

// The first part of that name, or nullptr.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace boussole::http
