// The list of a document's consultations with its opening form, shared by
// conventions and roadmaps, and the consultations of a territory's common
// roadmap: /territoires/{key}/feuille-de-route/consultations.
#include "web/pages/consultation_pages.hpp"

#include "core/text.hpp"
#include "steering/roadmap_consultations.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <set>

namespace boussole::web::pages {

namespace {

const FieldIds kOpenIds = {{"title", "consultation-titre"},
                           {"opens_on", "consultation-ouverture"},
                           {"closes_on", "consultation-cloture"},
                           {"invited", "consultation-invitees"}};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

nlohmann::json no_errors()
{
    return {{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}, {"any", false}};
}

core::Result<ConsultationList> roadmap_list(AppState& state, const http::Request& request)
{
    return state.database.read([&](storage::Connection& connection) -> core::Result<ConsultationList> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        ConsultationList list;
        list.heading = "Consultations sur la feuille de route commune";
        list.intro = territory->name +
                     ". L'ARS et le département ouvrent une consultation sur leur feuille de route pour une période "
                     "et y invitent des organisations de l'annuaire ; elles contribuent sur l'ensemble ou sur une "
                     "action, et chaque contribution reçoit une réponse.";
        list.list_heading = "Consultations sur cette feuille de route";
        list.action = roadmap_href(*territory) + "/consultations";
        list.back_href = roadmap_href(*territory);
        list.back_label = "Revenir à la feuille de route";
        list.preparing = steering::may_write(principal_of(request), *territory, "consulter").ok();
        list.closed_text = "Seuls les rédacteurs de la feuille de route (ARS, département) ouvrent une consultation.";
        list.section = "territoires";
        list.breadcrumbs = {{"Territoires", "/territoires"},
                            {territory->name, "/territoires/" + territory->key.to_string()},
                            {"Feuille de route", roadmap_href(*territory)},
                            {"Consultations", ""}};
        list.organisations = organisations_present(connection, territory->departments);
        list.consultations = steering::list_roadmap_consultations(connection, *territory);
        return list;
    });
}

http::Response show_roadmap_consultations(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "voir les consultations"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto list = roadmap_list(state, request);
    if (!list.ok())
        return error_page(state, request, list.error());
    return consultation_list_page(state, request, *list, {}, std::nullopt);
}

http::Response submit_roadmap_consultation(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "ouvrir une consultation"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto input = posted_consultation(request);
    if (!input.ok())
        return error_page(state, request, input.error());
    auto opened = state.database.write([&](storage::Connection& connection) -> core::Result<conventions::Consultation> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::open_roadmap_consultation(connection, principal_of(request), *territory, *input);
    });
    if (opened.ok())
        return redirect_with_message("/consultations/" + std::to_string(opened->id), "consultation-ouverte");
    if (opened.error().code != core::ErrorCode::Invalid)
        return error_page(state, request, opened.error());
    auto list = roadmap_list(state, request);
    if (!list.ok())
        return error_page(state, request, list.error());
    return consultation_list_page(state, request, *list, *input, opened.error());
}

}  // namespace

std::vector<actors::Organisation> organisations_present(storage::Connection& connection,
                                                        const std::vector<territory::TerritoryKey>& keys)
{
    std::vector<actors::Organisation> present;
    std::set<std::int64_t> seen;
    for (const auto& key : keys)
        for (auto& organisation : actors::organisations_in_territory(connection, key))
            if (organisation.active && seen.insert(organisation.id).second)
                present.push_back(std::move(organisation));
    return present;
}

core::Result<conventions::ConsultationInput> posted_consultation(http::Request& request)
{
    auto posted = request.form();
    if (!posted.ok())
        return std::move(posted).error();
    conventions::ConsultationInput input;
    input.title = std::string(posted->get("title").value_or(""));
    input.opens_on = std::string(core::trim(posted->get("opens_on").value_or("")));
    input.closes_on = std::string(core::trim(posted->get("closes_on").value_or("")));
    for (auto slug : posted->get_all("invited"))
        input.invited.emplace_back(slug);
    return input;
}

http::Response consultation_list_page(AppState& state, http::Request& request, const ConsultationList& list,
                                      const conventions::ConsultationInput& typed,
                                      const std::optional<core::Error>& error)
{
    auto today = conventions::today();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& consultation : list.consultations) {
        auto json = conventions::to_json(consultation, today);
        json["href"] = "/consultations/" + std::to_string(consultation.id);
        json["invited_count"] = consultation.invited.size();
        rows.push_back(json);
    }
    std::set<std::string> chosen(typed.invited.begin(), typed.invited.end());
    nlohmann::json options = nlohmann::json::array();
    for (const auto& organisation : list.organisations)
        options.push_back(
            {{"value", organisation.slug},
             {"option_id", "invitee-" + organisation.slug},
             {"label",
              organisation.name + (organisation.type ? " — " + std::string(organisation.type->label) : std::string())},
             {"selected", chosen.contains(organisation.slug)}});
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    auto errors = invalid ? error_view(*error, kOpenIds) : no_errors();
    if (error && !invalid)
        errors = error_view(core::Error::invalid(error->message), kOpenIds);
    nlohmann::json context{{"heading", list.heading},
                           {"intro", list.intro},
                           {"list_heading", list.list_heading},
                           {"consultations", rows},
                           {"empty", rows.empty()},
                           {"action", list.action},
                           {"back_href", list.back_href},
                           {"back_label", list.back_label},
                           {"preparing", list.preparing},
                           {"closed_text", list.closed_text},
                           {"form_title", typed.title},
                           {"opens_on", typed.opens_on.empty() ? today : typed.opens_on},
                           {"closes_on", typed.closes_on},
                           {"options", options},
                           {"errors", errors}};
    PageMeta meta;
    meta.title = title_with_errors(list.heading, error.has_value());
    meta.section = list.section;
    meta.breadcrumbs = list.breadcrumbs;
    meta.flash = flash_from_query(request);
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "consultations", context, meta);
}

void register_roadmap_consultation_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/feuille-de-route/consultations",
               [&state](http::Request& request) { return show_roadmap_consultations(state, request); });
    router.post("/territoires/{key}/feuille-de-route/consultations",
                [&state](http::Request& request) { return submit_roadmap_consultation(state, request); });
}

}  // namespace boussole::web::pages
