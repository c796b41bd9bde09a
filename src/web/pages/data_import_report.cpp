// The report of one import: whether it was applied or refused and why, every
// faulty line with its column, the value read, the reason and what the column
// expects, the warnings (values written but to check), and the undo form for
// whoever may undo it. Undoing asks for a confirmation (a checkbox: no script
// needed), then leads back here with what was restored and what was kept.
#include "collection/import_report.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

// The cells kept by an undo that the redirect names; the others are counted.
constexpr std::size_t kKeptInLink = 20;
constexpr const char* kConfirmField = "confirmation";

// A cell an undo left as it was, as the redirect names it: "ehpad_places:DEP-33:2018".
struct CellName {
    std::string element;
    std::string territory;
    std::string period;
};

// What the undo did, for the page it leads to. The reasons are those of
// collection::undo_import, read again from the cells: a link can name cells
// but never put its own words on the page.
struct UndoOutcome {
    std::int64_t restored = 0;
    std::int64_t kept_total = 0;
    std::vector<CellName> kept;
};

// What a page shows besides the import itself.
struct Extras {
    std::optional<UndoOutcome> outcome;
    std::optional<core::Error> confirm_error;  // field "confirmation"
    std::optional<core::Error> undo_error;     // Conflict from undo_import
    int status = 200;
};

// The column of a report entry as its header reads in French.
std::string column_label(std::string_view field)
{
    if (field == "donnee")
        return "donnée";
    if (field == "periode")
        return "période";
    if (field == "ligne")
        return "ligne entière";
    if (field == "fichier")
        return "fichier entier";
    return std::string(field);
}

nlohmann::json report_rows(const std::vector<collection::ImportLine>& report)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& line : report) {
        bool structural = line.field == "fichier" || line.field == "ligne" || line.field == "en-tête";
        rows.push_back({{"line", line.line ? core::format_integer(*line.line) : "—"},
                        {"column", column_label(line.field)},
                        {"value", line.value},
                        {"has_value", !line.value.empty()},
                        {"empty_text", structural ? "—" : "(vide)"},
                        {"message", line.message},
                        {"expected", line.expected},
                        {"warning", line.warning}});
    }
    return rows;
}

std::optional<CellName> parse_cell_name(std::string_view text, std::string_view separator)
{
    auto first = text.find(separator);
    auto second = first == std::string_view::npos ? first : text.find(separator, first + separator.size());
    if (second == std::string_view::npos)
        return std::nullopt;
    return CellName{std::string(text.substr(0, first)),
                    std::string(text.substr(first + separator.size(), second - first - separator.size())),
                    std::string(text.substr(second + separator.size()))};
}

// A kept cell with its labels and a link to its history; reason is the
// domain's sentence, or read again from the cell when empty. Nothing for a
// cell that does not exist (a link naming a cell of its own).
std::optional<nlohmann::json> kept_view(storage::Connection& connection, const AppState& state,
                                        const catalogue::Catalogue& catalogue, const CellName& name, std::string reason)
{
    const auto* element = catalogue.find_element(name.element);
    auto key = territory::TerritoryKey::parse(name.territory);
    const auto* territory = key.ok() ? state.registry.find(*key) : nullptr;
    auto period = element ? core::Period::parse(name.period, element->period_type)
                          : core::Result<core::Period>(core::Error::invalid("donnée inconnue"));
    if (!element || !territory || !period.ok())
        return std::nullopt;
    if (reason.empty()) {
        auto value = collection::find_value(connection, element->code, territory->key, *period);
        if (!value)
            return std::nullopt;
        reason = value->status == collection::ValueStatus::Validated
                     ? "validée depuis l'import : elle reste verrouillée ; demandez sa réouverture pour pouvoir "
                       "l'annuler"
                     : "modifiée depuis l'import : la modification la plus récente est gardée";
    }
    return nlohmann::json{{"element_name", element->name},
                          {"element_code", element->code},
                          {"territory_label", territory->label()},
                          {"period_label", period->label()},
                          {"reason", reason},
                          {"history_href", history_href(element->code, territory->key, *period)}};
}

