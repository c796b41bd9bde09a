#pragma once
// The JSON shapes of data values, their history, write reports, approval
// groups and completeness, shared by the data value, approval and
// completeness handlers.

#include "collection/approval.hpp"
#include "collection/completeness.hpp"
#include "collection/data_values.hpp"
#include "web/http/message.hpp"

#include <nlohmann/json.hpp>

namespace boussole::web::api {

nlohmann::json data_value_json(const collection::DataValue& value, const territory::TerritoryRegistry& registry);
nlohmann::json value_version_json(const collection::ValueVersion& version);
// [{field, message, line, value}]
nlohmann::json field_errors_json(const std::vector<core::FieldError>& errors);
// {applied, written, unchanged, rejected, warnings}
nlohmann::json write_report_json(const collection::WriteReport& report);
nlohmann::json approval_group_json(const collection::ApprovalGroup& group,
                                   const territory::TerritoryRegistry& registry);
nlohmann::json completeness_grid_json(const collection::CompletenessGrid& grid);

// The answer to a write: 200 with the report when applied, else a 422
// problem carrying the same report and every fault in "errors".
http::Response write_report_response(const collection::WriteReport& report, const http::Request& request);

// "2025-05-15", the date format of the API.
std::string iso_date(std::chrono::year_month_day date);

// "2025-T3" -> {"period": "2025-T3", "period_label": "3e trimestre 2025"} members.
void add_period(nlohmann::json& object, const core::Period& period);

}  // namespace boussole::web::api
