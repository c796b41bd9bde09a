// The audit log, for national administrators: who changed what, when, before
// and after, filtered by entity.
#include "access/audit.hpp"

#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

// The stored snapshots are JSON written by the domain; they are returned as
// JSON, or as text should an old entry not parse.
nlohmann::json snapshot_json(const std::optional<std::string>& text)
{
    if (!text)
        return nullptr;
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(*text) : parsed;
}

nlohmann::json audit_json(const access::AuditRecord& record)
{
    return {{"id", record.id},
            {"at", core::to_iso8601(record.at)},
            {"user_id", record.user_id ? nlohmann::json(*record.user_id) : nlohmann::json(nullptr)},
            {"actor_label", record.actor_label},
            {"action", record.action},
            {"entity_type", record.entity_type},
            {"entity_id", record.entity_id},
            {"before", snapshot_json(record.before_json)},
            {"after", snapshot_json(record.after_json)},
            {"request_id", record.request_id}};
}

http::Response list_audit(AppState& state, http::Request& request)
{
    auto entity_type = text_query(request, "entity_type", 60);
    if (!entity_type.ok())
        return problem_response(entity_type.error(), request);
    auto entity_id = text_query(request, "entity_id", 200);
    if (!entity_id.ok())
        return problem_response(entity_id.error(), request);
    auto page_request = page_parameters(request);
    if (!page_request.ok())
        return problem_response(page_request.error(), request);
    auto page = state.database.read([&](storage::Connection& connection) {
        return access::list_audit(connection, request_context(request).principal, *entity_type, *entity_id,
                                  *page_request);
    });
    if (!page.ok())
        return problem_response(page.error(), request);
    return http::Response::json(200, page_json(*page, audit_json));
}

}  // namespace

void register_audit_routes(http::Router& router, AppState& state)
{
    router.get("/api/v1/audit", [&state](http::Request& request) { return list_audit(state, request); });
}

}  // namespace boussole::web::api
