// The page that changes a decision of the ITA from the version read: its
// text, date, meeting, linked roadmap actions and amendment, and below the
// form its history, every saved version with who saved it. A stale save
// shows what the other person saved beside what was typed.
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "steering/ita.hpp"
#include "steering/roadmap.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/ita_pages.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <set>

namespace boussole::web::pages {

namespace {

const FieldIds kDecisionFields = {{"decided_on", "decision-date"},
                                  {"text", "decision-texte"},
                                  {"meeting_id", "decision-reunion"},
                                  {"actions", "decision-actions"},
                                  {"amendment", "decision-avenant"}};

const char* change_label(const std::string& change)
{
    if (change == "create")
        return "création";
    if (change == "delete")
        return "suppression";
    return "modification";
}

struct DecisionForm {
    std::string decided_on;
    std::string text;
    std::string meeting_id;
    std::set<std::string> actions;
    std::string amendment;
    int version = 0;
    std::optional<core::Error> error;
};

std::string ita_href(const http::Request& request)
{
    return "/territoires/" + std::string(request.path_param("key")) + "/ita";
}

http::Response decision_page(AppState& state, http::Request& request, const DecisionForm* typed)
{
    const auto& principal = request_context(request).principal;
    auto id = parse_id(request.path_param("id")).value_or(0);
    auto today = steering::today();
    auto page = state.database.read([&](storage::Connection& connection) -> core::Result<http::Response> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        BOUSSOLE_TRY(steering::may_write(principal, *territory, "modifier l'ITA de " + territory->name));
        auto decision = steering::find_decision(connection, *territory, id);
        if (!decision)
            return core::Error::not_found("Décision introuvable dans cette ITA.");
        DecisionForm form;
        form.decided_on = decision->decided_on;
        form.text = decision->text;
        form.meeting_id = decision->meeting_id ? std::to_string(*decision->meeting_id) : "";
        for (auto action : decision->actions)
            form.actions.insert(std::to_string(action));
        form.amendment = decision->amendment ? std::to_string(*decision->amendment) : "";
        form.version = decision->version;
        if (typed)
            form = *typed;
        nlohmann::json meetings = nlohmann::json::array();
        for (const auto& meeting : steering::list_meetings(connection, *territory))
            meetings.push_back({{"value", meeting.id},
                                {"label", day_label(meeting.held_on) + " — " + meeting.agenda.substr(0, 60)},
                                {"selected", form.meeting_id == std::to_string(meeting.id)}});
        std::map<std::int64_t, std::string> titles;
        nlohmann::json actions = nlohmann::json::array();
        for (const auto& action :
             steering::list_actions(connection, *territory, {}, steering::ActionSort::Title, false, today)) {
            titles[action.id] = action.title;
            actions.push_back({{"value", action.id},
                               {"label", action.title},
                               {"id", "decision-action-" + std::to_string(action.id)},
                               {"checked", form.actions.count(std::to_string(action.id)) > 0}});
        }
        nlohmann::json history = nlohmann::json::array();
        for (const auto& entry : steering::decision_history(connection, *territory, id)) {
            std::string linked;
            for (const auto& action : entry.snapshot.value("actions", nlohmann::json::array()))
                if (action.is_number_integer() && titles.count(action.get<std::int64_t>()))
                    linked += (linked.empty() ? "" : " ; ") + titles[action.get<std::int64_t>()];
            history.push_back({{"version", entry.version},
                               {"change", change_label(entry.change)},
                               {"date", day_label(entry.snapshot.value("decided_on", ""))},
                               {"text", entry.snapshot.value("text", "")},
                               {"actions", linked.empty() ? "—" : linked},
                               {"recorded_at", core::format_datetime(entry.recorded_at)},
                               {"recorded_by", entry.recorded_by}});
        }
        bool invalid = form.error && form.error->code == core::ErrorCode::Invalid;
        bool stale = form.error && form.error->code == core::ErrorCode::Conflict;
        auto errors = invalid
                          ? error_view(*form.error, kDecisionFields)
                          : nlohmann::json{{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}};
        errors["any"] = invalid;
        nlohmann::json context{{"action", ita_href(request) + "/decisions/" + std::to_string(id) + "/modifier"},
                               {"back_href", ita_href(request) + "#decisions"},
                               {"delete_href", ita_href(request) + "/decisions/" + std::to_string(id) + "/supprimer"},
                               {"version", stale ? decision->version : form.version},
                               {"stale", stale},
                               {"deleted", decision->deleted},
                               {"current_text", decision->text},
                               {"current_date", day_label(decision->decided_on)},
                               {"current_by", decision->updated_by},
                               {"decided_on", form.decided_on},
                               {"text", form.text},
                               {"amendment", form.amendment},
                               {"meeting_options", meetings},
                               {"action_options", actions},
                               {"history", history},
                               {"has_history", !history.empty()},
                               {"errors", errors}};
        PageMeta meta;
        auto title = (decision->deleted ? "Décision supprimée du " : "Modifier la décision du ") +
                     day_label(decision->decided_on);
        meta.title = title_with_errors(title, invalid);
        meta.section = "territoires";
        meta.breadcrumbs = {{"Territoires", "/territoires"},
                            {territory->name, "/territoires/" + territory->key.to_string()},
                            {"ITA", ita_href(request)},
                            {title, ""}};
        meta.flash = flash_from_query(request);
        if (form.error) {
            meta.status = status_of(form.error->code);
            if (!invalid)
                meta.flash = Flash{FlashType::Error, "La décision n'est pas enregistrée", form.error->message};
        }
        return render_page(state, request, "ita_decision_form", context, meta);
    });
    if (!page.ok())
        return error_page(state, request, page.error());
    return *page;
}

}  // namespace

http::Response show_decision_form(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    return decision_page(state, request, nullptr);
}

http::Response submit_decision_form(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    DecisionForm form;
    form.decided_on = std::string(core::trim(fields->get("decided_on").value_or("")));
    form.text = std::string(fields->get("text").value_or(""));
    form.meeting_id = std::string(core::trim(fields->get("meeting_id").value_or("")));
    form.amendment = std::string(core::trim(fields->get("amendment").value_or("")));
    form.version = parse_positive_int(fields->get("version").value_or("")).value_or(0);
    steering::DecisionInput input;
    input.decided_on = form.decided_on;
    input.text = form.text;
    if (!form.meeting_id.empty())
        input.meeting_id = parse_id(form.meeting_id);
    for (auto id : fields->get_all("actions")) {
        form.actions.insert(std::string(id));
        if (auto parsed = parse_id(id))
            input.actions.push_back(*parsed);
    }
    core::Faults faults;
    if (!form.amendment.empty()) {
        input.amendment = form.amendment == "0" ? std::optional(0) : parse_positive_int(form.amendment);
        if (!input.amendment)
            faults.add("amendment", "Avenant : un numéro d'avenant est attendu (0 pour le texte initial).",
                       form.amendment);
    }
    auto id = parse_id(request.path_param("id")).value_or(0);
    const auto& principal = request_context(request).principal;
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Decision> {
        if (!faults.empty())
            return faults.error();
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::change_decision(connection, principal, *territory, id, form.version, input);
    });
    if (saved.ok())
        return redirect_to_anchor(ita_href(request), "decision-modifiee", "decisions");
    if (saved.error().code != core::ErrorCode::Invalid && saved.error().code != core::ErrorCode::Conflict)
        return error_page(state, request, saved.error());
    form.error = saved.error();
    return decision_page(state, request, &form);
}

}  // namespace boussole::web::pages
