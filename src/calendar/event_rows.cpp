#include "calendar/event_rows.hpp"

#include "calendar/occurrences.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::calendar::rows {

namespace {

using namespace std::string_literals;

constexpr const char* kColumns =
    "e.id, e.uid, e.title, e.kind, e.organiser_id, e.territory_key, e.all_day, e.starts_local, e.ends_local, "
    "e.time_zone, e.rrule, e.place, e.online_link, e.description, e.status, e.origin, e.version, e.updated_at, "
    "e.updated_by, e.replaced_by, (SELECT r.uid FROM calendar_events r WHERE r.id = e.replaced_by) AS replaced_by_uid";

// An event may touch [$1, $2) when its first occurrence starts before the
// end and its last one (if its rule ends) ends after the start.
constexpr const char* kInWindow = " e.starts_at < $2 AND (e.last_ends_at IS NULL OR e.last_ends_at > $1) ";

const std::string kSelectById = "SELECT "s + kColumns + " FROM calendar_events e WHERE e.id = $1";
const std::string kSelectByUid = "SELECT "s + kColumns + " FROM calendar_events e WHERE e.uid = $1";
const std::string kSelectWindow =
    "SELECT "s + kColumns + " FROM calendar_events e WHERE" + kInWindow + "ORDER BY e.starts_at, e.id";
const std::string kSelectForTerritory =
    "SELECT "s + kColumns + " FROM calendar_events e WHERE" + kInWindow +
    "AND (e.territory_key = $3 "
    "OR e.territory_key IN (SELECT ancestor_key FROM territory_closure WHERE descendant_key = $3) "
    "OR e.territory_key IN (SELECT descendant_key FROM territory_closure WHERE ancestor_key = $3)) "
    "ORDER BY e.starts_at, e.id";
const std::string kSelectForOrganisation =
    "SELECT "s + kColumns + " FROM calendar_events e WHERE" + kInWindow +
    "AND (e.organiser_id = $3 OR e.id IN (SELECT event_id FROM calendar_event_organisations "
    "WHERE organisation_id = $3)) ORDER BY e.starts_at, e.id";

constexpr const char* kSelectOrganisations =
    "SELECT organisation_id, role FROM calendar_event_organisations WHERE event_id = $1 ORDER BY organisation_id";
constexpr const char* kSelectPriorities =
    "SELECT priority_code FROM calendar_event_priorities WHERE event_id = $1 ORDER BY priority_code";

constexpr const char* kInsert =
    "INSERT INTO calendar_events (uid, title, kind, organiser_id, territory_key, all_day, starts_local, ends_local, "
    "time_zone, rrule, starts_at, ends_at, last_ends_at, place, online_link, description, status, origin, version, "
    "created_at, updated_at, updated_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 1, $19, $19, $20) "
    "RETURNING id";

constexpr const char* kUpdate =
    "UPDATE calendar_events SET title = $1, kind = $2, organiser_id = $3, territory_key = $4, all_day = $5, "
    "starts_local = $6, ends_local = $7, time_zone = $8, rrule = $9, starts_at = $10, ends_at = $11, "
    "last_ends_at = $12, place = $13, online_link = $14, description = $15, status = $16, version = version + 1, "
    "updated_at = $17, updated_by = $18 WHERE id = $19 AND version = $20";

constexpr const char* kMarkReplaced =
    "UPDATE calendar_events SET replaced_by = $1, version = version + 1, updated_at = $2, updated_by = $3 "
    "WHERE id = $4 AND version = $5 AND replaced_by IS NULL";

constexpr const char* kDeleteOrganisations = "DELETE FROM calendar_event_organisations WHERE event_id = $1";
constexpr const char* kDeletePriorities = "DELETE FROM calendar_event_priorities WHERE event_id = $1";
constexpr const char* kInsertOrganisation =
    "INSERT INTO calendar_event_organisations (event_id, organisation_id, role) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr const char* kInsertPriority =
    "INSERT INTO calendar_event_priorities (event_id, priority_code) VALUES ($1, $2) ON CONFLICT DO NOTHING";

constexpr const char* kInsertOverride =
    "INSERT INTO calendar_overrides (event_id, event_version, warnings, reason, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

constexpr const char* kOrganisationName = "SELECT short_name, slug FROM organisations WHERE id = $1";
constexpr const char* kOrganisationBySlug = "SELECT id FROM organisations WHERE slug = $1";
constexpr const char* kOrganisationsAround =
    "SELECT DISTINCT o.id, o.name FROM organisations o JOIN organisation_territories t ON t.organisation_id = o.id "
    "WHERE t.territory_key = $1 OR t.territory_key IN (SELECT ancestor_key FROM territory_closure WHERE "
    "descendant_key = $1) ORDER BY o.name, o.id";
constexpr const char* kPriorities =
    "SELECT code, title FROM framework_items WHERE kind = 'priority' ORDER BY position, code";
constexpr const char* kPriorityExists = "SELECT 1 AS found FROM framework_items WHERE kind = 'priority' AND code = $1";

[[noreturn]] void schema_fault(const std::string& what)
{
    throw storage::DatabaseError(storage::DatabaseError::Kind::Schema, "calendar_events : " + what);
}

Event event_from_row(const storage::Row& row)
{
    Event event;
    event.id = row.integer("id");
    event.uid = row.text("uid");
    event.title = row.text("title");
    auto kind = parse_event_kind(row.text("kind"));
    if (!kind.ok())
        schema_fault(kind.error().message);
    event.kind = *kind;
    event.organiser_id = row.integer("organiser_id");
    auto key = territory::TerritoryKey::parse(row.text("territory_key"));
    if (!key.ok())
        schema_fault(key.error().message);
    event.territory = *key;
    event.all_day = row.boolean("all_day");
    event.starts_local = row.text("starts_local");
    event.ends_local = row.text("ends_local");
    event.time_zone = row.text("time_zone");
    event.rrule = row.text("rrule");
    event.place = row.text("place");
    event.online_link = row.text("online_link");
    event.description = row.text("description");
    auto status = parse_event_status(row.text("status"));
    if (!status.ok())
        schema_fault(status.error().message);
    event.status = *status;
    event.origin = row.text("origin");
    event.version = static_cast<int>(row.integer("version"));
    event.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    event.updated_by = row.text("updated_by");
    event.replaced_by = row.optional_integer("replaced_by");
    if (event.replaced_by)
        event.replaced_by_uid = row.text("replaced_by_uid");
    return event;
}

// Organisations and priorities are read per event: a calendar page shows a
// few dozen events, and one query per table keeps the SQL plain.
void complete(storage::Connection& connection, Event& event)
{
    for (auto row : connection.query(kSelectOrganisations, {event.id})) {
        if (row.text("role") == "co_organiser")
            event.co_organiser_ids.push_back(row.integer("organisation_id"));
        else
            event.audience_ids.push_back(row.integer("organisation_id"));
    }
    for (auto row : connection.query(kSelectPriorities, {event.id}))
        event.priority_codes.push_back(row.text("priority_code"));
    if (!event.rrule.empty())
        event.exceptions = exceptions_of(connection, event.id);
}

std::vector<Event> events_of(storage::Connection& connection, const storage::Rows& rows)
{
    std::vector<Event> events;
    for (auto row : rows) {
        events.push_back(event_from_row(row));
        complete(connection, events.back());
    }
    return events;
}

std::optional<Event> one_of(storage::Connection& connection, const storage::Rows& rows)
{
    if (rows.empty())
        return std::nullopt;
    auto event = event_from_row(rows.front());
    complete(connection, event);
    return event;
}

void write_links(storage::Connection& connection, const Event& event)
{
    connection.execute(kDeleteOrganisations, {event.id});
    connection.execute(kDeletePriorities, {event.id});
    for (auto id : event.co_organiser_ids)
        connection.execute(kInsertOrganisation, {event.id, static_cast<long long>(id), "co_organiser"});
    for (auto id : event.audience_ids)
        connection.execute(kInsertOrganisation, {event.id, static_cast<long long>(id), "audience"});
    for (const auto& code : event.priority_codes)
        connection.execute(kInsertPriority, {event.id, code});
    write_exceptions(connection, event);
}

// The derived UTC instants of the stored times.
struct Instants {
    std::string starts_at, ends_at;
    std::optional<std::string> last_ends_at;
};

Instants instants_of(const Event& event)
{
    auto span = span_of(event);
    if (!span)
        schema_fault("horaires illisibles pour « " + event.title + " »");
    Instants instants{core::to_iso8601(span->first.start), core::to_iso8601(span->first.end), std::nullopt};
    if (span->last_end)
        instants.last_ends_at = core::to_iso8601(*span->last_end);
    return instants;
}

}  // namespace

