// The consultations of a convention in the browser: the list with the form
// that opens one (its period and the organisations of the directory
// present in the territory, users' associations and the CDCA among them),
// and the synthesis page of any consultation — on a convention or on a
// territory's roadmap — where an invited organisation contributes (on the
// whole document, a commitment or an action) while it is open and the
// owners answer each contribution. The rules are the conventions module's
// (consultations.hpp); a roadmap subject is the steering module's.
#include "access/policy.hpp"
#include "actors/organisation.hpp"
#include "conventions/commitments.hpp"
#include "conventions/consultations.hpp"
#include "conventions/convention.hpp"
#include "core/text.hpp"
#include "steering/roadmap.hpp"
#include "steering/roadmap_consultations.hpp"
#include "web/pages/consultation_pages.hpp"
#include "web/pages/convention_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <set>

namespace boussole::web::pages {

namespace {

const FieldIds kContributionIds = {{"text", "contribution-texte"},
                                   {"commitment_id", "contribution-engagement"},
                                   {"action_id", "contribution-engagement"}};

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

ConsultationList convention_list(AppState& state, const conventions::Convention& convention)
{
    ConsultationList list;
    list.heading = "Consultations sur la convention";
    list.intro = convention.title +
                 ". Les rédacteurs de la convention ouvrent une consultation pour une période et y invitent des "
                 "organisations de l'annuaire ; chaque contribution reçoit une réponse.";
    list.list_heading = "Consultations ouvertes sur cette convention";
    list.action = convention_href(convention.id) + "/consultations";
    list.back_href = convention_href(convention.id);
    list.back_label = "Revenir à la convention";
    list.preparing =
        convention.status == conventions::Status::Draft || convention.status == conventions::Status::Consultation;
    list.closed_text = "La convention n'est plus en préparation : elle ne peut plus être mise en consultation.";
    list.section = "conventions";
    list.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                        {convention.title, convention_href(convention.id)},
                        {"Consultations", ""}};
    state.database.read([&](storage::Connection& connection) {
        list.organisations = organisations_present(connection, convention.territories);
        list.consultations = conventions::list_consultations(connection, convention.id);
        return 0;
    });
    return list;
}

http::Response show_list(AppState& state, http::Request& request)
{
    auto convention = readable_convention(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    return consultation_list_page(state, request, convention_list(state, *convention), {}, std::nullopt);
}

http::Response submit_open(AppState& state, http::Request& request)
{
    auto convention = readable_convention(state, request);
    if (!convention.ok())
        return error_page(state, request, convention.error());
    auto input = posted_consultation(request);
    if (!input.ok())
        return error_page(state, request, input.error());
    auto opened = state.database.write([&](storage::Connection& connection) {
        return conventions::open_consultation(connection, principal_of(request), convention->id, *input);
    });
    if (opened.ok())
        return redirect_with_message("/consultations/" + std::to_string(opened->id), "consultation-ouverte");
    if (opened.error().code == core::ErrorCode::Unauthenticated || opened.error().code == core::ErrorCode::NotFound)
        return error_page(state, request, opened.error());
    return consultation_list_page(state, request, convention_list(state, *convention), *input, opened.error());
}

// A consultation with what its page says of its subject: a convention and
// its commitments, or a roadmap and its actions.
struct Synthesis {
    conventions::Consultation consultation;
    std::string subject_title;
    std::string subject_href;
    std::string whole;      // "l'ensemble de la convention"
    std::string item_word;  // "l'engagement"
    std::string section;
    std::vector<Breadcrumb> breadcrumbs;  // up to the list of consultations
    std::vector<std::pair<std::int64_t, std::string>> items;
    std::vector<conventions::Contribution> contributions;
    bool owner = false;
};

core::Result<Synthesis> load_synthesis(AppState& state, const http::Request& request)
{
    auto id = parse_id(request.path_param("id"));
    auto resolve = steering::subject_resolver(state.registry);
    return state.database.read([&](storage::Connection& connection) -> core::Result<Synthesis> {
        auto consultation = id ? conventions::find_consultation(connection, *id) : std::nullopt;
        if (!consultation || !conventions::may_read(principal_of(request), connection, *consultation, resolve).ok()) {
            BOUSSOLE_TRY(access::require_authenticated(principal_of(request)));
            return core::Error::not_found("Consultation introuvable, ou hors du périmètre de votre organisation.");
        }
        auto subject = resolve(connection, *consultation);
        if (!subject.ok())
            return std::move(subject).error();
        Synthesis synthesis;
        synthesis.consultation = *consultation;
        synthesis.contributions = conventions::list_contributions(connection, *id);
        synthesis.owner = subject->may_steer(principal_of(request), "répondre").ok();
        if (consultation->subject_kind == steering::kRoadmapSubject) {
            auto territory = steering::consulted_territory(connection, state.registry, *consultation);
            if (!territory.ok())
                return std::move(territory).error();
            synthesis.subject_title = "la feuille de route commune — " + territory->name;
            synthesis.subject_href = roadmap_href(*territory);
            synthesis.whole = "l'ensemble de la feuille de route";
            synthesis.item_word = "l'action";
            synthesis.section = "territoires";
            synthesis.breadcrumbs = {{"Territoires", "/territoires"},
                                     {territory->name, "/territoires/" + territory->key.to_string()},
                                     {"Feuille de route", roadmap_href(*territory)},
                                     {"Consultations", roadmap_href(*territory) + "/consultations"}};
            for (const auto& action : steering::list_actions(connection, *territory, {}, steering::ActionSort::Title,
                                                             false, steering::today()))
                synthesis.items.emplace_back(action.id, action.priority + " — " + action.title);
            return synthesis;
        }
        auto convention = conventions::find_convention(connection, consultation->subject_id);
        if (!convention)
            return core::Error::not_found("Consultation introuvable.");
        synthesis.subject_title = convention->title;
        synthesis.subject_href = convention_href(convention->id);
        synthesis.whole = "l'ensemble de la convention";
        synthesis.item_word = "l'engagement";
        synthesis.section = "conventions";
        synthesis.breadcrumbs = {{"Conventions territoriales", "/conventions"},
                                 {convention->title, convention_href(convention->id)},
                                 {"Consultations", convention_href(convention->id) + "/consultations"}};
        for (const auto& commitment : conventions::list_commitments(connection, convention->id))
            synthesis.items.emplace_back(commitment.id, commitment.priority + " — " + commitment.title);
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
    auto whole = synthesis.whole;
    whole[0] = 'L';
    nlohmann::json commitment_options =
        nlohmann::json::array({{{"value", ""}, {"label", whole}, {"selected", typed.commitment.empty()}}});
    for (const auto& [id, title] : synthesis.items) {
        titles[id] = title;
        commitment_options.push_back(
            {{"value", std::to_string(id)}, {"label", title}, {"selected", typed.commitment == std::to_string(id)}});
    }
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    bool contribution_error = invalid && typed.answering == 0;
    auto errors = contribution_error ? error_view(*error, kContributionIds) : no_errors();
    nlohmann::json rows = nlohmann::json::array();
    int answered = 0;
    for (const auto& contribution : synthesis.contributions) {
        auto json = conventions::to_json(contribution);
        json["on"] = contribution.commitment_id && titles.contains(*contribution.commitment_id)
                         ? synthesis.item_word + " « " + titles[*contribution.commitment_id] + " »"
                         : synthesis.whole;
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
        {"convention_title", synthesis.subject_title},
        {"convention_href", synthesis.subject_href},
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
    meta.section = synthesis.section;
    meta.breadcrumbs = synthesis.breadcrumbs;
    meta.breadcrumbs.push_back({consultation.title, ""});
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
        return conventions::contribute(connection, principal_of(request), synthesis->consultation.id, input,
                                       steering::subject_resolver(state.registry));
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
                                    return conventions::answer_contribution(
                                        connection, principal_of(request), synthesis->consultation.id, typed.answering,
                                        version, *answer, typed.reason, steering::subject_resolver(state.registry));
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
