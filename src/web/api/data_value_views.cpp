#include "web/api/data_value_views.hpp"

#include "core/french.hpp"

#include <cstdio>

namespace boussole::web::api {

namespace {

nlohmann::json optional_number(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string territory_name(const territory::TerritoryRegistry& registry, const territory::TerritoryKey& key)
{
    const auto* territory = registry.find(key);
    return territory ? territory->name : key.to_string();
}

}  // namespace

std::string iso_date(std::chrono::year_month_day date)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

void add_period(nlohmann::json& object, const core::Period& period)
{
    object["period"] = period.to_string();
    object["period_label"] = period.label();
}

nlohmann::json data_value_json(const collection::DataValue& value, const territory::TerritoryRegistry& registry)
{
    nlohmann::json json{{"element", value.element},
                        {"territory", value.territory.to_string()},
                        {"territory_name", territory_name(registry, value.territory)},
                        {"period_type", core::to_string(value.period.type())},
                        {"value", optional_number(value.value)},
                        {"comment", value.comment},
                        {"status", collection::to_string(value.status)},
                        {"status_label", collection::label(value.status)},
                        {"origin", collection::to_string(value.origin)},
                        {"import_id", value.import_id ? nlohmann::json(*value.import_id) : nlohmann::json(nullptr)},
                        {"deleted", value.deleted},
                        {"outlier", value.outlier},
                        {"version", value.version},
                        {"updated_at", core::to_iso8601(value.updated_at)},
                        {"updated_by", value.updated_by}};
    add_period(json, value.period);
    return json;
}

nlohmann::json value_version_json(const collection::ValueVersion& version)
{
    return {{"version", version.version},
            {"action", version.action},
            {"action_label", collection::action_label(version.action)},
            {"value", optional_number(version.value)},
            {"comment", version.comment},
            {"status", collection::to_string(version.status)},
            {"origin", collection::to_string(version.origin)},
            {"import_id", version.import_id ? nlohmann::json(*version.import_id) : nlohmann::json(nullptr)},
            {"changed_at", core::to_iso8601(version.changed_at)},
            {"changed_by", version.changed_by},
            {"reason", version.reason}};
}

nlohmann::json field_errors_json(const std::vector<core::FieldError>& errors)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& error : errors) {
        nlohmann::json entry{{"field", error.field}, {"message", error.message}};
        if (error.line)
            entry["line"] = *error.line;
        if (error.value)
            entry["value"] = *error.value;
        list.push_back(std::move(entry));
    }
    return list;
}

nlohmann::json write_report_json(const collection::WriteReport& report)
{
    return {{"applied", report.applied},
            {"written", report.written},
            {"unchanged", report.unchanged},
            {"rejected", field_errors_json(report.rejected)},
            {"warnings", field_errors_json(report.warnings)}};
}

http::Response write_report_response(const collection::WriteReport& report, const http::Request& request)
{
    if (report.applied)
        return http::Response::json(200, write_report_json(report));
    auto count = report.rejected.size();
    std::string detail = "Aucune valeur n'a été enregistrée : " + std::to_string(count) +
                         (count > 1 ? " erreurs" : " erreur") +
                         " (voir « errors », avec la ligne de chacune). Corrigez-les et renvoyez le lot, ou "
                         "envoyez-le avec \"mode\": \"valid_lines\" pour enregistrer les lignes valides.";
    return http::Response::problem(422, std::string(http::status_title(422)), detail,
                                   {{"code", "invalid"},
                                    {"request_id", request.request_id},
                                    {"errors", field_errors_json(report.rejected)},
                                    {"report", write_report_json(report)}});
}

nlohmann::json approval_group_json(const collection::ApprovalGroup& group, const territory::TerritoryRegistry& registry)
{
    nlohmann::json json{
        {"territory", group.territory.to_string()},
        {"territory_name", territory_name(registry, group.territory)},
        {"draft", group.draft},
        {"submitted", group.submitted},
        {"validated", group.validated},
        {"last_change", core::to_iso8601(group.last_change)},
        {"last_event", group.last_event ? nlohmann::json(*group.last_event) : nlohmann::json(nullptr)},
        {"actions", {{"submit", group.can_submit}, {"validate", group.can_validate}, {"reopen", group.can_reopen}}}};
    add_period(json, group.period);
    return json;
}

nlohmann::json completeness_grid_json(const collection::CompletenessGrid& grid)
{
    nlohmann::json periods = nlohmann::json::array();
    for (const auto& totals : grid.periods) {
        nlohmann::json entry{{"due", iso_date(totals.due)},
                             {"reported", totals.reported},
                             {"on_time", totals.on_time},
                             {"expected", totals.expected},
                             {"summary", collection::reported_out_of(totals.reported, totals.expected)}};
        add_period(entry, totals.period);
        periods.push_back(std::move(entry));
    }
    nlohmann::json departments = nlohmann::json::array();
    for (std::size_t d = 0; d < grid.departments.size(); ++d) {
        nlohmann::json cells = nlohmann::json::array();
        for (std::size_t p = 0; p < grid.periods.size(); ++p) {
            const auto& cell = grid.cells[d][p];
            cells.push_back({{"period", grid.periods[p].period.to_string()},
                             {"reported", cell.reported},
                             {"status", cell.reported ? nlohmann::json(collection::to_string(cell.status))
                                                      : nlohmann::json(nullptr)},
                             {"timeliness", collection::to_string(cell.timeliness)},
                             {"first_reported_at", cell.first_reported_at
                                                       ? nlohmann::json(core::to_iso8601(*cell.first_reported_at))
                                                       : nlohmann::json(nullptr)}});
        }
        departments.push_back({{"territory", grid.departments[d]->key.to_string()},
                               {"territory_name", grid.departments[d]->name},
                               {"cells", std::move(cells)}});
    }
    return {{"element", grid.element},
            {"element_name", grid.element_name},
            {"reported", grid.reported},
            {"on_time", grid.on_time},
            {"expected", grid.expected},
            {"periods", std::move(periods)},
            {"departments", std::move(departments)}};
}

}  // namespace boussole::web::api