std::optional<Event> select_by_id(storage::Connection& connection, std::int64_t id)
{
    return one_of(connection, connection.query(kSelectById, {static_cast<long long>(id)}));
}

std::optional<Event> select_by_uid(storage::Connection& connection, std::string_view uid)
{
    return one_of(connection, connection.query(kSelectByUid, {uid}));
}

std::vector<Event> select_window(storage::Connection& connection, core::Timestamp from, core::Timestamp to)
{
    return events_of(connection, connection.query(kSelectWindow, {core::to_iso8601(from), core::to_iso8601(to)}));
}

std::vector<Event> select_for_territory(storage::Connection& connection, const territory::TerritoryKey& key,
                                        core::Timestamp from, core::Timestamp to)
{
    return events_of(connection, connection.query(kSelectForTerritory,
                                                  {core::to_iso8601(from), core::to_iso8601(to), key.to_string()}));
}

std::vector<Event> select_for_organisation(storage::Connection& connection, std::int64_t organisation_id,
                                           core::Timestamp from, core::Timestamp to)
{
    return events_of(connection, connection.query(kSelectForOrganisation, {core::to_iso8601(from), core::to_iso8601(to),
                                                                           static_cast<long long>(organisation_id)}));
}

namespace {

// The event's own content, in the column order kInsert and kUpdate share
// (title to status).
storage::Params content_params(const Event& event)
{
    auto instants = instants_of(event);
    return {event.title,
            to_string(event.kind),
            static_cast<long long>(event.organiser_id),
            event.territory.to_string(),
            event.all_day,
            event.starts_local,
            event.ends_local,
            event.time_zone,
            event.rrule,
            instants.starts_at,
            instants.ends_at,
            instants.last_ends_at,
            event.place,
            event.online_link,
            event.description,
            to_string(event.status)};
}

}  // namespace

