// Changing or withdrawing a declared constraint in the browser, from the
// version read: a stale save comes back (409) with the person's input, the
// name of who changed it and the new version to save over; a withdrawal
// from a stale list is refused the same way.
#include "calendar/event_rows.hpp"
#include "web/pages/calendar_constraints.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

namespace boussole::web::pages {

namespace {

struct Loaded {
    const territory::Territory* territory = nullptr;
    calendar::Constraint constraint;
    std::string organisation;
};

core::Result<Loaded> load(AppState& state, http::Request& request)
{
    BOUSSOLE_TRY(require_signed_in(request, "modifier une contrainte de calendrier"));
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return core::Error::not_found(territory.error().message);
    auto id = parse_id(request.path_param("id"));
    std::optional<Loaded> loaded;
    state.database.read([&](storage::Connection& connection) {
        auto constraint = id ? calendar::find_constraint(connection, *id) : std::nullopt;
        if (constraint)
            loaded = Loaded{*territory, *constraint,
                            calendar::rows::organisation_name(connection, constraint->organisation_id)};
    });
    if (!loaded)
        return core::Error::not_found("Contrainte introuvable : elle a peut-être été supprimée. Revenez à la liste.");
    return *loaded;
}

http::Response render(AppState& state, http::Request& request, const Loaded& loaded,
                      const calendar::ConstraintInput& input, int version, const std::optional<core::Error>& error)
{
    const auto key = loaded.territory->key.to_string();
    const auto list = "/territoires/" + key + "/calendrier/contraintes";
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    nlohmann::json context{{"territory", loaded.territory->label()},
                           {"organisation", loaded.organisation},
                           {"action", list + "/" + std::to_string(loaded.constraint.id) + "/modifier"},
                           {"list_href", list},
                           {"version", version},
                           {"form", constraint_form_view(input)},
                           {"conflict", error && error->code == core::ErrorCode::Conflict},
                           {"conflict_message", error ? error->message : ""},
                           {"errors", invalid ? error_view(*error, kConstraintFields)
                                              : nlohmann::json{{"summary", nlohmann::json::array()}}}};
    PageMeta meta;
    meta.title = title_with_errors("Modifier une contrainte — " + loaded.organisation, invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {loaded.territory->label(), "/territoires/" + key},
                        {"Calendrier commun", "/territoires/" + key + "/calendrier"},
                        {"Contraintes", list},
                        {"Modifier", ""}};
    if (error)
        meta.status = invalid ? 422 : error->code == core::ErrorCode::Conflict ? 409 : 403;
    return render_page(state, request, "calendar_constraint_edit", context, meta);
}

http::Response edit(AppState& state, http::Request& request)
{
    auto loaded = load(state, request);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    return render(state, request, *loaded, constraint_input_of(loaded->constraint), loaded->constraint.version,
                  std::nullopt);
}

http::Response save(AppState& state, http::Request& request)
{
    auto loaded = load(state, request);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto params = request.form();
    if (!params.ok())
        return error_page(state, request, params.error());
    auto input = constraint_input_of(*params);
    auto version = parse_positive_int(params->get("version").value_or("")).value_or(0);
    auto saved = state.database.write([&](storage::Connection& connection) {
        return calendar::change_constraint(connection, request_context(request).principal, loaded->constraint.id,
                                           version, input);
    });
    if (!saved.ok()) {
        const auto& error = saved.error();
        if (error.code == core::ErrorCode::Forbidden || error.code == core::ErrorCode::NotFound)
            return error_page(state, request, error);
        // A stale save shows the version now stored, to save over it knowingly.
        auto current = state.database.read([&](storage::Connection& connection) {
            return calendar::find_constraint(connection, loaded->constraint.id);
        });
        return render(state, request, *loaded, input, current ? current->version : version, error);
    }
    return redirect_with_message("/territoires/" + loaded->territory->key.to_string() + "/calendrier/contraintes",
                                 "contrainte-modifiee");
}

http::Response withdraw(AppState& state, http::Request& request)
{
    auto loaded = load(state, request);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto params = request.form();
    if (!params.ok())
        return error_page(state, request, params.error());
    auto version = parse_positive_int(params->get("version").value_or(""));
    auto withdrawn = state.database.write([&](storage::Connection& connection) {
        return calendar::withdraw_constraint(connection, request_context(request).principal, loaded->constraint.id,
                                             version ? std::optional<int>(*version) : std::optional<int>(0));
    });
    if (!withdrawn.ok()) {
        if (withdrawn.error().code == core::ErrorCode::Conflict)
            return render_constraints(state, request, *loaded->territory, {}, withdrawn.error());
        return error_page(state, request, withdrawn.error());
    }
    return redirect_with_message("/territoires/" + loaded->territory->key.to_string() + "/calendrier/contraintes",
                                 "contrainte-supprimee");
}

}  // namespace

void register_calendar_constraint_edit_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/contraintes/{id}/modifier",
               [&state](http::Request& request) { return edit(state, request); });
    router.post("/territoires/{key}/calendrier/contraintes/{id}/modifier",
                [&state](http::Request& request) { return save(state, request); });
    router.post("/territoires/{key}/calendrier/contraintes/{id}/supprimer",
                [&state](http::Request& request) { return withdraw(state, request); });
}

}  // namespace boussole::web::pages
