// CSV imports over the API: sending a file (as text/csv or in a multipart
// form), the list of imports, one import with its line-by-line report, undo,
// and the template file.
#include "collection/csv_columns.hpp"
#include "collection/import.hpp"
#include "collection/import_report.hpp"
#include "web/api/import_upload.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

nlohmann::json optional_json(const std::optional<std::int64_t>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json import_json(const collection::Import& import, const access::Principal& principal, bool with_report)
{
    nlohmann::json json{
        {"id", import.id},
        {"file_name", import.file_name},
        {"content_sha256", import.content_sha256},
        {"mode", collection::to_string(import.mode)},
        {"status", collection::to_string(import.status)},
        {"dialect", import.dialect},
        {"lines_total", import.lines_total},
        {"values_written", import.values_written},
        {"values_unchanged", import.values_unchanged},
        {"lines_rejected", import.lines_rejected},
        {"organisation_id", optional_json(import.organisation_id)},
        {"user_id", optional_json(import.user_id)},
        {"token_id", optional_json(import.token_id)},
        {"actor", import.actor_label},
        {"created_at", core::to_iso8601(import.created_at)},
        {"undone_at", import.undone_at ? nlohmann::json(core::to_iso8601(*import.undone_at)) : nlohmann::json(nullptr)},
        {"undone_by", import.undone_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(import.undone_by)},
        {"can_undo", import.status == collection::ImportStatus::Applied && collection::may_undo(principal, import)}};
    if (with_report)
        json["report"] = collection::report_json(import.report);
    return json;
}

std::string location_of(std::int64_t id)
{
    return "/api/v1/imports/" + std::to_string(id);
}

http::Response refused_response(const collection::Import& import, const http::Request& request)
{
    const auto& principal = request_context(request).principal;
    std::string detail =
        import.lines_rejected > 0
            ? "Import refusé : " + std::to_string(import.lines_rejected) +
                  " ligne(s) fautive(s), rien n'a été écrit. Corrigez les lignes du rapport et envoyez de nouveau "
                  "le fichier, ou demandez mode=valid_lines pour n'écrire que les lignes valides."
            : "Import refusé, rien n'a été écrit : " +
                  (import.report.empty() ? std::string("le fichier est illisible.") : import.report.front().message);
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& line : import.report) {
        if (line.warning)
            continue;
        nlohmann::json entry{{"field", line.field}, {"message", line.message}, {"expected", line.expected}};
        if (line.line)
            entry["line"] = *line.line;
        if (!line.value.empty())
            entry["value"] = line.value;
        errors.push_back(std::move(entry));
    }
    auto response = http::Response::problem(422, std::string(http::status_title(422)), detail,
                                            {{"code", "invalid"},
                                             {"request_id", request.request_id},
                                             {"errors", errors},
                                             {"import", import_json(import, principal, true)}});
    response.set_header("Location", location_of(import.id));
    return response;
}

http::Response create_import(AppState& state, http::Request& request)
{
    auto upload = read_upload(request, "file");
    if (!upload.ok())
        return problem_response(upload.error(), request);
    auto import = import_upload(state, request, *upload);
    if (!import.ok())
        return problem_response(import.error(), request);
    if (import->status == collection::ImportStatus::Refused)
        return refused_response(*import, request);
    return created(import_json(*import, request_context(request).principal, true), location_of(import->id));
}

http::Response list_imports(AppState& state, http::Request& request)
{
    auto page_request = page_parameters(request);
    if (!page_request.ok())
        return problem_response(page_request.error(), request);
    const auto& principal = request_context(request).principal;
    auto page = state.database.read([&](storage::Connection& connection) {
        return collection::list_imports(connection, principal, *page_request);
    });
    if (!page.ok())
        return problem_response(page.error(), request);
    return http::Response::json(
        200, page_json(*page, [&](const collection::Import& import) { return import_json(import, principal, false); }));
}

http::Response get_import(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    const auto& principal = request_context(request).principal;
    auto import = state.database.read(
        [&](storage::Connection& connection) { return collection::find_import(connection, principal, *id); });
    if (!import.ok())
        return problem_response(import.error(), request);
    return http::Response::json(200, import_json(*import, principal, true));
}

http::Response undo_import(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    const auto& principal = request_context(request).principal;
    auto undone = collection::undo_import(state.database, principal, *id);
    if (!undone.ok())
        return problem_response(undone.error(), request);
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& cell : undone->kept)
        kept.push_back({{"element", cell.element},
                        {"territory", cell.territory_key},
                        {"period", cell.period},
                        {"reason", cell.reason}});
    auto import = state.database.read(
        [&](storage::Connection& connection) { return collection::find_import(connection, principal, *id); });
    nlohmann::json body{{"restored", undone->restored}, {"kept", kept}};
    if (import.ok())
        body["import"] = import_json(*import, principal, false);
    return http::Response::json(200, body);
}

http::Response template_file(http::Request&)
{
    auto response = http::Response::text(200, collection::import_template_csv());
    response.set_header("Content-Type", "text/csv; charset=utf-8");
    response.set_header("Content-Disposition",
                        std::string("attachment; filename=\"") + collection::kTemplateFileName + "\"");
    response.set_header("Cache-Control", "public, max-age=3600");
    return response;
}

}  // namespace

void register_import_routes(http::Router& router, AppState& state)
{
    router.post("/api/v1/imports", [&state](http::Request& request) { return create_import(state, request); },
                {kImportRouteBodyLimit});
    router.get("/api/v1/imports", [&state](http::Request& request) { return list_imports(state, request); });
    router.get("/api/v1/imports/template.csv", [](http::Request& request) { return template_file(request); });
    router.get("/api/v1/imports/{id}", [&state](http::Request& request) { return get_import(state, request); });
    router.post("/api/v1/imports/{id}/undo", [&state](http::Request& request) { return undo_import(state, request); });
}

}  // namespace boussole::web::api
