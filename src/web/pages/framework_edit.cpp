// Editing one item of the national framework (a value, an action principle,
// an axis or a priority), reserved to national administrators, with the
// item's versions below the form. Each save is a new version with its reason.
#include "access/policy.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <sstream>

namespace boussole::web::pages {

namespace {

const FieldIds kItemFields = {{"title", "cadre-intitule"},
                              {"summary", "cadre-enonce"},
                              {"body", "cadre-puces"},
                              {"confirmation_note", "cadre-note"},
                              {"change_note", "cadre-motif"}};

constexpr const char* kWhat = "modifier le cadre national";

struct ItemForm {
    std::string title;
    std::string summary;
    std::string bullets;  // one per line
    bool awaiting_confirmation = false;
    std::string confirmation_note;
    std::string change_note;
    int version = 0;

    static ItemForm from(const framework::FrameworkItem& item)
    {
        std::string bullets;
        for (const auto& bullet : item.body)
            bullets += (bullets.empty() ? "" : "\n") + bullet;
        return {item.title, item.summary, bullets, item.awaiting_confirmation, item.confirmation_note,
                "",         item.version};
    }

    std::vector<std::string> bullet_lines() const
    {
        std::vector<std::string> lines;
        std::istringstream stream(bullets);
        std::string line;
        while (std::getline(stream, line))
            if (!core::trim(line).empty())
                lines.emplace_back(core::trim(line));
        return lines;
    }
};

// "le principe d'action « Subsidiarité »", "l'axe « … »"
std::string item_name(const framework::FrameworkItem& item)
{
    const char* article = "la ";
    switch (item.kind) {
    case framework::ItemKind::Value:
    case framework::ItemKind::Priority: article = "la "; break;
    case framework::ItemKind::Principle: article = "le "; break;
    case framework::ItemKind::Axis: article = "l'"; break;
    }
    return article + std::string(framework::label(item.kind)) + " « " + item.title + " »";
}

core::Status may_edit(const http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return core::Error::unauthenticated(
            "Connectez-vous avec un compte d'administrateur national pour modifier "
            "le cadre national.");
    return access::require_national_admin(principal, kWhat);
}

struct Located {
    framework::ItemKind kind;
    std::string code;
};

core::Result<Located> locate(const http::Request& request)
{
    auto kind = framework::parse_kind(request.path_param("kind"));
    if (!kind.ok())
        return core::Error::not_found(kind.error().message + " Revenez au cadre national pour choisir un élément.");
    return Located{*kind, std::string(request.path_param("code"))};
}

nlohmann::json history_view(const std::vector<framework::ItemVersion>& versions)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& version : versions)
        rows.push_back(
            {{"version", version.version},
             {"changed_at", core::format_datetime(version.changed_at)},
             {"changed_by", version.changed_by},
             {"change_note", version.change_note.empty() ? "—" : version.change_note},
             {"title", version.title},
             {"summary", version.summary.empty() ? nlohmann::json(nullptr) : nlohmann::json(version.summary)},
             {"bullets", version.body},
             {"has_bullets", !version.body.empty()},
             {"awaiting_confirmation", version.awaiting_confirmation}});
    return rows;
}

http::Response edit_page(AppState& state, http::Request& request, const framework::FrameworkItem& item,
                         const ItemForm& form, const std::optional<core::Error>& error)
{
    auto history = state.database.read(
        [&](storage::Connection& connection) { return framework::item_history(connection, item.kind, item.code); });
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    std::string kind_label = framework::label(item.kind);
    nlohmann::json context{
        {"heading", "Modifier " + item_name(item)},
        {"kind_label", kind_label},
        {"action", "/cadre/" + std::string(framework::to_string(item.kind)) + "/" + item.code},
        {"values",
         {{"title", form.title},
          {"summary", form.summary},
          {"bullets", form.bullets},
          {"awaiting_confirmation", form.awaiting_confirmation},
          {"confirmation_note", form.confirmation_note},
          {"change_note", form.change_note},
          {"version", form.version}}},
        {"current_version", item.version},
        {"errors", invalid
                       ? error_view(*error, kItemFields)
                       : nlohmann::json{{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}}},
        {"history", history.ok() ? history_view(*history) : nlohmann::json::array()},
    };
    PageMeta meta;
    meta.title = title_with_errors("Modifier " + item_name(item), invalid);
    meta.section = "accueil";
    meta.breadcrumbs = {{"Cadre national", "/"}, {"Modifier " + item_name(item), ""}};
    if (error && error->code == core::ErrorCode::Conflict) {
        meta.flash = Flash{FlashType::Error, "Cet élément a été modifié entre-temps",
                           error->message +
                               " Vos saisies sont conservées ci-dessous ; la version enregistrée "
                               "entre-temps apparaît en tête de l'historique."};
    }
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "framework_edit", context, meta);
}

http::Response show_edit(AppState& state, http::Request& request)
{
    if (auto allowed = may_edit(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto located = locate(request);
    if (!located.ok())
        return error_page(state, request, located.error());
    auto item = state.database.read([&](storage::Connection& connection) {
        return framework::find_item(connection, located->kind, located->code);
    });
    if (!item.ok())
        return error_page(state, request, item.error());
    return edit_page(state, request, *item, ItemForm::from(*item), std::nullopt);
}

http::Response submit_edit(AppState& state, http::Request& request)
{
    if (auto allowed = may_edit(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto located = locate(request);
    if (!located.ok())
        return error_page(state, request, located.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());

    ItemForm form;
    form.title = std::string(fields->get("title").value_or(""));
    form.summary = std::string(fields->get("summary").value_or(""));
    form.bullets = std::string(fields->get("bullets").value_or(""));
    form.awaiting_confirmation = fields->get("awaiting_confirmation").value_or("") == "1";
    form.confirmation_note = std::string(fields->get("confirmation_note").value_or(""));
    form.change_note = std::string(fields->get("change_note").value_or(""));
    form.version = parse_positive_int(fields->get("version").value_or("")).value_or(0);

    framework::ItemChanges changes;
    changes.title = form.title;
    changes.summary = form.summary;
    changes.body = form.bullet_lines();
    changes.awaiting_confirmation = form.awaiting_confirmation;
    changes.confirmation_note = form.confirmation_note;
    changes.change_note = form.change_note;
    const auto& principal = request_context(request).principal;
    auto updated = state.database.write([&](storage::Connection& connection) {
        return framework::update_item(connection, principal, located->kind, located->code, form.version, changes);
    });
    if (updated.ok())
        return redirect_with_message("/cadre/" + std::string(framework::to_string(located->kind)) + "/" + located->code,
                                     "cadre-enregistre");
    const auto& error = updated.error();
    if (error.code != core::ErrorCode::Invalid && error.code != core::ErrorCode::Conflict)
        return error_page(state, request, error);
    auto current = state.database.read([&](storage::Connection& connection) {
        return framework::find_item(connection, located->kind, located->code);
    });
    if (!current.ok())
        return error_page(state, request, current.error());
    // After a conflict the form carries the version now saved, so that saving
    // again is a deliberate choice made with the newer version in view.
    if (error.code == core::ErrorCode::Conflict)
        form.version = current->version;
    return edit_page(state, request, *current, form, error);
}

}  // namespace

void register_framework_routes(http::Router& router, AppState& state)
{
    router.get("/cadre/{kind}/{code}", [&state](http::Request& request) { return show_edit(state, request); });
    router.post("/cadre/{kind}/{code}", [&state](http::Request& request) { return submit_edit(state, request); });
}

}  // namespace boussole::web::pages
