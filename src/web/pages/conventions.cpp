// The convention pages: the list of the conventions a person may read, and
// one convention as a document (parties and signatures, the socle commun,
// the briques locales, the volets partenaires, each commitment with where it
// stands, the near-duplicate warnings and the recorded versions). The forms that change it
// are in convention_commitment_form.cpp and convention_steps.cpp.
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "conventions/partners.hpp"
#include "conventions/template.hpp"
#include "conventions/versions.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "web/api/convention_body.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

std::string departments_of(const conventions::Convention& convention, const territory::TerritoryRegistry& registry)
{
    std::string names;
    for (const auto& key : convention.territories) {
        const auto* territory = registry.find(key);
        names += (names.empty() ? "" : ", ") + (territory ? territory->label() : key.to_string());
    }
    return names;
}

std::string number_text(const std::optional<double>& value)
{
    return value ? core::format_decimal(*value, 1) : "—";
}

const char* status_badge(std::string_view status)
{
    if (status == "reached" || status == "on_track")
        return "success";
    if (status == "late")
        return "error";
    return "info";
}

// The steps the status allows, as the buttons of the convention's page;
// the module refuses, with its reason, the ones the person may not take.
nlohmann::json steps_of(const std::string& status)
{
    nlohmann::json steps = nlohmann::json::array();
    auto add = [&](const char* step, const char* label, bool primary) {
        steps.push_back({{"step", step}, {"label", label}, {"primary", primary}});
    };
    if (status == "draft") {
        add("consult", "Mettre en consultation", true);
        add("ready_to_sign", "Déclarer prête à signer", false);
    } else if (status == "consultation") {
        add("ready_to_sign", "Déclarer prête à signer", true);
        add("reopen", "Revenir au brouillon", false);
    } else if (status == "ready_to_sign") {
        add("reopen", "Revenir au brouillon", false);
    } else if (status == "signed") {
        add("enter_into_force", "Mettre en vigueur", true);
    } else if (status == "in_force") {
        add("amend", "Ouvrir un avenant", false);
    }
    return steps;
}

// Whether the person's organisation is a party that has not signed yet.
bool may_sign_here(const access::Principal& principal, const conventions::Convention& convention)
{
    const auto* party = principal.organisation_id ? convention.party_of(*principal.organisation_id) : nullptr;
    return party && !party->signed_at;
}

http::Response convention_list(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return error_page(state, request, core::Error::unauthenticated("Connectez-vous pour voir les conventions."));
    auto found = state.database.read([&](storage::Connection& connection) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& convention : conventions::list_conventions(connection, principal, state.registry, {}))
            rows.push_back({{"href", "/conventions/" + std::to_string(convention.id)},
                            {"title", convention.title},
                            {"departments", departments_of(convention, state.registry)},
                            {"period", conventions::period_text(convention.period_start, convention.period_end)},
                            {"status", conventions::label(convention.status)},
                            {"amendment", convention.amendment},
                            {"commitments", conventions::list_commitments(connection, convention.id).size()}});
        return rows;
    });
    nlohmann::json context{{"conventions", found},
                           {"empty", found.empty()},
                           {"count", found.size()},
                           {"national", principal.scope.national()}};
    PageMeta meta;
    meta.title = "Conventions territoriales";
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", ""}};
    meta.flash = flash_from_query(request);
    return render_page(state, request, "conventions", context, meta);
}

