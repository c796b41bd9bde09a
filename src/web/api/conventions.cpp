// The territorial conventions over the API: the national template (socle
// commun) and its versions, the national cap on commitments, the list of the
// conventions a caller may read, one convention with its commitments,
// creation from the template, renaming, the lifecycle steps, signatures, the
// recorded versions and the diff between two of them. The rules are the
// domain's (conventions/); this file reads the request and shapes the answer.
#include "access/policy.hpp"
#include "conventions/lifecycle.hpp"
#include "conventions/statistics.hpp"
#include "conventions/template.hpp"
#include "conventions/versions.hpp"
#include "core/text.hpp"
#include "web/api/convention_body.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

constexpr std::initializer_list<const char*> kTemplateMembers = {"period_start", "period_end", "note", "items"};
constexpr std::initializer_list<const char*> kItemMembers = {"priority",  "title",        "text",
                                                             "indicator", "target_value", "target_period"};
constexpr std::initializer_list<const char*> kCreateMembers = {"title", "territories", "period_start", "period_end",
                                                               "partners"};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

core::Result<conventions::TemplateInput> template_input(const nlohmann::json& body)
{
    BOUSSOLE_TRY(only_members(body, kTemplateMembers));
    conventions::TemplateInput input;
    BOUSSOLE_TRY(read_integer(body, "period_start", input.period_start));
    BOUSSOLE_TRY(read_integer(body, "period_end", input.period_end));
    BOUSSOLE_TRY(read_text(body, "note", input.note));
    auto items = body.find("items");
    if (items == body.end() || items->is_null())
        return input;
    if (!items->is_array())
        return invalid_parameter("items", "Champ « items » : une liste d'objectifs est attendue.");
    for (std::size_t index = 0; index < items->size(); ++index) {
        const auto& item = (*items)[index];
        auto name = "items[" + std::to_string(index) + "]";
        if (!item.is_object())
            return invalid_parameter(name, "Champ « " + name + " » : un objet est attendu.");
        BOUSSOLE_TRY(only_members(item, kItemMembers));
        conventions::TemplateItemInput entry;
        BOUSSOLE_TRY(read_text(item, "priority", entry.priority));
        BOUSSOLE_TRY(read_text(item, "title", entry.title));
        BOUSSOLE_TRY(read_text(item, "text", entry.text));
        BOUSSOLE_TRY(read_text(item, "indicator", entry.indicator));
        BOUSSOLE_TRY(read_number(item, "target_value", entry.target_value));
        BOUSSOLE_TRY(read_text(item, "target_period", entry.target_period));
        input.items.push_back(std::move(entry));
    }
    return input;
}

http::Response list_templates(AppState& state, http::Request&)
{
    auto models =
        state.database.read([&](storage::Connection& connection) { return conventions::list_templates(connection); });
    nlohmann::json items = nlohmann::json::array();
    for (const auto& model : models)
        items.push_back(conventions::to_json(model));
    return http::Response::json(200, {{"items", items}, {"total", items.size()}});
}

http::Response get_template(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto model = state.database.read(
        [&](storage::Connection& connection) { return conventions::find_template(connection, *id); });
    if (!model)
        return problem_response(core::Error::not_found("Version " + std::to_string(*id) +
                                                       " du socle commun introuvable : voyez la liste des versions."),
                                request);
    return http::Response::json(200, conventions::to_json(*model));
}

