#include "collection/import_store.hpp"

#include "access/policy.hpp"
#include "collection/import_report.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"

namespace boussole::collection::import_store {

namespace {

using namespace std::string_literals;

constexpr const char* kInsert =
    "INSERT INTO imports (file_name, content_sha256, mode, status, dialect, lines_total, values_written, "
    "values_unchanged, lines_rejected, report, organisation_id, user_id, token_id, actor_label, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";

constexpr const char* kFinish =
    "UPDATE imports SET status = $1, dialect = $2, lines_total = $3, values_written = $4, values_unchanged = $5, "
    "lines_rejected = $6, report = $7 WHERE id = $8";

constexpr const char* kMarkUndone =
    "UPDATE imports SET status = 'undone', undone_at = $1, undone_by = $2 WHERE id = $3 AND status = 'applied'";

constexpr const char* kColumns =
    "id, file_name, content_sha256, mode, status, dialect, lines_total, values_written, values_unchanged, "
    "lines_rejected, organisation_id, user_id, token_id, actor_label, created_at, undone_at, undone_by";

const std::string kSelectOne = "SELECT "s + kColumns + ", report FROM imports WHERE id = $1";

// $1 = 1: every import; otherwise those of organisation $2.
constexpr const char* kFilter = " FROM imports WHERE ($1 = 1 OR organisation_id = $2)";
const std::string kSelectPage = "SELECT "s + kColumns + kFilter + " ORDER BY id DESC LIMIT $3 OFFSET $4";
const std::string kCount = "SELECT COUNT(*) AS total"s + kFilter;

template <typename T>
T stored(core::Result<T> result, const char* column)
{
    if (!result.ok())
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema,
                                     std::string("imports.") + column + ": " + result.error().message);
    return std::move(result).value();
}

core::Result<ImportStatus> parse_status(std::string_view text)
{
    for (auto status : {ImportStatus::Applied, ImportStatus::Refused, ImportStatus::Undone})
        if (text == to_string(status))
            return status;
    return core::Error::invalid("statut d'import inconnu : " + std::string(text));
}

Import import_from_row(const storage::Row& row, bool with_report)
{
    Import import;
    import.id = row.integer("id");
    import.file_name = row.text("file_name");
    import.content_sha256 = row.text("content_sha256");
    import.mode = stored(parse_write_mode(row.text("mode")), "mode");
    import.status = stored(parse_status(row.text("status")), "status");
    import.dialect = row.text("dialect");
    import.lines_total = row.integer("lines_total");
    import.values_written = row.integer("values_written");
    import.values_unchanged = row.integer("values_unchanged");
    import.lines_rejected = row.integer("lines_rejected");
    import.organisation_id = row.optional_integer("organisation_id");
    import.user_id = row.optional_integer("user_id");
    import.token_id = row.optional_integer("token_id");
    import.actor_label = row.text("actor_label");
    import.created_at = core::parse_iso8601(row.text("created_at")).value_or(core::Timestamp{});
    if (auto undone_at = row.optional_text("undone_at"))
        import.undone_at = core::parse_iso8601(*undone_at);
    import.undone_by = row.optional_text("undone_by").value_or("");
    if (with_report)
        import.report = parse_report(row.text("report"));
    return import;
}

bool sees_everything(const access::Principal& principal)
{
    return principal.kind == access::PrincipalKind::System || access::is_national(principal.role);
}

}  // namespace

Import insert(storage::Connection& connection, Import import)
{
    auto rows = connection.query(
        kInsert, {import.file_name, import.content_sha256, to_string(import.mode), to_string(import.status),
                  import.dialect, import.lines_total, import.values_written, import.values_unchanged,
                  import.lines_rejected, report_text(import.report), import.organisation_id, import.user_id,
                  import.token_id, import.actor_label, core::to_iso8601(import.created_at)});
    import.id = rows.front().integer("id");
    return import;
}

void finish(storage::Connection& connection, const Import& import)
{
    connection.execute(kFinish,
                       {to_string(import.status), import.dialect, import.lines_total, import.values_written,
                        import.values_unchanged, import.lines_rejected, report_text(import.report), import.id});
}

void mark_undone(storage::Connection& connection, std::int64_t id, core::Timestamp at, const std::string& by)
{
    connection.execute(kMarkUndone, {core::to_iso8601(at), by, id});
}

std::optional<Import> find(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectOne, {id});
    if (rows.empty())
        return std::nullopt;
    return import_from_row(rows.front(), true);
}

bool visible_to(const access::Principal& principal, const Import& import)
{
    if (!principal.authenticated())
        return false;
    if (sees_everything(principal))
        return true;
    return principal.organisation_id && import.organisation_id == principal.organisation_id;
}

}  // namespace boussole::collection::import_store

namespace boussole::collection {

core::Result<core::Page<Import>> list_imports(storage::Connection& connection, const access::Principal& principal,
                                              const core::PageRequest& page_request)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    bool everything = import_store::sees_everything(principal);
    storage::Params filter{everything ? 1 : 0, principal.organisation_id.value_or(0)};
    core::Page<Import> page;
    page.number = page_request.number;
    page.size = page_request.size;
    page.total = connection.query(import_store::kCount, filter).front().integer("total");
    auto params = filter;
    params.emplace_back(static_cast<std::int64_t>(page_request.size));
    params.emplace_back(page_request.offset());
    for (auto row : connection.query(import_store::kSelectPage, params))
        page.items.push_back(import_store::import_from_row(row, false));
    return page;
}

core::Result<Import> find_import(storage::Connection& connection, const access::Principal& principal, std::int64_t id)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto import = import_store::find(connection, id);
    if (!import || !import_store::visible_to(principal, *import))
        return core::Error::not_found("Import n° " + std::to_string(id) +
                                      " introuvable parmi les imports de votre organisation.");
    return std::move(*import);
}

}  // namespace boussole::collection
