// The mutualisations of a territory's common calendar: the open suggestions
// (an ARS event and a CD event that could be held together), each with the
// sentence that says why, a button that accepts it and a form that dismisses
// it with a reason; the mutualisations already made here; the national count
// per kind of event; and, for national administrators, the window that
// decides how close two events must be.
#include "access/policy.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/mutualisations.hpp"
#include "calendar/occurrences.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <cctype>

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

std::string dates_of(const calendar::Event& event)
{
    auto span = calendar::span_of(event);
    if (!span)
        return event.starts_local;
    const auto& first = span->first;
    if (event.all_day)
        return first.first_day == first.last_day
                   ? core::format_date(first.first_day)
                   : "du " + core::format_date(first.first_day) + " au " + core::format_date(first.last_day);
    return core::format_date(first.first_day) + ", " + event.starts_local.substr(11, 5) + " – " +
           event.ends_local.substr(11, 5);
}

nlohmann::json event_view(storage::Connection& connection, const calendar::Event& event)
{
    return {{"id", event.id},
            {"title", event.title},
            {"kind", calendar::label(event.kind)},
            {"dates", dates_of(event)},
            {"organiser", calendar::rows::organisation_name(connection, event.organiser_id)}};
}

// A form sent back with what went wrong: which form, the error, and what the
// person had typed.
struct Returned {
    enum class Form { Accept, Dismiss, Window } form = Form::Accept;
    core::Error error;
    nlohmann::json values = nlohmann::json::object();
};

const FieldIds kWindowFields{{"window_days", "fenetre-valeur"}, {"window_unit", "fenetre-unite"}};

