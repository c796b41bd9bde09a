// One action of the roadmap: its page (dates, status, budget, milestones,
// progress log, history) with the form that adds a progress note, and the
// DSFR forms that add and change an action, validated on the server.
#include "actors/organisation.hpp"
#include "conventions/commitments.hpp"
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_form.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

const FieldIds kNoteFields = {{"written_on", "note-date"}, {"progress", "note-avancement"}, {"text", "note-texte"}};

const char* change_label(const std::string& change)
{
    if (change == "create")
        return "Création";
    if (change == "delete")
        return "Suppression";
    if (change == "note")
        return "Note d'avancement";
    return "Modification";
}

struct NoteForm {
    std::string written_on;
    std::string progress;
    std::string text;
};

http::Response action_page(AppState& state, http::Request& request, const NoteForm& note,
                           const std::optional<core::Error>& error)
{
    auto id = parse_id(request.path_param("id"));
    const auto& principal = request_context(request).principal;
    auto today = steering::today();
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto action = id ? steering::find_action(connection, *territory, *id) : std::nullopt;
        if (!action || action->deleted)
            return core::Error::not_found("Action introuvable dans la feuille de route de " + territory->name +
                                          " : revenez à la feuille de route.");
        auto json = action_row(*action, today, *territory);
        json["description"] = action->description;
        json["version"] = action->version;
        json["updated_by"] = action->updated_by;
        json["updated_at"] = core::format_datetime(action->updated_at);
        json["partners"] = nlohmann::json::array();
        for (const auto& slug : action->partners) {
            auto organisation = actors::find_organisation_by_slug(connection, slug);
            json["partners"].push_back(organisation.ok() ? organisation->name : slug);
        }
        json["has_partners"] = !action->partners.empty();
        json["indicators"] = action->indicators;
        json["has_indicators"] = !action->indicators.empty();
        json["commitments"] = nlohmann::json::array();
        for (auto commitment_id : action->commitments)
            if (territory->convention_id)
                if (auto commitment =
                        conventions::find_commitment(connection, *territory->convention_id, commitment_id))
                    json["commitments"].push_back(
                        {{"title", commitment->title},
                         {"href", "/conventions/" + std::to_string(*territory->convention_id)}});
        json["has_commitments"] = !json["commitments"].empty();
        json["milestones"] = nlohmann::json::array();
        for (const auto& milestone : action->milestones)
            json["milestones"].push_back(
                {{"title", milestone.title}, {"date", day_label(milestone.date)}, {"done", milestone.done}});
        json["has_milestones"] = !action->milestones.empty();
        json["notes"] = nlohmann::json::array();
        for (const auto& entry : steering::list_notes(connection, action->id))
            json["notes"].push_back({{"date", day_label(entry.written_on)},
                                     {"text", entry.body},
                                     {"progress", entry.progress},
                                     {"by", entry.created_by}});
        json["has_notes"] = !json["notes"].empty();
        json["history"] = nlohmann::json::array();
        auto history = steering::action_history(connection, action->id);
        for (auto entry = history.rbegin(); entry != history.rend(); ++entry)
            json["history"].push_back({{"version", entry->version},
                                       {"change", change_label(entry->change)},
                                       {"at", core::format_datetime(entry->recorded_at)},
                                       {"by", entry->recorded_by},
                                       {"status", entry->snapshot.value("status", "")},
                                       {"progress", entry->snapshot.value("progress", 0)}});
        json["territory_name"] = territory->name;
        json["key"] = territory->key.to_string();
        json["roadmap_href"] = roadmap_href(*territory);
        json["may_write"] = steering::may_write(principal, *territory, "modifier la feuille de route").ok();
        return json;
    });
    if (!view.ok())
        return error_page(state, request, view.error());
    auto& json = *view;
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    json["note"] = {{"written_on", note.written_on.empty() ? steering::day_text(today) : note.written_on},
                    {"progress", note.progress.empty() ? std::to_string(json["progress"].get<int>()) : note.progress},
                    {"text", note.text}};
    json["errors"] = invalid
                         ? error_view(*error, kNoteFields)
                         : nlohmann::json{{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}};
    PageMeta meta;
    meta.title = title_with_errors(json["title"].get<std::string>(), invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {json["territory_name"].get<std::string>(), "/territoires/" + json["key"].get<std::string>()},
                        {"Feuille de route", json["roadmap_href"].get<std::string>()},
                        {json["title"].get<std::string>(), ""}};
    meta.flash = flash_from_query(request);
    if (error && error->code == core::ErrorCode::Conflict)
        meta.flash = Flash{FlashType::Error, "Cette action a été modifiée entre-temps",
                           error->message + " Votre note est conservée ci-dessous."};
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "roadmap_action", json, meta);
}

http::Response show_action(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    return action_page(state, request, {}, std::nullopt);
}

http::Response submit_note(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "mettre à jour la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto id = parse_id(request.path_param("id"));
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    NoteForm note{std::string(fields->get("written_on").value_or("")),
                  std::string(core::trim(fields->get("progress").value_or(""))),
                  std::string(fields->get("text").value_or(""))};
    auto version = parse_positive_int(fields->get("version").value_or("")).value_or(0);
    std::optional<int> progress;
    core::Faults faults;
    if (!note.progress.empty()) {
        progress = parse_positive_int(note.progress);
        if (note.progress == "0")
            progress = 0;
        if (!progress)
            faults.add("progress", "Avancement : un nombre entier entre 0 et 100 est attendu.", note.progress);
    }
    const auto& principal = request_context(request).principal;
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        if (!faults.empty())
            return faults.error();
        return steering::add_note(connection, principal, *territory, id.value_or(0), version, note.written_on,
                                  note.text, progress);
    });
    if (saved.ok())
        return redirect_with_message(
            "/territoires/" + std::string(request.path_param("key")) + "/feuille-de-route/" + std::to_string(saved->id),
            "note-enregistree");
    const auto& error = saved.error();
    if (error.code != core::ErrorCode::Invalid && error.code != core::ErrorCode::Conflict)
        return error_page(state, request, error);
    return action_page(state, request, note, error);
}

}  // namespace

void register_roadmap_action_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/feuille-de-route/{id}",
               [&state](http::Request& request) { return show_action(state, request); });
    router.post("/territoires/{key}/feuille-de-route/{id}/notes",
                [&state](http::Request& request) { return submit_note(state, request); });
    register_roadmap_form_routes(router, state);
}

}  // namespace boussole::web::pages
