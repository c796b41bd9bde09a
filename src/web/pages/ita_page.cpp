// The ITA page, the territory's steering room: its convention, its roadmap
// in brief (counts by status, late actions), the next meetings, the latest
// decisions and the members, with the forms that record a meeting and a
// decision (validated on the server, errors in French next to the fields)
// and the links that change or remove a member and a decision.
#include "core/faults.hpp"
#include "core/text.hpp"
#include "steering/ita.hpp"
#include "web/api/ita_view.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/ita_pages.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <map>
#include <set>
#include <sstream>

namespace boussole::web::pages {

namespace {

const FieldIds kMeetingFields = {{"held_on", "reunion-date"},
                                 {"agenda", "reunion-ordre-du-jour"},
                                 {"attendees", "reunion-participants"},
                                 {"minutes", "reunion-compte-rendu"}};
const FieldIds kDecisionFields = {{"decided_on", "decision-date"},
                                  {"text", "decision-texte"},
                                  {"meeting_id", "decision-reunion"},
                                  {"actions", "decision-actions"},
                                  {"amendment", "decision-avenant"}};

struct Forms {
    std::map<std::string, std::string> meeting;
    std::map<std::string, std::string> decision;
    std::set<std::string> decision_actions;
    std::optional<core::Error> meeting_error;
    std::optional<core::Error> decision_error;
};

nlohmann::json no_errors()
{
    return {{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}};
}

http::Response ita_page(AppState& state, http::Request& request, const Forms& forms)
{
    const auto& principal = request_context(request).principal;
    auto today = steering::today();
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto json = api::ita_view(connection, *territory, today);
        json["may_write"] = steering::may_write(principal, *territory, "modifier l'ITA").ok();
        json["roadmap_href"] = roadmap_href(*territory);
        json["action_options"] = nlohmann::json::array();
        for (const auto& action :
             steering::list_actions(connection, *territory, {}, steering::ActionSort::Title, false, today))
            json["action_options"].push_back({{"value", action.id},
                                              {"label", action.title},
                                              {"id", "decision-action-" + std::to_string(action.id)},
                                              {"checked", forms.decision_actions.count(std::to_string(action.id)) > 0},
                                              {"href", roadmap_href(*territory) + "/" + std::to_string(action.id)}});
        json["deleted_decisions"] = nlohmann::json::array();
        for (const auto& decision : steering::list_deleted_decisions(connection, *territory))
            json["deleted_decisions"].push_back(
                {{"date", day_label(decision.decided_on)},
                 {"text", decision.text.substr(0, 120)},
                 {"by", decision.updated_by},
                 {"href", "/territoires/" + territory->key.to_string() + "/ita/decisions/" +
                              std::to_string(decision.id) + "/modifier#historique"}});
        return json;
    });
    if (!view.ok())
        return error_page(state, request, view.error());
    auto& json = *view;
    // Labels for the people: French dates, status words, action titles.
    std::map<std::int64_t, nlohmann::json> actions_by_id;
    for (const auto& option : json["action_options"])
        actions_by_id[option["value"].get<std::int64_t>()] = option;
    nlohmann::json counts = nlohmann::json::array();
    for (auto status : steering::kActionStatuses)
        counts.push_back(
            {{"label", steering::label(status)}, {"count", json["roadmap"]["by_status"][steering::to_string(status)]}});
    json["counts"] = counts;
    nlohmann::json late = nlohmann::json::array();
    for (const auto& action : json["roadmap"]["late"])
        late.push_back(
            {{"title", action["title"]},
             {"href", json["roadmap_href"].get<std::string>() + "/" + std::to_string(action["id"].get<int>())},
             {"due_on", day_label(action["due_on"].get<std::string>())},
             {"progress", action["progress"]},
             {"lead", action["lead_name"]}});
    json["late"] = late;
    json["late_count"] = late.size();
    json["has_late"] = !late.empty();
    auto ita_base = "/territoires/" + json["territory"].get<std::string>() + "/ita";
    for (auto& member : json["members"]) {
        member["has_both"] =
            !member["organisation_name"].get<std::string>().empty() && !member["person"].get<std::string>().empty();
        auto name = member["person"].get<std::string>().empty() ? member["organisation_name"].get<std::string>()
                                                                : member["person"].get<std::string>();
        member["name"] = name;
        member["edit_href"] = ita_base + "/membres/" + std::to_string(member["id"].get<std::int64_t>()) + "/modifier";
        member["remove_href"] = ita_base + "/membres/" + std::to_string(member["id"].get<std::int64_t>()) + "/retirer";
        auto from = member["starts_on"].is_string() ? day_label(member["starts_on"].get<std::string>()) : "";
        auto until = member["ends_on"].is_string() ? day_label(member["ends_on"].get<std::string>()) : "";
        member["period"] = from.empty() && until.empty() ? std::string("—")
                           : until.empty()               ? "depuis le " + from
                           : from.empty()                ? "jusqu'au " + until
                                                         : "du " + from + " au " + until;
    }
    json["has_deleted_decisions"] = !json["deleted_decisions"].empty();
    nlohmann::json upcoming = nlohmann::json::array(), held = nlohmann::json::array(),
                   meeting_options = nlohmann::json::array();
    for (const auto& meeting : json["meetings"]) {
        std::string attendees;
        for (const auto& name : meeting["attendees"])
            attendees += (attendees.empty() ? "" : ", ") + name.get<std::string>();
        nlohmann::json row{{"id", meeting["id"]},
                           {"date", day_label(meeting["held_on"].get<std::string>())},
                           {"agenda", meeting["agenda"]},
                           {"attendees", attendees},
                           {"minutes", meeting["minutes"]},
                           {"has_attendees", !attendees.empty()},
                           {"has_minutes", !meeting["minutes"].get<std::string>().empty()}};
        (meeting["upcoming"].get<bool>() ? upcoming : held).push_back(row);
        meeting_options.push_back(
            {{"value", meeting["id"]},
             {"label", row["date"].get<std::string>() + " — " + meeting["agenda"].get<std::string>().substr(0, 60)},
             {"selected", forms.decision.count("meeting_id") &&
                              forms.decision.at("meeting_id") == std::to_string(meeting["id"].get<std::int64_t>())}});
    }
    json["upcoming"] = upcoming;
    json["has_upcoming"] = !upcoming.empty();
    json["held"] = held;
    json["has_held"] = !held.empty();
    json["meeting_options"] = meeting_options;
    nlohmann::json decisions = nlohmann::json::array();
    for (const auto& decision : json["decisions"]) {
        nlohmann::json linked = nlohmann::json::array();
        for (const auto& id : decision["actions"])
            if (auto found = actions_by_id.find(id.get<std::int64_t>()); found != actions_by_id.end())
                linked.push_back({{"title", found->second["label"]}, {"href", found->second["href"]}});
        auto decision_href = ita_base + "/decisions/" + std::to_string(decision["id"].get<std::int64_t>());
        decisions.push_back({{"date", day_label(decision["decided_on"].get<std::string>())},
                             {"edit_href", decision_href + "/modifier"},
                             {"delete_href", decision_href + "/supprimer"},
                             {"history_href", decision_href + "/modifier#historique"},
                             {"changed", decision["version"].get<int>() > 1},
                             {"text", decision["text"]},
                             {"actions", linked},
                             {"has_actions", !linked.empty()},
                             {"amendment", decision["amendment"]},
                             {"has_amendment", !decision["amendment"].is_null()},
                             {"convention_href",
                              decision["convention_id"].is_null()
                                  ? std::string()
                                  : "/conventions/" + std::to_string(decision["convention_id"].get<std::int64_t>())}});
    }
    json["decision_rows"] = decisions;
    json["has_decisions"] = !decisions.empty();
    json["has_members"] = !json["members"].empty();
    json["has_convention"] = !json["convention"].is_null();
    json["amended"] = json["has_convention"].get<bool>() && json["convention"]["amendment"].get<int>() > 0;
    if (json["has_convention"].get<bool>())
        json["convention_href"] = "/conventions/" + std::to_string(json["convention"]["id"].get<std::int64_t>());
    auto value_of = [](const std::map<std::string, std::string>& values, const char* name, std::string fallback) {
        auto found = values.find(name);
        return found == values.end() ? fallback : found->second;
    };
    json["meeting_form"] = {{"held_on", value_of(forms.meeting, "held_on", "")},
                            {"agenda", value_of(forms.meeting, "agenda", "")},
                            {"attendees", value_of(forms.meeting, "attendees", "")},
                            {"minutes", value_of(forms.meeting, "minutes", "")}};
    json["decision_form"] = {{"decided_on", value_of(forms.decision, "decided_on", steering::day_text(today))},
                             {"text", value_of(forms.decision, "text", "")},
                             {"amendment", value_of(forms.decision, "amendment", "")}};
    bool meeting_invalid = forms.meeting_error && forms.meeting_error->code == core::ErrorCode::Invalid;
    bool decision_invalid = forms.decision_error && forms.decision_error->code == core::ErrorCode::Invalid;
    json["meeting_errors"] = meeting_invalid ? error_view(*forms.meeting_error, kMeetingFields) : no_errors();
    json["decision_errors"] = decision_invalid ? error_view(*forms.decision_error, kDecisionFields) : no_errors();
    json["meeting_invalid"] = meeting_invalid;
    json["decision_invalid"] = decision_invalid;
    json["errors"] = meeting_invalid ? json["meeting_errors"] : json["decision_errors"];
    PageMeta meta;
    auto name = json["territory_name"].get<std::string>();
    meta.title =
        title_with_errors("Instance territoriale de l'autonomie — " + name, meeting_invalid || decision_invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {
        {"Territoires", "/territoires"}, {name, "/territoires/" + json["territory"].get<std::string>()}, {"ITA", ""}};
    meta.flash = flash_from_query(request);
    if (meeting_invalid || decision_invalid)
        meta.status = 422;
    return render_page(state, request, "ita", json, meta);
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir l'instance territoriale de l'autonomie"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    return ita_page(state, request, {});
}

http::Response submit_meeting(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    Forms forms;
    for (const char* name : {"held_on", "agenda", "attendees", "minutes"})
        forms.meeting[name] = std::string(fields->get(name).value_or(""));
    steering::MeetingInput input{forms.meeting["held_on"], forms.meeting["agenda"], {}, forms.meeting["minutes"]};
    std::string line;
    std::istringstream attendees(forms.meeting["attendees"]);
    while (std::getline(attendees, line))
        if (!core::trim(line).empty())
            input.attendees.emplace_back(core::trim(line));
    const auto& principal = request_context(request).principal;
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Meeting> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::add_meeting(connection, principal, *territory, input);
    });
    if (saved.ok())
        return redirect_with_message("/territoires/" + std::string(request.path_param("key")) + "/ita",
                                     "reunion-enregistree");
    if (saved.error().code != core::ErrorCode::Invalid)
        return error_page(state, request, saved.error());
    forms.meeting_error = saved.error();
    return ita_page(state, request, forms);
}

