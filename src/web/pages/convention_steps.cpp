// The convention's life in the browser: creating one from the current
// template, the steps of its lifecycle (consultation, ready to sign, back to
// draft, entry into force, amendment, closing with a final assessment of
// each commitment), signing for one's organisation, and the differences
// between two versions, commitment by commitment. The rules are the
// conventions module's, the same as the API's.
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "conventions/lifecycle.hpp"
#include "conventions/partners.hpp"
#include "conventions/template.hpp"
#include "conventions/versions.hpp"
#include "core/text.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <algorithm>

namespace boussole::web::pages {

namespace {

const FieldIds kCreateIds = {{"territories", "convention-departements"},
                             {"period_start", "convention-periode"},
                             {"period_end", "convention-periode"},
                             {"title", "convention-titre"}};

std::vector<std::string> list_of(std::string_view text)
{
    std::vector<std::string> items;
    std::string_view rest = text;
    while (!rest.empty()) {
        auto separator = rest.find_first_of(",; ");
        auto item = std::string(core::trim(rest.substr(0, separator)));
        if (!item.empty())
            items.push_back(item);
        rest = separator == std::string_view::npos ? std::string_view() : rest.substr(separator + 1);
    }
    return items;
}

// "33" or "DEP-33" for a department.
std::vector<std::string> departments_of(std::string_view text)
{
    auto items = list_of(text);
    for (auto& item : items)
        if (item.rfind("DEP-", 0) != 0)
            item = "DEP-" + item;
    return items;
}

struct CreateForm {
    std::string departments;
    std::string period;
    std::string title;
};

http::Response create_page(AppState& state, http::Request& request, const CreateForm& form,
                           const std::optional<core::Error>& error)
{
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    auto errors = invalid
                      ? error_view(*error, kCreateIds)
                      : nlohmann::json{
                            {"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}, {"any", false}};
    auto templates =
        state.database.read([](storage::Connection& connection) { return conventions::list_templates(connection); });
    nlohmann::json periods = nlohmann::json::array();
    for (const auto& model : templates) {
        auto text = conventions::period_text(model.period_start, model.period_end);
        bool seen = false;
        for (const auto& period : periods)
            seen = seen || period["value"] == text;
        if (!seen)
            periods.push_back({{"value", text},
                               {"label", text + " (socle commun, version " + std::to_string(model.version) + ")"},
                               {"selected", form.period == text}});
    }
    // A department already covered, or out of the person's scope, is about
    // the departments typed: said next to that field.
    if (error && !invalid)
        errors = error_view(field_error("territories", error->message), kCreateIds);
    nlohmann::json context{{"departments", form.departments},
                           {"title", form.title},
                           {"periods", periods},
                           {"no_template", periods.empty()},
                           {"errors", errors}};
    PageMeta meta;
    meta.title = title_with_errors("Créer une convention territoriale", invalid || error.has_value());
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"}, {"Créer une convention", ""}};
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "convention_new", context, meta);
}

http::Response show_create(AppState& state, http::Request& request)
{
    if (!request_context(request).principal.authenticated())
        return error_page(state, request,
                          core::Error::unauthenticated("Connectez-vous pour créer une convention territoriale."));
    return create_page(state, request, {}, std::nullopt);
}

http::Response submit_create(AppState& state, http::Request& request)
{
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    CreateForm form{std::string(posted->get("departments").value_or("")),
                    std::string(posted->get("period").value_or("")), std::string(posted->get("title").value_or(""))};
    conventions::ConventionInput input;
    input.title = std::string(core::trim(form.title));
    input.territories = departments_of(form.departments);
    // Partners are added on the convention's page, from the directory of
    // its departments, which are only known once the convention exists.
    auto dash = form.period.find('-');
    if (dash != std::string::npos) {
        input.period_start = parse_positive_int(form.period.substr(0, dash));
        input.period_end = parse_positive_int(form.period.substr(dash + 1));
    }
    if (!input.period_start || !input.period_end)
        return create_page(state, request, form,
                           field_error("period_start", "Période : choisissez la période d'un socle commun publié."));
    auto created = state.database.write([&](storage::Connection& connection) {
        return conventions::create_convention(connection, request_context(request).principal, state.registry, input);
    });
    if (created.ok())
        return redirect_with_message(convention_href(created->id), "convention-creee");
    if (created.error().code == core::ErrorCode::Unauthenticated)
        return error_page(state, request, created.error());
    return create_page(state, request, form, created.error());
}

core::Result<conventions::Convention> readable(AppState& state, const http::Request& request)
{
    auto id = parse_id(request.path_param("id"));
    return state.database.read([&](storage::Connection& connection) -> core::Result<conventions::Convention> {
        auto convention = id ? conventions::find_convention(connection, *id) : std::nullopt;
        if (!convention)
            return core::Error::not_found("Convention introuvable : revenez à la liste des conventions.");
        BOUSSOLE_TRY(conventions::may_read(request_context(request).principal, *convention));
        return *convention;
    });
}

const char* message_of(conventions::Step step)
{
    switch (step) {
    case conventions::Step::Consult: return "convention-en-consultation";
    case conventions::Step::ReadyToSign: return "convention-prete";
    case conventions::Step::Reopen: return "convention-rouverte";
    case conventions::Step::EnterIntoForce: return "convention-en-vigueur";
    case conventions::Step::Amend: return "convention-avenant";
    case conventions::Step::Close: return "convention-close";
    }
    return "convention-enregistree";
}

// A refused step comes back to the convention with its reason, not to an
// error page: the person sees what to do next where they were.
http::Response refused(AppState& state, http::Request& request, const conventions::Convention& convention,
                       const core::Error& error)
{
    if (error.code == core::ErrorCode::Unauthenticated)
        return error_page(state, request, error);
    nlohmann::json context{
        {"title", convention.title}, {"message", error.message}, {"back_href", convention_href(convention.id)}};
    PageMeta meta;
    meta.title = "Étape refusée";
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {convention.title, convention_href(convention.id)},
                        {"Étape refusée", ""}};
    meta.status = status_of(error.code);
    return render_page(state, request, "convention_refused", context, meta);
}

http::Response submit_step(AppState& state, http::Request& request)
{
    auto convention = readable(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    auto step = conventions::parse_step(posted->get("step").value_or(""));
    if (!step.ok())
        return refused(state, request, *convention, step.error());
    int version = parse_positive_int(posted->get("version").value_or("")).value_or(0);
    std::map<std::int64_t, std::string> assessments;
    if (*step == conventions::Step::Close)
        for (const auto& commitment : state.database.read([&](storage::Connection& connection) {
                 return conventions::list_commitments(connection, convention->id);
             })) {
            auto text = core::trim(posted->get("bilan-" + std::to_string(commitment.id)).value_or(""));
            if (!text.empty())
                assessments[commitment.id] = std::string(text);
        }
    auto moved = state.database.write([&](storage::Connection& connection) {
        return conventions::take_step(connection, request_context(request).principal, convention->id, version, *step,
                                      assessments);
    });
    if (!moved.ok())
        return refused(state, request, *convention, moved.error());
    return redirect_with_message(convention_href(convention->id), message_of(*step));
}

http::Response submit_signature(AppState& state, http::Request& request)
{
    auto convention = readable(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    auto version = parse_positive_int(posted->get("version").value_or(""));
    auto signed_by = state.database.write([&](storage::Connection& connection) {
        return conventions::sign_convention(connection, request_context(request).principal, convention->id, version);
    });
    if (!signed_by.ok())
        return refused(state, request, *convention, signed_by.error());
    return redirect_to_anchor(convention_href(convention->id), "convention-signee", "parties");
}

http::Response submit_partner(AppState& state, http::Request& request)
{
    auto convention = readable(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    int version = parse_positive_int(posted->get("version").value_or("")).value_or(0);
    auto slug = std::string(core::trim(posted->get("partner").value_or("")));
    auto added = state.database.write([&](storage::Connection& connection) -> core::Result<conventions::Convention> {
        const auto& principal = request_context(request).principal;
        BOUSSOLE_TRY(conventions::may_steer(principal, *convention, "ajouter un partenaire à cette convention"));
        // A party already is left to the module, which says so.
        auto candidates = partner_candidates(connection, *convention);
        bool offered = std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) { return c.slug == slug; });
        bool party = std::any_of(convention->parties.begin(), convention->parties.end(),
                                 [&](const auto& p) { return p.slug == slug; });
        if (!offered && !party)
            return field_error("partner", slug.empty() ? "Partenaire : choisissez une organisation dans la liste."
                                                       : "Partenaire : « " + slug +
                                                             " » n'est pas une organisation partenaire de l'annuaire "
                                                             "présente sur le territoire de la convention ; "
                                                             "choisissez-en une dans la liste.");
        return conventions::add_partner(connection, principal, convention->id, version, slug);
    });
    if (!added.ok())
        return refused(state, request, *convention, added.error());
    return redirect_to_anchor(convention_href(convention->id), "partenaire-ajoute", "parties");
}

http::Response submit_template(AppState& state, http::Request& request)
{
    auto convention = readable(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    int version = parse_positive_int(posted->get("version").value_or("")).value_or(0);
    auto adopted = state.database.write([&](storage::Connection& connection) {
        return conventions::adopt_newer_template(connection, request_context(request).principal, convention->id,
                                                 version);
    });
    if (!adopted.ok())
        return refused(state, request, *convention, adopted.error());
    return redirect_to_anchor(convention_href(convention->id), "socle-repris", "section-socle");
}

http::Response show_close(AppState& state, http::Request& request)
{
    auto convention = readable(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto commitments = state.database.read(
        [&](storage::Connection& connection) { return conventions::list_commitments(connection, convention->id); });
    nlohmann::json items = nlohmann::json::array();
    for (const auto& commitment : commitments)
        items.push_back({{"id", commitment.id},
                         {"title", commitment.priority + " — " + commitment.title},
                         {"assessment", commitment.final_assessment}});
    nlohmann::json context{{"title", convention->title},
                           {"action", convention_href(convention->id) + "/etape"},
                           {"version", convention->version},
                           {"commitments", items},
                           {"cancel_href", convention_href(convention->id)}};
    PageMeta meta;
    meta.title = "Clore la convention et écrire le bilan final";
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {convention->title, convention_href(convention->id)},
                        {"Clôture", ""}};
    return render_page(state, request, "convention_close", context, meta);
}

std::string version_label(const nlohmann::json& number)
{
    if (number.is_string())
        return "texte en cours";
    int value = number.get<int>();
    return value == 0 ? "texte initial (version 0)" : "avenant n° " + std::to_string(value);
}

std::string value_text(const nlohmann::json& value)
{
    if (value.is_null())
        return "—";
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_array()) {
        std::string joined;
        for (const auto& item : value)
            joined += (joined.empty() ? "" : ", ") + value_text(item);
        return joined.empty() ? "—" : joined;
    }
    return value.dump();
}

std::optional<int> version_param(const http::Request& request, const char* name)
{
    auto text = request.query_param(name).value_or("");
    if (text == "0")
        return 0;
    return parse_positive_int(text);
}

http::Response show_diff(AppState& state, http::Request& request)
{
    auto convention = readable(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto from = version_param(request, "de");
    auto to = version_param(request, "a");
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto versions = conventions::list_versions(connection, convention->id);
        auto text_of = [&](std::optional<int> number) -> core::Result<nlohmann::json> {
            if (!number)
                return conventions::snapshot_of(*convention, conventions::list_commitments(connection, convention->id));
            auto snapshot = conventions::version_snapshot(connection, convention->id, *number);
            if (!snapshot)
                return core::Error::not_found("Version " + std::to_string(*number) +
                                              " introuvable : choisissez une version de la liste.");
            return *snapshot;
        };
        if (!from && !versions.empty())
            from = versions.front().number;
        auto before = text_of(from);
        if (!before.ok())
            return std::move(before).error();
        auto after = text_of(to);
        if (!after.ok())
            return std::move(after).error();
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& change : conventions::diff(*before, *after)) {
            nlohmann::json fields = nlohmann::json::array();
            for (const auto& field : change.fields)
                fields.push_back(
                    {{"field", field.field}, {"before", value_text(field.before)}, {"after", value_text(field.after)}});
            const char* label = change.change == "added" ? "ajouté" : change.change == "removed" ? "retiré" : "modifié";
            changes.push_back({{"title", change.title},
                               {"change", label},
                               {"badge", change.change == "added"     ? "success"
                                         : change.change == "removed" ? "error"
                                                                      : "info"},
                               {"fields", fields},
                               {"has_fields", !fields.empty()}});
        }
        nlohmann::json options = nlohmann::json::array();
        for (const auto& version : versions)
            options.push_back({{"value", std::to_string(version.number)},
                               {"label", version_label(version.number)},
                               {"from_selected", from && *from == version.number},
                               {"to_selected", to && *to == version.number}});
        return nlohmann::json{{"options", options},
                              {"changes", changes},
                              {"empty", changes.empty()},
                              {"from_label", from ? version_label(*from) : version_label("current")},
                              {"to_label", to ? version_label(*to) : version_label("current")},
                              {"current_selected", !to}};
    });
    if (!view.ok())
        return error_page(state, request, view.error());
    auto& context = *view;
    context["title"] = convention->title;
    context["action"] = convention_href(convention->id) + "/differences";
    context["back_href"] = convention_href(convention->id);
    PageMeta meta;
    meta.title = "Différences entre deux versions";
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {convention->title, convention_href(convention->id)},
                        {"Différences", ""}};
    return render_page(state, request, "convention_diff", context, meta);
}

}  // namespace

void register_convention_step_routes(http::Router& router, AppState& state)
{
    router.get("/conventions/nouvelle", [&state](http::Request& request) { return show_create(state, request); });
    router.post("/conventions/nouvelle", [&state](http::Request& request) { return submit_create(state, request); });
    router.post("/conventions/{id}/etape", [&state](http::Request& request) { return submit_step(state, request); });
    router.post("/conventions/{id}/signature",
                [&state](http::Request& request) { return submit_signature(state, request); });
    router.post("/conventions/{id}/partenaires",
                [&state](http::Request& request) { return submit_partner(state, request); });
    router.post("/conventions/{id}/socle",
                [&state](http::Request& request) { return submit_template(state, request); });
    router.get("/conventions/{id}/cloture", [&state](http::Request& request) { return show_close(state, request); });
    router.get("/conventions/{id}/differences", [&state](http::Request& request) { return show_diff(state, request); });
}

}  // namespace boussole::web::pages
