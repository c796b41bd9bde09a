// The CSV import page: what the file must look like, with the template to
// download; the upload form (all or nothing, or the valid lines only); and the
// imports the person may see, newest first. Sending a file runs the import and
// leads to its report (data_import_report.cpp), whether it was applied or
// refused: the import is recorded either way. People who may not write data
// see the explanation and the list, without the form.
#include "access/policy.hpp"
#include "collection/csv_columns.hpp"
#include "core/french.hpp"
#include "web/api/import_upload.hpp"
#include "web/http/multipart.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

constexpr const char* kPath = "/donnees/import";
constexpr const char* kFileField = "file";

std::string list_href(int page)
{
    return kPath + query_string({{"page", page > 1 ? std::to_string(page) : ""}});
}

// Whoever may write data values somewhere may import (the rule of
// collection::run_import, checked first so that the page can say it).
core::Status may_import(const access::Principal& principal)
{
    std::vector<territory::TerritoryKey> scope(principal.scope.territories().begin(),
                                               principal.scope.territories().end());
    return access::require_territorial_write(principal, scope, "faire un import de données");
}

// What the form shows when it comes back: the mode chosen and the errors.
struct FormState {
    collection::WriteMode mode = collection::WriteMode::AllOrNothing;
    std::optional<core::Error> error;  // fields "file" and "mode"
};

nlohmann::json columns_view()
{
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& column : collection::column_docs())
        columns.push_back({{"name", column.name},
                           {"also", column.also},
                           {"required", column.required},
                           {"description", column.description},
                           {"example", column.example}});
    return columns;
}

nlohmann::json import_row(const collection::Import& import)
{
    return {{"id", import.id},
            {"href", import_href(import.id)},
            {"created_at", core::format_datetime(import.created_at)},
            {"file_name", import.file_name},
            {"actor", import.actor_label},
            {"status", import_status_view(import.status)},
            {"mode", collection::label(import.mode)},
            {"lines", core::format_integer(import.lines_total)},
            {"written", core::format_integer(import.values_written)},
            {"unchanged", core::format_integer(import.values_unchanged)},
            {"rejected", core::format_integer(import.lines_rejected)}};
}

http::Response render(AppState& state, http::Request& request, int page_number, const FormState& form)
{
    const auto& principal = request_context(request).principal;
    auto page = state.database.read([&](storage::Connection& connection) {
        return collection::list_imports(connection, principal, {page_number, core::PageRequest::kDefaultSize});
    });
    if (!page.ok())
        return error_page(state, request, page.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& import : page->items)
        rows.push_back(import_row(import));

    auto allowed = may_import(principal);
    bool valid_lines = form.mode == collection::WriteMode::ValidLines;
    nlohmann::json context{
        {"tabs", data_tabs("import")},
        {"columns", columns_view()},
        {"template_href", "/api/v1/imports/template.csv"},
        {"template_size",
         core::format_integer(static_cast<std::int64_t>((collection::import_template_csv().size() + 1023) / 1024))},
        {"max_size", core::format_integer(collection::kDefaultMaxImportBytes / (1024 * 1024))},
        {"can_import", allowed.ok()},
        {"read_only_reason", allowed.ok() ? std::string() : allowed.error().message},
        {"all_or_nothing", !valid_lines},
        {"valid_lines", valid_lines},
        {"errors", form.error ? error_view(*form.error, {{"file", "import-fichier"}, {"mode", "import-mode-tout"}})
                              : nlohmann::json{{"any", false}}},
        {"rows", rows},
        {"has_rows", !rows.empty()},
        {"total", count_of(page->total, "import", "imports")},
        {"page_number", page_number},
        {"page_count", page->page_count()},
        {"pagination", pagination_view(page_number, page->page_count(), list_href)},
    };
    PageMeta meta;
    meta.title = title_with_errors("Import de fichiers", form.error.has_value());
    meta.section = kDataSection;
    meta.breadcrumbs = {{"Données", "/donnees/saisie"}, {"Import de fichiers", ""}};
    if (form.error)
        meta.status = form.error->code == core::ErrorCode::PayloadTooLarge ? 413 : 422;
    return render_page(state, request, "data_import", context, meta);
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "importer des données"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    int page = parse_positive_int(request.query_param("page").value_or("1")).value_or(1);
    return render(state, request, page, {});
}

// The mode the person chose, to check it again when the form comes back; the
// default when the body cannot say.
collection::WriteMode chosen_mode(const http::Request& request)
{
    auto content_type = request.header("Content-Type").value_or("");
    if (!http::is_multipart_form_data(content_type))
        return collection::WriteMode::AllOrNothing;
    auto parts = http::parse_multipart(content_type, request.body);
    const auto* mode = parts.ok() ? http::find_part(*parts, "mode") : nullptr;
    if (mode == nullptr)
        return collection::WriteMode::AllOrNothing;
    auto parsed = collection::parse_write_mode(mode->content);
    return parsed.ok() ? *parsed : collection::WriteMode::AllOrNothing;
}

// A form error in the page's words: read_upload speaks to API clients too.
core::Error form_error_of(const core::Error& error)
{
    bool about_mode = !error.fields.empty() && error.fields.front().field == "mode";
    if (about_mode)
        return field_error("mode",
                           "Choisissez ce que Boussole fait des lignes fautives : « Tout ou rien (recommandé) » ou « "
                           "Écrire les lignes valides et signaler les autres ».");
    if (error.code == core::ErrorCode::UnsupportedMediaType || error.fields.empty() ||
        error.fields.front().field == kFileField)
        return field_error(kFileField,
                           "Aucun fichier reçu : choisissez le fichier CSV à importer, puis cliquez sur « "
                           "Importer le fichier ».");
    return field_error(kFileField, error.message);
}

http::Response upload(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "importer des données"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    if (auto allowed = may_import(request_context(request).principal); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto upload = read_upload(request, kFileField);
    if (!upload.ok())
        return render(state, request, 1, {chosen_mode(request), form_error_of(upload.error())});
    auto import = import_upload(state, request, *upload);
    if (!import.ok()) {
        const auto& error = import.error();
        if (error.code != core::ErrorCode::PayloadTooLarge)
            return error_page(state, request, error);
        auto too_large = core::Error{
            core::ErrorCode::PayloadTooLarge, error.message, {{kFileField, error.message, std::nullopt, std::nullopt}}};
        return render(state, request, 1, {upload->mode, too_large});
    }
    // Post/redirect/get: the report of the import, applied or refused.
    return http::Response::redirect(303, import_href(import->id));
}

}  // namespace

void register_data_import_routes(http::Router& router, AppState& state)
{
    router.get(kPath, [&state](http::Request& request) { return show(state, request); });
    router.post(kPath, [&state](http::Request& request) { return upload(state, request); }, {kImportRouteBodyLimit});
}

}  // namespace boussole::web::pages