http::Response publish_template(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto input = template_input(*body);
    if (!input.ok())
        return problem_response(input.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        auto catalogue = catalogue::Catalogue::load(connection);
        return conventions::publish_template(connection, principal_of(request), catalogue, *input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(conventions::to_json(*saved), "/api/v1/conventions/templates/" + std::to_string(saved->id));
}

http::Response get_settings(AppState& state, http::Request&)
{
    auto cap =
        state.database.read([&](storage::Connection& connection) { return conventions::commitment_cap(connection); });
    return http::Response::json(200, {{"commitment_cap", cap}});
}

http::Response put_settings(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    std::optional<int> cap;
    auto read = only_members(*body, {"commitment_cap"});
    if (read.ok())
        read = read_integer(*body, "commitment_cap", cap);
    if (read.ok() && !cap)
        read = invalid_parameter("commitment_cap", "Champ « commitment_cap » : obligatoire, un entier entre 1 et 500.");
    if (!read.ok())
        return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return conventions::set_commitment_cap(connection, principal_of(request), *cap);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, {{"commitment_cap", *saved}});
}

core::Result<conventions::ConventionFilter> filter_of(AppState& state, const http::Request& request)
{
    conventions::ConventionFilter filter;
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return std::move(territory).error();
    if (!territory->empty()) {
        auto resolved = state.registry.resolve(*territory);
        if (!resolved.ok())
            return invalid_parameter("territory", resolved.error().message, *territory);
        filter.territory = (*resolved)->key;
    }
    auto period = id_query(request, "period_start");
    if (!period.ok())
        return std::move(period).error();
    if (*period)
        filter.period_start = static_cast<int>(std::min<std::int64_t>(**period, 100000));
    auto status = text_query(request, "status", 30);
    if (!status.ok())
        return std::move(status).error();
    if (!status->empty()) {
        auto parsed = conventions::parse_status(*status);
        if (!parsed.ok())
            return invalid_parameter("status", parsed.error().message, *status);
        filter.status = *parsed;
    }
    return filter;
}

http::Response list_conventions(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(principal_of(request)); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto filter = filter_of(state, request);
    if (!filter.ok())
        return problem_response(filter.error(), request);
    auto page = page_parameters(request);
    if (!page.ok())
        return problem_response(page.error(), request);
    auto found = state.database.read([&](storage::Connection& connection) {
        return conventions::list_conventions(connection, principal_of(request), state.registry, *filter);
    });
    return http::Response::json(200, page_json(slice_page(std::move(found), *page), [](const auto& convention) {
                                    return conventions::to_json(convention);
                                }));
}

http::Response create_convention(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    conventions::ConventionInput input;
    auto read = [&]() -> core::Status {
        BOUSSOLE_TRY(only_members(*body, kCreateMembers));
        BOUSSOLE_TRY(read_text(*body, "title", input.title));
        BOUSSOLE_TRY(read_texts(*body, "territories", input.territories));
        BOUSSOLE_TRY(read_integer(*body, "period_start", input.period_start));
        BOUSSOLE_TRY(read_integer(*body, "period_end", input.period_end));
        return read_texts(*body, "partners", input.partners);
    }();
    if (!read.ok())
        return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto convention = conventions::create_convention(connection, principal_of(request), state.registry, input);
        if (!convention.ok())
            return std::move(convention).error();
        return convention_view(connection, state, *convention);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(*saved, "/api/v1/conventions/" + std::to_string((*saved)["id"].get<std::int64_t>()));
}

// The convention of the path, when the caller may read it.
core::Result<conventions::Convention> readable(storage::Connection& connection, const http::Request& request,
                                               std::int64_t id)
{
    auto convention = conventions::find_convention(connection, id);
    if (!convention)
        return core::Error::not_found("Convention n° " + std::to_string(id) + " introuvable.");
    BOUSSOLE_TRY(conventions::may_read(principal_of(request), *convention));
    return *convention;
}

http::Response get_convention(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto convention = readable(connection, request, *id);
        if (!convention.ok())
            return std::move(convention).error();
        return convention_view(connection, state, *convention);
    });
    return json_or_problem(view, request);
}

// Runs a change of the convention of the path and answers with its view.
template <typename Change>
http::Response change_convention(AppState& state, http::Request& request, Change&& change)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto view = state.database.write([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto saved = change(connection, *id, *body);
        if (!saved.ok())
            return std::move(saved).error();
        return convention_view(connection, state, *saved);
    });
    return json_or_problem(view, request);
}

core::Result<std::map<std::int64_t, std::string>> assessments_of(const nlohmann::json& body)
{
    std::map<std::int64_t, std::string> assessments;
    auto found = body.find("assessments");
    if (found == body.end() || found->is_null())
        return assessments;
    if (!found->is_object())
        return invalid_parameter("assessments",
                                 "Champ « assessments » : un objet est attendu, le bilan de chaque engagement par son "
                                 "identifiant ({\"12\": \"…\"}).");
    for (const auto& [key, value] : found->items()) {
        auto id = core::parse_positive_integer(key);
        if (!id || !value.is_string())
            return invalid_parameter("assessments." + key,
                                     "Bilan « " + key + " » : un identifiant d'engagement et un texte sont attendus.");
        assessments[*id] = value.get<std::string>();
    }
    return assessments;
}

