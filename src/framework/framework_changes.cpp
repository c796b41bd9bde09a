// Editing, history and seeding of the national framework (framework.hpp).
#include "framework/framework.hpp"
#include "framework/item_row.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

namespace boussole::framework {

namespace {

constexpr const char* kUpdateItem =
    "UPDATE framework_items SET title = $1, summary = $2, body = $3, awaiting_confirmation = $4, "
    "confirmation_note = $5, version = version + 1, updated_at = $6, updated_by = $7 WHERE id = $8 AND version = $9";
constexpr const char* kInsertHistory =
    "INSERT INTO framework_item_history (item_id, version, title, summary, body, awaiting_confirmation, "
    "confirmation_note, changed_at, changed_by, change_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr const char* kSelectHistory =
    "SELECT h.version, h.title, h.summary, h.body, h.awaiting_confirmation, h.confirmation_note, h.changed_at, "
    "h.change_note, u.display_name FROM framework_item_history h LEFT JOIN users u ON u.id = h.changed_by "
    "WHERE h.item_id = $1 ORDER BY h.version DESC";
constexpr const char* kCountItems = "SELECT COUNT(*) AS n FROM framework_items";
constexpr const char* kInsertItem =
    "INSERT INTO framework_items (kind, code, position, parent_code, title, summary, body, awaiting_confirmation, "
    "confirmation_note, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10) RETURNING id";

nlohmann::json to_json(const FrameworkItem& item)
{
    return {{"kind", to_string(item.kind)},
            {"code", item.code},
            {"title", item.title},
            {"summary", item.summary},
            {"body", item.body},
            {"awaiting_confirmation", item.awaiting_confirmation},
            {"confirmation_note", item.confirmation_note},
            {"version", item.version}};
}

core::Status check_field(const char* field, const char* name, const std::string& value, std::size_t minimum,
                         std::size_t maximum)
{
    auto length = core::utf8_length(core::trim(value));
    if (!core::is_valid_utf8(value))
        return core::Error::invalid(std::string(name) + " : caractères illisibles (encodage attendu : UTF-8).",
                                    {{field, "encodage non UTF-8", std::nullopt, std::nullopt}});
    if (length < minimum || length > maximum)
        return core::Error::invalid(std::string(name) + " : attendu de " + std::to_string(minimum) + " à " +
                                        std::to_string(maximum) + " caractères.",
                                    {{field, "longueur de " + std::to_string(minimum) + " à " + std::to_string(maximum),
                                      std::nullopt, value.substr(0, 200)}});
    return {};
}

}  // namespace

core::Result<FrameworkItem> update_item(storage::Connection& connection, const access::Principal& principal,
                                        ItemKind kind, std::string_view code, int expected_version,
                                        const ItemChanges& changes)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, "modifier le cadre national"));
    auto before = find_item(connection, kind, code);
    if (!before.ok())
        return before;
    FrameworkItem after = *before;
    if (changes.title)
        after.title = std::string(core::trim(*changes.title));
    if (changes.summary)
        after.summary = std::string(core::trim(*changes.summary));
    if (changes.body) {
        after.body.clear();
        for (const auto& entry : *changes.body)
            if (!core::trim(entry).empty())
                after.body.emplace_back(core::trim(entry));
    }
    if (changes.awaiting_confirmation)
        after.awaiting_confirmation = *changes.awaiting_confirmation;
    if (changes.confirmation_note)
        after.confirmation_note = std::string(core::trim(*changes.confirmation_note));

    BOUSSOLE_TRY(check_field("title", "Intitulé", after.title, 1, 200));
    BOUSSOLE_TRY(check_field("summary", "Énoncé", after.summary, 0, 2000));
    BOUSSOLE_TRY(check_field("confirmation_note", "Note de confirmation", after.confirmation_note, 0, 1000));
    BOUSSOLE_TRY(check_field("change_note", "Motif de la modification", changes.change_note, 0, 1000));
    if (after.body.size() > 20)
        return core::Error::invalid("Vingt puces au plus.",
                                    {{"body", "vingt puces au plus", std::nullopt, std::nullopt}});
    for (const auto& entry : after.body)
        BOUSSOLE_TRY(check_field("body", "Puce", entry, 1, 500));
    if (after.awaiting_confirmation && after.confirmation_note.empty())
        return core::Error::invalid(
            "Expliquez ce qui reste à confirmer dans la note de confirmation.",
            {{"confirmation_note", "obligatoire quand l'élément est à confirmer", std::nullopt, ""}});
    if (before->version != expected_version)
        return core::Error::conflict("Cet élément du cadre a été modifié entre-temps (version " +
                                     std::to_string(before->version) + ", vous aviez la version " +
                                     std::to_string(expected_version) + ") : rechargez la page et recommencez.");

    auto now = core::to_iso8601(core::now());
    auto changed = connection.execute(
        kUpdateItem, {after.title, after.summary, nlohmann::json(after.body).dump(), after.awaiting_confirmation,
                      after.confirmation_note, now, principal.user_id, before->id, expected_version});
    if (changed == 0)
        return core::Error::conflict("Cet élément du cadre a été modifié entre-temps : rechargez la page.");
    connection.execute(kInsertHistory,
                       {before->id, before->version + 1, after.title, after.summary, nlohmann::json(after.body).dump(),
                        after.awaiting_confirmation, after.confirmation_note, now, principal.user_id,
                        std::string(core::trim(changes.change_note))});
    auto updated = find_item(connection, kind, code);
    access::record_audit(connection, principal,
                         {"update", "framework_item", std::string(to_string(kind)) + ":" + std::string(code),
                          to_json(*before).dump(), to_json(*updated).dump()});
    return updated;
}

