#include "conventions/versions.hpp"

#include "storage/connection.hpp"

#include <map>
#include <set>

namespace boussole::conventions {

namespace {

constexpr const char* kInsertVersion =
    "INSERT INTO convention_versions (convention_id, number, snapshot, recorded_at, recorded_by) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (convention_id, number) DO UPDATE SET snapshot = excluded.snapshot, "
    "recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by";
constexpr const char* kSelectVersions =
    "SELECT number, recorded_at, recorded_by FROM convention_versions WHERE convention_id = $1 ORDER BY number";
constexpr const char* kSelectSnapshot =
    "SELECT snapshot FROM convention_versions WHERE convention_id = $1 AND number = $2";

// The members that make the text of a commitment; the rest (version, dates,
// status) is bookkeeping.
constexpr const char* kComparedFields[] = {
    "section",      "partner",   "priority",        "title",          "text",         "lead",
    "contributors", "indicator", "baseline_period", "baseline_value", "target_value", "deadline"};

}  // namespace

nlohmann::json snapshot_of(const Convention& convention, const std::vector<Commitment>& commitments)
{
    nlohmann::json items = nlohmann::json::array();
    for (const auto& commitment : commitments)
        if (!commitment.deleted)
            items.push_back(to_json(commitment));
    return {{"amendment", convention.amendment}, {"title", convention.title}, {"commitments", items}};
}

void record_version(storage::Connection& connection, const Convention& convention, const std::string& author,
                    const std::string& at)
{
    auto snapshot = snapshot_of(convention, list_commitments(connection, convention.id));
    connection.execute(kInsertVersion, {convention.id, convention.amendment, snapshot.dump(), at, author});
}

std::vector<VersionInfo> list_versions(storage::Connection& connection, std::int64_t convention_id)
{
    std::vector<VersionInfo> versions;
    for (auto row : connection.query(kSelectVersions, {convention_id}))
        versions.push_back({static_cast<int>(row.integer("number")),
                            core::parse_iso8601(row.text("recorded_at")).value_or(core::Timestamp{}),
                            row.text("recorded_by")});
    return versions;
}

std::optional<nlohmann::json> version_snapshot(storage::Connection& connection, std::int64_t convention_id, int number)
{
    auto rows = connection.query(kSelectSnapshot, {convention_id, number});
    if (rows.empty())
        return std::nullopt;
    auto snapshot = nlohmann::json::parse(rows.front().text("snapshot"), nullptr, false);
    if (snapshot.is_discarded())
        return std::nullopt;
    return snapshot;
}

std::vector<CommitmentChange> diff(const nlohmann::json& from, const nlohmann::json& to)
{
    std::vector<CommitmentChange> changes;
    auto old_title = from.value("title", std::string());
    auto new_title = to.value("title", std::string());
    if (old_title != new_title)
        changes.push_back({0, new_title, "changed", {{"title", old_title, new_title}}});
    std::map<std::int64_t, nlohmann::json> before;
    for (const auto& commitment : from.value("commitments", nlohmann::json::array()))
        before[commitment.value("id", std::int64_t{0})] = commitment;
    std::set<std::int64_t> seen;
    for (const auto& commitment : to.value("commitments", nlohmann::json::array())) {
        auto id = commitment.value("id", std::int64_t{0});
        seen.insert(id);
        auto title = commitment.value("title", std::string());
        auto old = before.find(id);
        if (old == before.end()) {
            changes.push_back({id, title, "added", {}});
            continue;
        }
        CommitmentChange change{id, title, "changed", {}};
        for (const char* field : kComparedFields) {
            auto a = old->second.value(field, nlohmann::json());
            auto b = commitment.value(field, nlohmann::json());
            if (a != b)
                change.fields.push_back({field, a, b});
        }
        if (!change.fields.empty())
            changes.push_back(std::move(change));
    }
    for (const auto& [id, commitment] : before)
        if (!seen.contains(id))
            changes.push_back({id, commitment.value("title", std::string()), "removed", {}});
    return changes;
}

nlohmann::json to_json(const CommitmentChange& change)
{
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : change.fields)
        fields.push_back({{"field", field.field}, {"before", field.before}, {"after", field.after}});
    return {{"commitment_id", change.commitment_id},
            {"title", change.title},
            {"change", change.change},
            {"fields", fields}};
}

}  // namespace boussole::conventions
