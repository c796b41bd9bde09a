// Undoing an import: each cell it changed gets a new version with the state
// it had before, unless someone changed or validated it since.
#include "access/audit.hpp"
#include "access/policy.hpp"
#include "collection/cell_store.hpp"
#include "collection/import.hpp"
#include "collection/import_store.hpp"
#include "core/french.hpp"
#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace boussole::collection {

namespace {

// The versions an import wrote. Approval rows carry the import of the cell
// too, so only the actions of a write count.
constexpr const char* kVersionsOfImport =
    "SELECT h.data_value_id, h.version, h.action, v.element_code, v.territory_key, v.period "
    "FROM data_value_history h JOIN data_values v ON v.id = h.data_value_id "
    "WHERE h.import_id = $1 AND h.action IN ('create', 'update', 'delete', 'restore') "
    "ORDER BY v.element_code, v.territory_key, v.period, h.version";

constexpr const char* kVersion =
    "SELECT version, action, value, comment, status, origin, import_id FROM data_value_history "
    "WHERE data_value_id = $1 AND version = $2";

constexpr const char* kVersionBefore =
    "SELECT version, action, value, comment, status, origin, import_id FROM data_value_history "
    "WHERE data_value_id = $1 AND version < $2 ORDER BY version DESC LIMIT 1";

struct WrittenCell {
    std::string element;
    std::string territory_key;
    std::string period;
    std::int64_t data_value_id = 0;
    std::int64_t first_version = 0;  // the first version the import wrote
    std::int64_t last_version = 0;   // the state the import left
};

// A version as a state: deleted when it records a deletion or holds no value.
cells::CellState state_of(const storage::Row& row)
{
    cells::CellState state;
    state.value = row.optional_real("value");
    state.comment = row.text("comment");
    auto status = parse_value_status(row.text("status"));
    auto origin = parse_value_origin(row.text("origin"));
    state.status = status.ok() ? *status : ValueStatus::Draft;
    state.origin = origin.ok() ? *origin : ValueOrigin::Import;
    state.import_id = row.optional_integer("import_id");
    state.deleted = row.text("action") == "delete" || !state.value;
    if (state.deleted)
        state.value.reset();
    return state;
}

bool same_content(const cells::Cell& cell, const cells::CellState& state)
{
    if (cell.deleted || state.deleted)
        return cell.deleted == state.deleted;
    return cell.value == state.value && cell.comment == state.comment;
}

core::Error nothing_undone(std::int64_t id, const std::vector<KeptCell>& kept)
{
    std::vector<core::FieldError> fields;
    for (const auto& cell : kept)
        fields.push_back(
            {"cellule", cell.reason, std::nullopt, cell.element + ", " + cell.territory_key + ", " + cell.period});
    return {core::ErrorCode::Conflict,
            "Rien n'a pu être annulé : les " + std::to_string(kept.size()) + " valeur(s) écrites par l'import n° " +
                std::to_string(id) +
                " ont toutes été modifiées ou validées depuis. Corrigez-les une à une depuis la saisie si besoin.",
            std::move(fields)};
}

}  // namespace

bool may_undo(const access::Principal& principal, const Import& import)
{
    std::vector<territory::TerritoryKey> scope(principal.scope.territories().begin(),
                                               principal.scope.territories().end());
    if (!access::require_territorial_write(principal, scope, "annuler un import").ok())
        return false;
    if (principal.kind == access::PrincipalKind::System || principal.is_national_admin())
        return true;
    if (principal.user_id && import.user_id == principal.user_id)
        return true;
    return principal.token_id && import.token_id == principal.token_id;
}

core::Result<UndoReport> undo_import(storage::Database& database, const access::Principal& principal, std::int64_t id)
{
    return database.write([&](storage::Connection& connection) -> core::Result<UndoReport> {
        auto import = find_import(connection, principal, id);
        if (!import.ok())
            return std::move(import).error();
        if (!may_undo(principal, *import))
            return core::Error::forbidden(
                "Seuls l'auteur de l'import et les administrateurs nationaux peuvent l'annuler : demandez-le à " +
                import->actor_label + ".");
        if (import->status == ImportStatus::Refused)
            return core::Error::conflict("L'import n° " + std::to_string(id) +
                                         " a été refusé : il n'a rien écrit, il n'y a rien à annuler.");
        if (import->status == ImportStatus::Undone)
            return core::Error::conflict("L'import n° " + std::to_string(id) + " a déjà été annulé" +
                                         (import->undone_at ? " le " + core::format_datetime(*import->undone_at) : "") +
                                         (import->undone_by.empty() ? "" : " par " + import->undone_by) + ".");

        std::vector<WrittenCell> written;
        for (auto row : connection.query(kVersionsOfImport, {id})) {
            std::int64_t data_value_id = row.integer("data_value_id");
            std::int64_t version = row.integer("version");
            if (!written.empty() && written.back().data_value_id == data_value_id) {
                written.back().last_version = version;
                continue;
            }
            written.push_back({row.text("element_code"), row.text("territory_key"), row.text("period"), data_value_id,
                               version, version});
        }

        UndoReport report;
        auto author = cells::Author::of(principal, core::now());
        std::string reason = "Annulation de l'import n° " + std::to_string(id) + " (" + import->file_name + ")";
        for (const auto& entry : written) {
            auto cell = cells::lock_cell(connection, entry.element, entry.territory_key, entry.period);
            if (!cell)
                continue;
            auto left = connection.query(kVersion, {entry.data_value_id, entry.last_version});
            if (cell->status == ValueStatus::Validated) {
                report.kept.push_back({entry.element, entry.territory_key, entry.period,
                                       "validée depuis l'import : elle reste verrouillée ; demandez sa réouverture "
                                       "pour pouvoir l'annuler"});
                continue;
            }
            if (left.empty() || !same_content(*cell, state_of(left.front()))) {
                report.kept.push_back({entry.element, entry.territory_key, entry.period,
                                       "modifiée depuis l'import (version " + std::to_string(cell->version) +
                                           ") : la modification la plus récente est gardée"});
                continue;
            }
            auto before = connection.query(kVersionBefore, {entry.data_value_id, entry.first_version});
            cells::CellState previous;
            if (before.empty()) {
                // The import created the cell: undoing it deletes the value.
                previous.deleted = true;
                previous.origin = ValueOrigin::Import;
            } else {
                previous = state_of(before.front());
            }
            cells::update_cell(connection, *cell, previous, "undo", author, reason);
            ++report.restored;
        }
        if (report.restored == 0 && !report.kept.empty())
            return nothing_undone(id, report.kept);

        import_store::mark_undone(connection, id, author.at, principal.label);
        nlohmann::json after{{"status", "undone"}, {"restored", report.restored}, {"kept", report.kept.size()}};
        access::record_audit(connection, principal, {"undo", "import", std::to_string(id), std::nullopt, after.dump()});
        return report;
    });
}

}  // namespace boussole::collection
