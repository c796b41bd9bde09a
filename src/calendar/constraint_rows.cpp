// The storage of declared constraints (and of what a joint event replaces),
// for the calendar module only: the rules are checked in constraints.cpp.
#include "calendar/event_rows.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace boussole::calendar::rows {

namespace {

constexpr const char* kColumns =
    "SELECT id, organisation_id, first_day, last_day, kinds, reason, version, "
    "COALESCE(updated_by, created_by) AS updated_by FROM calendar_constraints ";
const std::string kSelectConstraints = std::string(kColumns) + "ORDER BY first_day, id";
const std::string kSelectConstraint = std::string(kColumns) + "WHERE id = $1";
constexpr const char* kInsertConstraint =
    "INSERT INTO calendar_constraints (organisation_id, first_day, last_day, kinds, reason, created_at, created_by, "
    "version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $6, $7) RETURNING id";
constexpr const char* kUpdateConstraint =
    "UPDATE calendar_constraints SET first_day = $1, last_day = $2, kinds = $3, reason = $4, version = version + 1, "
    "updated_at = $5, updated_by = $6 WHERE id = $7 AND version = $8";
constexpr const char* kDeleteConstraint = "DELETE FROM calendar_constraints WHERE id = $1 AND version = $2";
constexpr const char* kReplacedEvents =
    "SELECT id, title FROM calendar_events WHERE replaced_by = $1 ORDER BY starts_at, id";

std::chrono::year_month_day day_of(const std::string& text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    if (std::sscanf(text.c_str(), "%d-%u-%u", &year, &month, &day) != 3)
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema, "calendar_constraints : jour " + text);
    return std::chrono::year{year} / month / day;
}

std::string text_of(std::chrono::year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

std::string kinds_text(const Constraint& constraint)
{
    std::string kinds;
    for (auto kind : constraint.kinds)
        kinds += (kinds.empty() ? "" : " ") + std::string(to_string(kind));
    return kinds;
}

Constraint constraint_of(const storage::Row& row)
{
    Constraint constraint;
    constraint.id = row.integer("id");
    constraint.organisation_id = row.integer("organisation_id");
    constraint.first_day = day_of(row.text("first_day"));
    constraint.last_day = day_of(row.text("last_day"));
    std::istringstream kinds(row.text("kinds"));
    for (std::string code; kinds >> code;)
        if (auto kind = parse_event_kind(code); kind.ok())
            constraint.kinds.push_back(*kind);
    constraint.reason = row.text("reason");
    constraint.version = static_cast<int>(row.integer("version"));
    constraint.updated_by = row.text("updated_by");
    return constraint;
}

}  // namespace

std::vector<Constraint> constraints_of(storage::Connection& connection, const std::vector<std::int64_t>& organisations)
{
    std::vector<Constraint> constraints;
    for (auto row : connection.query(kSelectConstraints)) {
        auto organisation = row.integer("organisation_id");
        if (std::find(organisations.begin(), organisations.end(), organisation) != organisations.end())
            constraints.push_back(constraint_of(row));
    }
    return constraints;
}

std::optional<Constraint> select_constraint(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectConstraint, {static_cast<long long>(id)});
    if (rows.empty())
        return std::nullopt;
    return constraint_of(rows.front());
}

Constraint insert_constraint(storage::Connection& connection, Constraint constraint, const std::string& author)
{
    auto rows = connection.query(kInsertConstraint,
                                 {static_cast<long long>(constraint.organisation_id), text_of(constraint.first_day),
                                  text_of(constraint.last_day), kinds_text(constraint), constraint.reason,
                                  core::to_iso8601(core::now()), author});
    constraint.id = rows.front().integer("id");
    constraint.version = 1;
    constraint.updated_by = author;
    return constraint;
}

std::optional<Constraint> update_constraint(storage::Connection& connection, Constraint constraint, int from_version,
                                            const std::string& author)
{
    auto changed =
        connection.execute(kUpdateConstraint, {text_of(constraint.first_day), text_of(constraint.last_day),
                                               kinds_text(constraint), constraint.reason, core::to_iso8601(core::now()),
                                               author, static_cast<long long>(constraint.id), from_version});
    if (changed == 0)
        return std::nullopt;
    constraint.version = from_version + 1;
    constraint.updated_by = author;
    return constraint;
}

bool delete_constraint(storage::Connection& connection, std::int64_t id, int version)
{
    return connection.execute(kDeleteConstraint, {static_cast<long long>(id), version}) > 0;
}

std::vector<std::pair<std::int64_t, std::string>> replaced_events(storage::Connection& connection,
                                                                  std::int64_t joint_id)
{
    std::vector<std::pair<std::int64_t, std::string>> events;
    for (auto row : connection.query(kReplacedEvents, {static_cast<long long>(joint_id)}))
        events.emplace_back(row.integer("id"), row.text("title"));
    return events;
}

}  // namespace boussole::calendar::rows
