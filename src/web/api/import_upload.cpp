#include "web/api/import_upload.hpp"

#include "catalogue/catalogue.hpp"
#include "web/http/multipart.hpp"
#include "web/request_context.hpp"

namespace boussole::web {

namespace {

bool is_csv_body(std::string_view content_type)
{
    std::string type(content_type.substr(0, content_type.find(';')));
    for (char& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    return type == "text/csv" || type == "application/csv" || type == "text/plain";
}

core::Result<collection::WriteMode> mode_of(std::string_view text)
{
    if (text.empty())
        return collection::WriteMode::AllOrNothing;
    return collection::parse_write_mode(text);
}

}  // namespace

core::Result<Upload> read_upload(const http::Request& request, std::string_view file_field)
{
    Upload upload;
    std::string_view content_type = request.header("Content-Type").value_or("");
    std::string_view query_mode = request.query_param("mode").value_or("");
    if (is_csv_body(content_type)) {
        upload.file_name = std::string(request.query_param("file_name").value_or("import.csv"));
        upload.bytes = request.body;
        auto mode = mode_of(query_mode);
        if (!mode.ok())
            return std::move(mode).error();
        upload.mode = *mode;
        return upload;
    }
    if (!http::is_multipart_form_data(content_type))
        return core::Error::unsupported_media_type(
            "Envoyez le fichier CSV tel quel (Content-Type: text/csv, nom du fichier dans ?file_name=) ou dans un "
            "formulaire multipart/form-data (champ « " +
            std::string(file_field) + " »).");
    auto parts = http::parse_multipart(content_type, request.body);
    if (!parts.ok())
        return std::move(parts).error();
    const auto* file = http::find_part(*parts, file_field);
    if (file == nullptr || !file->file_name || (file->file_name->empty() && file->content.empty()))
        return core::Error::invalid(
            "Aucun fichier reçu : choisissez le fichier CSV à importer.",
            {{std::string(file_field), "choisissez un fichier CSV", std::nullopt, std::nullopt}});
    upload.file_name = file->file_name->empty() ? "import.csv" : *file->file_name;
    upload.bytes = file->content;
    const auto* mode_part = http::find_part(*parts, "mode");
    auto mode = mode_of(mode_part ? mode_part->content : query_mode);
    if (!mode.ok())
        return std::move(mode).error();
    upload.mode = *mode;
    return upload;
}

core::Result<collection::Import> import_upload(AppState& state, const http::Request& request, const Upload& upload)
{
    auto catalogue =
        state.database.read([](storage::Connection& connection) { return catalogue::Catalogue::load(connection); });
    return collection::run_import(state.database, request_context(request).principal, state.registry, catalogue,
                                  upload.file_name, upload.bytes, upload.mode);
}

}  // namespace boussole::web
