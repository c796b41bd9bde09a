#pragma once
// What the import API and the upload page share: reading the file and the
// mode out of a request (a CSV body or a multipart form), running the import
// with the catalogue of the moment, and the route limits.

#include "collection/import.hpp"
#include "web/app_state.hpp"
#include "web/http/message.hpp"

#include <string>
#include <string_view>

namespace boussole::web {

// The body limit of the upload routes: the import limit plus room for the
// multipart envelope and the other fields of the form.
inline constexpr std::size_t kImportRouteBodyLimit = collection::kDefaultMaxImportBytes + 64 * 1024;

struct Upload {
    std::string file_name;
    std::string_view bytes;  // a view into the request body
    collection::WriteMode mode = collection::WriteMode::AllOrNothing;
};

// A text/csv body (file_name and mode from the query), or a multipart form
// with the file in file_field and the mode in a "mode" field (or the query).
// Invalid when no file was chosen or the mode is unknown;
// UnsupportedMediaType for any other body.
core::Result<Upload> read_upload(const http::Request& request, std::string_view file_field);

// Loads the catalogue and runs the import for the principal of the request.
core::Result<collection::Import> import_upload(AppState& state, const http::Request& request, const Upload& upload);

}  // namespace boussole::web
