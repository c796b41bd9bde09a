#pragma once
// The audit log: who changed what, when, before and after. Append-only (the
// schema refuses UPDATE and DELETE on both backends). Written in the same
// transaction as the change it records, so neither exists without the other.

#include "access/principal.hpp"
#include "core/clock.hpp"
#include "core/page.hpp"

#include <optional>
#include <string>

namespace boussole::access {

struct AuditEntry {
    std::string action;       // "create", "update", "disable", "login", …
    std::string entity_type;  // "organisation", "user", "framework_item", …
    std::string entity_id;
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
};

void record_audit(storage::Connection& connection, const Principal& principal, const AuditEntry& entry);

struct AuditRecord {
    std::int64_t id = 0;
    core::Timestamp at;
    std::optional<std::int64_t> user_id;
    std::string actor_label;
    std::string action;
    std::string entity_type;
    std::string entity_id;
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
    std::string request_id;
};

// The entries about one entity (entity_id empty: every entity of the type),
// newest first. National administrators only.
core::Result<core::Page<AuditRecord>> list_audit(storage::Connection& connection, const Principal& principal,
                                                 const std::string& entity_type, const std::string& entity_id,
                                                 core::PageRequest page);

}  // namespace boussole::access
