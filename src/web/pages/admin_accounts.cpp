// Account administration for national administrators: the list of accounts
// (search, organisation, status, pagination), the creation of an account with
// a provisional password shown once, and disabling or enabling an account.
// Accounts are never deleted (the audit log keeps pointing at them).
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "access/users.hpp"
#include "actors/organisation.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

constexpr const char* kListPath = "/admin/comptes";

const FieldIds kFilterFields = {{"q", "comptes-recherche"}, {"organisation", "comptes-organisation"}};
const FieldIds kCreateFields = {{"email", "nouveau-courriel"},
                                {"display_name", "nouveau-nom"},
                                {"organisation", "nouveau-organisation"},
                                {"role", "nouveau-role"}};

core::Status may_administer(const http::Request& request)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return core::Error::unauthenticated(
            "Connectez-vous avec un compte d'administrateur national pour gérer les "
            "comptes.");
    return access::require_national_admin(principal, "gérer les comptes");
}

struct ListFilter {
    std::string search;
    std::string organisation;  // slug
    std::string status;        // "", "actifs", "desactives"
    int page = 1;

    std::vector<std::pair<std::string, std::string>> params() const
    {
        return {{"q", search}, {"organisation", organisation}, {"statut", status}};
    }
    std::string href(int number) const
    {
        auto with_page = params();
        if (number > 1)
            with_page.emplace_back("page", std::to_string(number));
        return kListPath + query_string(with_page);
    }
};

ListFilter read_filter(const http::Request& request)
{
    ListFilter filter;
    filter.search = std::string(core::trim(request.query_param("q").value_or("")));
    filter.organisation = std::string(core::trim(request.query_param("organisation").value_or("")));
    auto status = request.query_param("statut").value_or("");
    if (status == "actifs" || status == "desactives")
        filter.status = std::string(status);
    filter.page = parse_positive_int(request.query_param("page").value_or("1")).value_or(1);
    return filter;
}

struct CreateForm {
    std::string email;
    std::string display_name;
    std::string organisation;
    std::string role = "territorial_reader";
};

nlohmann::json no_errors()
{
    return {{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}, {"plural", false}};
}

http::Response list_page(AppState& state, http::Request& request, const CreateForm& create,
                         const std::optional<core::Error>& create_error, const std::optional<Flash>& flash)
{
    const auto& principal = request_context(request).principal;
    auto filter = read_filter(request);
    std::optional<core::Error> filter_error;
    if (!core::is_valid_utf8(filter.search) || core::utf8_length(filter.search) > 200) {
        filter_error = field_error("q", "Recherche illisible ou trop longue : saisissez au plus 200 caractères.");
        filter.search.clear();
    }

    auto page = state.database.read([&](storage::Connection& connection) -> core::Result<core::Page<access::User>> {
        access::UserQuery query;
        query.search = filter.search;
        if (!filter.organisation.empty()) {
            auto organisation = actors::find_organisation_by_slug(connection, filter.organisation);
            if (!organisation.ok()) {
                filter_error = field_error("organisation", "Organisation « " + filter.organisation +
                                                               " » introuvable : saisissez son identifiant, par "
                                                               "exemple cd-33, ars-75 ou cnsa.");
                return core::Page<access::User>{};
            }
            query.organisation_id = organisation->id;
        }
        if (!filter.status.empty())
            query.active = filter.status == "actifs";
        query.page = core::PageRequest{filter.page, core::PageRequest::kDefaultSize};
        return access::list_users(connection, principal, query);
    });
    if (!page.ok())
        return error_page(state, request, page.error());

    std::string back = filter.href(filter.page);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& user : page->items) {
        bool self = principal.user_id == user.id;
        rows.push_back({{"display_name", user.display_name},
                        {"email", user.email},
                        {"organisation", user.organisation_name},
                        {"role", access::label(user.role)},
                        {"active", user.active},
                        {"synthetic", user.synthetic},
                        {"self", self},
                        {"last_login_at", user.last_login_at ? core::format_datetime(*user.last_login_at) : "jamais"},
                        {"status_action", std::string(kListPath) + "/" + std::to_string(user.id) + "/statut"},
                        {"version", user.version},
                        {"back", back}});
    }
    nlohmann::json roles = nlohmann::json::array();
    for (auto role : access::all_roles())
        roles.push_back({{"value", access::to_string(role)},
                         {"label", access::label(role)},
                         {"selected", create.role == access::to_string(role)}});

    nlohmann::json context{
        {"search", filter.search},
        {"organisation", filter.organisation},
        {"status_all", filter.status.empty()},
        {"status_active", filter.status == "actifs"},
        {"status_disabled", filter.status == "desactives"},
        {"filtered", !filter.search.empty() || !filter.organisation.empty() || !filter.status.empty()},
        {"filter_form", {{"errors", filter_error ? error_view(*filter_error, kFilterFields) : no_errors()}}},
        {"rows", rows},
        {"has_rows", !rows.empty()},
        {"total", core::format_integer(page->total)},
        {"plural", page->total > 1},
        {"page_number", filter.page},
        {"page_count", page->page_count()},
        {"pagination", pagination_view(filter.page, page->page_count(), [&](int n) { return filter.href(n); })},
        {"create_form",
         {{"errors", create_error ? error_view(*create_error, kCreateFields) : no_errors()},
          {"email", create.email},
          {"display_name", create.display_name},
          {"organisation_slug", create.organisation},
          {"roles", roles}}},
    };
    PageMeta meta;
    meta.title = title_with_errors("Comptes", create_error || filter_error);
    meta.section = "comptes";
    meta.breadcrumbs = {{"Comptes", ""}};
    meta.flash = flash;
    if (create_error)
        meta.status = status_of(create_error->code);
    else if (filter_error)
        meta.status = 422;
    return render_page(state, request, "admin_accounts", context, meta);
}

