// Changing a member or a decision of the ITA from the version read, removing
// a member and deleting a decision after a confirmation. A stale save shows
// what the other person saved beside what was typed; a decision's page
// shows its history, its deletion included.
#include "core/text.hpp"
#include "steering/ita.hpp"
#include "steering/roadmap.hpp"
#include "web/pages/consultation_pages.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/ita_pages.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <map>
#include <set>

namespace boussole::web::pages {

namespace {

const FieldIds kMemberFields = {{"role", "membre-role"},
                                {"organisation", "membre-organisation"},
                                {"person", "membre-personne"},
                                {"starts_on", "membre-debut"},
                                {"ends_on", "membre-fin"}};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

std::string ita_href(const http::Request& request)
{
    return "/territoires/" + std::string(request.path_param("key")) + "/ita";
}

nlohmann::json no_errors()
{
    return {{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}};
}

PageMeta meta_for(const steering::SteeredTerritory& territory, std::string title, std::optional<core::Error> error,
                  const http::Request& request)
{
    PageMeta meta;
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    meta.title = title_with_errors(title, invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {territory.name, "/territoires/" + territory.key.to_string()},
                        {"ITA", "/territoires/" + territory.key.to_string() + "/ita"},
                        {std::move(title), ""}};
    meta.flash = flash_from_query(request);
    if (error) {
        meta.status = status_of(error->code);
        if (!invalid)
            meta.flash = Flash{FlashType::Error, "La modification n'est pas enregistrée", error->message};
    }
    return meta;
}

std::string member_name(const steering::Member& member)
{
    if (member.organisation_name.empty())
        return member.person;
    return member.person.empty() ? member.organisation_name : member.person + " (" + member.organisation_name + ")";
}

// --- Members -------------------------------------------------------------

struct MemberForm {
    steering::MemberInput input;
    int version = 0;
    std::optional<core::Error> error;
};

http::Response member_page(AppState& state, http::Request& request, const MemberForm* typed)
{
    auto id = parse_id(request.path_param("id")).value_or(0);
    auto page = state.database.read([&](storage::Connection& connection) -> core::Result<http::Response> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        BOUSSOLE_TRY(steering::may_write(principal_of(request), *territory, "modifier l'ITA de " + territory->name));
        auto member = steering::find_member(connection, *territory, id);
        if (!member)
            return core::Error::not_found("Membre introuvable dans cette ITA : il a peut-être été retiré.");
        MemberForm form{{member->organisation, member->person, steering::to_string(member->role), member->starts_on,
                         member->ends_on},
                        member->version,
                        std::nullopt};
        if (typed)
            form = *typed;
        nlohmann::json roles = nlohmann::json::array();
        for (auto role : steering::kMemberRoles)
            roles.push_back({{"value", steering::to_string(role)},
                             {"label", steering::label(role)},
                             {"selected", form.input.role == steering::to_string(role)}});
        nlohmann::json organisations = nlohmann::json::array(
            {{{"value", ""}, {"label", "Aucune (une personne seule)"}, {"selected", form.input.organisation.empty()}}});
        bool offered = form.input.organisation.empty();
        for (const auto& organisation : organisations_present(connection, territory->departments)) {
            offered = offered || form.input.organisation == organisation.slug;
            organisations.push_back({{"value", organisation.slug},
                                     {"label", organisation.name},
                                     {"selected", form.input.organisation == organisation.slug}});
        }
        // The member's own organisation may sit above the department (the
        // region's ARS): it stays offered, so that saving never drops it.
        if (!offered)
            organisations.insert(
                organisations.begin() + 1,
                nlohmann::json{{"value", form.input.organisation},
                               {"label", member->organisation == form.input.organisation ? member->organisation_name
                                                                                         : form.input.organisation},
                               {"selected", true}});
        bool invalid = form.error && form.error->code == core::ErrorCode::Invalid;
        bool stale = form.error && form.error->code == core::ErrorCode::Conflict;
        auto errors = invalid ? error_view(*form.error, kMemberFields) : no_errors();
        nlohmann::json context{{"action", ita_href(request) + "/membres/" + std::to_string(id) + "/modifier"},
                               {"back_href", ita_href(request) + "#membres"},
                               {"name", member_name(*member)},
                               {"version", stale ? member->version : form.version},
                               {"stale", stale},
                               {"current", steering::to_json(*member)},
                               {"roles", roles},
                               {"organisations", organisations},
                               {"person", form.input.person},
                               {"starts_on", form.input.starts_on},
                               {"ends_on", form.input.ends_on},
                               {"errors", errors}};
        context["errors"]["any"] = invalid;
        return render_page(
            state, request, "ita_member_form", context,
            meta_for(*territory, "Modifier le membre « " + member_name(*member) + " »", form.error, request));
    });
    if (!page.ok())
        return error_page(state, request, page.error());
    return *page;
}

http::Response show_member(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    return member_page(state, request, nullptr);
}

http::Response submit_member(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    MemberForm form;
    form.input = {std::string(fields->get("organisation").value_or("")),
                  std::string(fields->get("person").value_or("")), std::string(fields->get("role").value_or("")),
                  std::string(fields->get("starts_on").value_or("")), std::string(fields->get("ends_on").value_or(""))};
    form.version = parse_positive_int(fields->get("version").value_or("")).value_or(0);
    auto id = parse_id(request.path_param("id")).value_or(0);
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Member> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        return steering::change_member(connection, principal_of(request), *territory, id, form.version, form.input);
    });
    if (saved.ok())
        return redirect_to_anchor(ita_href(request), "membre-modifie", "membres");
    if (saved.error().code != core::ErrorCode::Invalid && saved.error().code != core::ErrorCode::Conflict)
        return error_page(state, request, saved.error());
    form.error = saved.error();
    return member_page(state, request, &form);
}

