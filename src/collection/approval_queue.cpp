// The approval queue: the departments and periods holding values in one
// status, within the principal's scope, with what the principal may do on
// each.
#include "collection/approval.hpp"

#include "access/policy.hpp"
#include "core/french.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::collection {

namespace {

constexpr const char* kGroupsInStatus =
    "SELECT territory_key, period, period_type FROM data_values WHERE status = $1 AND deleted = 0 "
    "GROUP BY territory_key, period, period_type";

constexpr const char* kGroupState =
    "SELECT status, COUNT(*) AS n, MAX(updated_at) AS last_at FROM data_values "
    "WHERE territory_key = $1 AND period = $2 AND deleted = 0 GROUP BY status";

constexpr const char* kLastEvent =
    "SELECT action, actor_label, at FROM approval_events WHERE territory_key = $1 AND period = $2 "
    "ORDER BY id DESC LIMIT 1";

struct Candidate {
    const territory::Territory* department;
    core::Period period;
};

// Newest period first (by its last day, the coarser type first when two end
// together), then departments in their usual order.
bool comes_before(const Candidate& a, const Candidate& b)
{
    auto a_end = std::chrono::sys_days{a.period.last_day()};
    auto b_end = std::chrono::sys_days{b.period.last_day()};
    if (a_end != b_end)
        return a_end > b_end;
    if (a.period.type() != b.period.type())
        return static_cast<int>(a.period.type()) > static_cast<int>(b.period.type());
    return a.department->position < b.department->position;
}

void fill_group(storage::Connection& connection, const access::Principal& principal, ApprovalGroup& group)
{
    auto key = group.territory.to_string();
    auto period = group.period.to_string();
    std::string last;
    for (auto row : connection.query(kGroupState, {key, period})) {
        auto status = parse_value_status(row.text("status"));
        if (!status.ok())
            continue;
        auto count = row.integer("n");
        switch (*status) {
        case ValueStatus::Draft: group.draft = count; break;
        case ValueStatus::Submitted: group.submitted = count; break;
        case ValueStatus::Validated: group.validated = count; break;
        }
        last = std::max(last, row.text("last_at"));
    }
    group.last_change = core::parse_iso8601(last).value_or(core::Timestamp{});
    auto events = connection.query(kLastEvent, {key, period});
    if (!events.empty()) {
        auto event = events.front();
        auto action = parse_approval_action(event.text("action"));
        auto at = core::parse_iso8601(event.text("at"));
        group.last_event = std::string(action.ok() ? label(*action) : "action") + " par " + event.text("actor_label") +
                           (at ? " le " + core::format_datetime(*at) : std::string());
    }
    group.can_submit =
        group.draft > 0 && may_approve(connection, principal, ApprovalAction::Submit, group.territory).ok();
    group.can_validate =
        group.submitted > 0 && may_approve(connection, principal, ApprovalAction::Validate, group.territory).ok();
    group.can_reopen =
        group.validated > 0 && may_approve(connection, principal, ApprovalAction::Reopen, group.territory).ok();
}

}  // namespace

core::Result<core::Page<ApprovalGroup>> approval_queue(storage::Connection& connection,
                                                       const access::Principal& principal,
                                                       const territory::TerritoryRegistry& registry,
                                                       const ApprovalQueueQuery& query)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    bool everywhere = principal.scope.national() || access::is_national(principal.role);
    std::vector<Candidate> candidates;
    for (auto row : connection.query(kGroupsInStatus, {to_string(query.status)})) {
        auto key = territory::TerritoryKey::parse(row.text("territory_key"));
        auto type = core::parse_period_type(row.text("period_type"));
        if (!key.ok() || !type.ok())
            continue;
        auto period = core::Period::parse(row.text("period"), *type);
        const auto* department = registry.find(*key);
        if (!period.ok() || !department)
            continue;
        if (!everywhere && !principal.scope.covers(*key))
            continue;
        if (query.territory && !registry.contains(*query.territory, *key))
            continue;
        if (query.period && period->to_string() != query.period->to_string())
            continue;
        candidates.push_back({department, *period});
    }
    std::sort(candidates.begin(), candidates.end(), comes_before);

    core::Page<ApprovalGroup> page;
    page.number = query.page.number;
    page.size = query.page.size;
    page.total = static_cast<std::int64_t>(candidates.size());
    auto begin = std::min<std::int64_t>(query.page.offset(), page.total);
    auto end = std::min<std::int64_t>(begin + query.page.size, page.total);
    for (auto index = begin; index < end; ++index) {
        ApprovalGroup group;
        group.territory = candidates[static_cast<std::size_t>(index)].department->key;
        group.period = candidates[static_cast<std::size_t>(index)].period;
        fill_group(connection, principal, group);
        page.items.push_back(std::move(group));
    }
    return page;
}

}  // namespace boussole::collection
