#pragma once
// What the ITA's members, meetings and decisions share when they are saved:
// the author's name, the audit entry and the checks of days and texts.
// Internal to the steering module.

#include "access/principal.hpp"
#include "core/faults.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace boussole::storage {
class Connection;
}

namespace boussole::steering::detail {

std::string author(const access::Principal& principal);

void audit(storage::Connection& connection, const access::Principal& principal, const char* what, const char* entity,
           std::int64_t id, const nlohmann::json& after, std::optional<nlohmann::json> before = std::nullopt);

// The trimmed day; a fault naming the field when missing or malformed.
std::string check_day(core::Faults& faults, const char* field, const char* name, const std::string& text);

// A fault when required and empty, not UTF-8 or beyond 20 000 characters.
void check_text(core::Faults& faults, const char* field, const char* name, const std::string& text, bool required);

// "La décision du 2026-03-02 a été modifiée par … le … depuis votre lecture
// (version 3, vous partiez de la version 2) : rechargez-la …".
core::Error stale(const std::string& what, const std::string& by, core::Timestamp at, int version,
                  int expected_version);

}  // namespace boussole::steering::detail