http::Response submit_decision(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    Forms forms;
    for (const char* name : {"decided_on", "text", "meeting_id", "amendment"})
        forms.decision[name] = std::string(core::trim(fields->get(name).value_or("")));
    steering::DecisionInput input;
    input.decided_on = forms.decision["decided_on"];
    input.text = forms.decision["text"];
    core::Faults faults;
    if (!forms.decision["meeting_id"].empty())
        input.meeting_id = parse_id(forms.decision["meeting_id"]);
    for (auto id : fields->get_all("actions")) {
        forms.decision_actions.insert(std::string(id));
        if (auto parsed = parse_id(id))
            input.actions.push_back(*parsed);
    }
    if (auto amendment = forms.decision["amendment"]; !amendment.empty()) {
        input.amendment = amendment == "0" ? std::optional(0) : parse_positive_int(amendment);
        if (!input.amendment)
            faults.add("amendment", "Avenant : un numéro d'avenant est attendu (0 pour le texte initial).", amendment);
    }
    const auto& principal = request_context(request).principal;
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Decision> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto decision = steering::add_decision(connection, principal, *territory, input);
        if (faults.empty())
            return decision;
        if (!decision.ok() && decision.error().code != core::ErrorCode::Invalid)
            return decision;
        if (!decision.ok())
            faults.add(decision.error());
        return faults.error();
    });
    if (saved.ok())
        return redirect_with_message("/territoires/" + std::string(request.path_param("key")) + "/ita",
                                     "decision-enregistree");
    if (saved.error().code != core::ErrorCode::Invalid)
        return error_page(state, request, saved.error());
    forms.decision_error = saved.error();
    return ita_page(state, request, forms);
}

}  // namespace

void register_ita_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/ita", [&state](http::Request& request) { return show(state, request); });
    router.post("/territoires/{key}/ita/reunions",
                [&state](http::Request& request) { return submit_meeting(state, request); });
    router.post("/territoires/{key}/ita/decisions",
                [&state](http::Request& request) { return submit_decision(state, request); });
    register_ita_edit_routes(router, state);
}

}  // namespace boussole::web::pages
