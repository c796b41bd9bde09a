// Submission and validation: the departments and periods whose values wait
// to be validated (for the ARS and the national team), to be submitted (for
// the department's actors), or are validated (and may be reopened with a
// reason), within the person's scope, with a button for each action the
// person may take. The rules are the domain's (collection/approval.hpp).
#include "collection/approval.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

constexpr const char* kPath = "/donnees/validation";

struct View {
    const char* code;  // in the URL
    const char* label;
    collection::ValueStatus status;
    const char* empty;  // what to say when nothing is listed
};

constexpr View kViews[] = {
    {"a-valider", "À valider", collection::ValueStatus::Submitted,
     "Aucune valeur transmise n'attend de validation dans votre périmètre."},
    {"a-transmettre", "À transmettre", collection::ValueStatus::Draft,
     "Aucune valeur en brouillon dans votre périmètre : rien à transmettre."},
    {"validees", "Validées", collection::ValueStatus::Validated, "Aucune valeur validée dans votre périmètre."},
};

const View& view_named(std::string_view code)
{
    for (const auto& view : kViews)
        if (code == view.code)
            return view;
    return kViews[0];
}

const View& view_of(collection::ApprovalAction action)
{
    switch (action) {
    case collection::ApprovalAction::Submit: return kViews[1];
    case collection::ApprovalAction::Validate: return kViews[0];
    case collection::ApprovalAction::Reopen: return kViews[2];
    }
    return kViews[0];
}

// The department and period a list is narrowed to, as typed.
struct Filters {
    std::string territory;
    std::string period;
};

Filters filters_of(const http::Request& request)
{
    return {std::string(request.query_param("territoire").value_or("")),
            std::string(request.query_param("periode").value_or(""))};
}

std::string list_href(const View& view, const Filters& filters, int page)
{
    return kPath + query_string({{"statut", view.code},
                                 {"territoire", filters.territory},
                                 {"periode", filters.period},
                                 {"page", page > 1 ? std::to_string(page) : ""}});
}

// The query of the filters; a French sentence when one is not understood.
core::Result<collection::ApprovalQueueQuery> query_of(const AppState& state, const View& view, const Filters& filters,
                                                      int page_number)
{
    collection::ApprovalQueueQuery query;
    query.status = view.status;
    query.page = {page_number, core::PageRequest::kDefaultSize};
    if (!filters.territory.empty()) {
        auto key = territory::TerritoryKey::parse(filters.territory);
        if (!key.ok() || !state.registry.find(*key))
            return core::Error::invalid(
                "Département « " + filters.territory + " » inconnu : choisissez-le dans la liste.",
                {{"territoire", "un département de la liste", std::nullopt, filters.territory}});
        query.territory = *key;
    }
    if (!filters.period.empty()) {
        auto period = core::Period::parse(filters.period);
        if (!period.ok())
            return core::Error::invalid(period.error().message,
                                        {{"periode", "une année (2025), un trimestre (2025-T3) ou un mois (2025-07)",
                                          std::nullopt, filters.period}});
        query.period = *period;
    }
    return query;
}

// Where to go back after an action: a data page, never another site.
std::string safe_back(std::string_view back, const View& view)
{
    if (back.starts_with("/donnees/") && back.find_first_of("\r\n") == std::string_view::npos &&
        back.find("//") == std::string_view::npos)
        return std::string(back);
    return list_href(view, {}, 1);
}

struct RowError {
    std::string territory;
    std::string period;
    std::string message;
};

