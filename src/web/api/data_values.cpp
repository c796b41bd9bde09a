// Data values over the API: a batch written by an information system (API
// token) or a person (session and CSRF token), the list with filters as JSON
// or as a CSV for spreadsheets, the history of one cell, and the deletion of
// one cell (a recorded change). The checks are the domain's (write_values);
// this file only reads the request and shapes the answer.
#include "access/policy.hpp"
#include "collection/value_checks.hpp"
#include "core/text.hpp"
#include "render/csv_writer.hpp"
#include "web/api/data_value_views.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::web::api {

namespace {

using collection::ValueInput;

// A batch is written in one transaction; beyond this, the CSV import (which
// streams its file) is the right tool.
constexpr std::size_t kLargestBatch = 10000;
constexpr std::size_t kBatchBodyLimit = 4 * 1024 * 1024;
constexpr std::int64_t kLargestExport = 100000;

collection::ValueOrigin origin_of(const http::Request& request)
{
    return request_context(request).credential == CredentialKind::ApiToken ? collection::ValueOrigin::Api
                                                                           : collection::ValueOrigin::User;
}

core::FieldError shape_fault(long line, const std::string& field, const std::string& message)
{
    return {field, message, line, std::nullopt};
}

// One entry of "values"; its faults of shape (not an object, a member of the
// wrong type, an unknown member) go to faults, the rest to write_values.
std::optional<ValueInput> read_entry(const nlohmann::json& entry, long line, std::vector<core::FieldError>& faults)
{
    if (!entry.is_object()) {
        faults.push_back(shape_fault(line, "values",
                                     "Chaque valeur est un objet JSON : {\"element\", \"territory\", "
                                     "\"period\", \"value\", \"comment\"}."));
        return std::nullopt;
    }
    auto before = faults.size();
    ValueInput input;
    input.line = line;
    for (const auto& [member, value] : entry.items()) {
        std::string* text = member == "element"     ? &input.element
                            : member == "territory" ? &input.territory
                            : member == "period"    ? &input.period
                            : member == "comment"   ? &input.comment
                                                    : nullptr;
        if (text) {
            if (value.is_string())
                *text = value.get<std::string>();
            else if (!(member == "comment" && value.is_null()))
                faults.push_back(shape_fault(line, member, "Champ « " + member + " » : texte attendu."));
        } else if (member == "value") {
            if (value.is_number())
                input.value = value.get<double>();
            else if (!value.is_null())
                faults.push_back(shape_fault(line, "value",
                                             "Champ « value » : un nombre JSON est attendu (ex. 1234 ou 12.5, "
                                             "sans guillemets), ou null pour supprimer la valeur."));
        } else {
            faults.push_back(shape_fault(line, collection::shown(member),
                                         "Champ « " + collection::shown(member) +
                                             " » inconnu : les champs possibles sont element, territory, period, "
                                             "value et comment."));
        }
    }
    if (!entry.contains("value"))
        faults.push_back(
            shape_fault(line, "value", "Champ « value » obligatoire : un nombre, ou null pour supprimer la valeur."));
    if (faults.size() != before)
        return std::nullopt;
    return input;
}

core::Result<collection::WriteMode> write_mode(const nlohmann::json& body)
{
    auto mode = optional_string(body, "mode");
    if (!mode.ok())
        return std::move(mode).error();
    if (!*mode || **mode == "all_or_nothing")
        return collection::WriteMode::AllOrNothing;
    if (**mode == "valid_lines")
        return collection::WriteMode::ValidLines;
    return invalid_parameter("mode", "attendu all_or_nothing (par défaut) ou valid_lines", collection::shown(**mode));
}

http::Response post_values(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto known = only_members(*body, {"values", "mode"}); !known.ok())
        return problem_response(known.error(), request);
    auto mode = write_mode(*body);
    if (!mode.ok())
        return problem_response(mode.error(), request);
    auto values = body->find("values");
    if (values == body->end() || !values->is_array() || values->empty())
        return problem_response(invalid_parameter("values", "attendu un tableau non vide de valeurs"), request);
    if (values->size() > kLargestBatch)
        return problem_response(invalid_parameter("values",
                                                  "au plus 10 000 valeurs par requête : découpez l'envoi, ou "
                                                  "utilisez l'import CSV",
                                                  std::to_string(values->size())),
                                request);

    std::vector<ValueInput> inputs;
    std::vector<core::FieldError> shape_faults;
    long line = 0;
    for (const auto& entry : *values)
        if (auto input = read_entry(entry, ++line, shape_faults))
            inputs.push_back(std::move(*input));

