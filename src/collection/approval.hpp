#pragma once
// Approval of a department's values for a period (every element whose period
// is that one): the department's actors submit their drafts, the ARS of the
// region (or the national team) validates what was submitted, and may reopen
// what it validated, giving a reason. Validated values are locked
// (write_values refuses to change them) until reopened.
//
// Each action changes the statuses in one statement, appends a history row
// per value, an approval_events row and an audit log entry, in the caller's
// transaction. Reentrant; each call uses the connection it is given.

#include "access/principal.hpp"
#include "collection/data_values.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::collection {

enum class ApprovalAction { Submit, Validate, Reopen };

const char* to_string(ApprovalAction action);  // "submit", "validate", "reopen"
const char* label(ApprovalAction action);      // "transmission", "validation", "réouverture"
core::Result<ApprovalAction> parse_approval_action(std::string_view text);

struct ApprovalRequest {
    std::string territory;  // "DEP-33" or "33"
    std::string period;     // "2025", "2025-T3", "2025-07"
    ApprovalAction action = ApprovalAction::Submit;
    std::string reason;  // required to reopen, kept in the history
};

struct ApprovalResult {
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    core::Period period = core::Period::year(2000);
    ApprovalAction action = ApprovalAction::Submit;
    std::int64_t values_affected = 0;
};

// Applies the action. Invalid for a territory that is not a department, a
// malformed period or a missing reason; Forbidden when the principal may not
// take this action on this department (submit: its territorial editors and
// write tokens, or national administrators; validate and reopen: a person of
// the region's ARS with the editor role, or a national administrator);
// Conflict when no value is in the state the action starts from (nothing to
// submit, to validate or to reopen).
core::Result<ApprovalResult> apply_approval(storage::Connection& connection, const access::Principal& principal,
                                            const territory::TerritoryRegistry& registry,
                                            const ApprovalRequest& request);

// Whether the principal may take the action on the department (the same rule
// as apply_approval), to offer buttons only where they work.
core::Status may_approve(storage::Connection& connection, const access::Principal& principal, ApprovalAction action,
                         const territory::TerritoryKey& department);

// One department and period with values, as the approval queue lists it.
struct ApprovalGroup {
    territory::TerritoryKey territory = territory::TerritoryKey::nation();
    core::Period period = core::Period::year(2000);
    std::int64_t draft = 0;
    std::int64_t submitted = 0;
    std::int64_t validated = 0;
    core::Timestamp last_change;
    std::optional<std::string> last_event;  // "transmission par … le …", when there was one
    bool can_submit = false;
    bool can_validate = false;
    bool can_reopen = false;
};

struct ApprovalQueueQuery {
    // The groups holding values in this status: Submitted (what waits for
    // validation), Draft (what waits to be submitted), Validated.
    ValueStatus status = ValueStatus::Submitted;
    std::optional<territory::TerritoryKey> territory;  // a department or a region; the whole scope when absent
    std::optional<core::Period> period;                // one period; every one when absent
    core::PageRequest page;
};

// The groups within the principal's scope (every department for national
// roles), newest period first, then in the order of departments.
// Unauthenticated when nobody is signed in.
core::Result<core::Page<ApprovalGroup>> approval_queue(storage::Connection& connection,
                                                       const access::Principal& principal,
                                                       const territory::TerritoryRegistry& registry,
                                                       const ApprovalQueueQuery& query);

}  // namespace boussole::collection
