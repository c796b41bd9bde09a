#pragma once
// The versions of a convention's text and the difference between any two,
// commitment by commitment. A version is recorded when the convention enters
// into force: number 0 for the initial text, n for the n-th amendment. The
// text being prepared (a draft, or an amendment in progress) is compared as
// the "current" state. Thread-safety: reentrant. Database failures throw
// storage::DatabaseError.

#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boussole::conventions {

// The text as it stands: {"amendment", "title", "commitments": [...]}, the
// commitments as to_json shows them, deleted ones left out.
nlohmann::json snapshot_of(const Convention& convention, const std::vector<Commitment>& commitments);

// Records the current text as version convention.amendment.
void record_version(storage::Connection& connection, const Convention& convention, const std::string& author,
                    const std::string& at);

struct VersionInfo {
    int number = 0;
    core::Timestamp recorded_at;
    std::string recorded_by;
};

// The recorded versions, oldest first.
std::vector<VersionInfo> list_versions(storage::Connection& connection, std::int64_t convention_id);

// The recorded text of a version; nothing when there is none.
std::optional<nlohmann::json> version_snapshot(storage::Connection& connection, std::int64_t convention_id, int number);

struct FieldChange {
    std::string field;
    nlohmann::json before;
    nlohmann::json after;
};

struct CommitmentChange {
    std::int64_t commitment_id = 0;
    std::string title;   // the newer title (the older one when removed)
    std::string change;  // "added", "removed", "changed"
    std::vector<FieldChange> fields;
};

// What changed from one text to the other, commitment by commitment, in the
// order of the newer text then the removed ones. The title of the convention
// counts as commitment 0 when it changed.
std::vector<CommitmentChange> diff(const nlohmann::json& from, const nlohmann::json& to);

nlohmann::json to_json(const CommitmentChange& change);

}  // namespace boussole::conventions
