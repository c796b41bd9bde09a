#include "access/audit.hpp"

#include "access/policy.hpp"
#include "storage/connection.hpp"

namespace boussole::access {

namespace {

constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (at, user_id, actor_label, action, entity_type, entity_id, before_json, after_json, "
    "request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

constexpr const char* kSelectAudit =
    "SELECT id, at, user_id, actor_label, action, entity_type, entity_id, before_json, after_json, request_id "
    "FROM audit_log WHERE ($1 = '' OR entity_type = $1) AND ($2 = '' OR entity_id = $2) "
    "ORDER BY id DESC LIMIT $3 OFFSET $4";

constexpr const char* kCountAudit =
    "SELECT COUNT(*) AS total FROM audit_log WHERE ($1 = '' OR entity_type = $1) AND ($2 = '' OR entity_id = $2)";

}  // namespace

void record_audit(storage::Connection& connection, const Principal& principal, const AuditEntry& entry)
{
    connection.execute(kInsertAudit,
                       {core::to_iso8601(core::now()), principal.user_id, principal.label, entry.action,
                        entry.entity_type, entry.entity_id, entry.before_json, entry.after_json, principal.request_id});
}

core::Result<core::Page<AuditRecord>> list_audit(storage::Connection& connection, const Principal& principal,
                                                 const std::string& entity_type, const std::string& entity_id,
                                                 core::PageRequest page)
{
    BOUSSOLE_TRY(require_national_admin(principal, "consulter le journal d'audit"));
    core::Page<AuditRecord> result;
    result.number = page.number;
    result.size = page.size;
    result.total = connection.query(kCountAudit, {entity_type, entity_id}).front().integer("total");
    for (auto row : connection.query(kSelectAudit, {entity_type, entity_id, page.size, page.offset()})) {
        result.items.push_back({row.integer("id"), core::parse_iso8601(row.text("at")).value_or(core::Timestamp{}),
                                row.optional_integer("user_id"), row.text("actor_label"), row.text("action"),
                                row.text("entity_type"), row.text("entity_id"), row.optional_text("before_json"),
                                row.optional_text("after_json"), row.text("request_id")});
    }
    return result;
}

}  // namespace boussole::access
