#include "web/pages/page.hpp"

#include "access/role.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web {

namespace {

struct NavEntry {
    const char* section;
    const char* label;
    const char* href;
};

constexpr NavEntry kNavigation[] = {
    {"accueil", "Cadre national", "/"},
    {"territoires", "Territoires", "/territoires"},
    {"acteurs", "Acteurs", "/acteurs"},
    {"catalogue", "Catalogue", "/catalogue"},
    {"tableau-de-bord", "Tableau de bord", "/tableau-de-bord"},
};

const char* flash_type_name(FlashType type)
{
    switch (type) {
    case FlashType::Success: return "success";
    case FlashType::Error: return "error";
    case FlashType::Info: return "info";
    case FlashType::Warning: return "warning";
    }
    return "info";
}

struct MessageText {
    const char* code;
    const char* title;
};

// The only sentences a redirect can ask a page to show: a code in the URL can
// never inject text.
constexpr MessageText kMessages[] = {
    {"connecte", "Vous êtes connecté."},
    {"deconnecte", "Vous êtes déconnecté."},
    {"enregistre", "Modifications enregistrées."},
    {"mot-de-passe", "Mot de passe modifié. Vos autres sessions ont été fermées."},
    {"compte-cree", "Compte créé."},
    {"jeton-revoque", "Jeton d'API révoqué. Les systèmes qui l'utilisaient n'ont plus accès à l'API."},
    {"fiche-enregistree", "Fiche enregistrée."},
    {"cadre-enregistre",
     "Nouvelle version enregistrée. Elle apparaît sur la page d'accueil et en tête de l'historique."},
    {"action-ajoutee", "Action ajoutée à la feuille de route. Sa création est conservée dans son historique."},
    {"action-modifiee", "Action modifiée. La version précédente reste dans son historique."},
    {"note-enregistree", "Note d'avancement enregistrée ; l'avancement de l'action est mis à jour."},
    {"reunion-enregistree", "Réunion de l'ITA enregistrée."},
    {"decision-enregistree", "Décision de l'ITA enregistrée."},
    {"membre-modifie", "Membre de l'ITA modifié. Le changement est enregistré dans le journal."},
    {"membre-retire", "Membre retiré de l'ITA. Le retrait est un changement enregistré dans le journal."},
    {"decision-modifiee", "Décision modifiée. La version précédente reste dans son historique."},
    {"decision-supprimee", "Décision supprimée. La suppression est une version enregistrée dans son historique."},
    {"compte-desactive", "Compte désactivé. Ses sessions ouvertes ont été fermées."},
    {"compte-reactive", "Compte réactivé. La personne peut de nouveau se connecter."},
    {"valeurs-enregistrees", "Valeurs enregistrées. Chaque changement est conservé dans l'historique de la valeur."},
    {"valeurs-transmises", "Valeurs transmises. L'ARS de la région peut maintenant les valider."},
    {"valeurs-validees", "Valeurs validées. Elles sont verrouillées jusqu'à une éventuelle réouverture."},
    {"valeurs-rouvertes", "Valeurs rouvertes, avec leur motif. Le département peut les corriger puis les transmettre."},
    {"evenement-enregistre", "Événement enregistré. Il apparaît dans le calendrier commun."},
    {"abonnement-revoque", "Abonnement révoqué. Son adresse ne répond plus."},
    {"mutualisation-acceptee",
     "Mutualisation acceptée : l'événement commun remplace les deux événements, qui restent conservés."},
    {"suggestion-ecartee", "Suggestion écartée, avec son motif : elle ne sera plus proposée."},
    {"fenetre-mutualisations-enregistree",
     "Fenêtre des mutualisations enregistrée : les suggestions de tous les territoires la suivent."},
    {"occurrence-annulee", "Occurrence annulée : elle ne compte plus dans le calendrier ni dans les conflits."},
    {"catalogue-enregistre",
     "Nouvelle version enregistrée. La précédente reste dans l'historique, sur la page de modification."},
    {"convention-creee", "Convention créée en brouillon, avec le socle commun de sa période."},
    {"engagement-ajoute", "Engagement ajouté. Vérifiez les doublons possibles signalés en tête de la convention."},
    {"engagement-enregistre", "Engagement enregistré. La version précédente reste dans l'historique."},
    {"engagement-supprime", "Engagement supprimé. La suppression est une version enregistrée."},
    {"convention-en-consultation", "Convention mise en consultation."},
    {"convention-prete", "Convention prête à signer : chaque partie peut maintenant signer."},
    {"convention-rouverte", "Convention revenue au brouillon."},
    {"convention-en-vigueur", "Convention en vigueur : son texte est enregistré comme version."},
    {"convention-avenant", "Avenant ouvert : la convention est de nouveau un brouillon, sans signatures."},
    {"convention-close", "Convention close, avec le bilan final de chaque engagement."},
    {"convention-signee", "Signature enregistrée au nom de votre organisation."},
    {"partenaire-ajoute", "Partenaire ajouté : son volet est ouvert et il signera la convention."},
    {"socle-repris", "Version la plus récente du socle commun reprise : ses nouveaux engagements sont ajoutés."},
    {"consultation-ouverte", "Consultation ouverte : les organisations invitées peuvent contribuer."},
    {"contribution-enregistree", "Contribution enregistrée. Les rédacteurs de la convention y répondront."},
    {"reponse-enregistree", "Réponse enregistrée ; elle figure dans la synthèse."},
};

}  // namespace

