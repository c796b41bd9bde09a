// The commitments of a convention over the API (addition, change with the
// version read, deletion as a recorded version), its recorded versions and
// the diff between two of them, commitment by commitment.
#include "conventions/versions.hpp"
#include "core/text.hpp"
#include "web/api/convention_body.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

constexpr std::initializer_list<const char*> kCreateMembers = {
    "section",      "partner",   "priority",        "title",          "text",         "lead",
    "contributors", "indicator", "baseline_period", "baseline_value", "target_value", "deadline"};
constexpr std::initializer_list<const char*> kChangeMembers = {
    "version",   "priority",        "title",          "text",         "lead",    "contributors",
    "indicator", "baseline_period", "baseline_value", "target_value", "deadline"};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

core::Result<std::pair<std::int64_t, std::int64_t>> ids_of(const http::Request& request)
{
    auto convention = id_parameter(request);
    if (!convention.ok())
        return std::move(convention).error();
    auto commitment = id_parameter(request, "commitment_id");
    if (!commitment.ok())
        return std::move(commitment).error();
    return std::pair{*convention, *commitment};
}

http::Response add_commitment(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    conventions::CommitmentInput input;
    if (auto read = only_members(*body, kCreateMembers); !read.ok())
        return problem_response(read.error(), request);
    if (auto read = merge_commitment(*body, input); !read.ok())
        return problem_response(read.error(), request);
    auto saved = state.database.write([&](storage::Connection& connection) {
        auto catalogue = catalogue::Catalogue::load(connection);
        return conventions::add_commitment(connection, principal_of(request), catalogue, *id, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return created(conventions::to_json(*saved),
                   "/api/v1/conventions/" + std::to_string(*id) + "/commitments/" + std::to_string(saved->id));
}

http::Response change_commitment(AppState& state, http::Request& request)
{
    auto ids = ids_of(request);
    if (!ids.ok())
        return problem_response(ids.error(), request);
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    if (auto read = only_members(*body, kChangeMembers); !read.ok())
        return problem_response(read.error(), request);
    auto version = required_version(*body);
    if (!version.ok())
        return problem_response(version.error(), request);
    auto [convention_id, commitment_id] = *ids;
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<conventions::Commitment> {
        auto current = conventions::find_commitment(connection, convention_id, commitment_id);
        auto convention = conventions::find_convention(connection, convention_id);
        if (!current || current->deleted || !convention ||
            !conventions::may_read(principal_of(request), *convention).ok())
            return core::Error::not_found("Engagement " + std::to_string(commitment_id) +
                                          " introuvable dans la convention n° " + std::to_string(convention_id) + ".");
        auto input = conventions::input_of(*current);
        BOUSSOLE_TRY(merge_commitment(*body, input));
        auto catalogue = catalogue::Catalogue::load(connection);
        return conventions::change_commitment(connection, principal_of(request), catalogue, convention_id,
                                              commitment_id, *version, input);
    });
    if (!saved.ok())
        return problem_response(saved.error(), request);
    return http::Response::json(200, conventions::to_json(*saved));
}

http::Response delete_commitment(AppState& state, http::Request& request)
{
    auto ids = ids_of(request);
    if (!ids.ok())
        return problem_response(ids.error(), request);
    auto version = version_query(request);
    if (!version.ok())
        return problem_response(version.error(), request);
    std::optional<int> expected = *version;
    auto deleted = state.database.write([&](storage::Connection& connection) {
        return conventions::delete_commitment(connection, principal_of(request), ids->first, ids->second, expected);
    });
    if (!deleted.ok())
        return problem_response(deleted.error(), request);
    return http::Response::empty(204);
}

// The text of a version, or the current text when number is absent.
core::Result<nlohmann::json> text_of(storage::Connection& connection, const conventions::Convention& convention,
                                     std::optional<std::int64_t> number, const char* parameter)
{
    if (!number)
        return conventions::snapshot_of(convention, conventions::list_commitments(connection, convention.id));
    auto snapshot = conventions::version_snapshot(connection, convention.id, static_cast<int>(*number));
    if (!snapshot)
        return invalid_parameter(parameter,
                                 "Version " + std::to_string(*number) +
                                     " introuvable : 0 est le texte initial, n le n-ième avenant, une fois en vigueur.",
                                 std::to_string(*number));
    return *snapshot;
}

http::Response convention_diff(AppState& state, http::Request& request)
{
    auto id = id_parameter(request);
    if (!id.ok())
        return problem_response(id.error(), request);
    auto from_text = text_query(request, "from", 10);
    if (!from_text.ok())
        return problem_response(from_text.error(), request);
    auto from = core::parse_positive_integer(*from_text);
    if (*from_text == "0")
        from = 0;
    if (!from)
        return problem_response(invalid_parameter("from",
                                                  "Paramètre « from » : obligatoire, le numéro d'une version (0 pour "
                                                  "le texte initial).",
                                                  *from_text),
                                request);
    auto to_text = text_query(request, "to", 10);
    if (!to_text.ok())
        return problem_response(to_text.error(), request);
    std::optional<std::int64_t> to;
    if (!to_text->empty()) {
        to = *to_text == "0" ? std::optional<std::int64_t>(0) : core::parse_positive_integer(*to_text);
        if (!to)
            return problem_response(
                invalid_parameter("to", "Paramètre « to » : le numéro d'une version, ou absent pour le texte en cours.",
                                  *to_text),
                request);
    }
    auto answer = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto convention = conventions::find_convention(connection, *id);
        if (!convention)
            return core::Error::not_found("Convention n° " + std::to_string(*id) + " introuvable.");
        BOUSSOLE_TRY(conventions::may_read(principal_of(request), *convention));
        auto before = text_of(connection, *convention, from, "from");
        if (!before.ok())
            return std::move(before).error();
        auto after = text_of(connection, *convention, to, "to");
        if (!after.ok())
            return std::move(after).error();
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& change : conventions::diff(*before, *after))
            changes.push_back(conventions::to_json(change));
        nlohmann::json answer = {{"from", *from}, {"changes", changes}};
        answer["to"] = to ? nlohmann::json(*to) : nlohmann::json("current");
        return answer;
    });
    return json_or_problem(answer, request);
}

}  // namespace

void register_convention_commitment_routes(http::Router& router, AppState& state)
{
    router.post("/api/v1/conventions/{id}/commitments",
                [&state](http::Request& request) { return add_commitment(state, request); });
    router.patch("/api/v1/conventions/{id}/commitments/{commitment_id}",
                 [&state](http::Request& request) { return change_commitment(state, request); });
    router.del("/api/v1/conventions/{id}/commitments/{commitment_id}",
               [&state](http::Request& request) { return delete_commitment(state, request); });
    router.get("/api/v1/conventions/{id}/diff",
               [&state](http::Request& request) { return convention_diff(state, request); });
}

}  // namespace boussole::web::api