http::Response convention_page(AppState& state, http::Request& request)
{
    auto id = core::parse_positive_integer(request.path_param("id"));
    const auto& principal = request_context(request).principal;
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto convention = id ? conventions::find_convention(connection, *id) : std::nullopt;
        if (!convention)
            return core::Error::not_found("Convention introuvable : revenez à la liste des conventions.");
        BOUSSOLE_TRY(conventions::may_read(principal, *convention));
        auto json = api::convention_view(connection, state, *convention);
        json["departments"] = departments_of(*convention, state.registry);
        json["may_sign_here"] = may_sign_here(principal, *convention);
        const auto* own = principal.organisation_id ? convention->party_of(*principal.organisation_id) : nullptr;
        json["may_steer"] = conventions::may_steer(principal, *convention, "modifier cette convention").ok();
        json["is_partner"] = own && own->role == conventions::PartyRole::Partner;
        nlohmann::json candidates = nlohmann::json::array();
        if (json["may_steer"].get<bool>())
            for (const auto& organisation : partner_candidates(connection, *convention))
                candidates.push_back(
                    {{"value", organisation.slug}, {"label", organisation_choice_label(organisation)}});
        json["partner_candidates"] = candidates;
        auto newer = conventions::newer_template(connection, *convention);
        json["newer_template"] = newer ? nlohmann::json(newer->version) : nlohmann::json(nullptr);
        return json;
    });
    if (!view.ok())
        return error_page(state, request, view.error());
    auto& json = *view;
    std::string base = convention_href(*id);
    auto status = json["status"].get<std::string>();
    bool may_steer = json["may_steer"].get<bool>();
    bool preparing = (status == "draft" || status == "consultation") && (may_steer || json["is_partner"].get<bool>());
    nlohmann::json sections = nlohmann::json::array();
    for (auto section : {conventions::Section::Socle, conventions::Section::Local, conventions::Section::Partner}) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& commitment : json["commitments"]) {
            if (commitment["section"] != conventions::to_string(section))
                continue;
            auto status = commitment.value("status", std::string("not_measurable"));
            items.push_back({{"id", commitment["id"]},
                             {"edit_href", base + "/engagements/" +
                                               std::to_string(commitment["id"].get<std::int64_t>()) + "/modifier"},
                             {"title", commitment["title"]},
                             {"text", commitment["text"]},
                             {"priority", commitment["priority"]},
                             {"lead", commitment["lead"]},
                             {"partner", commitment["partner"].is_null() ? "" : commitment["partner"]},
                             {"indicator", commitment["indicator"].is_null() ? "" : commitment["indicator"]},
                             {"target", number_text(commitment["target_value"].is_null()
                                                        ? std::nullopt
                                                        : std::optional(commitment["target_value"].get<double>()))},
                             {"deadline", commitment["deadline"].is_null() ? "—" : commitment["deadline"]},
                             {"status_label", commitment.value("status_label", std::string())},
                             {"status_badge", status_badge(status)},
                             {"explanation", commitment.value("status_explanation", std::string())}});
        }
        std::string title = conventions::label(section);
        title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
        sections.push_back({{"id", conventions::to_string(section)},
                            {"editable", preparing},
                            {"add_href", section == conventions::Section::Local     ? base + "/engagements/nouveau"
                                         : section == conventions::Section::Partner ? base + "/engagements/"
                                                                                             "nouveau?section=partner"
                                                                                    : ""},
                            {"title", title},
                            {"commitments", items},
                            {"empty", items.empty()}});
    }
    nlohmann::json parties = nlohmann::json::array();
    for (const auto& party : json["parties"])
        parties.push_back({{"name", party["name"]},
                           {"role", party["role_label"]},
                           {"signed", !party["signed_at"].is_null()},
                           {"signed_by", party["signed_by"].is_null() ? "" : party["signed_by"]},
                           {"signed_at", party["signed_at"].is_null() ? "" : party["signed_at"]}});
    nlohmann::json context{{"title", json["title"]},
                           {"departments", json["departments"]},
                           {"period", json["period"]},
                           {"status", json["status_label"]},
                           {"amendment", json["amendment"]},
                           {"amended", json["amendment"].get<int>() > 0},
                           {"parties", parties},
                           {"sections", sections},
                           {"warnings", json["warnings"]},
                           {"has_warnings", !json["warnings"].empty()},
                           {"count", json["commitments"].size()},
                           {"cap", json["commitment_cap"]},
                           {"versions", json["versions"]},
                           {"has_versions", !json["versions"].empty()},
                           {"api_href", "/api/v1/conventions/" + std::to_string(*id)},
                           {"steering_key", json["territories"].empty() ? nlohmann::json("") : json["territories"][0]},
                           {"steps", may_steer ? steps_of(status) : nlohmann::json::array()},
                           {"has_steps", may_steer && (!steps_of(status).empty() || status == "in_force")},
                           {"step_action", base + "/etape"},
                           {"version", json["version"]},
                           {"may_sign", status == "ready_to_sign" && json["may_sign_here"].get<bool>()},
                           {"sign_action", base + "/signature"},
                           {"close_href", base + "/cloture"},
                           {"may_close", may_steer && status == "in_force"},
                           {"diff_href", base + "/differences"},
                           {"print_href", base + "/impression"},
                           {"consultations_href", base + "/consultations"},
                           {"partner_action", base + "/partenaires"},
                           {"partner_candidates", json["partner_candidates"]},
                           {"editable_parties", may_steer && (status == "draft" || status == "consultation")},
                           {"template_action", base + "/socle"},
                           {"newer_template", may_steer && status == "draft" && json["amendment"].get<int>() > 0 &&
                                                      !json["newer_template"].is_null()
                                                  ? json["newer_template"]
                                                  : nlohmann::json(false)}};
    PageMeta meta;
    meta.title = json["title"].get<std::string>();
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"}, {json["departments"].get<std::string>(), ""}};
    meta.flash = flash_from_query(request);
    return render_page(state, request, "convention", context, meta);
}

}  // namespace

void register_convention_routes(http::Router& router, AppState& state)
{
    router.get("/conventions", [&state](http::Request& request) { return convention_list(state, request); });
    router.get("/conventions/{id}", [&state](http::Request& request) { return convention_page(state, request); });
    register_convention_commitment_form_routes(router, state);
    register_convention_step_routes(router, state);
    register_convention_consultation_routes(router, state);
    register_convention_print_routes(router, state);
}

}  // namespace boussole::web::pages
