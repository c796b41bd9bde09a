#pragma once
// The national framework of the cadre de coopération: 6 shared values, 6
// action principles, 3 axes and 11 strategic priorities, worded as in the
// source document. Stored in the database and versioned item by item:
// national administrators edit an item, the previous wording stays in its
// history.

#include "access/principal.hpp"
#include "core/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::framework {

enum class ItemKind { Value, Principle, Axis, Priority };

const char* to_string(ItemKind kind);  // "value", "principle", "axis", "priority"
const char* label(ItemKind kind);      // "valeur", "principe d'action", "axe", "priorité stratégique"
core::Result<ItemKind> parse_kind(std::string_view text);

struct FrameworkItem {
    std::int64_t id = 0;
    ItemKind kind = ItemKind::Value;
    std::string code;               // "confiance", "mieux-se-connaitre", "A1", "P1"
    int position = 0;               // the number of principles, axes and priorities
    std::string parent_code;        // the axis of a priority
    std::string title;              // "Équité de traitement"
    std::string summary;            // the full statement of a priority or principle
    std::vector<std::string> body;  // the bullets of a value
    bool awaiting_confirmation = false;
    std::string confirmation_note;
    int version = 1;
    core::Timestamp updated_at;
};

struct Framework {
    std::vector<FrameworkItem> values;
    std::vector<FrameworkItem> principles;
    std::vector<FrameworkItem> axes;
    std::vector<FrameworkItem> priorities;
    // Grows with every edit of any item: caches and ETags follow it.
    std::int64_t revision = 0;

    std::vector<const FrameworkItem*> priorities_of(const std::string& axis_code) const;
    bool empty() const { return values.empty() && principles.empty() && axes.empty() && priorities.empty(); }
};

Framework load_framework(storage::Connection& connection);

core::Result<FrameworkItem> find_item(storage::Connection& connection, ItemKind kind, std::string_view code);

struct ItemChanges {
    std::optional<std::string> title;
    std::optional<std::string> summary;
    std::optional<std::vector<std::string>> body;
    std::optional<bool> awaiting_confirmation;
    std::optional<std::string> confirmation_note;
    std::string change_note;  // why, kept in the history
};

// National administrators only; Conflict when expected_version is stale.
core::Result<FrameworkItem> update_item(storage::Connection& connection, const access::Principal& principal,
                                        ItemKind kind, std::string_view code, int expected_version,
                                        const ItemChanges& changes);

struct ItemVersion {
    int version = 0;
    std::string title;
    std::string summary;
    std::vector<std::string> body;
    bool awaiting_confirmation = false;
    std::string confirmation_note;
    core::Timestamp changed_at;
    std::string changed_by;  // display name, or "données de référence"
    std::string change_note;
};

// Every version of an item, newest first (the current one included).
core::Result<std::vector<ItemVersion>> item_history(storage::Connection& connection, ItemKind kind,
                                                    std::string_view code);

// Fills an empty framework from data/framework/cadre-national.json; does
// nothing (returns 0) when the framework already has items, so that edits are
// never overwritten by a restart.
core::Result<int> seed_framework(storage::Connection& connection, const std::string& json_path);

}  // namespace boussole::framework