Event insert(storage::Connection& connection, Event event)
{
    storage::Params params{event.uid};
    for (auto& value : content_params(event))
        params.push_back(std::move(value));
    params.insert(params.end(), {event.origin, core::to_iso8601(event.updated_at), event.updated_by});
    auto rows = connection.query(kInsert, params);
    event.id = rows.front().integer("id");
    event.version = 1;
    write_links(connection, event);
    return event;
}

std::optional<Event> update(storage::Connection& connection, Event event, int from_version)
{
    auto params = content_params(event);
    params.insert(params.end(), {core::to_iso8601(event.updated_at), event.updated_by, static_cast<long long>(event.id),
                                 from_version});
    if (connection.execute(kUpdate, params) != 1)
        return std::nullopt;
    event.version = from_version + 1;
    write_links(connection, event);
    return event;
}

std::optional<Event> mark_replaced(storage::Connection& connection, Event event, std::int64_t joint_id)
{
    if (connection.execute(kMarkReplaced, {static_cast<long long>(joint_id), core::to_iso8601(event.updated_at),
                                           event.updated_by, static_cast<long long>(event.id), event.version}) != 1)
        return std::nullopt;
    event.version += 1;
    event.replaced_by = joint_id;
    if (auto joint = connection.query(kSelectById, {static_cast<long long>(joint_id)}); !joint.empty())
        event.replaced_by_uid = joint.front().text("uid");
    return event;
}

void record_override(storage::Connection& connection, const Event& event, const std::string& warnings_json,
                     const std::string& reason)
{
    connection.execute(kInsertOverride, {static_cast<long long>(event.id), event.version, warnings_json, reason,
                                         core::to_iso8601(event.updated_at), event.updated_by});
}

std::string organisation_name(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kOrganisationName, {static_cast<long long>(id)});
    return rows.empty() ? "organisation " + std::to_string(id) : rows.front().text("short_name");
}

bool organisation_exists(storage::Connection& connection, std::int64_t id)
{
    return !connection.query(kOrganisationName, {static_cast<long long>(id)}).empty();
}

std::string organisation_slug(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kOrganisationName, {static_cast<long long>(id)});
    return rows.empty() ? std::string() : rows.front().text("slug");
}

std::optional<std::int64_t> organisation_id(storage::Connection& connection, std::string_view slug)
{
    auto rows = connection.query(kOrganisationBySlug, {slug});
    if (rows.empty())
        return std::nullopt;
    return rows.front().integer("id");
}

bool priority_exists(storage::Connection& connection, std::string_view code)
{
    return !connection.query(kPriorityExists, {code}).empty();
}

std::vector<std::pair<std::int64_t, std::string>> organisations_around(storage::Connection& connection,
                                                                       const territory::TerritoryKey& key)
{
    std::vector<std::pair<std::int64_t, std::string>> found;
    for (auto row : connection.query(kOrganisationsAround, {key.to_string()}))
        found.emplace_back(row.integer("id"), row.text("name"));
    return found;
}

std::vector<std::pair<std::string, std::string>> priorities(storage::Connection& connection)
{
    std::vector<std::pair<std::string, std::string>> found;
    for (auto row : connection.query(kPriorities))
        found.emplace_back(row.text("code"), row.text("title"));
    return found;
}

}  // namespace boussole::calendar::rows