// --- Confirmations ---------------------------------------------------------

http::Response confirmation_page(AppState& state, http::Request& request, bool decision,
                                 const std::optional<core::Error>& error)
{
    auto id = parse_id(request.path_param("id")).value_or(0);
    auto page = state.database.read([&](storage::Connection& connection) -> core::Result<http::Response> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        BOUSSOLE_TRY(steering::may_write(principal_of(request), *territory, "modifier l'ITA de " + territory->name));
        nlohmann::json context{{"back_href", ita_href(request) + (decision ? "#decisions" : "#membres")}};
        std::string title;
        if (decision) {
            auto found = steering::find_decision(connection, *territory, id);
            if (!found || found->deleted)
                return core::Error::not_found("Décision introuvable dans cette ITA : elle a peut-être été supprimée.");
            title = "Supprimer la décision du " + day_label(found->decided_on);
            context["what"] = "la décision du " + day_label(found->decided_on) + " : « " + found->text + " »";
            context["consequence"] =
                "Elle disparaît de la liste des décisions ; sa suppression est une version enregistrée, visible dans "
                "son historique et dans le journal.";
            context["version"] = found->version;
            context["button"] = "Supprimer la décision";
            context["action"] = ita_href(request) + "/decisions/" + std::to_string(id) + "/supprimer";
        } else {
            auto found = steering::find_member(connection, *territory, id);
            if (!found)
                return core::Error::not_found("Membre introuvable dans cette ITA : il a peut-être déjà été retiré.");
            title = "Retirer le membre « " + member_name(*found) + " »";
            context["what"] = member_name(*found) + ", " + steering::label(found->role);
            context["consequence"] =
                "Il quitte la liste des membres de l'ITA ; le retrait est un changement enregistré dans le journal.";
            context["version"] = found->version;
            context["button"] = "Retirer le membre";
            context["action"] = ita_href(request) + "/membres/" + std::to_string(id) + "/retirer";
        }
        context["title"] = title;
        return render_page(state, request, "ita_confirm", context, meta_for(*territory, title, error, request));
    });
    if (!page.ok())
        return error_page(state, request, page.error());
    return *page;
}

template <bool kDecision>
http::Response show_confirmation(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    return confirmation_page(state, request, kDecision, std::nullopt);
}

template <bool kDecision>
http::Response submit_confirmation(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier l'ITA"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    auto version = parse_positive_int(fields->get("version").value_or(""));
    if (!version)
        return confirmation_page(
            state, request, kDecision,
            core::Error::conflict("La version lue manque : rechargez la page, puis confirmez de nouveau."));
    auto id = parse_id(request.path_param("id")).value_or(0);
    auto done = state.database.write([&](storage::Connection& connection) -> core::Status {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        if constexpr (kDecision) {
            auto deleted = steering::delete_decision(connection, principal_of(request), *territory, id, version);
            if (!deleted.ok())
                return std::move(deleted).error();
        } else {
            auto removed = steering::remove_member(connection, principal_of(request), *territory, id, version);
            if (!removed.ok())
                return std::move(removed).error();
        }
        return {};
    });
    if (done.ok())
        return redirect_to_anchor(ita_href(request), kDecision ? "decision-supprimee" : "membre-retire",
                                  kDecision ? "decisions" : "membres");
    if (done.error().code != core::ErrorCode::Conflict)
        return error_page(state, request, done.error());
    return confirmation_page(state, request, kDecision, done.error());
}

}  // namespace

void register_ita_edit_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/ita/membres/{id}/modifier",
               [&state](http::Request& request) { return show_member(state, request); });
    router.post("/territoires/{key}/ita/membres/{id}/modifier",
                [&state](http::Request& request) { return submit_member(state, request); });
    router.get("/territoires/{key}/ita/membres/{id}/retirer",
               [&state](http::Request& request) { return show_confirmation<false>(state, request); });
    router.post("/territoires/{key}/ita/membres/{id}/retirer",
                [&state](http::Request& request) { return submit_confirmation<false>(state, request); });
    router.get("/territoires/{key}/ita/decisions/{id}/modifier",
               [&state](http::Request& request) { return show_decision_form(state, request); });
    router.post("/territoires/{key}/ita/decisions/{id}/modifier",
                [&state](http::Request& request) { return submit_decision_form(state, request); });
    router.get("/territoires/{key}/ita/decisions/{id}/supprimer",
               [&state](http::Request& request) { return show_confirmation<true>(state, request); });
    router.post("/territoires/{key}/ita/decisions/{id}/supprimer",
                [&state](http::Request& request) { return submit_confirmation<true>(state, request); });
}

}  // namespace boussole::web::pages
