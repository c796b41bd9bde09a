// Importing an organisation's existing calendar (.ics) into a territory's
// common calendar: the person picks an organisation it may write for, sends
// the file, and reads the report (created, updated, unchanged by UID,
// refused with the reason). All or nothing: when one event is refused,
// nothing is written and the report says what to correct. The rules are
// those of the API (calendar/ical_import.hpp).
#include "calendar/ical_import.hpp"
#include "core/french.hpp"
#include "web/http/multipart.hpp"
#include "web/pages/calendar_views.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/request_context.hpp"

#include <algorithm>

namespace boussole::web::pages {

namespace {

constexpr std::size_t kMaxIcsBytes = 1024 * 1024;
// Room for the form's other fields and the multipart framing; a bigger body
// is refused by the server before reaching the page.
constexpr std::size_t kRouteBodyLimit = 4 * kMaxIcsBytes;

const FieldIds kFields = {{"organisation_id", "ics-organisation"}, {"file", "ics-fichier"}};

const char* outcome_label(const std::string& outcome, bool applied)
{
    if (outcome == "created")
        return applied ? "créé" : "serait créé";
    if (outcome == "updated")
        return applied ? "mis à jour" : "serait mis à jour";
    if (outcome == "unchanged")
        return "inchangé";
    return "refusé";
}

struct Outcome {
    std::optional<std::int64_t> organisation_id;
    std::optional<core::Error> error;
    std::optional<calendar::ImportReport> report;
    bool applied = false;
};

http::Response render(AppState& state, http::Request& request, const territory::Territory& territory,
                      const Outcome& outcome)
{
    const auto& principal = request_context(request).principal;
    const auto key = territory.key.to_string();
    auto organisations = nlohmann::json::array();
    state.database.read([&](storage::Connection& connection) {
        for (const auto& [id, name] : writable_organisations(connection, principal, territory.key))
            organisations.push_back(
                {{"id", id}, {"name", name}, {"selected", outcome.organisation_id == std::optional(id)}});
    });
    nlohmann::json context{{"territory", territory.label()},
                           {"key", key},
                           {"organisations", organisations},
                           {"can_import", !organisations.empty()},
                           {"max_size", "1 Mo"},
                           {"calendar_href", "/territoires/" + key + "/calendrier"},
                           {"errors", outcome.error ? error_view(*outcome.error, kFields)
                                                    : nlohmann::json{{"summary", nlohmann::json::array()}}}};
    if (outcome.report) {
        const auto& report = *outcome.report;
        auto events = nlohmann::json::array();
        for (const auto& event : report.events)
            events.push_back({{"uid", event.uid},
                              {"title", event.title.empty() ? "(sans titre)" : event.title},
                              {"outcome", outcome_label(event.outcome, outcome.applied)},
                              {"refused", event.outcome == "refused"},
                              {"message", event.message},
                              {"warnings", event.warnings},
                              {"has_warnings", event.warnings > 0}});
        context["report"] = {{"applied", outcome.applied},    {"created", report.created}, {"updated", report.updated},
                             {"unchanged", report.unchanged}, {"refused", report.refused}, {"events", events}};
    }
    PageMeta meta;
    meta.title = title_with_errors("Importer un calendrier (.ics) — " + territory.label(), outcome.error.has_value());
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {territory.label(), "/territoires/" + key},
                        {"Calendrier commun", "/territoires/" + key + "/calendrier"},
                        {"Importer un calendrier", ""}};
    if (outcome.error)
        meta.status = outcome.error->code == core::ErrorCode::PayloadTooLarge ? 413 : 422;
    else if (outcome.report && !outcome.applied)
        meta.status = 422;
    return render_page(state, request, "calendar_import", context, meta);
}

http::Response show(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "importer un calendrier"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    return render(state, request, **territory, {});
}

std::string forbidden_message()
{
    return "Vous ne pouvez importer que les événements de votre organisation, dans un territoire qu'elle couvre "
           "(l'équipe nationale pour toutes).";
}

http::Response upload(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "importer un calendrier"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto territory = state.registry.resolve(request.path_param("key"));
    if (!territory.ok())
        return error_page(state, request, core::Error::not_found(territory.error().message));
    const auto& principal = request_context(request).principal;
    auto content_type = request.header("Content-Type").value_or("");
    auto parts = http::is_multipart_form_data(content_type)
                     ? http::parse_multipart(content_type, request.body)
                     : core::Result<std::vector<http::MultipartPart>>(core::Error::invalid("formulaire illisible"));
    Outcome outcome;
    const auto* organisation_part = parts.ok() ? http::find_part(*parts, "organisation_id") : nullptr;
    const auto* file = parts.ok() ? http::find_part(*parts, "file") : nullptr;
    if (organisation_part)
        outcome.organisation_id = parse_id(organisation_part->content);
    auto writable = state.database.read([&](storage::Connection& connection) {
        return writable_organisations(connection, principal, (*territory)->key);
    });
    if (writable.empty())
        return error_page(state, request, core::Error::forbidden(forbidden_message()));
    bool allowed = std::any_of(writable.begin(), writable.end(),
                               [&](const auto& each) { return outcome.organisation_id == std::optional(each.first); });
    std::vector<core::FieldError> faults;
    if (!allowed)
        faults.push_back({"organisation_id",
                          "Organisation : choisissez dans la liste l'organisation dont vous importez le calendrier.",
                          std::nullopt, std::nullopt});
    if (file == nullptr || file->content.empty())
        faults.push_back({"file",
                          "Fichier : choisissez le fichier .ics à importer (exporté de votre agenda), puis cliquez "
                          "sur « Importer le calendrier ».",
                          std::nullopt, std::nullopt});
    else if (file->content.size() > kMaxIcsBytes) {
        auto message = "Fichier : il fait " +
                       core::format_integer(static_cast<std::int64_t>(file->content.size() / 1024)) +
                       " Ko, pour 1 Mo (1 024 Ko) au plus. Exportez une période plus courte de votre agenda, puis "
                       "importez-la.";
        outcome.error =
            core::Error{core::ErrorCode::PayloadTooLarge, message, {{"file", message, std::nullopt, std::nullopt}}};
        return render(state, request, **territory, outcome);
    }
    if (!faults.empty()) {
        auto message = faults.front().message;
        outcome.error = core::Error::invalid(std::move(message), std::move(faults));
        return render(state, request, **territory, outcome);
    }

    calendar::ImportOptions options{*outcome.organisation_id, (*territory)->key.to_string()};
    // All or nothing: a refused event rolls back the others.
    auto done = state.database.write([&](storage::Connection& connection) -> core::Status {
        auto report = calendar::import_ics(connection, principal, state.registry, file->content, options);
        if (!report.ok())
            return std::move(report).error();
        outcome.report = std::move(report).value();
        if (outcome.report->refused > 0)
            return core::Error::invalid("refused");
        return {};
    });
    if (!done.ok() && !outcome.report) {
        auto message = done.error().message;
        outcome.error = core::Error::invalid(message, {{"file", message, std::nullopt, std::nullopt}});
    }
    outcome.applied = done.ok();
    return render(state, request, **territory, outcome);
}

}  // namespace

void register_calendar_import_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/calendrier/importer",
               [&state](http::Request& request) { return show(state, request); });
    router.post("/territoires/{key}/calendrier/importer",
                [&state](http::Request& request) { return upload(state, request); }, {kRouteBodyLimit});
}

}  // namespace boussole::web::pages
