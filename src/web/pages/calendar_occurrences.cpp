// The coming occurrences of a recurring event, each with « Annuler cette
// occurrence » (an EXDATE for calendar clients), and those already
// cancelled: the August CDAPH is called off without touching the series.
#include "calendar/events.hpp"
#include "calendar/occurrences.hpp"
#include "core/french.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <cstdio>

namespace boussole::web::pages {

namespace {

using namespace std::chrono;

constexpr std::size_t kShown = 24;

// « jeudi 13 août 2026, 14:00 » from the local text of an occurrence.
std::string said(const std::string& local)
{
    int year = 0;
    unsigned month = 0, day = 0;
    if (std::sscanf(local.c_str(), "%d-%u-%u", &year, &month, &day) != 3)
        return local;
    auto text = core::format_date(std::chrono::year{year} / month / day);
    return local.size() > 10 ? text + ", " + local.substr(11, 5) : text;
}

struct Loaded {
    const territory::Territory* territory = nullptr;
    calendar::Event event;
};

core::Result<Loaded> load(AppState& state, http::Request& request)
{
    BOUSSOLE_TRY(require_signed_in(request, "voir les occurrences d'un événement"));
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return core::Error::not_found(territory.error().message);
    auto id = parse_id(request.path_param("id"));
    std::optional<calendar::Event> event;
    if (id)
        event =
            state.database.read([&](storage::Connection& connection) { return calendar::find_event(connection, *id); });
    if (!event)
        return core::Error::not_found("Cet événement n'existe pas ou plus : revenez au calendrier commun.");
    return Loaded{*territory, std::move(*event)};
}

http::Response show(AppState& state, http::Request& request, std::optional<core::Error> error = std::nullopt)
{
    auto loaded = load(state, request);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    const auto& event = loaded->event;
    auto base = "/territoires/" + loaded->territory->key.to_string() + "/calendrier";
    auto today = core::Timestamp{floor<days>(system_clock::now())};
    auto coming = nlohmann::json::array();
    for (const auto& occurrence : calendar::occurrences(event, today, today + days{3 * 366}, kShown))
        coming.push_back({{"recurrence", occurrence.recurrence},
                          {"when", said(occurrence.recurrence)},
                          {"changed", occurrence.changed}});
    auto cancelled = nlohmann::json::array();
    for (const auto& exception : event.exceptions)
        if (exception.excluded)
            cancelled.push_back({{"when", said(exception.recurrence)}});
    nlohmann::json context{{"title", event.title},
                           {"recurring", !event.rrule.empty()},
                           {"version", event.version},
                           {"action", base + "/evenements/" + std::to_string(event.id) + "/occurrences"},
                           {"edit_href", base + "/evenements/" + std::to_string(event.id) + "/modifier"},
                           {"occurrences", coming},
                           {"has_occurrences", !coming.empty()},
                           {"cancelled", cancelled},
                           {"has_cancelled", !cancelled.empty()}};
    PageMeta meta;
    meta.title = "Occurrences — " + event.title;
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {loaded->territory->label(), "/territoires/" + loaded->territory->key.to_string()},
                        {"Calendrier commun", base},
                        {"Occurrences", ""}};
    if (error) {
        meta.flash = Flash{FlashType::Error, "L'occurrence n'a pas été annulée", error->message};
        meta.status = status_of(error->code);
    }
    return render_page(state, request, "calendar_occurrences", context, meta);
}

http::Response cancel(AppState& state, http::Request& request)
{
    auto loaded = load(state, request);
    if (!loaded.ok())
        return error_page(state, request, loaded.error());
    auto form = request.form();
    if (!form.ok())
        return error_page(state, request, form.error());
    auto version = parse_positive_int(form->get("version").value_or(""));
    auto recurrence = std::string(form->get("recurrence").value_or(""));
    if (!version || recurrence.empty())
        return show(state, request,
                    core::Error::invalid("Occurrence illisible : rechargez la page et choisissez-la de nouveau."));
    auto done = state.database.write([&](storage::Connection& connection) {
        return calendar::cancel_occurrence(connection, request_context(request).principal, state.registry,
                                           loaded->event.id, recurrence, *version);
    });
    if (!done.ok()) {
        if (done.error().code == core::ErrorCode::Invalid || done.error().code == core::ErrorCode::Conflict)
            return show(state, request, done.error());
        return error_page(state, request, done.error());
    }
    return redirect_with_message("/territoires/" + loaded->territory->key.to_string() + "/calendrier/evenements/" +
                                     std::to_string(loaded->event.id) + "/occurrences",
                                 "occurrence-annulee");
}

}  // namespace

void register_calendar_occurrence_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/evenements/{id}/occurrences",
               [&state](http::Request& request) { return show(state, request); });
    router.post("/territoires/{key}/calendrier/evenements/{id}/occurrences",
                [&state](http::Request& request) { return cancel(state, request); });
}

}  // namespace boussole::web::pages