http::Response show_list(AppState& state, http::Request& request)
{
    if (auto allowed = may_administer(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    return list_page(state, request, {}, std::nullopt, std::nullopt);
}

http::Response create_account(AppState& state, http::Request& request)
{
    if (auto allowed = may_administer(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    CreateForm form;
    form.email = std::string(fields->get("email").value_or(""));
    form.display_name = std::string(fields->get("display_name").value_or(""));
    form.organisation = std::string(core::trim(fields->get("organisation").value_or("")));
    form.role = std::string(fields->get("role").value_or(""));

    // The person chooses their own password afterwards (Mon compte); the
    // provisional one is random and shown once to the administrator.
    std::string password = access::random_token().substr(0, 20);
    const auto& principal = request_context(request).principal;
    auto created = state.database.write([&](storage::Connection& connection) {
        return access::create_user(connection, principal,
                                   {form.email, form.display_name, form.organisation, form.role, password, false});
    });
    if (created.ok()) {
        nlohmann::json context{{"display_name", created->display_name},
                               {"email", created->email},
                               {"organisation", created->organisation_name},
                               {"role", access::label(created->role)},
                               {"password", password}};
        PageMeta meta;
        meta.title = "Compte créé";
        meta.section = "comptes";
        meta.breadcrumbs = {{"Comptes", kListPath}, {"Compte créé", ""}};
        meta.status = 201;
        return render_page(state, request, "admin_account_created", context, meta);
    }
    auto error = created.error();
    if (error.code == core::ErrorCode::Conflict)
        error = core::Error::invalid(error.message + " Cherchez-le dans la liste pour le réactiver si besoin.",
                                     {{"email", error.message, std::nullopt, std::nullopt}});
    else if (error.code == core::ErrorCode::Invalid && error.fields.empty())
        error.fields.push_back({"role", error.message, std::nullopt, std::nullopt});
    else if (error.code != core::ErrorCode::Invalid)
        return error_page(state, request, error);
    return list_page(state, request, form, error, std::nullopt);
}

// Where to go back after a change: the list with the filters the
// administrator had, never another site.
std::string safe_back(std::string_view back)
{
    std::string_view prefix = kListPath;
    if (back.substr(0, prefix.size()) == prefix && (back.size() == prefix.size() || back[prefix.size()] == '?') &&
        back.find_first_of("\r\n") == std::string_view::npos)
        return std::string(back);
    return kListPath;
}

http::Response change_status(AppState& state, http::Request& request)
{
    if (auto allowed = may_administer(request); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto id = parse_id(request.path_param("id"));
    if (!id)
        return error_page(state, request,
                          core::Error::not_found("Compte introuvable : revenez à la liste des comptes."));
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    bool active = fields->get("active").value_or("") == "1";
    int version = parse_positive_int(fields->get("version").value_or("")).value_or(0);
    std::string back = safe_back(fields->get("retour").value_or(kListPath));

    const auto& principal = request_context(request).principal;
    access::UserChanges changes;
    changes.active = active;
    auto updated = state.database.write([&](storage::Connection& connection) {
        return access::update_user(connection, principal, *id, version, changes);
    });
    if (updated.ok())
        return redirect_with_message(back, active ? "compte-reactive" : "compte-desactive");
    const auto& error = updated.error();
    if (error.code != core::ErrorCode::Invalid && error.code != core::ErrorCode::Conflict)
        return error_page(state, request, error);
    auto response =
        list_page(state, request, {}, std::nullopt,
                  Flash{FlashType::Error, active ? "Compte non réactivé" : "Compte non désactivé", error.message});
    response.status = status_of(error.code);
    return response;
}

}  // namespace

void register_admin_routes(http::Router& router, AppState& state)
{
    router.get(kListPath, [&state](http::Request& request) { return show_list(state, request); });
    router.post(kListPath, [&state](http::Request& request) { return create_account(state, request); });
    router.post(std::string(kListPath) + "/{id}/statut",
                [&state](http::Request& request) { return change_status(state, request); });
}

}  // namespace boussole::web::pages
