#include "framework/framework.hpp"
#include "framework/item_row.hpp"

#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

namespace boussole::framework {

namespace {

constexpr const char* kItemColumns =
    "id, kind, code, position, parent_code, title, summary, body, awaiting_confirmation, confirmation_note, version, "
    "updated_at";
const std::string kSelectAll = std::string("SELECT ") + kItemColumns + " FROM framework_items ORDER BY kind, position";
const std::string kSelectItem =
    std::string("SELECT ") + kItemColumns + " FROM framework_items WHERE kind = $1 AND code = $2";
constexpr const char* kSelectRevision = "SELECT COALESCE(MAX(id), 0) AS revision FROM framework_item_history";

}  // namespace

const char* to_string(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Value: return "value";
    case ItemKind::Principle: return "principle";
    case ItemKind::Axis: return "axis";
    case ItemKind::Priority: return "priority";
    }
    return "value";
}

const char* label(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Value: return "valeur";
    case ItemKind::Principle: return "principe d'action";
    case ItemKind::Axis: return "axe";
    case ItemKind::Priority: return "priorité stratégique";
    }
    return "valeur";
}

core::Result<ItemKind> parse_kind(std::string_view text)
{
    for (ItemKind kind : {ItemKind::Value, ItemKind::Principle, ItemKind::Axis, ItemKind::Priority})
        if (text == to_string(kind))
            return kind;
    return core::Error::invalid("Élément du cadre « " + std::string(text) +
                                " » inconnu : attendu value, principle, axis ou priority.");
}

std::vector<std::string> parse_body(const std::string& json_text)
{
    auto parsed = nlohmann::json::parse(json_text, nullptr, false);
    std::vector<std::string> body;
    if (parsed.is_array())
        for (const auto& entry : parsed)
            if (entry.is_string())
                body.push_back(entry.get<std::string>());
    return body;
}

FrameworkItem item_from_row(const storage::Row& row)
{
    FrameworkItem item;
    item.id = row.integer("id");
    item.kind = parse_kind(row.text("kind")).ok() ? *parse_kind(row.text("kind")) : ItemKind::Value;
    item.code = row.text("code");
    item.position = static_cast<int>(row.integer("position"));
    item.parent_code = row.optional_text("parent_code").value_or("");
    item.title = row.text("title");
    item.summary = row.text("summary");
    item.body = parse_body(row.text("body"));
    item.awaiting_confirmation = row.boolean("awaiting_confirmation");
    item.confirmation_note = row.text("confirmation_note");
    item.version = static_cast<int>(row.integer("version"));
    item.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    return item;
}

std::vector<const FrameworkItem*> Framework::priorities_of(const std::string& axis_code) const
{
    std::vector<const FrameworkItem*> result;
    for (const auto& priority : priorities)
        if (priority.parent_code == axis_code)
            result.push_back(&priority);
    return result;
}

Framework load_framework(storage::Connection& connection)
{
    Framework framework;
    for (auto row : connection.query(kSelectAll)) {
        auto item = item_from_row(row);
        switch (item.kind) {
        case ItemKind::Value: framework.values.push_back(std::move(item)); break;
        case ItemKind::Principle: framework.principles.push_back(std::move(item)); break;
        case ItemKind::Axis: framework.axes.push_back(std::move(item)); break;
        case ItemKind::Priority: framework.priorities.push_back(std::move(item)); break;
        }
    }
    framework.revision = connection.query(kSelectRevision).front().integer("revision");
    return framework;
}

core::Result<FrameworkItem> find_item(storage::Connection& connection, ItemKind kind, std::string_view code)
{
    auto rows = connection.query(kSelectItem, {to_string(kind), code});
    if (rows.empty())
        return core::Error::not_found(std::string("Aucun élément « ") + std::string(code) + " » parmi les " +
                                      label(kind) + "s du cadre national.");
    return item_from_row(rows.front());
}

}  // namespace boussole::framework