http::Response get_statistics(AppState& state, http::Request& request)
{
    if (auto signed_in = access::require_authenticated(principal_of(request)); !signed_in.ok())
        return problem_response(signed_in.error(), request);
    auto answer = state.database.read([&](storage::Connection& connection) {
        return conventions::statistics(connection, principal_of(request), state.registry);
    });
    return http::Response::json(200, answer);
}

}  // namespace

void register_convention_commitment_routes(http::Router& router, AppState& state);
void register_consultation_routes(http::Router& router, AppState& state);

void register_convention_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/conventions/templates",
               [&state](http::Request& request) { return list_templates(state, request); });
    router.post("/api/v1/conventions/templates",
                [&state](http::Request& request) { return publish_template(state, request); });
    router.get("/api/v1/conventions/templates/{id}",
               [&state](http::Request& request) { return get_template(state, request); });
    router.get("/api/v1/conventions/settings",
               [&state](http::Request& request) { return get_settings(state, request); });
    router.put("/api/v1/conventions/settings",
               [&state](http::Request& request) { return put_settings(state, request); });
    router.get("/api/v1/conventions/statistics",
               [&state](http::Request& request) { return get_statistics(state, request); });
    router.get("/api/v1/conventions", [&state](http::Request& request) { return list_conventions(state, request); });
    router.post("/api/v1/conventions", [&state](http::Request& request) { return create_convention(state, request); });
    router.get("/api/v1/conventions/{id}", [&state](http::Request& request) { return get_convention(state, request); });
    router.patch("/api/v1/conventions/{id}", [&state](http::Request& request) {
        return change_convention(state, request,
                                 [&](storage::Connection& connection, std::int64_t id,
                                     const nlohmann::json& body) -> core::Result<conventions::Convention> {
                                     BOUSSOLE_TRY(only_members(body, {"version", "title"}));
                                     auto version = required_version(body);
                                     if (!version.ok())
                                         return std::move(version).error();
                                     std::string title;
                                     BOUSSOLE_TRY(read_text(body, "title", title));
                                     return conventions::rename_convention(connection, principal_of(request), id,
                                                                           *version, title);
                                 });
    });
    router.post("/api/v1/conventions/{id}/steps", [&state](http::Request& request) {
        return change_convention(state, request,
                                 [&](storage::Connection& connection, std::int64_t id,
                                     const nlohmann::json& body) -> core::Result<conventions::Convention> {
                                     BOUSSOLE_TRY(only_members(body, {"version", "step", "assessments"}));
                                     auto version = required_version(body);
                                     if (!version.ok())
                                         return std::move(version).error();
                                     auto text = required_string(body, "step");
                                     if (!text.ok())
                                         return std::move(text).error();
                                     auto step = conventions::parse_step(*text);
                                     if (!step.ok())
                                         return std::move(step).error();
                                     auto assessments = assessments_of(body);
                                     if (!assessments.ok())
                                         return std::move(assessments).error();
                                     return conventions::take_step(connection, principal_of(request), id, *version,
                                                                   *step, *assessments);
                                 });
    });
    router.post("/api/v1/conventions/{id}/signatures", [&state](http::Request& request) {
        return change_convention(state, request,
                                 [&](storage::Connection& connection, std::int64_t id,
                                     const nlohmann::json& body) -> core::Result<conventions::Convention> {
                                     BOUSSOLE_TRY(only_members(body, {"version"}));
                                     std::optional<int> version;
                                     BOUSSOLE_TRY(read_integer(body, "version", version));
                                     return conventions::sign_convention(connection, principal_of(request), id,
                                                                         version);
                                 });
    });
    register_convention_commitment_routes(router, state);
    register_consultation_routes(router, state);
}

}  // namespace boussole::web::api
