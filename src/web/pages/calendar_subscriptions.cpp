// Subscription addresses of the common calendar, for Outlook or
// Thunderbird: a person creates one for a territory, for an organisation or
// for the events of their own organisation, sees the address once (in a
// field easy to select and copy) and may revoke it; a revoked address stops
// answering at once.
#include "calendar/event_rows.hpp"
#include "calendar/subscriptions.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

const FieldIds kSubscriptionFields = {{"territory", "abo-territoire"}, {"organisation_id", "abo-organisation"}};

// The feed's address as the person's calendar client will reach it: the
// host they reached Boussole by, behind a proxy its scheme.
std::string feed_url(const http::Request& request, const std::string& secret)
{
    auto scheme = std::string(request.header("X-Forwarded-Proto").value_or("http"));
    if (scheme != "https")
        scheme = "http";
    auto host = std::string(request.header("Host").value_or("localhost"));
    return scheme + "://" + host + "/api/v1/calendar/feeds/" + secret;
}

http::Response page(AppState& state, http::Request& request, const nlohmann::json& created,
                    const std::optional<core::Error>& error, const nlohmann::json& typed)
{
    const auto& principal = request_context(request).principal;
    nlohmann::json context;
    state.database.read([&](storage::Connection& connection) {
        auto live = nlohmann::json::array();
        for (const auto& subscription : calendar::subscriptions_of(connection, principal))
            live.push_back({{"id", subscription.id},
                            {"label", subscription.label},
                            {"created", core::format_datetime(subscription.created_at)}});
        auto organisations = nlohmann::json::array();
        auto parsed = territory::TerritoryKey::parse(typed.value("territory", ""));
        auto key = parsed.ok() ? *parsed : territory::TerritoryKey::nation();
        for (const auto& [id, name] : calendar::rows::organisations_around(connection, key))
            organisations.push_back(
                {{"id", id}, {"name", name}, {"selected", typed.value("organisation_id", "") == std::to_string(id)}});
        context = {{"subscriptions", live},
                   {"has_subscriptions", !live.empty()},
                   {"organisations", organisations},
                   {"has_organisation", principal.organisation_id.has_value()},
                   {"own_name", principal.organisation_id
                                    ? calendar::rows::organisation_name(connection, *principal.organisation_id)
                                    : std::string()}};
    });
    context["created"] = created;
    context["values"] = typed;
    context["scope_" + typed.value("scope", std::string("territory"))] = true;
    const bool invalid = error && error->code == core::ErrorCode::Invalid;
    context["errors"] =
        invalid ? error_view(*error, kSubscriptionFields) : nlohmann::json{{"summary", nlohmann::json::array()}};
    PageMeta meta;
    meta.title = title_with_errors("Abonnements au calendrier commun", invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"}, {"Abonnements au calendrier commun", ""}};
    if (error && !invalid) {
        meta.flash = Flash{FlashType::Error, "L'abonnement n'a pas été créé", error->message};
        meta.status = 403;
    } else if (invalid) {
        meta.status = 422;
    }
    return render_page(state, request, "calendar_subscriptions", context, meta);
}

// Where the person acts: their region, or their department, or the nation.
std::string default_territory(const access::Principal& principal)
{
    const auto& territories = principal.scope.territories();
    if (principal.scope.national() || territories.empty())
        return "FR";
    for (const auto& key : territories)
        if (key.level() == territory::Level::Region)
            return key.to_string();
    return territories.begin()->to_string();
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "s'abonner au calendrier commun"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = std::string(request.query_param("territoire").value_or(""));
    if (territory.empty())
        territory = default_territory(request_context(request).principal);
    return page(state, request, nullptr, std::nullopt, {{"territory", territory}, {"scope", "territory"}});
}

http::Response create(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "s'abonner au calendrier commun"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    const auto& principal = request_context(request).principal;
    nlohmann::json typed{{"scope", std::string(form->get("scope").value_or("territory"))},
                         {"territory", std::string(form->get("territory").value_or(""))},
                         {"organisation_id", std::string(form->get("organisation_id").value_or(""))}};
    std::optional<std::int64_t> organisation;
    std::string territory = typed["territory"];
    if (typed["scope"] == "organisation") {
        organisation = parse_id(typed["organisation_id"].get<std::string>());
        if (!organisation)
            return page(state, request, nullptr,
                        field_error("organisation_id", "Organisation : choisissez-en une dans la liste."), typed);
        territory.clear();
    } else if (typed["scope"] == "own") {
        if (!principal.organisation_id)
            return page(state, request, nullptr,
                        core::Error::invalid("Votre compte n'est rattaché à aucune organisation : choisissez un "
                                             "territoire ou une organisation."),
                        typed);
        organisation = principal.organisation_id;
        territory.clear();
    }
    auto created = state.database.write([&](storage::Connection& connection) {
        return calendar::create_subscription(connection, principal, state.registry, territory, organisation);
    });
    if (!created.ok())
        return page(state, request, nullptr, created.error(), typed);
    return page(state, request, {{"label", created->subscription.label}, {"url", feed_url(request, created->secret)}},
                std::nullopt, typed);
}

http::Response revoke(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "révoquer un abonnement"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto id = parse_id(request.path_param("id"));
    if (!id)
        return error_page(state, request, core::Error::not_found("Abonnement introuvable."));
    auto revoked = state.database.write([&](storage::Connection& connection) {
        return calendar::revoke_subscription(connection, request_context(request).principal, *id);
    });
    if (!revoked.ok())
        return error_page(state, request, revoked.error());
    return redirect_with_message("/calendrier/abonnements", "abonnement-revoque");
}

}  // namespace

void register_calendar_subscription_routes(http::Router& router, AppState& state)
{
    router.get("/calendrier/abonnements", [&state](http::Request& request) { return show(state, request); });
    router.post("/calendrier/abonnements", [&state](http::Request& request) { return create(state, request); });
    router.post("/calendrier/abonnements/{id}/revoquer",
                [&state](http::Request& request) { return revoke(state, request); });
}

}  // namespace boussole::web::pages