    const auto& principal = request_context(request).principal;
    std::optional<collection::WriteReport> report;
    bool refuse_all = !shape_faults.empty() && *mode == collection::WriteMode::AllOrNothing;
    auto outcome = state.database.write([&](storage::Connection& connection) -> core::Status {
        auto catalogue = catalogue::Catalogue::load(connection);
        auto written = collection::write_values(connection, principal, state.registry, catalogue, inputs,
                                                {origin_of(request), std::nullopt, *mode});
        if (!written.ok())
            return std::move(written).error();
        report = std::move(written).value();
        // Faults of shape refuse the whole batch too: the transaction ends
        // without its values, and the report says why.
        if (refuse_all && report->applied)
            return core::Error::invalid("lot refusé");
        return {};
    });
    if (!outcome.ok() && !report)
        return problem_response(outcome.error(), request);
    report->rejected.insert(report->rejected.end(), shape_faults.begin(), shape_faults.end());
    std::stable_sort(
        report->rejected.begin(), report->rejected.end(),
        [](const core::FieldError& a, const core::FieldError& b) { return a.line.value_or(0) < b.line.value_or(0); });
    if (refuse_all) {
        report->applied = false;
        report->written = 0;
        report->unchanged = 0;
        report->warnings.clear();
    }
    return write_report_response(*report, request);
}

struct ListRequest {
    collection::ValueQuery query;
    bool csv = false;
};

core::Result<std::optional<core::Period>> period_query(const http::Request& request, const char* name,
                                                       const catalogue::DataElement* element)
{
    auto text = text_query(request, name, 20);
    if (!text.ok())
        return std::move(text).error();
    if (text->empty())
        return std::optional<core::Period>{};
    auto period = element ? core::Period::parse(*text, element->period_type) : core::Period::parse(*text);
    if (!period.ok())
        return core::Error::invalid(period.error().message, {{name, period.error().message, std::nullopt, *text}});
    return std::optional<core::Period>{*period};
}

core::Result<ListRequest> list_request(AppState& state, const http::Request& request,
                                       const catalogue::Catalogue& catalogue)
{
    ListRequest list;
    auto& query = list.query;
    auto element = text_query(request, "element", 100);
    if (!element.ok())
        return std::move(element).error();
    const catalogue::DataElement* found = nullptr;
    if (!element->empty()) {
        auto known = catalogue.element(*element);
        if (!known.ok())
            return core::Error::invalid(known.error().message,
                                        {{"element", "élément inconnu", std::nullopt, *element}});
        found = *known;
        query.element = found->code;
    }
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return std::move(territory).error();
    if (!territory->empty()) {
        auto resolved = territory->find('-') != std::string::npos || *territory == "FR"
                            ? state.registry.resolve(*territory)
                            : state.registry.resolve_department_code(*territory);
        if (!resolved.ok())
            return core::Error::invalid(resolved.error().message,
                                        {{"territory", "territoire inconnu", std::nullopt, *territory}});
        query.territory = (*resolved)->key;
    }
    for (auto [name, target] : {std::pair{"from", &query.from}, std::pair{"to", &query.to}}) {
        auto period = period_query(request, name, found);
        if (!period.ok())
            return std::move(period).error();
        *target = *period;
    }
    auto status = text_query(request, "status", 20);
    if (!status.ok())
        return std::move(status).error();
    if (!status->empty()) {
        auto parsed = collection::parse_value_status(*status);
        if (!parsed.ok())
            return core::Error::invalid(parsed.error().message, {{"status", "statut inconnu", std::nullopt, *status}});
        query.status = *parsed;
    }
    auto deleted = bool_query(request, "include_deleted");
    if (!deleted.ok())
        return std::move(deleted).error();
    query.include_deleted = deleted->value_or(false);
    auto format = text_query(request, "format", 10);
    if (!format.ok())
        return std::move(format).error();
    if (!format->empty() && *format != "csv" && *format != "json")
        return invalid_parameter("format", "attendu json (par défaut) ou csv", *format);
    auto accept = request.header("Accept").value_or("");
    list.csv = *format == "csv" || (format->empty() && accept.find("text/csv") != std::string_view::npos);
    auto page = page_parameters(request);
    if (!page.ok())
        return std::move(page).error();
    query.page = *page;
    if (list.csv)
        query.page = {1, static_cast<int>(kLargestExport)};
    return list;
}

http::Response csv_response(AppState& state, const core::Page<collection::DataValue>& page)
{
    render::CsvWriter writer;
    writer.add_row({"element", "territoire", "nom_territoire", "periode", "valeur", "commentaire", "statut", "origine",
                    "supprimee", "inhabituelle", "version", "modifiee_le", "modifiee_par"});
    for (const auto& value : page.items) {
        const auto* territory = state.registry.find(value.territory);
        writer.add_row({value.element, value.territory.to_string(), territory ? territory->name : "",
                        value.period.to_string(), render::csv_number(value.value), value.comment,
                        collection::label(value.status), collection::label(value.origin), value.deleted ? "oui" : "non",
                        value.outlier ? "oui" : "non", std::to_string(value.version),
                        core::to_iso8601(value.updated_at), value.updated_by});
    }
    auto response = http::Response::text(200, writer.text());
    response.set_header("Content-Type", std::string(render::kCsvContentType));
    response.set_header("Content-Disposition", "attachment; filename=\"valeurs-boussole.csv\"");
    return response;
}