http::Response show(AppState& state, http::Request& request, std::optional<Returned> returned = std::nullopt)
{
    if (auto signed_in = require_signed_in(request, "voir les mutualisations du calendrier"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    const auto& key = (*territory)->key;
    auto today = core::Timestamp{floor<days>(system_clock::now())};
    nlohmann::json context;
    state.database.read([&](storage::Connection& connection) {
        auto suggestions = nlohmann::json::array();
        for (const auto& suggestion : calendar::open_suggestions(connection, key, today)) {
            auto message = suggestion.message;
            message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
            suggestions.push_back({{"message", message},
                                   {"ars", event_view(connection, suggestion.ars_event)},
                                   {"cd", event_view(connection, suggestion.cd_event)},
                                   {"ars_event_id", suggestion.ars_event.id},
                                   {"cd_event_id", suggestion.cd_event.id}});
        }
        auto made = nlohmann::json::array();
        for (const auto& each : calendar::mutualisations_made(connection, key))
            made.push_back({{"joint", event_view(connection, each.joint)},
                            {"ars_title", each.ars_title},
                            {"cd_title", each.cd_title},
                            {"made_by", each.made_by}});
        auto counts = nlohmann::json::array();
        int total = 0;
        for (auto [kind, count] : calendar::count_mutualisations(connection)) {
            counts.push_back({{"label", calendar::label(kind)}, {"count", core::format_integer(count)}});
            total += count;
        }
        auto window = calendar::mutualisation_window(connection);
        bool in_weeks = window % 7 == 0;
        context = {
            {"suggestions", suggestions},
            {"has_suggestions", !suggestions.empty()},
            {"suggestion_count", suggestions.size()},
            {"made", made},
            {"has_made", !made.empty()},
            {"counts", counts},
            {"has_counts", !counts.empty()},
            {"national_total", core::format_integer(total)},
            {"window_days", window},
            {"window_weeks", in_weeks ? std::to_string(window / 7) + (window == 7 ? " semaine" : " semaines")
                                      : std::to_string(window) + (window == 1 ? " jour" : " jours")},
            {"window",
             {{"value", std::to_string(in_weeks ? window / 7 : window)}, {"weeks", in_weeks}, {"days", !in_weeks}}}};
    });
    context["territory"] = (*territory)->label();
    context["key"] = key.to_string();
    context["can_set_window"] = request_context(request).principal.is_national_admin();
    context["errors"] = nlohmann::json{{"summary", nlohmann::json::array()}};
    PageMeta meta;
    meta.title = "Mutualisations — " + (*territory)->label();
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {(*territory)->label(), "/territoires/" + key.to_string()},
                        {"Calendrier commun", "/territoires/" + key.to_string() + "/calendrier"},
                        {"Mutualisations", ""}};
    if (returned) {
        const auto& error = returned->error;
        meta.status = error.code == core::ErrorCode::Conflict ? 409 : 422;
        if (returned->form == Returned::Form::Window) {
            context["errors"] = error_view(error, kWindowFields);
            context["window"] = returned->values;
            meta.title = title_with_errors(meta.title, true);
        } else {
            meta.flash = Flash{FlashType::Error,
                               returned->form == Returned::Form::Accept ? "La mutualisation n'a pas été faite"
                                                                        : "La suggestion n'a pas été écartée",
                               error.message};
        }
    }
    return render_page(state, request, "calendar_mutualisations", context, meta);
}

http::Response accept(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "accepter une mutualisation"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    auto ars = parse_id(form->get("ars_event_id").value_or(""));
    auto cd = parse_id(form->get("cd_event_id").value_or(""));
    if (!ars || !cd)
        return show(
            state, request,
            Returned{Returned::Form::Accept,
                     core::Error::invalid("Suggestion illisible : rechargez la page et choisissez-la de nouveau.")});
    auto done = state.database.write([&](storage::Connection& connection) {
        return calendar::accept_mutualisation(connection, request_context(request).principal, state.registry, *ars,
                                              *cd);
    });
    if (!done.ok()) {
        if (done.error().code == core::ErrorCode::Invalid || done.error().code == core::ErrorCode::Conflict)
            return show(state, request, Returned{Returned::Form::Accept, done.error()});
        return error_page(state, request, done.error());
    }
    return redirect_with_message(
        "/territoires/" + (*territory)->key.to_string() + "/calendrier/mutualisations#mutualisations-faites",
        "mutualisation-acceptee");
}

http::Response dismiss(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "écarter une suggestion de mutualisation"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    auto ars = parse_id(form->get("ars_event_id").value_or(""));
    auto cd = parse_id(form->get("cd_event_id").value_or(""));
    if (!ars || !cd)
        return show(
            state, request,
            Returned{Returned::Form::Dismiss,
                     core::Error::invalid("Suggestion illisible : rechargez la page et choisissez-la de nouveau.")});
    auto reason = std::string(form->get("reason").value_or(""));
    auto done = state.database.write([&](storage::Connection& connection) {
        return calendar::dismiss_mutualisation(connection, request_context(request).principal, *ars, *cd, reason);
    });
    if (!done.ok()) {
        if (done.error().code == core::ErrorCode::Invalid || done.error().code == core::ErrorCode::Conflict)
            return show(state, request, Returned{Returned::Form::Dismiss, done.error()});
        return error_page(state, request, done.error());
    }
    return redirect_with_message("/territoires/" + (*territory)->key.to_string() + "/calendrier/mutualisations",
                                 "suggestion-ecartee");
}

// The window in days from what the form says: a whole number of days (1 to
// 366) or of weeks (1 to 52).
core::Result<int> window_of(const std::string& value, const std::string& unit)
{
    bool weeks = unit == "semaines";
    if (!weeks && unit != "jours")
        return field_error("window_unit", "Unité : choisissez « jours » ou « semaines ».");
    auto number = parse_positive_int(value);
    const int most = weeks ? 52 : 366;
    if (!number || *number < 1 || *number > most)
        return field_error("window_days", weeks
                                              ? "Fenêtre : un nombre entier de semaines entre 1 et 52, par exemple 6."
                                              : "Fenêtre : un nombre entier de jours entre 1 et 366, par exemple 42.");
    return weeks ? *number * 7 : *number;
}

http::Response set_window(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "fixer la fenêtre des mutualisations"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    const auto& principal = request_context(request).principal;
    // Who may set it is checked before what was typed: a 403 says so at once.
    if (auto allowed = access::require_national_admin(principal, "fixer la fenêtre des mutualisations du calendrier");
        !allowed.ok())
        return error_page(state, request, allowed.error());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    auto value = std::string(core::trim(form->get("window_value").value_or("")));
    auto unit = std::string(form->get("window_unit").value_or(""));
    auto days = window_of(value, unit);
    if (days.ok()) {
        auto saved = state.database.write([&](storage::Connection& connection) {
            return calendar::set_mutualisation_window(connection, principal, *days);
        });
        if (saved.ok())
            return redirect_with_message(
                "/territoires/" + (*territory)->key.to_string() + "/calendrier/mutualisations#fenetre",
                "fenetre-mutualisations-enregistree");
        if (saved.error().code != core::ErrorCode::Invalid)
            return error_page(state, request, saved.error());
        days = std::move(saved).error();
    }
    return show(state, request,
                Returned{Returned::Form::Window,
                         days.error(),
                         {{"value", value}, {"weeks", unit == "semaines"}, {"days", unit != "semaines"}}});
}

}  // namespace

void register_calendar_mutualisation_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/mutualisations",
               [&state](http::Request& request) { return show(state, request); });
    router.post("/territoires/{key}/calendrier/mutualisations",
                [&state](http::Request& request) { return accept(state, request); });
    router.post("/territoires/{key}/calendrier/mutualisations/ecarter",
                [&state](http::Request& request) { return dismiss(state, request); });
    router.post("/territoires/{key}/calendrier/mutualisations/fenetre",
                [&state](http::Request& request) { return set_window(state, request); });
}

}  // namespace boussole::web::pages
