// The declared constraints of a territory's organisations (the periods when
// they cannot hold or receive some kinds of events: the budget vote, the
// summer), with the form to declare one for an organisation the person may
// write for. The rules are the domain's (calendar/events.hpp): the same as
// the API's, errors named field by field in French.
#include "calendar/event_rows.hpp"
#include "core/french.hpp"
#include "web/pages/calendar_constraints.hpp"
#include "web/pages/calendar_views.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::web::pages {

namespace {

struct Declaration {
    calendar::ConstraintInput input;
    std::optional<core::Error> error;
};

nlohmann::json constraint_row(const calendar::Constraint& constraint, const std::string& base,
                              const std::string& organisation, bool writable)
{
    std::string kinds;
    for (auto kind : constraint.kinds)
        kinds += (kinds.empty() ? "" : ", ") + std::string(calendar::label(kind));
    auto id = std::to_string(constraint.id);
    return {{"id", constraint.id},
            {"organisation", organisation},
            {"period",
             constraint.first_day == constraint.last_day
                 ? "le " + core::format_date(constraint.first_day)
                 : "du " + core::format_date(constraint.first_day) + " au " + core::format_date(constraint.last_day)},
            {"kinds", kinds.empty() ? "Tous les types" : kinds},
            {"reason", constraint.reason},
            {"version", constraint.version},
            {"updated_by", constraint.updated_by},
            {"writable", writable},
            {"edit_href", base + "/" + id + "/modifier"},
            {"delete_action", base + "/" + id + "/supprimer"}};
}

}  // namespace

http::Response render_constraints(AppState& state, http::Request& request, const territory::Territory& territory,
                                  const calendar::ConstraintInput& input, const std::optional<core::Error>& error)
{
    const auto& principal = request_context(request).principal;
    const auto key = territory.key.to_string();
    const auto base = "/territoires/" + key + "/calendrier/contraintes";
    auto rows = nlohmann::json::array();
    auto writable_json = nlohmann::json::array();
    state.database.read([&](storage::Connection& connection) {
        auto around = calendar::rows::organisations_around(connection, territory.key);
        auto writable = writable_organisations(connection, principal, territory.key);
        std::vector<std::int64_t> ids;
        for (const auto& [id, name] : around)
            ids.push_back(id);
        for (const auto& constraint : calendar::rows::constraints_of(connection, ids)) {
            auto name = std::find_if(around.begin(), around.end(),
                                     [&](const auto& each) { return each.first == constraint.organisation_id; });
            bool may_write = std::any_of(writable.begin(), writable.end(),
                                         [&](const auto& each) { return each.first == constraint.organisation_id; });
            rows.push_back(constraint_row(constraint, base, name->second, may_write));
        }
        for (const auto& [id, name] : writable)
            writable_json.push_back(
                {{"id", id}, {"name", name}, {"selected", input.organisation_id == std::optional(id)}});
    });
    auto form = constraint_form_view(input);
    form["organisations"] = writable_json;
    nlohmann::json context{{"territory", territory.label()},
                           {"key", key},
                           {"rows", rows},
                           {"has_rows", !rows.empty()},
                           {"count", rows.size()},
                           {"can_declare", !writable_json.empty()},
                           {"action", base},
                           {"calendar_href", "/territoires/" + key + "/calendrier"},
                           {"form", form},
                           {"errors", error && error->code == core::ErrorCode::Invalid
                                          ? error_view(*error, kConstraintFields)
                                          : nlohmann::json{{"summary", nlohmann::json::array()}}}};
    PageMeta meta;
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    meta.title = title_with_errors("Contraintes de calendrier — " + territory.label(), invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {territory.label(), "/territoires/" + key},
                        {"Calendrier commun", "/territoires/" + key + "/calendrier"},
                        {"Contraintes", ""}};
    meta.flash = constraint_flash(request);
    if (error && !invalid) {
        meta.flash = Flash{FlashType::Error, "La contrainte n'a pas été modifiée", error->message};
        meta.status = error->code == core::ErrorCode::Conflict ? 409 : 403;
    }
    if (invalid)
        meta.status = 422;
    return render_page(state, request, "calendar_constraints", context, meta);
}

namespace {

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir les contraintes de calendrier"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    return render_constraints(state, request, **territory, {}, std::nullopt);
}

http::Response declare(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "déclarer une contrainte de calendrier"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    auto params = request.form();
    if (!params.ok())
        return error_page(state, request, params.error());
    auto input = constraint_input_of(*params);
    const auto& principal = request_context(request).principal;
    auto saved = state.database.write(
        [&](storage::Connection& connection) { return calendar::declare_constraint(connection, principal, input); });
    if (!saved.ok()) {
        if (saved.error().code == core::ErrorCode::Invalid)
            return render_constraints(state, request, **territory, input, saved.error());
        return error_page(state, request, saved.error());
    }
    return redirect_with_message("/territoires/" + (*territory)->key.to_string() + "/calendrier/contraintes",
                                 "contrainte-declaree");
}

}  // namespace

calendar::ConstraintInput constraint_input_of(const http::Params& form)
{
    calendar::ConstraintInput input;
    input.organisation_id = parse_id(form.get("organisation_id").value_or(""));
    input.first_day = std::string(form.get("first_day").value_or(""));
    input.last_day = std::string(form.get("last_day").value_or(""));
    input.reason = std::string(form.get("reason").value_or(""));
    for (auto kind : form.get_all("kinds"))
        input.kinds.emplace_back(kind);
    return input;
}

calendar::ConstraintInput constraint_input_of(const calendar::Constraint& constraint)
{
    calendar::ConstraintInput input{
        constraint.organisation_id, iso_day(constraint.first_day), iso_day(constraint.last_day), {}, constraint.reason};
    for (auto kind : constraint.kinds)
        input.kinds.emplace_back(calendar::to_string(kind));
    return input;
}

nlohmann::json constraint_form_view(const calendar::ConstraintInput& input)
{
    auto kinds = nlohmann::json::array();
    for (auto kind : calendar::all_event_kinds()) {
        std::string code = calendar::to_string(kind);
        kinds.push_back({{"code", code},
                         {"label", calendar::label(kind)},
                         {"checked", std::find(input.kinds.begin(), input.kinds.end(), code) != input.kinds.end()}});
    }
    return {{"first_day", input.first_day}, {"last_day", input.last_day}, {"reason", input.reason}, {"kinds", kinds}};
}

std::string iso_day(std::chrono::year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

std::optional<Flash> constraint_flash(const http::Request& request)
{
    auto code = request.query_param("message").value_or("");
    if (code == "contrainte-declaree")
        return Flash{FlashType::Success, "Contrainte déclarée",
                     "Elle apparaît dans les avertissements des événements qui la touchent."};
    if (code == "contrainte-modifiee")
        return Flash{FlashType::Success, "Contrainte modifiée", "Le changement est inscrit au journal d'audit."};
    if (code == "contrainte-supprimee")
        return Flash{FlashType::Success, "Contrainte supprimée", "Elle ne compte plus dans les avertissements."};
    return std::nullopt;
}

void register_calendar_constraint_page_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/contraintes",
               [&state](http::Request& request) { return show(state, request); });
    router.post("/territoires/{key}/calendrier/contraintes",
                [&state](http::Request& request) { return declare(state, request); });
}

}  // namespace boussole::web::pages
