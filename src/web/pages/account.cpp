// "Mon compte": who the signed-in person is and where they may act, the
// change of their own password, and for the people who manage them
// (territorial editors, national administrators) the API tokens of their
// organisation. A token's secret is shown once, on the page that answers its
// creation, and never again.
#include "access/api_tokens.hpp"
#include "access/policy.hpp"
#include "access/sessions.hpp"
#include "access/users.hpp"
#include "actors/organisation.hpp"
#include "core/french.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

const FieldIds kPasswordFields = {{"current_password", "mot-de-passe-actuel"},
                                  {"new_password", "mot-de-passe-nouveau"},
                                  {"new_password_confirmation", "mot-de-passe-confirmation"}};
const FieldIds kTokenFields = {{"name", "jeton-nom"}, {"permission", "jeton-droits-lecture"}};

const char* role_description(access::Role role)
{
    switch (role) {
    case access::Role::NationalAdmin:
        return "Vous administrez le cadre national, les comptes et les fiches de tous les acteurs.";
    case access::Role::NationalAnalyst: return "Vous consultez les données de tous les territoires, sans les modifier.";
    case access::Role::TerritorialEditor:
        return "Vous modifiez les données et les fiches des acteurs des territoires de votre périmètre.";
    case access::Role::TerritorialReader: return "Vous consultez les données des territoires de votre périmètre.";
    case access::Role::Partner:
        return "Vous consultez les données de votre périmètre et modifiez ce que votre organisation pilote.";
    }
    return "";
}

bool manages_tokens(const access::Principal& principal)
{
    return principal.is_national_admin() || principal.role == access::Role::TerritorialEditor;
}

// What the page shows besides the forms' own state.
struct AccountForms {
    std::optional<core::Error> password_error;
    std::optional<core::Error> token_error;
    std::string token_name;
    bool token_write = false;
};

nlohmann::json empty_errors()
{
    return {{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}, {"plural", false}};
}

std::string optional_datetime(const std::optional<core::Timestamp>& instant, const char* otherwise)
{
    return instant ? core::format_datetime(*instant) : otherwise;
}

nlohmann::json tokens_view(const std::vector<access::ApiToken>& tokens, bool show_organisation)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& token : tokens)
        rows.push_back({{"id", token.id},
                        {"name", token.name},
                        {"organisation", token.organisation_name},
                        {"prefix", token.prefix + "…"},
                        {"permission", token.can_write ? "Lecture et écriture" : "Lecture"},
                        {"created_at", core::format_datetime(token.created_at)},
                        {"last_used_at", optional_datetime(token.last_used_at, "jamais")},
                        {"revoked", token.revoked_at.has_value()},
                        {"revoked_at", optional_datetime(token.revoked_at, "")},
                        {"revoke_action", "/compte/jetons/" + std::to_string(token.id) + "/revocation"},
                        {"show_organisation", show_organisation}});
    return rows;
}

http::Response account_page(AppState& state, http::Request& request, const AccountForms& forms)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated() || !principal.user_id)
        return error_page(state, request, core::Error::unauthenticated("Connectez-vous pour voir votre compte."));

    struct Loaded {
        core::Result<access::User> user;
        core::Result<actors::Organisation> organisation;
        std::optional<core::Result<std::vector<access::ApiToken>>> tokens;
    };
    auto loaded = state.database.read([&](storage::Connection& connection) {
        Loaded result{access::find_user(connection, *principal.user_id),
                      actors::find_organisation(connection, principal.organisation_id.value_or(0)), std::nullopt};
        if (manages_tokens(principal))
            result.tokens = access::list_api_tokens(connection, principal);
        return result;
    });
    if (!loaded.user.ok())
        return error_page(state, request, loaded.user.error());

    nlohmann::json covered = nlohmann::json::array();
    if (loaded.organisation.ok())
        for (const auto& key : loaded.organisation->territories) {
            const auto* territory = state.registry.find(key);
            bool nation = key.level() == territory::Level::Nation;
            covered.push_back(
                {{"label", nation ? "France entière" : (territory ? territory->label() : key.to_string())},
                 {"href", nation ? "/territoires" : "/territoires/" + key.to_string()}});
        }
    std::size_t department_count = 0;
    for (const auto& key : principal.scope.territories())
        if (key.level() == territory::Level::Department)
            ++department_count;

    nlohmann::json organisation = nullptr;
    if (loaded.organisation.ok())
        organisation = {{"name", loaded.organisation->name}, {"href", "/acteurs/" + loaded.organisation->slug}};

    nlohmann::json tokens = nullptr;
    if (loaded.tokens && loaded.tokens->ok())
        tokens = {{"rows", tokens_view(**loaded.tokens, principal.is_national_admin())},
                  {"show_organisation", principal.is_national_admin()},
                  {"any", !(*loaded.tokens)->empty()},
                  {"name", forms.token_name},
                  {"write", forms.token_write},
                  {"organisation_name", loaded.organisation.ok() ? loaded.organisation->name : std::string()},
                  {"errors", forms.token_error ? error_view(*forms.token_error, kTokenFields) : empty_errors()}};

    nlohmann::json context{
        {"display_name", loaded.user->display_name},
        {"email", loaded.user->email},
        {"role", access::label(principal.role)},
        {"role_description", role_description(principal.role)},
        {"organisation", organisation},
        {"national", principal.scope.national()},
        {"covered", covered},
        {"department_count", department_count},
        {"departments_plural", department_count > 1},
        {"last_login_at", optional_datetime(loaded.user->last_login_at, "première connexion")},
        {"password_form",
         {{"errors", forms.password_error ? error_view(*forms.password_error, kPasswordFields) : empty_errors()}}},
        {"tokens", tokens},
    };
    bool has_errors = forms.password_error || forms.token_error;
    PageMeta meta;
    meta.title = title_with_errors("Mon compte", has_errors);
    meta.section = "compte";
    meta.breadcrumbs = {{"Mon compte", ""}};
    if (forms.password_error)
        meta.status = status_of(forms.password_error->code);
    else if (forms.token_error)
        meta.status = status_of(forms.token_error->code);
    return render_page(state, request, "account", context, meta);
}