nlohmann::json outcome_view(storage::Connection& connection, const AppState& state,
                            const catalogue::Catalogue& catalogue, const UndoOutcome& outcome)
{
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& name : outcome.kept)
        if (auto view = kept_view(connection, state, catalogue, name, {}))
            kept.push_back(std::move(*view));
    auto others = outcome.kept_total - static_cast<std::int64_t>(kept.size());
    std::string text =
        outcome.restored == 0   ? "Cet import n'avait changé aucune valeur : il est seulement marqué annulé."
        : outcome.restored == 1 ? "Elle a retrouvé son état d'avant l'import (supprimée si l'import l'avait créée). "
                                  "L'annulation est inscrite dans son historique."
                                : "Elles ont retrouvé leur état d'avant l'import (une valeur que l'import avait créée "
                                  "est supprimée). L'annulation est inscrite dans l'historique de chaque valeur.";
    return {{"title", "Import annulé : " + count_of(outcome.restored, "valeur rétablie", "valeurs rétablies")},
            {"text", text},
            {"kept", kept},
            {"has_kept", outcome.kept_total > 0},
            {"kept_title",
             count_of(outcome.kept_total, "valeur conservée telle quelle", "valeurs conservées telles quelles")},
            // null, not "": the templates take an empty string as true.
            {"others", others > 0 ? nlohmann::json(count_of(others, "autre valeur", "autres valeurs"))
                                  : nlohmann::json(nullptr)}};
}

nlohmann::json undo_error_view(storage::Connection& connection, const AppState& state,
                               const catalogue::Catalogue& catalogue, const core::Error& error)
{
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& field : error.fields) {
        auto name = field.value ? parse_cell_name(*field.value, ", ") : std::nullopt;
        if (name)
            if (auto view = kept_view(connection, state, catalogue, *name, field.message))
                kept.push_back(std::move(*view));
    }
    return {{"message", error.message}, {"kept", kept}, {"has_kept", !kept.empty()}};
}

// The alert at the top: what happened to the file, in one sentence, and what
// to do next.
nlohmann::json summary_alert(const collection::Import& import)
{
    auto warnings = static_cast<std::int64_t>(import.report.size()) - import.errors_listed();
    auto lines = count_of(import.lines_total, "ligne lue", "lignes lues");
    auto rejected = count_of(import.lines_rejected, "ligne fautive", "lignes fautives");
    switch (import.status) {
    case collection::ImportStatus::Applied: {
        std::string title = "Import appliqué : " + count_of(import.values_written, "valeur écrite", "valeurs écrites");
        if (import.values_unchanged > 0)
            title += ", " + count_of(import.values_unchanged, "déjà à jour", "déjà à jour");
        std::string text = lines +
                           " dans le fichier. Les valeurs écrites sont en brouillon : vérifiez-les dans la "
                           "saisie, puis transmettez-les pour validation.";
        if (import.lines_rejected > 0)
            text += " " + rejected + " n'" + (import.lines_rejected > 1 ? "ont" : "a") + " pas été écrite" +
                    (import.lines_rejected > 1 ? "s" : "") +
                    " : corrigez-les d'après le rapport ci-dessous, puis importez-les de nouveau.";
        if (warnings > 0)
            text += " " + count_of(warnings, "valeur est", "valeurs sont") + " à vérifier : voyez le rapport.";
        return {{"type", "success"}, {"title", title}, {"text", text}};
    }
    case collection::ImportStatus::Refused: {
        std::string text =
            import.lines_rejected > 0
                ? rejected + " sur " + lines +
                      ". Corrigez-les dans votre fichier d'après le rapport ci-dessous (ligne, colonne, raison et "
                      "valeur attendue), puis importez-le de nouveau. Vous pouvez aussi choisir d'écrire les lignes "
                      "valides et de signaler les autres."
                : "Le fichier lui-même n'a pas pu être lu : voyez le rapport ci-dessous, corrigez le fichier, puis "
                  "importez-le de nouveau.";
        return {{"type", "error"}, {"title", "Import refusé : rien n'a été écrit"}, {"text", text}};
    }
    case collection::ImportStatus::Undone: break;
    }
    std::string when = import.undone_at ? " le " + core::format_datetime(*import.undone_at) : "";
    std::string who = import.undone_by.empty() ? "" : " par " + import.undone_by;
    return {{"type", "info"},
            {"title", "Import annulé" + when + who},
            {"text",
             "Les valeurs qu'il avait écrites ont retrouvé leur état d'avant l'import, sauf celles modifiées "
             "ou validées depuis. L'annulation est inscrite dans l'historique de chaque valeur."}};
}