http::Response list_values(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    auto page = state.database.read([&](storage::Connection& connection) -> core::Result<ListRequest> {
        auto catalogue = catalogue::Catalogue::load(connection);
        return list_request(state, request, catalogue);
    });
    if (!page.ok())
        return problem_response(page.error(), request);
    auto& query = page->query;
    // The public sees validated figures only; the rest is the actors' work.
    if (!principal.authenticated()) {
        if (query.status && *query.status != collection::ValueStatus::Validated)
            return problem_response(core::Error::unauthenticated("Connectez-vous pour voir les valeurs qui ne sont "
                                                                 "pas encore validées."),
                                    request);
        query.status = collection::ValueStatus::Validated;
        query.include_deleted = false;
    }
    auto values = state.database.read(
        [&](storage::Connection& connection) { return collection::find_values(connection, state.registry, query); });
    if (!values.ok())
        return problem_response(values.error(), request);
    if (page->csv) {
        if (values->total > kLargestExport)
            return problem_response(invalid_parameter("format",
                                                      "export limité à 100 000 valeurs : filtrez par élément, "
                                                      "territoire ou période",
                                                      std::to_string(values->total)),
                                    request);
        return csv_response(state, *values);
    }
    return http::Response::json(200, page_json(*values, [&](const collection::DataValue& value) {
                                    return data_value_json(value, state.registry);
                                }));
}

struct CellPath {
    std::string element;
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    core::Period period = core::Period::year(2000);
};

core::Result<CellPath> cell_path(AppState& state, const http::Request& request, storage::Connection& connection)
{
    auto catalogue = catalogue::Catalogue::load(connection);
    auto element = catalogue.element(request.path_param("element"));
    if (!element.ok())
        return std::move(element).error();
    auto department = collection::resolve_department(state.registry, request.path_param("territory"));
    if (!department.ok())
        return core::Error::not_found(department.error().message);
    auto period = core::Period::parse(request.path_param("period"), (*element)->period_type);
    if (!period.ok())
        return core::Error::not_found(period.error().message);
    return CellPath{(*element)->code, (*department)->key, *period};
}

http::Response value_history(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto path = cell_path(state, request, connection);
        if (!path.ok())
            return std::move(path).error();
        BOUSSOLE_TRY(access::require_territorial_read(principal, path->territory));
        auto versions = collection::value_history(connection, path->element, path->territory, path->period);
        if (!versions.ok())
            return std::move(versions).error();
        auto current = collection::find_value(connection, path->element, path->territory, path->period);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& version : *versions)
            items.push_back(value_version_json(version));
        return nlohmann::json{{"value", current ? data_value_json(*current, state.registry) : nlohmann::json(nullptr)},
                              {"versions", items}};
    });
    return json_or_problem(answer, request);
}

http::Response delete_value(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    std::optional<collection::WriteReport> report;
    auto outcome = state.database.write([&](storage::Connection& connection) -> core::Status {
        auto path = cell_path(state, request, connection);
        if (!path.ok())
            return std::move(path).error();
        BOUSSOLE_TRY(access::require_territorial_write(principal, {path->territory}, "supprimer cette valeur"));
        if (!collection::find_value(connection, path->element, path->territory, path->period))
            return core::Error::not_found("Aucune valeur n'a été saisie pour cette cellule : rien à supprimer.");
        auto catalogue = catalogue::Catalogue::load(connection);
        ValueInput input{1, path->element, path->territory.to_string(), path->period.to_string(), std::nullopt, ""};
        auto written =
            collection::write_values(connection, principal, state.registry, catalogue, {input},
                                     {origin_of(request), std::nullopt, collection::WriteMode::AllOrNothing});
        if (!written.ok())
            return std::move(written).error();
        report = std::move(written).value();
        return {};
    });
    if (!outcome.ok())
        return problem_response(outcome.error(), request);
    return write_report_response(*report, request);
}

}  // namespace

void register_data_value_routes(http::Router& router, AppState& state)
{
    http::RouteOptions batch;
    batch.body_limit = kBatchBodyLimit;
    router.post(
        "/api/v1/data-values", [&state](http::Request& request) { return post_values(state, request); }, batch);
    router.get("/api/v1/data-values", [&state](http::Request& request) { return list_values(state, request); });
    router.get("/api/v1/data-values/{element}/{territory}/{period}/history",
               [&state](http::Request& request) { return value_history(state, request); });
    router.del("/api/v1/data-values/{element}/{territory}/{period}",
               [&state](http::Request& request) { return delete_value(state, request); });
}

}  // namespace boussole::web::api
