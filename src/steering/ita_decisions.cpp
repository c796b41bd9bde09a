// The decisions of an ITA: recorded, changed from the version read, deleted
// as a recorded version, each version kept for the history (see ita.hpp).
#include "conventions/convention.hpp"
#include "core/text.hpp"
#include "steering/ita.hpp"
#include "steering/ita_support.hpp"
#include "steering/roadmap.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::steering {

using core::Faults;
using detail::audit;
using detail::author;

namespace {

constexpr const char* kInsertDecision =
    "INSERT INTO ita_decisions (territory_key, meeting_id, decided_on, body, actions, convention_id, amendment, "
    "created_at, created_by, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $8, $9) "
    "RETURNING id";
constexpr const char* kUpdateDecision =
    "UPDATE ita_decisions SET meeting_id = $1, decided_on = $2, body = $3, actions = $4, convention_id = $5, "
    "amendment = $6, version = version + 1, updated_at = $7, updated_by = $8 "
    "WHERE id = $9 AND territory_key = $10 AND version = $11 AND deleted = 0";
constexpr const char* kDeleteDecision =
    "UPDATE ita_decisions SET deleted = 1, version = version + 1, updated_at = $1, updated_by = $2 "
    "WHERE id = $3 AND territory_key = $4 AND version = $5 AND deleted = 0";
constexpr const char* kSelectDecisions =
    "SELECT id, meeting_id, decided_on, body, actions, convention_id, amendment, created_at, created_by, deleted, "
    "version, updated_at, updated_by FROM ita_decisions WHERE territory_key = $1 ";
// A decision recorded before versions were kept gets its current state as
// the first version when it is first changed; the key keeps it from doubling.
constexpr const char* kInsertVersion =
    "INSERT INTO ita_decision_versions (decision_id, version, change, snapshot, recorded_at, recorded_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (decision_id, version) DO NOTHING";
constexpr const char* kSelectVersions =
    "SELECT version, change, snapshot, recorded_at, recorded_by FROM ita_decision_versions WHERE decision_id = $1 "
    "ORDER BY version";

Decision decision_of(const storage::Row& row)
{
    Decision decision;
    decision.id = row.integer("id");
    decision.meeting_id = row.optional_integer("meeting_id");
    decision.decided_on = row.text("decided_on");
    decision.text = row.text("body");
    auto actions = nlohmann::json::parse(row.text("actions"), nullptr, false);
    for (const auto& id : actions.is_array() ? actions : nlohmann::json::array())
        if (id.is_number_integer())
            decision.actions.push_back(id.get<std::int64_t>());
    decision.convention_id = row.optional_integer("convention_id");
    if (auto amendment = row.optional_integer("amendment"))
        decision.amendment = static_cast<int>(*amendment);
    decision.created_by = row.text("created_by");
    decision.deleted = row.integer("deleted") != 0;
    decision.version = static_cast<int>(row.integer("version"));
    auto updated_at = row.text("updated_at");
    decision.updated_at =
        core::parse_iso8601(updated_at.empty() ? row.text("created_at") : updated_at).value_or(core::Timestamp{});
    decision.updated_by = row.text("updated_by").empty() ? decision.created_by : row.text("updated_by");
    return decision;
}

// The decision the input describes, checked against the territory.
core::Result<Decision> checked_decision(storage::Connection& connection, const SteeredTerritory& territory,
                                        const DecisionInput& input)
{
    Faults faults;
    Decision decision;
    decision.decided_on = detail::check_day(faults, "decided_on", "Date de la décision", input.decided_on);
    detail::check_text(faults, "text", "Décision", input.text, true);
    decision.text = std::string(core::trim(input.text));
    if (input.meeting_id) {
        auto meetings = list_meetings(connection, territory);
        if (std::none_of(meetings.begin(), meetings.end(),
                         [&](const Meeting& meeting) { return meeting.id == *input.meeting_id; }))
            faults.add("meeting_id", "Réunion : la réunion n° " + std::to_string(*input.meeting_id) +
                                         " n'est pas une réunion de cette ITA.");
        decision.meeting_id = input.meeting_id;
    }
    for (auto id : input.actions) {
        auto action = find_action(connection, territory, id);
        if (!action || action->deleted)
            faults.add(
                "actions",
                "Actions : l'action n° " + std::to_string(id) + " n'est pas dans la feuille de route de ce territoire.",
                std::to_string(id));
        else if (std::find(decision.actions.begin(), decision.actions.end(), id) == decision.actions.end())
            decision.actions.push_back(id);
    }
    if (input.amendment) {
        auto convention =
            territory.convention_id ? conventions::find_convention(connection, *territory.convention_id) : std::nullopt;
        if (!convention)
            faults.add("amendment", "Avenant : ce territoire n'a pas encore de convention.");
        else if (*input.amendment < 0 || *input.amendment > convention->amendment + 1)
            faults.add("amendment", "Avenant : la convention en est à l'avenant n° " +
                                        std::to_string(convention->amendment) +
                                        " ; une décision peut porter sur celui-ci ou sur le suivant.");
        else {
            decision.convention_id = convention->id;
            decision.amendment = input.amendment;
        }
    }
    if (!faults.empty())
        return faults.error();
    return decision;
}

void record_version(storage::Connection& connection, const Decision& decision, const char* change)
{
    connection.execute(kInsertVersion, {decision.id, decision.version, change, to_json(decision).dump(),
                                        core::to_iso8601(decision.updated_at), decision.updated_by});
}

core::Error decision_not_found(const SteeredTerritory& territory, std::int64_t id)
{
    return core::Error::not_found("Décision n° " + std::to_string(id) + " introuvable dans l'ITA de " + territory.name +
                                  " (elle a peut-être été supprimée).");
}

core::Result<Decision> current_decision(storage::Connection& connection, const SteeredTerritory& territory,
                                        std::int64_t id, std::optional<int> expected_version)
{
    auto current = find_decision(connection, territory, id);
    if (!current || current->deleted)
        return decision_not_found(territory, id);
    if (expected_version && current->version != *expected_version)
        return detail::stale("La décision du " + current->decided_on, current->updated_by, current->updated_at,
                             current->version, *expected_version);
    // The first version of a decision recorded before its versions were kept.
    record_version(connection, *current, current->version == 1 ? "create" : "update");
    return *current;
}

}  // namespace