http::Response render_page(const AppState& state, const http::Request& request, std::string_view name,
                           nlohmann::json context, const PageMeta& meta)
{
    const auto& request_state = request_context(request);
    nlohmann::json user = nullptr;
    if (request_state.principal.authenticated() && request_state.principal.user_id)
        user = {{"display_name", request_state.principal.display_name},
                {"role", access::label(request_state.principal.role)},
                {"national_admin", request_state.principal.is_national_admin()}};
    context["csrf_token"] = request_state.csrf_token;
    context["user"] = user;

    nlohmann::json navigation = nlohmann::json::array();
    for (const auto& entry : kNavigation)
        navigation.push_back(
            {{"label", entry.label}, {"href", entry.href}, {"current", meta.section == entry.section}});
    // The data pages need an account: they are offered to signed-in people.
    if (request_state.principal.authenticated())
        navigation.push_back(
            {{"label", "Données"}, {"href", "/donnees/saisie"}, {"current", meta.section == "donnees"}});
    if (request_state.principal.authenticated())
        navigation.push_back(
            {{"label", "Conventions"}, {"href", "/conventions"}, {"current", meta.section == "conventions"}});
    if (request_state.principal.is_national_admin())
        navigation.push_back(
            {{"label", "Comptes"}, {"href", "/admin/comptes"}, {"current", meta.section == "comptes"}});

    nlohmann::json breadcrumbs = nlohmann::json::array();
    if (!meta.breadcrumbs.empty()) {
        breadcrumbs.push_back({{"label", "Accueil"}, {"href", "/"}});
        for (const auto& crumb : meta.breadcrumbs)
            breadcrumbs.push_back(
                {{"label", crumb.label},
                 {"href", crumb.href.empty() ? nlohmann::json(nullptr) : nlohmann::json(crumb.href)}});
    }
    nlohmann::json flash = nullptr;
    if (auto message = meta.flash ? meta.flash : flash_from_query(request))
        flash = {{"type", flash_type_name(message->type)}, {"title", message->title}, {"text", message->text}};

    nlohmann::json layout{
        {"title", meta.title},
        {"body", state.templates.render(name, context)},
        {"nav", navigation},
        {"breadcrumbs", breadcrumbs},
        {"has_breadcrumbs", !breadcrumbs.empty()},
        {"flash", flash},
        {"demo", state.demo},
        {"user", user},
        {"csrf_token", request_state.csrf_token},
        {"assets",
         {{"dsfr_css", state.static_files.url_for("dsfr/dsfr.min.css")},
          {"icons_css", state.static_files.url_for("dsfr/utility/icons/icons.min.css")},
          {"boussole_css", state.static_files.url_for("boussole/boussole.css")},
          {"boussole_js", state.static_files.url_for("boussole/boussole.js")},
          {"dsfr_module_js", state.static_files.url_for("dsfr/dsfr.module.min.js")},
          {"dsfr_nomodule_js", state.static_files.url_for("dsfr/dsfr.nomodule.min.js")}}},
        {"population_year", state.population.year() ? std::to_string(state.population.year()) : "2023"},
    };
    return http::Response::html(meta.status, state.templates.render("layout", layout));
}

http::Response error_page(const AppState& state, const http::Request& request, const core::Error& error)
{
    int status = status_of(error.code);
    nlohmann::json context{{"status", status},
                           {"title", std::string(http::status_title(status))},
                           {"message", error.message},
                           {"sign_in", error.code == core::ErrorCode::Unauthenticated},
                           {"sign_in_href", "/connexion?suite=" + http::percent_encode(request.target)},
                           {"request_id", request.request_id}};
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& field : error.fields)
        fields.push_back({{"field", field.field}, {"message", field.message}});
    context["has_fields"] = !fields.empty();
    context["fields"] = fields;
    PageMeta meta;
    meta.title = std::string(http::status_title(status));
    meta.status = status;
    return render_page(state, request, "error", context, meta);
}

http::Response redirect_with_message(std::string location, std::string_view message_code)
{
    location += (location.find('?') == std::string::npos ? "?" : "&");
    location += "message=" + std::string(message_code);
    return http::Response::redirect(303, location);
}

std::optional<Flash> flash_from_query(const http::Request& request)
{
    auto code = request.query_param("message");
    if (!code)
        return std::nullopt;
    for (const auto& message : kMessages)
        if (*code == message.code)
            return Flash{FlashType::Success, message.title, ""};
    return std::nullopt;
}

}  // namespace boussole::web