http::Response change_password(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return error_page(state, request,
                          core::Error::unauthenticated("Connectez-vous pour changer votre mot de passe."));
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    auto current = fields->get("current_password").value_or("");
    auto replacement = fields->get("new_password").value_or("");
    auto confirmation = fields->get("new_password_confirmation").value_or("");

    AccountForms forms;
    if (current.empty()) {
        forms.password_error = field_error("current_password", "Saisissez votre mot de passe actuel.");
        return account_page(state, request, forms);
    }
    if (replacement != confirmation) {
        forms.password_error = field_error("new_password_confirmation",
                                           "La confirmation ne correspond pas au nouveau mot de passe : saisissez-le "
                                           "de nouveau à l'identique.");
        return account_page(state, request, forms);
    }
    auto changed = access::change_own_password(state.database, principal, current, replacement, state.sessions);
    if (changed.ok())
        return redirect_with_message("/compte", "mot-de-passe");
    auto error = changed.error();
    if (error.code != core::ErrorCode::Invalid)
        return error_page(state, request, error);
    // The password rules speak of the new password without naming a field.
    if (error.fields.empty())
        error.fields.push_back({"new_password", error.message, std::nullopt, std::nullopt});
    forms.password_error = error;
    return account_page(state, request, forms);
}

http::Response created_token_page(AppState& state, http::Request& request, const access::NewApiToken& created)
{
    nlohmann::json context{{"name", created.token.name},
                           {"secret", created.secret},
                           {"organisation", created.token.organisation_name},
                           {"permission", created.token.can_write ? "lecture et écriture" : "lecture seule"}};
    PageMeta meta;
    meta.title = "Jeton d'API créé";
    meta.section = "compte";
    meta.breadcrumbs = {{"Mon compte", "/compte"}, {"Jeton d'API créé", ""}};
    meta.status = 201;
    return render_page(state, request, "account_token_created", context, meta);
}

http::Response create_token(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return error_page(state, request, core::Error::unauthenticated("Connectez-vous pour gérer les jetons d'API."));
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    AccountForms forms;
    forms.token_name = std::string(fields->get("name").value_or(""));
    auto permission = fields->get("permission").value_or("");
    forms.token_write = permission == "ecriture";
    if (permission != "lecture" && permission != "ecriture") {
        forms.token_error =
            field_error("permission", "Choisissez les droits du jeton : lecture seule, ou lecture et écriture.");
        return account_page(state, request, forms);
    }
    access::ApiTokenRequest token_request{forms.token_name, principal.organisation_id.value_or(0), forms.token_write,
                                          std::nullopt};
    auto created = state.database.write([&](storage::Connection& connection) {
        return access::create_api_token(connection, principal, token_request);
    });
    if (created.ok())
        return created_token_page(state, request, *created);
    if (created.error().code != core::ErrorCode::Invalid)
        return error_page(state, request, created.error());
    forms.token_error = created.error();
    return account_page(state, request, forms);
}

http::Response revoke_token(AppState& state, http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return error_page(state, request, core::Error::unauthenticated("Connectez-vous pour gérer les jetons d'API."));
    auto id = parse_id(request.path_param("id"));
    if (!id)
        return error_page(state, request, core::Error::not_found("Jeton introuvable : revenez à votre compte."));
    auto revoked = state.database.write(
        [&](storage::Connection& connection) { return access::revoke_api_token(connection, principal, *id); });
    if (!revoked.ok())
        return error_page(state, request, revoked.error());
    return redirect_with_message("/compte", "jeton-revoque");
}

}  // namespace

void register_account_routes(http::Router& router, AppState& state)
{
    router.get("/compte", [&state](http::Request& request) { return account_page(state, request, {}); });
    router.post("/compte/mot-de-passe", [&state](http::Request& request) { return change_password(state, request); });
    router.post("/compte/jetons", [&state](http::Request& request) { return create_token(state, request); });
    router.post("/compte/jetons/{id}/revocation",
                [&state](http::Request& request) { return revoke_token(state, request); });
}

}  // namespace boussole::web::pages