http::Response render(AppState& state, http::Request& request, const View& view, const Filters& filters,
                      int page_number, const std::optional<Flash>& flash, const std::optional<RowError>& row_error,
                      int status)
{
    const auto& principal = request_context(request).principal;
    auto query = query_of(state, view, filters, page_number);
    std::optional<std::string> filter_error;
    if (!query.ok()) {
        filter_error = query.error().message;
        query = query_of(state, view, {}, 1);
    }
    auto page = state.database.read([&](storage::Connection& connection) {
        return collection::approval_queue(connection, principal, state.registry, *query);
    });
    if (!page.ok())
        return error_page(state, request, page.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& group : page->items) {
        const auto* territory = state.registry.find(group.territory);
        auto key = group.territory.to_string();
        auto period = group.period.to_string();
        nlohmann::json row{{"territory", key},
                           {"territory_label", territory ? territory->label() : key},
                           {"period", period},
                           {"period_label", group.period.label()},
                           {"entry_href", entry_href(group.territory, group.period)},
                           {"draft", group.draft},
                           {"submitted", group.submitted},
                           {"validated", group.validated},
                           {"last_event", group.last_event ? *group.last_event : "aucune transmission"},
                           {"last_change", core::format_datetime(group.last_change)},
                           {"can_submit", group.can_submit},
                           {"can_validate", group.can_validate},
                           {"can_reopen", group.can_reopen},
                           {"reason_id", "motif-" + key + "-" + period},
                           {"back", list_href(view, filters, page_number)}};
        if (row_error && row_error->territory == key && row_error->period == period)
            row["reason_error"] = row_error->message;
        rows.push_back(std::move(row));
    }
    nlohmann::json views = nlohmann::json::array();
    for (const auto& candidate : kViews)
        views.push_back(
            {{"label", candidate.label}, {"href", list_href(candidate, filters, 1)}, {"current", &candidate == &view}});
    nlohmann::json context{
        {"tabs", data_tabs("validation")},
        {"status_code", view.code},
        {"departments", department_options(departments_of(state, principal), filters.territory)},
        {"period", filters.period},
        {"filter_error", filter_error ? nlohmann::json(*filter_error) : nlohmann::json(nullptr)},
        {"filtered", !filters.territory.empty() || !filters.period.empty()},
        {"views", views},
        {"view_label", view.label},
        {"rows", rows},
        {"has_rows", !rows.empty()},
        {"empty", view.empty},
        {"total", core::format_integer(page->total)},
        {"plural", page->total > 1},
        {"page_number", page_number},
        {"page_count", page->page_count()},
        {"pagination",
         pagination_view(page_number, page->page_count(), [&](int n) { return list_href(view, filters, n); })},
    };
    PageMeta meta;
    meta.title = title_with_errors(std::string("Transmission et validation : ") + view.label,
                                   row_error.has_value() || filter_error.has_value());
    meta.section = kDataSection;
    meta.breadcrumbs = {{"Données", "/donnees/saisie"}, {"Transmission et validation", ""}};
    meta.flash = flash;
    meta.status = status;
    return render_page(state, request, "data_approval", context, meta);
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "transmettre ou valider des valeurs"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    const auto& view = view_named(request.query_param("statut").value_or(""));
    int page = parse_positive_int(request.query_param("page").value_or("1")).value_or(1);
    return render(state, request, view, filters_of(request), page, std::nullopt, std::nullopt, 200);
}

const char* message_of(collection::ApprovalAction action)
{
    switch (action) {
    case collection::ApprovalAction::Submit: return "valeurs-transmises";
    case collection::ApprovalAction::Validate: return "valeurs-validees";
    case collection::ApprovalAction::Reopen: return "valeurs-rouvertes";
    }
    return "valeurs-transmises";
}

http::Response act(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "transmettre ou valider des valeurs"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    auto action = collection::parse_approval_action(form->get("action").value_or(""));
    if (!action.ok())
        return error_page(state, request, action.error());
    collection::ApprovalRequest input{std::string(form->get("territoire").value_or("")),
                                      std::string(form->get("periode").value_or("")), *action,
                                      std::string(form->get("motif").value_or(""))};
    const auto& view = view_of(*action);
    auto back = safe_back(form->get("retour").value_or(""), view);
    auto result = state.database.write([&](storage::Connection& connection) {
        return collection::apply_approval(connection, request_context(request).principal, state.registry, input);
    });
    if (result.ok())
        return redirect_with_message(back, message_of(*action));
    const auto& error = result.error();
    if (error.code != core::ErrorCode::Invalid && error.code != core::ErrorCode::Conflict)
        return error_page(state, request, error);
    std::optional<RowError> row_error;
    if (error.code == core::ErrorCode::Invalid && !error.fields.empty() && error.fields.front().field == "reason")
        row_error = RowError{input.territory, input.period, error.message};
    std::string title = std::string("Action refusée : ") + collection::label(*action) + " impossible";
    // The list narrowed to the row acted on, so that its error is in view.
    return render(state, request, view, {input.territory, input.period}, 1,
                  Flash{FlashType::Error, title, error.message}, row_error, status_of(error.code));
}

}  // namespace

void register_data_approval_routes(http::Router& router, AppState& state)
{
    router.get(kPath, [&state](http::Request& request) { return show(state, request); });
    router.post(kPath, [&state](http::Request& request) { return act(state, request); });
}

}  // namespace boussole::web::pages
