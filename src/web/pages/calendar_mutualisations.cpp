// The mutualisations of a territory's common calendar: the open suggestions
// (an ARS event and a CD event that could be held together), each with the
// sentence that says why and a button that accepts it; the mutualisations
// already made here; and the national count per kind of event.
#include "calendar/event_rows.hpp"
#include "calendar/mutualisations.hpp"
#include "calendar/occurrences.hpp"
#include "core/french.hpp"
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

http::Response show(AppState& state, http::Request& request, std::optional<core::Error> error = std::nullopt)
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
        context = {{"suggestions", suggestions},
                   {"has_suggestions", !suggestions.empty()},
                   {"suggestion_count", suggestions.size()},
                   {"made", made},
                   {"has_made", !made.empty()},
                   {"counts", counts},
                   {"has_counts", !counts.empty()},
                   {"national_total", core::format_integer(total)},
                   {"window_days", window},
                   {"window_weeks",
                    window % 7 == 0 ? std::to_string(window / 7) + " semaines" : std::to_string(window) + " jours"}};
    });
    context["territory"] = (*territory)->label();
    context["key"] = key.to_string();
    PageMeta meta;
    meta.title = "Mutualisations — " + (*territory)->label();
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {(*territory)->label(), "/territoires/" + key.to_string()},
                        {"Calendrier commun", "/territoires/" + key.to_string() + "/calendrier"},
                        {"Mutualisations", ""}};
    if (error) {
        meta.flash = Flash{FlashType::Error, "La mutualisation n'a pas été faite", error->message};
        meta.status = error->code == core::ErrorCode::Conflict ? 409 : 422;
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
        return show(state, request,
                    core::Error::invalid("Suggestion illisible : rechargez la page et choisissez-la de nouveau."));
    auto done = state.database.write([&](storage::Connection& connection) {
        return calendar::accept_mutualisation(connection, request_context(request).principal, state.registry, *ars,
                                              *cd);
    });
    if (!done.ok()) {
        if (done.error().code == core::ErrorCode::Invalid || done.error().code == core::ErrorCode::Conflict)
            return show(state, request, done.error());
        return error_page(state, request, done.error());
    }
    return redirect_with_message(
        "/territoires/" + (*territory)->key.to_string() + "/calendrier/mutualisations#mutualisations-faites",
        "mutualisation-acceptee");
}

}  // namespace

void register_calendar_mutualisation_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/mutualisations",
               [&state](http::Request& request) { return show(state, request); });
    router.post("/territoires/{key}/calendrier/mutualisations",
                [&state](http::Request& request) { return accept(state, request); });
}

}  // namespace boussole::web::pages