core::Result<std::vector<ItemVersion>> item_history(storage::Connection& connection, ItemKind kind,
                                                    std::string_view code)
{
    auto item = find_item(connection, kind, code);
    if (!item.ok())
        return std::move(item).error();
    std::vector<ItemVersion> versions;
    for (auto row : connection.query(kSelectHistory, {item->id}))
        versions.push_back(
            {static_cast<int>(row.integer("version")), row.text("title"), row.text("summary"),
             parse_body(row.text("body")), row.boolean("awaiting_confirmation"), row.text("confirmation_note"),
             core::parse_iso8601(row.text("changed_at")).value_or(core::Timestamp{}),
             row.optional_text("display_name").value_or("données de référence"), row.text("change_note")});
    return versions;
}

core::Result<int> seed_framework(storage::Connection& connection, const std::string& json_path)
{
    if (connection.query(kCountItems).front().integer("n") > 0)
        return 0;
    auto text = core::read_file(json_path);
    if (!text.ok())
        return std::move(text).error();
    auto document = nlohmann::json::parse(*text, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return core::Error::invalid(json_path + " : JSON mal formé.");

    auto now = core::to_iso8601(core::now());
    int written = 0;
    auto insert = [&](ItemKind kind, const std::string& code, int position, const std::string& parent,
                      const std::string& title, const std::string& summary, const nlohmann::json& body, bool awaiting,
                      const std::string& note) {
        auto id = connection
                      .query(kInsertItem, {to_string(kind), code, position,
                                           parent.empty() ? storage::Value() : storage::Value(parent), title, summary,
                                           body.dump(), awaiting, note, now})
                      .front()
                      .integer("id");
        connection.execute(kInsertHistory, {id, 1, title, summary, body.dump(), awaiting, note, now, storage::Value(),
                                            "Version initiale, d'après le cadre de coopération"});
        ++written;
    };
    try {
        int position = 0;
        for (const auto& value : document.at("values"))
            insert(ItemKind::Value, value.at("code"), ++position, "", value.at("title"), "",
                   value.value("bullets", nlohmann::json::array()), value.value("awaiting_confirmation", false),
                   value.value("confirmation_note", ""));
        for (const auto& principle : document.at("principles"))
            insert(ItemKind::Principle, principle.at("code"), principle.at("number"), "", principle.at("title"),
                   principle.at("text"), nlohmann::json::array(), false, "");
        for (const auto& axis : document.at("axes"))
            insert(ItemKind::Axis, axis.at("code"), axis.at("number"), "", axis.at("title"), "",
                   nlohmann::json::array(), false, "");
        for (const auto& priority : document.at("priorities"))
            insert(ItemKind::Priority, priority.at("code"), priority.at("number"), priority.at("axis"),
                   priority.at("title"), priority.at("statement"), nlohmann::json::array(), false, "");
    } catch (const nlohmann::json::exception& error) {
        return core::Error::invalid(json_path + " : structure inattendue (" + error.what() + ").");
    }
    return written;
}

}  // namespace boussole::framework