core::Result<Decision> add_decision(storage::Connection& connection, const access::Principal& principal,
                                    const SteeredTerritory& territory, const DecisionInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto decision = checked_decision(connection, territory, input);
    if (!decision.ok())
        return decision;
    auto at = core::to_iso8601(core::now());
    decision->created_by = author(principal);
    decision->id = connection
                       .query(kInsertDecision, {territory.key.to_string(), decision->meeting_id, decision->decided_on,
                                                decision->text, nlohmann::json(decision->actions).dump(),
                                                decision->convention_id, decision->amendment, at, decision->created_by})
                       .front()
                       .integer("id");
    auto saved = *find_decision(connection, territory, decision->id);
    record_version(connection, saved, "create");
    audit(connection, principal, "create", "ita_decision", saved.id, to_json(saved));
    return saved;
}

core::Result<Decision> change_decision(storage::Connection& connection, const access::Principal& principal,
                                       const SteeredTerritory& territory, std::int64_t id, int expected_version,
                                       const DecisionInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto current = current_decision(connection, territory, id, expected_version);
    if (!current.ok())
        return current;
    auto decision = checked_decision(connection, territory, input);
    if (!decision.ok())
        return decision;
    if (connection.execute(kUpdateDecision, {decision->meeting_id, decision->decided_on, decision->text,
                                             nlohmann::json(decision->actions).dump(), decision->convention_id,
                                             decision->amendment, core::to_iso8601(core::now()), author(principal), id,
                                             territory.key.to_string(), expected_version}) == 0)
        return core::Error::conflict("La décision vient d'être modifiée par quelqu'un d'autre : rechargez la page.");
    auto saved = *find_decision(connection, territory, id);
    record_version(connection, saved, "update");
    audit(connection, principal, "update", "ita_decision", id, to_json(saved), to_json(*current));
    return saved;
}

core::Result<Decision> delete_decision(storage::Connection& connection, const access::Principal& principal,
                                       const SteeredTerritory& territory, std::int64_t id,
                                       std::optional<int> expected_version)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto current = current_decision(connection, territory, id, expected_version);
    if (!current.ok())
        return current;
    if (connection.execute(kDeleteDecision, {core::to_iso8601(core::now()), author(principal), id,
                                             territory.key.to_string(), current->version}) == 0)
        return core::Error::conflict("La décision vient d'être modifiée par quelqu'un d'autre : rechargez la page.");
    auto saved = *find_decision(connection, territory, id);
    record_version(connection, saved, "delete");
    audit(connection, principal, "delete", "ita_decision", id, to_json(saved), to_json(*current));
    return saved;
}

std::vector<Decision> list_decisions(storage::Connection& connection, const SteeredTerritory& territory)
{
    std::vector<Decision> decisions;
    for (auto row :
         connection.query(std::string(kSelectDecisions) + "AND deleted = 0 ORDER BY decided_on DESC, id DESC",
                          {territory.key.to_string()}))
        decisions.push_back(decision_of(row));
    return decisions;
}

std::vector<Decision> list_deleted_decisions(storage::Connection& connection, const SteeredTerritory& territory)
{
    std::vector<Decision> decisions;
    for (auto row :
         connection.query(std::string(kSelectDecisions) + "AND deleted = 1 ORDER BY updated_at DESC, id DESC",
                          {territory.key.to_string()}))
        decisions.push_back(decision_of(row));
    return decisions;
}

std::optional<Decision> find_decision(storage::Connection& connection, const SteeredTerritory& territory,
                                      std::int64_t id)
{
    auto rows = connection.query(std::string(kSelectDecisions) + "AND id = $2", {territory.key.to_string(), id});
    if (rows.empty())
        return std::nullopt;
    return decision_of(rows.front());
}

std::vector<DecisionVersion> decision_history(storage::Connection& connection, const SteeredTerritory& territory,
                                              std::int64_t id)
{
    std::vector<DecisionVersion> history;
    if (!find_decision(connection, territory, id))
        return history;
    for (auto row : connection.query(kSelectVersions, {id}))
        history.push_back({static_cast<int>(row.integer("version")), row.text("change"),
                           nlohmann::json::parse(row.text("snapshot"), nullptr, false),
                           core::parse_iso8601(row.text("recorded_at")).value_or(core::Timestamp{}),
                           row.text("recorded_by")});
    return history;
}

}  // namespace boussole::steering
