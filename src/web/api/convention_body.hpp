#pragma once
// What the convention handlers share: typed members of a JSON body (each
// error names the member, in French), the live values of the analytics for
// the commitments' status, and the full view of one convention.

#include "catalogue/catalogue.hpp"
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "core/result.hpp"
#include "web/app_state.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::web::api {

// Absent or null members leave into as it is.
core::Status read_text(const nlohmann::json& body, const char* member, std::string& into);
core::Status read_number(const nlohmann::json& body, const char* member, std::optional<double>& into);
core::Status read_integer(const nlohmann::json& body, const char* member, std::optional<int>& into);
core::Status read_texts(const nlohmann::json& body, const char* member, std::vector<std::string>& into);

// Applies the commitment members present in body onto input.
core::Status merge_commitment(const nlohmann::json& body, conventions::CommitmentInput& input);

// The latest value the signed-in audience sees for a single department;
// nothing without the analytics cube or for several departments (their
// figure is not a department's).
conventions::LatestValue live_values(AppState& state, const catalogue::Catalogue& catalogue);

// The convention with its commitments (each with its status), the
// near-duplicate warnings, the national cap and the recorded versions.
nlohmann::json convention_view(storage::Connection& connection, AppState& state,
                               const conventions::Convention& convention);

}  // namespace boussole::web::api
