// The forms of a convention's commitments: adding one to the briques locales
// or to a partner's annex, changing one (a socle item takes a more ambitious
// local target, never a weaker one), deleting one as a recorded version. The
// rules are the conventions module's, the same as the API's. A stale save
// shows the commitment as it is now beside what was typed, so nothing is
// lost; a baseline left empty is taken from the data when the indicator has
// a value for the department.
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "web/api/convention_body.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <algorithm>

namespace boussole::web::pages {

namespace {

const FieldIds kIds = {{"priority", "engagement-priorite"},
                       {"title", "engagement-titre"},
                       {"text", "engagement-texte"},
                       {"lead", "engagement-pilote"},
                       {"contributors", "engagement-contributeurs"},
                       {"indicator", "engagement-indicateur"},
                       {"baseline_period", "engagement-reference-periode"},
                       {"baseline_value", "engagement-reference-valeur"},
                       {"target_value", "engagement-cible"},
                       {"deadline", "engagement-echeance"},
                       {"partner", "engagement-partenaire"}};

std::string number_input(const std::optional<double>& value)
{
    return value ? form_number(*value) : "";
}

// What the form shows: the input's members as typed.
struct Typed {
    conventions::CommitmentInput input;
    std::string contributors;
    std::string baseline_value;
    std::string target_value;
};

std::string contributors_text(const std::vector<std::string>& slugs)
{
    std::string contributors;
    for (const auto& slug : slugs)
        contributors += (contributors.empty() ? "" : ", ") + slug;
    return contributors;
}

Typed typed_of(const conventions::CommitmentInput& input)
{
    return Typed{input, contributors_text(input.contributors), number_input(input.baseline_value),
                 number_input(input.target_value)};
}

std::string joined(const std::vector<std::string_view>& values)
{
    std::vector<std::string> slugs(values.begin(), values.end());
    return contributors_text(slugs);
}

// A French decimal ("12,5" or "12.5"); an error naming the field otherwise.
core::Status read_decimal(std::string_view text, const char* field, const char* label, std::optional<double>& into)
{
    auto trimmed = core::trim(text);
    if (trimmed.empty()) {
        into.reset();
        return {};
    }
    auto value = parse_form_number(trimmed);
    if (!value)
        return field_error(field, std::string(label) + " : un nombre est attendu, par exemple 12,5 (valeur lue : « " +
                                      std::string(trimmed) + " »).");
    into = *value;
    return {};
}

// Checked boxes, one value each; a slug outside the offered organisations
// (typed by hand in a crafted request) is refused naming the field.
core::Result<Typed> read_typed(const http::Params& form, conventions::CommitmentInput base,
                               const std::vector<actors::Organisation>& choices)
{
    Typed typed;
    auto text = [&](const char* name) { return std::string(core::trim(form.get(name).value_or(""))); };
    base.priority = text("priority");
    base.title = text("title");
    base.text = text("text");
    base.lead = text("lead");
    base.indicator = text("indicator");
    base.baseline_period = text("baseline_period");
    base.deadline = text("deadline");
    typed.baseline_value = text("baseline_value");
    typed.target_value = text("target_value");
    base.contributors.clear();
    for (auto value : form.get_all("contributors")) {
        auto slug = std::string(core::trim(value));
        if (slug.empty() ||
            std::find(base.contributors.begin(), base.contributors.end(), slug) != base.contributors.end())
            continue;
        if (std::none_of(choices.begin(), choices.end(), [&](const auto& choice) { return choice.slug == slug; }))
            return field_error("contributors", "Organisations contributrices : « " + slug +
                                                   " » n'est pas une organisation de l'annuaire présente sur le "
                                                   "territoire de la convention ; cochez-en une dans la liste.");
        base.contributors.push_back(slug);
    }
    typed.contributors = contributors_text(base.contributors);
    typed.input = base;
    if (auto read =
            read_decimal(typed.baseline_value, "baseline_value", "Valeur de référence", typed.input.baseline_value);
        !read.ok())
        return read.error();
    if (auto read = read_decimal(typed.target_value, "target_value", "Valeur cible", typed.input.target_value);
        !read.ok())
        return read.error();
    return typed;
}

nlohmann::json commitment_columns(const Typed& typed)
{
    const auto& input = typed.input;
    return nlohmann::json::array({
        {{"label", "Priorité"}, {"value", input.priority}},
        {{"label", "Titre"}, {"value", input.title}},
        {{"label", "Texte"}, {"value", input.text}},
        {{"label", "Pilote"}, {"value", input.lead}},
        {{"label", "Contributeurs"}, {"value", typed.contributors}},
        {{"label", "Indicateur"}, {"value", input.indicator}},
        {{"label", "Référence (période)"}, {"value", input.baseline_period}},
        {{"label", "Référence (valeur)"}, {"value", typed.baseline_value}},
        {{"label", "Cible"}, {"value", typed.target_value}},
        {{"label", "Échéance"}, {"value", input.deadline}},
    });
}

struct FormState {
    const conventions::Convention* convention = nullptr;
    const conventions::Commitment* current = nullptr;  // nothing for an addition
    const std::vector<actors::Organisation>* choices = nullptr;
    Typed typed;
    int version = 0;
    std::optional<core::Error> error;
    std::optional<Typed> saved_now;  // after a conflict: the commitment as it is now
    std::string saved_by;
};

http::Response form_page(AppState& state, http::Request& request, const FormState& form)
{
    const auto& convention = *form.convention;
    bool invalid = form.error && form.error->code == core::ErrorCode::Invalid;
    auto errors = invalid
                      ? error_view(*form.error, kIds)
                      : nlohmann::json{
                            {"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}, {"any", false}};
    const auto& input = form.typed.input;
    bool socle = form.current && form.current->section == conventions::Section::Socle;
    std::string base = convention_href(convention.id);
    std::string heading;
    if (!form.current)
        heading =
            input.section == "partner" ? "Ajouter un engagement au volet partenaire" : "Ajouter un engagement local";
    else
        heading = "Modifier l'engagement « " + form.current->title + " »";
    nlohmann::json context{
        {"heading", heading},
        {"action", form.current ? base + "/engagements/" + std::to_string(form.current->id) + "/modifier"
                                : base + "/engagements/nouveau"},
        {"cancel_href", base},
        {"version", form.version},
        {"editing", form.current != nullptr},
        {"socle", socle},
        {"national_target",
         form.current && form.current->national_target ? core::format_decimal(*form.current->national_target, 1) : ""},
        {"section", input.section},
        {"partner", input.partner},
        {"partner_options", party_options(convention, input.partner, true)},
        {"is_partner", input.section == "partner"},
        {"new_partner", !form.current && input.section == "partner"},
        {"priority", input.priority},
        {"title", input.title},
        {"text", input.text},
        {"lead_options", party_options(convention, input.lead)},
        {"contributor_options", contributor_options(*form.choices, input.contributors)},
        {"indicator", input.indicator},
        {"baseline_period", input.baseline_period},
        {"baseline_value", form.typed.baseline_value},
        {"target_value", form.typed.target_value},
        {"deadline", input.deadline},
        {"errors", errors},
        {"conflict", form.saved_now.has_value()},
        {"delete_action", form.current ? base + "/engagements/" + std::to_string(form.current->id) + "/supprimer" : ""},
    };
    if (form.saved_now) {
        context["yours"] = commitment_columns(form.typed);
        context["theirs"] = commitment_columns(*form.saved_now);
        context["saved_by"] = form.saved_by;
        nlohmann::json rows = nlohmann::json::array();
        auto yours = commitment_columns(form.typed);
        auto theirs = commitment_columns(*form.saved_now);
        for (std::size_t index = 0; index < yours.size(); ++index)
            rows.push_back({{"label", yours[index]["label"]},
                            {"yours", yours[index]["value"]},
                            {"theirs", theirs[index]["value"]},
                            {"differs", yours[index]["value"] != theirs[index]["value"]}});
        context["comparison"] = rows;
    }
    PageMeta meta;
    meta.title = title_with_errors(heading, invalid);
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"}, {convention.title, base}, {"Engagement", ""}};
    if (form.error && form.error->code == core::ErrorCode::Conflict)
        meta.flash = Flash{FlashType::Error, "Cet engagement a été modifié entre-temps",
                           form.error->message +
                               " Vos saisies sont conservées dans le formulaire ; la version enregistrée entre-temps "
                               "figure à côté. Enregistrez de nouveau pour remplacer celle-ci par la vôtre."};
    if (form.error)
        meta.status = status_of(form.error->code);
    return render_page(state, request, "convention_commitment", context, meta);
}

struct Loaded {
    conventions::Convention convention;
    std::optional<conventions::Commitment> commitment;
    std::vector<actors::Organisation> choices;
};

core::Result<Loaded> load(AppState& state, const http::Request& request, bool with_commitment)
{
    auto id = parse_id(request.path_param("id"));
    auto commitment_id = with_commitment ? parse_id(request.path_param("commitment")) : std::nullopt;
    return state.database.read([&](storage::Connection& connection) -> core::Result<Loaded> {
        auto convention = id ? conventions::find_convention(connection, *id) : std::nullopt;
        if (!convention)
            return core::Error::not_found("Convention introuvable : revenez à la liste des conventions.");
        BOUSSOLE_TRY(conventions::may_read(request_context(request).principal, *convention));
        Loaded loaded{*convention, std::nullopt, organisations_for(connection, *convention)};
        if (with_commitment) {
            loaded.commitment =
                commitment_id ? conventions::find_commitment(connection, *id, *commitment_id) : std::nullopt;
            if (!loaded.commitment || loaded.commitment->deleted)
                return core::Error::not_found(
                    "Engagement introuvable dans cette convention : il a peut-être été "
                    "supprimé ; revenez à la convention.");
            // A contributor recorded earlier (over the API) stays offered, so
            // that saving the form does not drop it unseen.
            for (const auto& slug : loaded.commitment->contributors)
                if (std::none_of(loaded.choices.begin(), loaded.choices.end(),
                                 [&](const auto& choice) { return choice.slug == slug; }))
                    if (auto found = actors::find_organisation_by_slug(connection, slug); found.ok())
                        loaded.choices.push_back(*found);
        }
        return loaded;
    });
}

// The baseline from the data: the latest value of the indicator for the
// department, when the form left it empty.
void fill_baseline(AppState& state, const conventions::Convention& convention, Typed& typed)
{
    auto& input = typed.input;
    if (input.indicator.empty() || input.baseline_value || !input.baseline_period.empty())
        return;
    auto catalogue =
        state.database.read([](storage::Connection& connection) { return catalogue::Catalogue::load(connection); });
    const auto* indicator = catalogue.find_indicator(input.indicator);
    auto latest = api::live_values(state, catalogue);
    if (!indicator || !latest)
        return;
    auto found = latest(*indicator, convention.territories);
    if (!found)
        return;
    input.baseline_period = found->first.to_string();
    input.baseline_value = found->second;
    typed.baseline_value = number_input(input.baseline_value);
}

http::Response show_new(AppState& state, http::Request& request)
{
    auto loaded = load(state, request, false);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    conventions::CommitmentInput input;
    input.section = request.query_param("section").value_or("local") == "partner" ? "partner" : "local";
    input.partner = std::string(request.query_param("partenaire").value_or(""));
    FormState form{&loaded->convention, nullptr, &loaded->choices, typed_of(input), 0, std::nullopt, std::nullopt, ""};
    return form_page(state, request, form);
}

http::Response submit_new(AppState& state, http::Request& request)
{
    auto loaded = load(state, request, false);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    conventions::CommitmentInput base;
    base.section = posted->get("section").value_or("local") == "partner" ? "partner" : "local";
    base.partner = std::string(posted->get("partner").value_or(""));
    auto typed = read_typed(*posted, base, loaded->choices);
    std::optional<core::Error> error;
    Typed shown = typed.ok() ? *typed : typed_of(base);
    if (typed.ok()) {
        fill_baseline(state, loaded->convention, shown);
        auto saved = state.database.write([&](storage::Connection& connection) {
            auto catalogue = catalogue::Catalogue::load(connection);
            return conventions::add_commitment(connection, request_context(request).principal, catalogue,
                                               loaded->convention.id, shown.input);
        });
        if (saved.ok())
            return redirect_to_anchor(convention_href(loaded->convention.id), "engagement-ajoute",
                                      "engagement-" + std::to_string(saved->id));
        error = saved.error();
    } else {
        error = typed.error();
        for (auto slug : posted->get_all("contributors"))
            base.contributors.emplace_back(slug);
        shown = Typed{base, joined(posted->get_all("contributors")),
                      std::string(posted->get("baseline_value").value_or("")),
                      std::string(posted->get("target_value").value_or(""))};
    }
    if (error->code != core::ErrorCode::Invalid)
        return error_page(state, request, *error);
    FormState form{&loaded->convention, nullptr, &loaded->choices, shown, 0, error, std::nullopt, ""};
    return form_page(state, request, form);
}

http::Response show_edit(AppState& state, http::Request& request)
{
    auto loaded = load(state, request, true);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    FormState form{&loaded->convention,
                   &*loaded->commitment,
                   &loaded->choices,
                   typed_of(conventions::input_of(*loaded->commitment)),
                   loaded->commitment->version,
                   std::nullopt,
                   std::nullopt,
                   ""};
    return form_page(state, request, form);
}

http::Response submit_edit(AppState& state, http::Request& request)
{
    auto loaded = load(state, request, true);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    const auto& current = *loaded->commitment;
    int version = parse_positive_int(posted->get("version").value_or("")).value_or(0);
    auto typed = read_typed(*posted, conventions::input_of(current), loaded->choices);
    std::optional<core::Error> error;
    Typed shown = typed.ok() ? *typed
                             : Typed{conventions::input_of(current), joined(posted->get_all("contributors")),
                                     std::string(posted->get("baseline_value").value_or("")),
                                     std::string(posted->get("target_value").value_or(""))};
    if (typed.ok()) {
        auto saved = state.database.write([&](storage::Connection& connection) {
            auto catalogue = catalogue::Catalogue::load(connection);
            return conventions::change_commitment(connection, request_context(request).principal, catalogue,
                                                  loaded->convention.id, current.id, version, shown.input);
        });
        if (saved.ok())
            return redirect_to_anchor(convention_href(loaded->convention.id), "engagement-enregistre",
                                      "engagement-" + std::to_string(current.id));
        error = saved.error();
    } else {
        error = typed.error();
    }
    if (error->code != core::ErrorCode::Invalid && error->code != core::ErrorCode::Conflict)
        return error_page(state, request, *error);
    FormState form{&loaded->convention, &current, &loaded->choices, shown, version, error, std::nullopt, ""};
    if (error->code == core::ErrorCode::Conflict) {
        // Saving again is then a deliberate choice, made with the newer version in view.
        form.version = current.version;
        form.saved_now = typed_of(conventions::input_of(current));
        form.saved_by = current.updated_by;
    }
    return form_page(state, request, form);
}

http::Response submit_delete(AppState& state, http::Request& request)
{
    auto loaded = load(state, request, true);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    auto version = parse_positive_int(posted->get("version").value_or(""));
    auto deleted = state.database.write([&](storage::Connection& connection) {
        return conventions::delete_commitment(connection, request_context(request).principal, loaded->convention.id,
                                              loaded->commitment->id, version);
    });
    if (!deleted.ok()) {
        if (deleted.error().code == core::ErrorCode::Conflict || deleted.error().code == core::ErrorCode::Invalid) {
            FormState form{&loaded->convention,
                           &*loaded->commitment,
                           &loaded->choices,
                           typed_of(conventions::input_of(*loaded->commitment)),
                           loaded->commitment->version,
                           deleted.error(),
                           std::nullopt,
                           ""};
            return form_page(state, request, form);
        }
        return error_page(state, request, deleted.error());
    }
    return redirect_with_message(convention_href(loaded->convention.id), "engagement-supprime");
}

}  // namespace

void register_convention_commitment_form_routes(http::Router& router, AppState& state)
{
    router.get("/conventions/{id}/engagements/nouveau",
               [&state](http::Request& request) { return show_new(state, request); });
    router.post("/conventions/{id}/engagements/nouveau",
                [&state](http::Request& request) { return submit_new(state, request); });
    router.get("/conventions/{id}/engagements/{commitment}/modifier",
               [&state](http::Request& request) { return show_edit(state, request); });
    router.post("/conventions/{id}/engagements/{commitment}/modifier",
                [&state](http::Request& request) { return submit_edit(state, request); });
    router.post("/conventions/{id}/engagements/{commitment}/supprimer",
                [&state](http::Request& request) { return submit_delete(state, request); });
}

}  // namespace boussole::web::pages
