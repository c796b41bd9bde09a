#include "steering/roadmap_store.hpp"

#include "storage/connection.hpp"

namespace boussole::steering::store {

namespace {

using namespace std::string_literals;

constexpr const char* kColumns =
    "a.id, a.territory_key, a.title, a.description, a.priority_code, l.slug AS lead_slug, l.name AS lead_name, "
    "a.partners, a.commitments, a.indicators, a.milestones, a.status, a.abandon_reason, a.starts_on, a.due_on, "
    "a.progress, a.planned_budget, a.spent_budget, a.co_built, a.deleted, a.version, a.updated_at, a.updated_by";
const std::string kSelectAll = "SELECT "s + kColumns +
                               " FROM roadmap_actions a JOIN organisations l ON l.id = a.lead_id "
                               "WHERE a.territory_key = $1 AND ($2 = 1 OR a.deleted = 0) ORDER BY a.id";
const std::string kSelectOne = "SELECT "s + kColumns +
                               " FROM roadmap_actions a JOIN organisations l ON l.id = a.lead_id "
                               "WHERE a.territory_key = $1 AND a.id = $2";
constexpr const char* kOrganisationId = "SELECT id FROM organisations WHERE slug = $1";
constexpr const char* kInsert =
    "INSERT INTO roadmap_actions (territory_key, title, description, priority_code, lead_id, partners, commitments, "
    "indicators, milestones, status, abandon_reason, starts_on, due_on, progress, planned_budget, spent_budget, "
    "co_built, origin, deleted, version, created_at, updated_at, updated_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 0, 1, $19, $19, $20) "
    "RETURNING id";
constexpr const char* kUpdate =
    "UPDATE roadmap_actions SET title = $1, description = $2, priority_code = $3, lead_id = $4, partners = $5, "
    "commitments = $6, indicators = $7, milestones = $8, status = $9, abandon_reason = $10, starts_on = $11, "
    "due_on = $12, progress = $13, planned_budget = $14, spent_budget = $15, co_built = $16, deleted = $17, "
    "version = version + 1, updated_at = $18, updated_by = $19 WHERE id = $20 AND version = $21";
constexpr const char* kInsertVersion =
    "INSERT INTO roadmap_action_versions (action_id, version, change, snapshot, recorded_at, recorded_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kInsertNote =
    "INSERT INTO roadmap_notes (action_id, written_on, body, progress, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kSelectNotes =
    "SELECT id, written_on, body, progress, created_at, created_by FROM roadmap_notes WHERE action_id = $1 "
    "ORDER BY written_on DESC, id DESC";
constexpr const char* kSelectHistory =
    "SELECT version, change, snapshot, recorded_at, recorded_by FROM roadmap_action_versions WHERE action_id = $1 "
    "ORDER BY version";

std::optional<std::string> text_or_null(const std::string& text)
{
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

nlohmann::json milestones_json(const std::vector<Milestone>& milestones)
{
    auto array = nlohmann::json::array();
    for (const auto& milestone : milestones)
        array.push_back({{"title", milestone.title}, {"date", milestone.date}, {"done", milestone.done}});
    return array;
}

Action from_row(const storage::Row& row)
{
    Action action;
    action.id = row.integer("id");
    action.territory = row.text("territory_key");
    action.title = row.text("title");
    action.description = row.text("description");
    action.priority = row.text("priority_code");
    action.lead = row.text("lead_slug");
    action.lead_name = row.text("lead_name");
    auto partners = nlohmann::json::parse(row.text("partners"), nullptr, false);
    for (const auto& slug : partners.is_array() ? partners : nlohmann::json::array())
        if (slug.is_string())
            action.partners.push_back(slug.get<std::string>());
    auto commitments = nlohmann::json::parse(row.text("commitments"), nullptr, false);
    for (const auto& id : commitments.is_array() ? commitments : nlohmann::json::array())
        if (id.is_number_integer())
            action.commitments.push_back(id.get<std::int64_t>());
    auto indicators = nlohmann::json::parse(row.text("indicators"), nullptr, false);
    for (const auto& code : indicators.is_array() ? indicators : nlohmann::json::array())
        if (code.is_string())
            action.indicators.push_back(code.get<std::string>());
    auto milestones = nlohmann::json::parse(row.text("milestones"), nullptr, false);
    for (const auto& item : milestones.is_array() ? milestones : nlohmann::json::array())
        if (item.is_object())
            action.milestones.push_back({item.value("title", ""), item.value("date", ""), item.value("done", false)});
    if (auto status = parse_action_status(row.text("status")); status.ok())
        action.status = *status;
    action.abandon_reason = row.text("abandon_reason");
    action.starts_on = row.optional_text("starts_on").value_or("");
    action.due_on = row.optional_text("due_on").value_or("");
    action.progress = static_cast<int>(row.integer("progress"));
    action.planned_budget = row.optional_real("planned_budget");
    action.spent_budget = row.optional_real("spent_budget");
    action.co_built = row.boolean("co_built");
    action.deleted = row.boolean("deleted");
    action.version = static_cast<int>(row.integer("version"));
    action.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    action.updated_by = row.text("updated_by");
    return action;
}

}  // namespace

nlohmann::json snapshot_of(const Action& action)
{
    return {{"title", action.title},
            {"description", action.description},
            {"priority", action.priority},
            {"lead", action.lead},
            {"partners", action.partners},
            {"commitments", action.commitments},
            {"indicators", action.indicators},
            {"milestones", milestones_json(action.milestones)},
            {"status", to_string(action.status)},
            {"abandon_reason", action.abandon_reason},
            {"starts_on", action.starts_on},
            {"due_on", action.due_on},
            {"progress", action.progress},
            {"planned_budget", action.planned_budget ? nlohmann::json(*action.planned_budget) : nlohmann::json()},
            {"spent_budget", action.spent_budget ? nlohmann::json(*action.spent_budget) : nlohmann::json()},
            {"co_built", action.co_built},
            {"deleted", action.deleted}};
}

std::vector<Action> select_actions(storage::Connection& connection, const std::string& territory, bool include_deleted)
{
    std::vector<Action> actions;
    for (auto row : connection.query(kSelectAll, {territory, include_deleted ? 1 : 0}))
        actions.push_back(from_row(row));
    return actions;
}

std::optional<Action> select_action(storage::Connection& connection, const std::string& territory, std::int64_t id)
{
    auto rows = connection.query(kSelectOne, {territory, id});
    if (rows.empty())
        return std::nullopt;
    return from_row(rows.front());
}

std::optional<std::int64_t> organisation_id(storage::Connection& connection, std::string_view slug)
{
    auto rows = connection.query(kOrganisationId, {slug});
    if (rows.empty())
        return std::nullopt;
    return rows.front().integer("id");
}

Action insert(storage::Connection& connection, Action action, std::int64_t lead_id, const std::string& origin,
              const std::string& at, const std::string& by)
{
    action.id = connection
                    .query(kInsert, {action.territory,
                                     action.title,
                                     action.description,
                                     action.priority,
                                     lead_id,
                                     nlohmann::json(action.partners).dump(),
                                     nlohmann::json(action.commitments).dump(),
                                     nlohmann::json(action.indicators).dump(),
                                     milestones_json(action.milestones).dump(),
                                     to_string(action.status),
                                     action.abandon_reason,
                                     text_or_null(action.starts_on),
                                     text_or_null(action.due_on),
                                     action.progress,
                                     action.planned_budget,
                                     action.spent_budget,
                                     action.co_built ? 1 : 0,
                                     origin,
                                     at,
                                     by})
                    .front()
                    .integer("id");
    action.version = 1;
    action.updated_at = core::parse_iso8601(at).value_or(core::Timestamp{});
    action.updated_by = by;
    return action;
}

std::optional<Action> update(storage::Connection& connection, Action action, std::int64_t lead_id, int from_version,
                             const std::string& at, const std::string& by)
{
    auto changed = connection.execute(kUpdate, {action.title,
                                                action.description,
                                                action.priority,
                                                lead_id,
                                                nlohmann::json(action.partners).dump(),
                                                nlohmann::json(action.commitments).dump(),
                                                nlohmann::json(action.indicators).dump(),
                                                milestones_json(action.milestones).dump(),
                                                to_string(action.status),
                                                action.abandon_reason,
                                                text_or_null(action.starts_on),
                                                text_or_null(action.due_on),
                                                action.progress,
                                                action.planned_budget,
                                                action.spent_budget,
                                                action.co_built ? 1 : 0,
                                                action.deleted ? 1 : 0,
                                                at,
                                                by,
                                                action.id,
                                                from_version});
    if (changed == 0)
        return std::nullopt;
    action.version = from_version + 1;
    action.updated_at = core::parse_iso8601(at).value_or(core::Timestamp{});
    action.updated_by = by;
    return action;
}

void record_version(storage::Connection& connection, const Action& action, const std::string& change)
{
    connection.execute(kInsertVersion, {action.id, action.version, change, snapshot_of(action).dump(),
                                        core::to_iso8601(action.updated_at), action.updated_by});
}

void insert_note(storage::Connection& connection, std::int64_t action_id, const Note& note)
{
    connection.execute(kInsertNote, {action_id, note.written_on, note.body, note.progress,
                                     core::to_iso8601(note.created_at), note.created_by});
}

std::vector<Note> select_notes(storage::Connection& connection, std::int64_t action_id)
{
    std::vector<Note> notes;
    for (auto row : connection.query(kSelectNotes, {action_id}))
        notes.push_back(
            {row.integer("id"), row.text("written_on"), row.text("body"), static_cast<int>(row.integer("progress")),
             core::parse_iso8601(row.text("created_at")).value_or(core::Timestamp{}), row.text("created_by")});
    return notes;
}

std::vector<HistoryEntry> select_history(storage::Connection& connection, std::int64_t action_id)
{
    std::vector<HistoryEntry> history;
    for (auto row : connection.query(kSelectHistory, {action_id}))
        history.push_back({static_cast<int>(row.integer("version")), row.text("change"),
                           nlohmann::json::parse(row.text("snapshot"), nullptr, false),
                           core::parse_iso8601(row.text("recorded_at")).value_or(core::Timestamp{}),
                           row.text("recorded_by")});
    return history;
}

}  // namespace boussole::steering::store
