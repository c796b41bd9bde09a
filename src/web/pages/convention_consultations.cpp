// The consultations of a convention in the browser: the list with the form
// that opens one (its period and the organisations of the directory
// present in the territory, users' associations and the CDCA among them),
// and one consultation's synthesis page, where an invited organisation
// contributes while it is open and the owners answer each contribution.
// The rules are the conventions module's (consultations.hpp).
#include "access/policy.hpp"
#include "actors/organisation.hpp"
#include "conventions/commitments.hpp"
#include "conventions/consultations.hpp"
#include "conventions/convention.hpp"
#include "core/text.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <set>

namespace boussole::web::pages {

namespace {

const FieldIds kOpenIds = {{"title", "consultation-titre"},
                           {"opens_on", "consultation-ouverture"},
                           {"closes_on", "consultation-cloture"},
                           {"invited", "consultation-invitees"}};
const FieldIds kContributionIds = {{"text", "contribution-texte"}, {"commitment_id", "contribution-engagement"}};

const access::Principal& principal_of(const http::Request& request)
{
    return request_context(request).principal;
}

nlohmann::json no_errors()
{
    return {{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}, {"any", false}};
}

core::Result<conventions::Convention> readable_convention(AppState& state, const http::Request& request)
{
    auto id = parse_id(request.path_param("id"));
    return state.database.read([&](storage::Connection& connection) -> core::Result<conventions::Convention> {
        auto convention = id ? conventions::find_convention(connection, *id) : std::nullopt;
        if (!convention)
            return core::Error::not_found("Convention introuvable : revenez à la liste des conventions.");
        BOUSSOLE_TRY(conventions::may_read(principal_of(request), *convention));
        return *convention;
    });
}

struct OpenForm {
    conventions::ConsultationInput input;
};

http::Response list_page(AppState& state, http::Request& request, const conventions::Convention& convention,
                         const OpenForm& form, const std::optional<core::Error>& error)
{
    auto [consultations, organisations] = state.database.read([&](storage::Connection& connection) {
        std::vector<actors::Organisation> present;
        std::set<std::int64_t> seen;
        for (const auto& key : convention.territories)
            for (auto& organisation : actors::organisations_in_territory(connection, key))
                if (organisation.active && seen.insert(organisation.id).second)
                    present.push_back(std::move(organisation));
        return std::pair(conventions::list_consultations(connection, convention.id), std::move(present));
    });
    auto today = conventions::today();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& consultation : consultations) {
        auto json = conventions::to_json(consultation, today);
        json["href"] = "/consultations/" + std::to_string(consultation.id);
        json["invited_count"] = consultation.invited.size();
        rows.push_back(json);
    }
    std::set<std::string> chosen(form.input.invited.begin(), form.input.invited.end());
    nlohmann::json options = nlohmann::json::array();
    for (const auto& organisation : organisations)
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
    nlohmann::json context{{"title", convention.title},
                           {"consultations", rows},
                           {"empty", rows.empty()},
                           {"action", convention_href(convention.id) + "/consultations"},
                           {"back_href", convention_href(convention.id)},
                           {"preparing", convention.status == conventions::Status::Draft ||
                                             convention.status == conventions::Status::Consultation},
                           {"form_title", form.input.title},
                           {"opens_on", form.input.opens_on.empty() ? today : form.input.opens_on},
                           {"closes_on", form.input.closes_on},
                           {"options", options},
                           {"errors", errors}};
    PageMeta meta;
    meta.title = title_with_errors("Consultations sur la convention", error.has_value());
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {convention.title, convention_href(convention.id)},
                        {"Consultations", ""}};
    meta.flash = flash_from_query(request);
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "consultations", context, meta);
}