// "2 erreurs et 1 valeur à vérifier", leaving out what is not there.
std::string report_counts(std::int64_t errors, std::int64_t warnings)
{
    std::string errors_text = errors > 0 ? count_of(errors, "erreur", "erreurs") : "";
    std::string warnings_text = warnings > 0 ? count_of(warnings, "valeur à vérifier", "valeurs à vérifier") : "";
    if (errors_text.empty() || warnings_text.empty())
        return errors_text + warnings_text;
    return errors_text + " et " + warnings_text;
}

// What undoing does to the values the import wrote.
std::string undo_sentence(std::int64_t written)
{
    if (written == 0)
        return "Cet import n'a changé aucune valeur : l'annuler le marque seulement comme annulé.";
    std::string what = written == 1 ? "La valeur écrite par cet import retrouve son état"
                                    : "Les " + count_of(written, "valeur écrite", "valeurs écrites") +
                                          " par cet import retrouvent leur état";
    return what +
           " d'avant l'import : une valeur qu'il a créée est supprimée, une valeur qu'il a modifiée revient "
           "à sa version précédente.";
}

http::Response render(AppState& state, http::Request& request, std::int64_t id, const Extras& extras)
{
    const auto& principal = request_context(request).principal;
    auto context = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto import = collection::find_import(connection, principal, id);
        if (!import.ok())
            return std::move(import).error();
        auto catalogue = catalogue::Catalogue::load(connection);
        auto errors = import->errors_listed();
        auto warnings = static_cast<std::int64_t>(import->report.size()) - errors;
        bool undone = import->status == collection::ImportStatus::Undone;
        bool show_outcome = undone && extras.outcome;
        return nlohmann::json{
            {"tabs", data_tabs("import")},
            {"id", import->id},
            {"file_name", import->file_name},
            {"created_at", core::format_datetime(import->created_at)},
            {"actor", import->actor_label},
            {"mode", collection::label(import->mode)},
            {"dialect", import->dialect.empty() ? "non reconnu" : import->dialect},
            {"status", import_status_view(import->status)},
            {"alert", show_outcome || extras.undo_error ? nlohmann::json(nullptr) : summary_alert(*import)},
            {"outcome",
             show_outcome ? outcome_view(connection, state, catalogue, *extras.outcome) : nlohmann::json(nullptr)},
            {"undo_error", extras.undo_error ? undo_error_view(connection, state, catalogue, *extras.undo_error)
                                             : nlohmann::json(nullptr)},
            {"lines", core::format_integer(import->lines_total)},
            {"written", core::format_integer(import->values_written)},
            {"unchanged", core::format_integer(import->values_unchanged)},
            {"rejected", core::format_integer(import->lines_rejected)},
            {"rows", report_rows(import->report)},
            {"has_rows", !import->report.empty()},
            {"report_counts", report_counts(errors, warnings)},
            {"truncated", import->lines_rejected > 0 &&
                              errors >= static_cast<std::int64_t>(collection::ImportSettings{}.report_limit)},
            {"can_undo",
             import->status == collection::ImportStatus::Applied && collection::may_undo(principal, *import)},
            {"undo_text", undo_sentence(import->values_written)},
            {"errors", extras.confirm_error
                           ? error_view(*extras.confirm_error, {{kConfirmField, "annulation-confirmation"}})
                           : nlohmann::json{{"any", false}}},
        };
    });
    if (!context.ok())
        return error_page(state, request, context.error());
    PageMeta meta;
    meta.title =
        title_with_errors("Import n° " + std::to_string(id) + " : " + context->value("file_name", std::string()),
                          extras.confirm_error.has_value() || extras.undo_error.has_value());
    meta.section = kDataSection;
    meta.breadcrumbs = {{"Données", "/donnees/saisie"},
                        {"Import de fichiers", "/donnees/import"},
                        {"Import n° " + std::to_string(id), ""}};
    meta.status = extras.status;
    return render_page(state, request, "data_import_detail", *context, meta);
}

