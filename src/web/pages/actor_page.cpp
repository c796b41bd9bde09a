// The page of an actor, and the form with which its own territory (or the
// national team) keeps its contact details up to date. The access rule is the
// domain's (require_territorial_write on the territories it covers): the page
// asks it to decide whether to offer the link, and update_contact checks it
// again on submission.
#include "access/policy.hpp"
#include "actors/organisation_changes.hpp"
#include "core/french.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

// The contact fields of the form, with the ids of their inputs.
const FieldIds kContactFields = {{"description", "fiche-description"},
                                 {"website", "fiche-site"},
                                 {"email", "fiche-courriel"},
                                 {"phone", "fiche-telephone"},
                                 {"address", "fiche-adresse"}};

std::string what_is_edited(const actors::Organisation& organisation)
{
    return "modifier la fiche de « " + organisation.name + " »";
}

core::Result<actors::Organisation> load(AppState& state, std::string_view slug)
{
    return state.database.read(
        [&](storage::Connection& connection) { return actors::find_organisation_by_slug(connection, slug); });
}

core::Error not_found_with_hint(const core::Error& error)
{
    return core::Error::not_found(
        error.message + " Cherchez l'acteur dans l'annuaire (menu « Acteurs ») : son adresse a peut-être changé.");
}

nlohmann::json territories_view(const AppState& state, const actors::Organisation& organisation)
{
    nlohmann::json territories = nlohmann::json::array();
    for (const auto& key : organisation.territories) {
        if (key.level() == territory::Level::Nation) {
            territories.push_back({{"label", "France entière"}, {"href", "/territoires"}});
            continue;
        }
        const auto* territory = state.registry.find(key);
        territories.push_back(
            {{"label", territory ? territory->label() : key.to_string()}, {"href", "/territoires/" + key.to_string()}});
    }
    return territories;
}

// "05 56 00 00 00" -> "tel:0556000000"
std::string phone_href(const std::string& phone)
{
    std::string digits;
    for (char c : phone)
        if ((c >= '0' && c <= '9') || c == '+')
            digits += c;
    return "tel:" + digits;
}

