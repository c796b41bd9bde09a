#include "collection/completeness.hpp"

#include "collection/value_checks.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <map>

namespace boussole::collection {

namespace {

// The first version of a cell (version 1) is when it arrived.
constexpr const char* kGridValues =
    "SELECT v.territory_key, v.period, v.status, h.changed_at AS first_at FROM data_values v "
    "JOIN data_value_history h ON h.data_value_id = v.id AND h.version = 1 "
    "WHERE v.element_code = $1 AND v.period_type = $2 AND v.period >= $3 AND v.period <= $4 AND v.deleted = 0";

constexpr const char* kPeriodValues =
    "SELECT v.element_code, v.territory_key, h.changed_at AS first_at FROM data_values v "
    "JOIN data_value_history h ON h.data_value_id = v.id AND h.version = 1 "
    "WHERE v.period = $1 AND v.deleted = 0";

std::chrono::year_month_day due_date(const core::Period& period, int due_days)
{
    return std::chrono::year_month_day{std::chrono::sys_days{period.last_day()} + std::chrono::days{due_days}};
}

Timeliness timeliness_of(const std::optional<core::Timestamp>& first, std::chrono::year_month_day due,
                         std::chrono::year_month_day today)
{
    if (first)
        return paris_today(*first) <= due ? Timeliness::OnTime : Timeliness::Late;
    return today <= due ? Timeliness::NotYetDue : Timeliness::Missing;
}

core::Result<core::Period> bound(std::string_view text, const char* field, const catalogue::DataElement& element)
{
    auto period = core::Period::parse(core::trim(text), element.period_type);
    if (!period.ok())
        return core::Error::invalid(period.error().message,
                                    {{field, period.error().message, std::nullopt, shown(text)}});
    return period;
}

std::vector<const territory::Territory*> departments(const territory::TerritoryRegistry& registry,
                                                     const std::optional<territory::TerritoryKey>& within)
{
    return within ? registry.departments_within(*within) : registry.departments();
}

}  // namespace

const char* to_string(Timeliness timeliness)
{
    switch (timeliness) {
    case Timeliness::OnTime: return "on_time";
    case Timeliness::Late: return "late";
    case Timeliness::Missing: return "missing";
    case Timeliness::NotYetDue: return "not_yet_due";
    }
    return "missing";
}

const char* label(Timeliness timeliness)
{
    switch (timeliness) {
    case Timeliness::OnTime: return "reçue à temps";
    case Timeliness::Late: return "reçue en retard";
    case Timeliness::Missing: return "manquante";
    case Timeliness::NotYetDue: return "attendue";
    }
    return "manquante";
}

std::string reported_out_of(int reported, int expected)
{
    return std::to_string(reported) + "/" + std::to_string(expected) +
           (expected > 1 ? " départements" : " département");
}

core::Result<CompletenessGrid> completeness_grid(storage::Connection& connection,
                                                 const territory::TerritoryRegistry& registry,
                                                 const catalogue::Catalogue& catalogue, const CompletenessQuery& query)
{
    auto found = catalogue.element(core::trim(query.element));
    if (!found.ok())
        return std::move(found).error();
    const auto& element = **found;
    auto from = bound(query.from, "from", element);
    if (!from.ok())
        return std::move(from).error();
    auto to = bound(query.to, "to", element);
    if (!to.ok())
        return std::move(to).error();
    if (*to < *from)
        return core::Error::invalid(
            "La période de fin (" + to->label() + ") précède celle de début (" + from->label() + ") : inversez-les.",
            {{"to", "attendu une période après from", std::nullopt, to->to_string()}});
    auto periods = core::Period::range(*from, *to);
    if (periods.size() > kMaximumGridPeriods)
        return core::Error::invalid("Plage trop longue : " + std::to_string(kMaximumGridPeriods) +
                                        " périodes au plus dans une grille. Réduisez l'intervalle.",
                                    {{"to", "60 périodes au plus", std::nullopt, to->to_string()}});
    if (query.within && !registry.find(*query.within))
        return core::Error::not_found("Territoire « " + query.within->to_string() + " » inconnu.");

    CompletenessGrid grid;
    grid.element = element.code;
    grid.element_name = element.name;
    grid.departments = departments(registry, query.within);
    auto today = paris_today(query.now);
    std::map<std::string, std::size_t> period_index;
    for (const auto& period : periods) {
        period_index.emplace(period.to_string(), grid.periods.size());
        grid.periods.push_back(
            {period, due_date(period, element.due_days), 0, 0, static_cast<int>(grid.departments.size())});
    }
    std::map<std::string, std::size_t> department_index;
    for (std::size_t i = 0; i < grid.departments.size(); ++i)
        department_index.emplace(grid.departments[i]->key.to_string(), i);
    grid.cells.assign(grid.departments.size(), std::vector<CompletenessCell>(periods.size()));

    for (auto row : connection.query(
             kGridValues, {element.code, core::to_string(element.period_type), from->to_string(), to->to_string()})) {
        auto department = department_index.find(row.text("territory_key"));
        auto period = period_index.find(row.text("period"));
        auto status = parse_value_status(row.text("status"));
        if (department == department_index.end() || period == period_index.end() || !status.ok())
            continue;
        auto& cell = grid.cells[department->second][period->second];
        cell.reported = true;
        cell.status = *status;
        cell.first_reported_at = core::parse_iso8601(row.text("first_at"));
    }
    for (std::size_t d = 0; d < grid.departments.size(); ++d) {
        for (std::size_t p = 0; p < periods.size(); ++p) {
            auto& cell = grid.cells[d][p];
            auto& totals = grid.periods[p];
            cell.timeliness = timeliness_of(cell.reported ? cell.first_reported_at : std::nullopt, totals.due, today);
            totals.reported += cell.reported ? 1 : 0;
            totals.on_time += cell.timeliness == Timeliness::OnTime ? 1 : 0;
        }
    }
    for (const auto& totals : grid.periods) {
        grid.reported += totals.reported;
        grid.on_time += totals.on_time;
        grid.expected += totals.expected;
    }
    return grid;
}

core::Result<std::vector<ElementCompleteness>> completeness_summary(
    storage::Connection& connection, const territory::TerritoryRegistry& registry,
    const catalogue::Catalogue& catalogue, std::string_view period_text,
    const std::optional<territory::TerritoryKey>& within, core::Timestamp now)
{
    auto period = core::Period::parse(core::trim(period_text));
    if (!period.ok())
        return core::Error::invalid(period.error().message,
                                    {{"period", period.error().message, std::nullopt, shown(period_text)}});
    if (within && !registry.find(*within))
        return core::Error::not_found("Territoire « " + within->to_string() + " » inconnu.");
    std::map<std::string, bool> expected_departments;
    for (const auto* department : departments(registry, within))
        expected_departments.emplace(department->key.to_string(), true);

    std::vector<ElementCompleteness> summary;
    std::map<std::string, std::size_t> index;
    for (const auto& element : catalogue.elements()) {
        if (!element.collected || element.period_type != period->type())
            continue;
        index.emplace(element.code, summary.size());
        summary.push_back({element.code, element.name, due_date(*period, element.due_days), 0, 0,
                           static_cast<int>(expected_departments.size())});
    }
    for (auto row : connection.query(kPeriodValues, {period->to_string()})) {
        auto entry = index.find(row.text("element_code"));
        if (entry == index.end() || !expected_departments.count(row.text("territory_key")))
            continue;
        auto& totals = summary[entry->second];
        ++totals.reported;
        auto first = core::parse_iso8601(row.text("first_at"));
        if (timeliness_of(first, totals.due, paris_today(now)) == Timeliness::OnTime)
            ++totals.on_time;
    }
    return summary;
}

std::pair<core::Period, core::Period> recent_periods(core::PeriodType type, core::Timestamp now, int count)
{
    auto today = paris_today(now);
    int year = static_cast<int>(today.year());
    int month = static_cast<int>(static_cast<unsigned>(today.month()));
    auto last = type == core::PeriodType::Month     ? core::Period::month(year, month)
                : type == core::PeriodType::Quarter ? core::Period::quarter(year, (month - 1) / 3 + 1)
                                                    : core::Period::year(year);
    auto first = last;
    for (int i = 1; i < count; ++i)
        first = first.previous();
    return {first, last};
}

}  // namespace boussole::collection