core::Error import_not_found()
{
    return core::Error::not_found(
        "Cet import n'existe pas ou n'est pas visible pour vous. La liste des imports est sur la page « Import de "
        "fichiers ».");
}

// The outcome of an undo the redirect carries, for an import that is undone.
std::optional<UndoOutcome> outcome_from_query(const http::Request& request)
{
    if (request.query_param("annulation").value_or("") != "ok")
        return std::nullopt;
    UndoOutcome outcome;
    outcome.restored = parse_id(request.query_param("restaurees").value_or("")).value_or(0);
    outcome.kept_total = parse_id(request.query_param("conservees").value_or("")).value_or(0);
    for (auto text : request.query.get_all("cellule")) {
        if (outcome.kept.size() >= kKeptInLink)
            break;
        if (auto name = parse_cell_name(text, ":"))
            outcome.kept.push_back(std::move(*name));
    }
    return outcome;
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "consulter un import"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto id = parse_id(request.path_param("id"));
    if (!id)
        return error_page(state, request, import_not_found());
    return render(state, request, *id, {outcome_from_query(request), std::nullopt, std::nullopt, 200});
}

std::string outcome_href(std::int64_t id, const collection::UndoReport& report)
{
    std::vector<std::pair<std::string, std::string>> params{{"annulation", "ok"},
                                                            {"restaurees", std::to_string(report.restored)},
                                                            {"conservees", std::to_string(report.kept.size())}};
    for (std::size_t i = 0; i < report.kept.size() && i < kKeptInLink; ++i) {
        const auto& cell = report.kept[i];
        params.emplace_back("cellule", cell.element + ":" + cell.territory_key + ":" + cell.period);
    }
    return import_href(id) + query_string(params);
}

http::Response undo(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "annuler un import"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto id = parse_id(request.path_param("id"));
    if (!id)
        return error_page(state, request, import_not_found());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    if (form->get(kConfirmField).value_or("") != "oui")
        return render(state, request, *id,
                      {std::nullopt,
                       field_error(kConfirmField,
                                   "Cochez la case pour confirmer l'annulation : sans elle, rien "
                                   "n'est annulé."),
                       std::nullopt, 422});
    auto undone = collection::undo_import(state.database, request_context(request).principal, *id);
    if (undone.ok())
        return http::Response::redirect(303, outcome_href(*id, *undone));
    if (undone.error().code != core::ErrorCode::Conflict)
        return error_page(state, request, undone.error());
    return render(state, request, *id, {std::nullopt, std::nullopt, undone.error(), 409});
}

}  // namespace

void register_data_import_report_routes(http::Router& router, AppState& state)
{
    router.get("/donnees/import/{id}", [&state](http::Request& request) { return show(state, request); });
    router.post("/donnees/import/{id}/annuler", [&state](http::Request& request) { return undo(state, request); });
}

}  // namespace boussole::web::pages
