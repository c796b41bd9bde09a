// Approval over the API: submitting a department's values for a period,
// validating or reopening them, and the queue of what waits, within the
// caller's scope. The rules are the domain's (collection/approval.hpp).
#include "collection/value_checks.hpp"
#include "web/api/data_value_views.hpp"
#include "web/api/json_views.hpp"
#include "web/api/parameters.hpp"
#include "web/api/request_body.hpp"
#include "web/api/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::api {

namespace {

core::Result<collection::ApprovalRequest> approval_request(const nlohmann::json& body)
{
    BOUSSOLE_TRY(only_members(body, {"territory", "period", "action", "reason"}));
    auto territory = required_string(body, "territory");
    if (!territory.ok())
        return std::move(territory).error();
    auto period = required_string(body, "period");
    if (!period.ok())
        return std::move(period).error();
    auto action_text = required_string(body, "action");
    if (!action_text.ok())
        return std::move(action_text).error();
    auto action = collection::parse_approval_action(*action_text);
    if (!action.ok())
        return std::move(action).error();
    auto reason = optional_string(body, "reason");
    if (!reason.ok())
        return std::move(reason).error();
    return collection::ApprovalRequest{*territory, *period, *action, reason->value_or("")};
}

http::Response post_approval(AppState& state, http::Request& request)
{
    auto body = json_object_body(request);
    if (!body.ok())
        return problem_response(body.error(), request);
    auto input = approval_request(*body);
    if (!input.ok())
        return problem_response(input.error(), request);
    auto result = state.database.write([&](storage::Connection& connection) {
        return collection::apply_approval(connection, request_context(request).principal, state.registry, *input);
    });
    if (!result.ok())
        return problem_response(result.error(), request);
    const auto* territory = state.registry.find(result->territory);
    nlohmann::json answer{{"territory", result->territory.to_string()},
                          {"territory_name", territory ? territory->name : result->territory.to_string()},
                          {"action", collection::to_string(result->action)},
                          {"values_affected", result->values_affected}};
    add_period(answer, result->period);
    return http::Response::json(200, answer);
}

http::Response get_queue(AppState& state, http::Request& request)
{
    collection::ApprovalQueueQuery query;
    auto status = text_query(request, "status", 20);
    if (!status.ok())
        return problem_response(status.error(), request);
    if (!status->empty()) {
        auto parsed = collection::parse_value_status(*status);
        if (!parsed.ok())
            return problem_response(invalid_parameter("status", "attendu submitted (par défaut), draft ou validated",
                                                      collection::shown(*status)),
                                    request);
        query.status = *parsed;
    }
    auto territory = text_query(request, "territory", 20);
    if (!territory.ok())
        return problem_response(territory.error(), request);
    if (!territory->empty()) {
        auto resolved = state.registry.resolve(*territory);
        if (!resolved.ok())
            return problem_response(invalid_parameter("territory", resolved.error().message, *territory), request);
        query.territory = (*resolved)->key;
    }
    auto page = page_parameters(request);
    if (!page.ok())
        return problem_response(page.error(), request);
    query.page = *page;
    auto groups = state.database.read([&](storage::Connection& connection) {
        return collection::approval_queue(connection, request_context(request).principal, state.registry, query);
    });
    if (!groups.ok())
        return problem_response(groups.error(), request);
    return http::Response::json(200, page_json(*groups, [&](const collection::ApprovalGroup& group) {
                                    return approval_group_json(group, state.registry);
                                }));
}

}  // namespace

void register_approval_routes(http::Router& router, AppState& state)
{
    router.post("/api/v1/approvals", [&state](http::Request& request) { return post_approval(state, request); });
    router.get("/api/v1/approvals/queue", [&state](http::Request& request) { return get_queue(state, request); });
}

}  // namespace boussole::web::api