nlohmann::json or_null(const std::string& text)
{
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

http::Response show(AppState& state, http::Request& request)
{
    auto organisation = load(state, request.path_param("slug"));
    if (!organisation.ok())
        return error_page(state, request, not_found_with_hint(organisation.error()));
    const auto& principal = request_context(request).principal;
    bool can_edit =
        access::require_territorial_write(principal, organisation->territories, what_is_edited(*organisation)).ok();
    bool has_contact = !organisation->website.empty() || !organisation->email.empty() || !organisation->phone.empty() ||
                       !organisation->address.empty();
    nlohmann::json context{
        {"name", organisation->name},
        {"short_name", organisation->short_name != organisation->name ? or_null(organisation->short_name) : nullptr},
        {"slug", organisation->slug},
        {"type", std::string(organisation->type->label)},
        {"territories", territories_view(state, *organisation)},
        {"description", or_null(organisation->description)},
        {"website", or_null(organisation->website)},
        {"email", or_null(organisation->email)},
        {"phone", or_null(organisation->phone)},
        {"phone_href", phone_href(organisation->phone)},
        {"address", or_null(organisation->address)},
        {"has_contact", has_contact},
        {"to_confirm", organisation->to_confirm},
        {"synthetic", organisation->origin == "synthetic"},
        {"inactive", !organisation->active},
        {"updated_at", core::format_datetime(organisation->updated_at)},
        {"can_edit", can_edit},
        {"edit_href", "/acteurs/" + organisation->slug + "/modifier"},
        {"signed_in", principal.authenticated()},
    };
    PageMeta meta;
    meta.title = organisation->name;
    meta.section = "acteurs";
    meta.breadcrumbs = {{"Annuaire des acteurs", "/acteurs"}, {organisation->name, ""}};
    return render_page(state, request, "actor", context, meta);
}

struct ContactForm {
    std::string description;
    std::string website;
    std::string email;
    std::string phone;
    std::string address;
    int version = 0;

    static ContactForm from(const actors::Organisation& organisation)
    {
        return {organisation.description, organisation.website, organisation.email,
                organisation.phone,       organisation.address, organisation.version};
    }

    nlohmann::json values() const
    {
        return {{"description", description}, {"website", website}, {"email", email}, {"phone", phone},
                {"address", address},         {"version", version}};
    }
};

http::Response edit_form(AppState& state, http::Request& request, const actors::Organisation& organisation,
                         const ContactForm& form, const std::optional<core::Error>& error,
                         const std::optional<actors::Organisation>& concurrent)
{
    nlohmann::json context{{"name", organisation.name},
                           {"slug", organisation.slug},
                           {"action", "/acteurs/" + organisation.slug + "/modifier"},
                           {"cancel_href", "/acteurs/" + organisation.slug},
                           {"values", form.values()},
                           {"errors", error && error->code == core::ErrorCode::Invalid
                                          ? error_view(*error, kContactFields)
                                          : nlohmann::json{{"summary", nlohmann::json::array()}}}};
    PageMeta meta;
    meta.title = title_with_errors("Modifier la fiche de " + organisation.name,
                                   error && error->code == core::ErrorCode::Invalid);
    meta.section = "acteurs";
    meta.breadcrumbs = {
        {"Annuaire des acteurs", "/acteurs"}, {organisation.name, "/acteurs/" + organisation.slug}, {"Modifier", ""}};
    if (concurrent) {
        // Show what the other person saved beside each field that differs, so
        // that the second save is a decision, not an accident.
        nlohmann::json saved = nlohmann::json::object();
        auto compare = [&](const char* field, const std::string& mine, const std::string& theirs) {
            if (mine != theirs)
                saved[field] = theirs.empty() ? "(vide)" : theirs;
        };
        compare("description", form.description, concurrent->description);
        compare("website", form.website, concurrent->website);
        compare("email", form.email, concurrent->email);
        compare("phone", form.phone, concurrent->phone);
        compare("address", form.address, concurrent->address);
        context["saved"] = saved;
        meta.flash = Flash{FlashType::Error, "Cette fiche a été modifiée entre-temps",
                           "Quelqu'un a enregistré une autre version pendant que vous la modifiiez. Vos saisies sont "
                           "conservées ; la valeur enregistrée entre-temps est rappelée sous chaque champ concerné. "
                           "Vérifiez-les, puis enregistrez de nouveau pour confirmer vos modifications."};
        meta.status = 409;
    } else if (error) {
        meta.status = status_of(error->code);
    }
    return render_page(state, request, "actor_edit", context, meta);
}

core::Status may_edit(const http::Request& request, const actors::Organisation& organisation)
{
    const auto& principal = request_context(request).principal;
    if (!principal.authenticated())
        return core::Error::unauthenticated("Connectez-vous pour modifier la fiche de « " + organisation.name + " ».");
    return access::require_territorial_write(principal, organisation.territories, what_is_edited(organisation));
}

http::Response show_edit(AppState& state, http::Request& request)
{
    auto organisation = load(state, request.path_param("slug"));
    if (!organisation.ok())
        return error_page(state, request, not_found_with_hint(organisation.error()));
    if (auto allowed = may_edit(request, *organisation); !allowed.ok())
        return error_page(state, request, allowed.error());
    return edit_form(state, request, *organisation, ContactForm::from(*organisation), std::nullopt, std::nullopt);
}

http::Response submit_edit(AppState& state, http::Request& request)
{
    auto organisation = load(state, request.path_param("slug"));
    if (!organisation.ok())
        return error_page(state, request, not_found_with_hint(organisation.error()));
    if (auto allowed = may_edit(request, *organisation); !allowed.ok())
        return error_page(state, request, allowed.error());
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());

    ContactForm form;
    form.description = std::string(fields->get("description").value_or(""));
    form.website = std::string(fields->get("website").value_or(""));
    form.email = std::string(fields->get("email").value_or(""));
    form.phone = std::string(fields->get("phone").value_or(""));
    form.address = std::string(fields->get("address").value_or(""));
    form.version = parse_positive_int(fields->get("version").value_or("")).value_or(0);

    actors::ContactChanges changes{form.description, form.website, form.email, form.phone, form.address};
    const auto& principal = request_context(request).principal;
    auto updated = state.database.write([&](storage::Connection& connection) {
        return actors::update_contact(connection, principal, organisation->id, form.version, changes);
    });
    if (updated.ok())
        return redirect_with_message("/acteurs/" + organisation->slug, "fiche-enregistree");

    const auto& error = updated.error();
    if (error.code == core::ErrorCode::Invalid)
        return edit_form(state, request, *organisation, form, error, std::nullopt);
    if (error.code == core::ErrorCode::Conflict) {
        auto current = load(state, organisation->slug);
        if (!current.ok())
            return error_page(state, request, not_found_with_hint(current.error()));
        form.version = current->version;
        return edit_form(state, request, *current, form, error, *current);
    }
    return error_page(state, request, error);
}

}  // namespace

void register_actor_routes(http::Router& router, AppState& state)
{
    router.get("/acteurs/{slug}", [&state](http::Request& request) { return show(state, request); });
    router.get("/acteurs/{slug}/modifier", [&state](http::Request& request) { return show_edit(state, request); });
    router.post("/acteurs/{slug}/modifier", [&state](http::Request& request) { return submit_edit(state, request); });
}

}  // namespace boussole::web::pages