http::Response show_list(AppState& state, http::Request& request)
{
    auto convention = readable_convention(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    return list_page(state, request, *convention, {}, std::nullopt);
}

http::Response submit_open(AppState& state, http::Request& request)
{
    auto convention = readable_convention(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    OpenForm form;
    form.input.title = std::string(posted->get("title").value_or(""));
    form.input.opens_on = std::string(core::trim(posted->get("opens_on").value_or("")));
    form.input.closes_on = std::string(core::trim(posted->get("closes_on").value_or("")));
    for (auto slug : posted->get_all("invited"))
        form.input.invited.emplace_back(slug);
    auto opened = state.database.write([&](storage::Connection& connection) {
        return conventions::open_consultation(connection, principal_of(request), convention->id, form.input);
    });
    if (opened.ok())
        return redirect_with_message("/consultations/" + std::to_string(opened->id), "consultation-ouverte");
    if (opened.error().code == core::ErrorCode::Unauthenticated || opened.error().code == core::ErrorCode::NotFound)
        return error_page(state, request, opened.error());
    return list_page(state, request, *convention, form, opened.error());
}

struct Synthesis {
    conventions::Consultation consultation;
    conventions::Convention convention;
    std::vector<conventions::Contribution> contributions;
    std::vector<conventions::Commitment> commitments;
    bool owner = false;
};

core::Result<Synthesis> load_synthesis(AppState& state, const http::Request& request)
{
    auto id = parse_id(request.path_param("id"));
    return state.database.read([&](storage::Connection& connection) -> core::Result<Synthesis> {
        auto consultation = id ? conventions::find_consultation(connection, *id) : std::nullopt;
        if (!consultation || !conventions::may_read(principal_of(request), connection, *consultation).ok()) {
            BOUSSOLE_TRY(access::require_authenticated(principal_of(request)));
            return core::Error::not_found("Consultation introuvable, ou hors du périmètre de votre organisation.");
        }
        auto convention = conventions::find_convention(connection, consultation->subject_id);
        if (!convention)
            return core::Error::not_found("Consultation introuvable.");
        Synthesis synthesis{*consultation, *convention, conventions::list_contributions(connection, *id),
                            conventions::list_commitments(connection, convention->id), false};
        synthesis.owner = conventions::may_steer(principal_of(request), *convention, "répondre").ok();
        return synthesis;
    });
}

struct Typed {
    std::string text;
    std::string commitment;
    std::int64_t answering = 0;  // the contribution whose answer came back with an error
    std::string answer;
    std::string reason;
};

http::Response synthesis_page(AppState& state, http::Request& request, const Synthesis& synthesis, const Typed& typed,
                              const std::optional<core::Error>& error)
{
    const auto& consultation = synthesis.consultation;
    const auto& principal = principal_of(request);
    auto today = conventions::today();
    auto view = conventions::to_json(consultation, today);
    std::map<std::int64_t, std::string> titles;
    nlohmann::json commitment_options = nlohmann::json::array(
        {{{"value", ""}, {"label", "L'ensemble de la convention"}, {"selected", typed.commitment.empty()}}});
    for (const auto& commitment : synthesis.commitments) {
        titles[commitment.id] = commitment.priority + " — " + commitment.title;
        commitment_options.push_back({{"value", std::to_string(commitment.id)},
                                      {"label", titles[commitment.id]},
                                      {"selected", typed.commitment == std::to_string(commitment.id)}});
    }
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    bool contribution_error = invalid && typed.answering == 0;
    auto errors = contribution_error ? error_view(*error, kContributionIds) : no_errors();
    nlohmann::json rows = nlohmann::json::array();
    int answered = 0;
    for (const auto& contribution : synthesis.contributions) {
        auto json = conventions::to_json(contribution);
        json["on"] = contribution.commitment_id && titles.contains(*contribution.commitment_id)
                         ? "l'engagement « " + titles[*contribution.commitment_id] + " »"
                         : std::string("l'ensemble de la convention");
        json["answered"] = contribution.answer.has_value();
        answered += contribution.answer ? 1 : 0;
        json["action"] = "/consultations/" + std::to_string(consultation.id) + "/contributions/" +
                         std::to_string(contribution.id) + "/reponse";
        bool this_one = invalid && typed.answering == contribution.id;
        auto current =
            this_one ? typed.answer : (contribution.answer ? conventions::to_string(*contribution.answer) : "");
        nlohmann::json choices = nlohmann::json::array();
        for (auto answer : {conventions::Answer::Taken, conventions::Answer::Partly, conventions::Answer::NotTaken})
            choices.push_back(
                {{"value", conventions::to_string(answer)},
                 {"label", conventions::label(answer)},
                 {"radio_id", "reponse-" + std::to_string(contribution.id) + "-" + conventions::to_string(answer)},
                 {"checked", current == conventions::to_string(answer)}});
        json["choices"] = choices;
        json["typed_reason"] = this_one ? typed.reason : contribution.reason;
        json["answer_error"] = this_one ? error->message : "";
        rows.push_back(json);
    }
    bool invited = principal.organisation_id && consultation.invites(*principal.organisation_id);
    nlohmann::json context{
        {"consultation", view},
        {"convention_title", synthesis.convention.title},
        {"convention_href", convention_href(synthesis.convention.id)},
        {"contributions", rows},
        {"count", rows.size()},
        {"answered", answered},
        {"empty", rows.empty()},
        {"owner", synthesis.owner},
        {"may_contribute", invited && view["state"] == "open"},
        {"invited_closed", invited && view["state"] != "open"},
        {"contribute_action", "/consultations/" + std::to_string(consultation.id) + "/contributions"},
        {"commitment_options", commitment_options},
        {"text", typed.text},
        {"errors", contribution_error ? errors : no_errors()}};
    PageMeta meta;
    meta.title = title_with_errors(consultation.title, contribution_error);
    meta.section = "conventions";
    meta.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {synthesis.convention.title, convention_href(synthesis.convention.id)},
                        {"Consultations", convention_href(synthesis.convention.id) + "/consultations"},
                        {consultation.title, ""}};
    meta.flash = flash_from_query(request);
    if (error) {
        meta.status = status_of(error->code);
        if (!contribution_error)
            meta.flash =
                Flash{FlashType::Error,
                      typed.answering ? "La réponse n'est pas enregistrée" : "La contribution n'est pas enregistrée",
                      error->message};
    }
    return render_page(state, request, "consultation", context, meta);
}

http::Response show_synthesis(AppState& state, http::Request& request)
{
    auto synthesis = load_synthesis(state, request);
    if (!synthesis.ok())
        return error_page(state, request, synthesis.error());
    return synthesis_page(state, request, *synthesis, {}, std::nullopt);
}

http::Response submit_contribution(AppState& state, http::Request& request)
{
    auto synthesis = load_synthesis(state, request);
    if (!synthesis.ok())
        return error_page(state, request, synthesis.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    Typed typed;
    typed.text = std::string(posted->get("text").value_or(""));
    typed.commitment = std::string(posted->get("commitment_id").value_or(""));
    conventions::ContributionInput input{parse_id(typed.commitment), typed.text};
    auto saved = state.database.write([&](storage::Connection& connection) {
        return conventions::contribute(connection, principal_of(request), synthesis->consultation.id, input);
    });
    if (saved.ok())
        return redirect_to_anchor("/consultations/" + std::to_string(synthesis->consultation.id),
                                  "contribution-enregistree", "contribution-" + std::to_string(saved->id));
    if (saved.error().code == core::ErrorCode::Unauthenticated)
        return error_page(state, request, saved.error());
    return synthesis_page(state, request, *synthesis, typed, saved.error());
}

http::Response submit_answer(AppState& state, http::Request& request)
{
    auto synthesis = load_synthesis(state, request);
    if (!synthesis.ok())
        return error_page(state, request, synthesis.error());
    auto posted = request.form();
    if (!posted.ok())
        return error_page(state, request, posted.error());
    auto contribution = parse_id(request.path_param("contribution"));
    Typed typed;
    typed.answering = contribution.value_or(-1);
    typed.answer = std::string(posted->get("answer").value_or(""));
    typed.reason = std::string(posted->get("reason").value_or(""));
    int version = parse_positive_int(posted->get("version").value_or("")).value_or(0);
    auto answer = conventions::parse_answer(typed.answer);
    auto saved = !answer.ok() ? core::Result<conventions::Contribution>(answer.error())
                              : state.database.write([&](storage::Connection& connection) {
                                    return conventions::answer_contribution(connection, principal_of(request),
                                                                            synthesis->consultation.id, typed.answering,
                                                                            version, *answer, typed.reason);
                                });
    if (saved.ok())
        return redirect_to_anchor("/consultations/" + std::to_string(synthesis->consultation.id), "reponse-enregistree",
                                  "contribution-" + std::to_string(saved->id));
    if (saved.error().code == core::ErrorCode::Unauthenticated)
        return error_page(state, request, saved.error());
    return synthesis_page(state, request, *synthesis, typed, saved.error());
}

}  // namespace

void register_convention_consultation_routes(http::Router& router, AppState& state)
{
    router.get("/conventions/{id}/consultations",
               [&state](http::Request& request) { return show_list(state, request); });
    router.post("/conventions/{id}/consultations",
                [&state](http::Request& request) { return submit_open(state, request); });
    router.get("/consultations/{id}", [&state](http::Request& request) { return show_synthesis(state, request); });
    router.post("/consultations/{id}/contributions",
                [&state](http::Request& request) { return submit_contribution(state, request); });
    router.post("/consultations/{id}/contributions/{contribution}/reponse",
                [&state](http::Request& request) { return submit_answer(state, request); });
}

}  // namespace boussole::web::pages
