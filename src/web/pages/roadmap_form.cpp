#include "web/pages/roadmap_form.hpp"

#include "actors/organisation.hpp"
#include "catalogue/catalogue.hpp"
#include "conventions/commitments.hpp"
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "web/pages/data_pages.hpp"
#include "web/pages/forms.hpp"
#include "web/pages/page.hpp"
#include "web/pages/roadmap_views.hpp"
#include "web/problem.hpp"
#include "web/request_context.hpp"

#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace boussole::web::pages {

namespace {

const FieldIds kFields = {{"title", "action-intitule"},
                          {"description", "action-description"},
                          {"priority", "action-priorite"},
                          {"lead", "action-pilote"},
                          {"partners", "action-partenaires"},
                          {"commitments", "action-engagements"},
                          {"indicators", "action-indicateurs"},
                          {"milestones", "action-jalons"},
                          {"status", "action-statut"},
                          {"abandon_reason", "action-motif"},
                          {"starts_on", "action-debut"},
                          {"due_on", "action-echeance"},
                          {"progress", "action-avancement"},
                          {"planned_budget", "action-budget-prevu"},
                          {"spent_budget", "action-budget-consomme"}};

// What the person typed, kept as text so that a refused form shows it back.
struct ActionForm {
    std::string title, description, priority, lead, status = "planned", abandon_reason, starts_on, due_on;
    std::string progress = "0", planned_budget, spent_budget, indicators, milestones;
    std::set<std::string> partners;
    std::set<std::string> commitments;
    bool co_built = false;
    int version = 0;
};

std::string number_text(const std::optional<double>& value)
{
    if (!value)
        return "";
    std::ostringstream text;
    text << std::llround(*value);
    return std::fabs(*value - std::round(*value)) < 1e-9 ? text.str() : core::format_decimal(*value, 2);
}

ActionForm form_of(const steering::Action& action)
{
    ActionForm form;
    form.title = action.title;
    form.description = action.description;
    form.priority = action.priority;
    form.lead = action.lead;
    form.status = steering::to_string(action.status);
    form.abandon_reason = action.abandon_reason;
    form.starts_on = action.starts_on;
    form.due_on = action.due_on;
    form.progress = std::to_string(action.progress);
    form.planned_budget = number_text(action.planned_budget);
    form.spent_budget = number_text(action.spent_budget);
    for (const auto& code : action.indicators)
        form.indicators += (form.indicators.empty() ? "" : ", ") + code;
    for (const auto& milestone : action.milestones)
        form.milestones += (form.milestones.empty() ? "" : "\n") + milestone.date + " ; " + milestone.title +
                           (milestone.done ? " ; fait" : "");
    form.partners = {action.partners.begin(), action.partners.end()};
    for (auto id : action.commitments)
        form.commitments.insert(std::to_string(id));
    form.co_built = action.co_built;
    form.version = action.version;
    return form;
}

// "120 000", "1 234,5", "1234.5" → a number; Faults name the field otherwise.
std::optional<double> french_number(core::Faults& faults, const char* field, const char* name, std::string text)
{
    std::string compact;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ')
            continue;
        if (text.compare(i, 2, "\xC2\xA0") == 0 || text.compare(i, 3, "\xE2\x80\xAF") == 0) {
            i += text[i + 1] == '\xA0' ? 1 : 2;
            continue;
        }
        compact += text[i] == ',' ? '.' : text[i];
    }
    if (!compact.empty() && compact.back() == '\xAC' && compact.size() >= 3)  // a trailing "€"
        compact.resize(compact.size() - 3);
    if (compact.empty())
        return std::nullopt;
    char* end = nullptr;
    double value = std::strtod(compact.c_str(), &end);
    if (end != compact.c_str() + compact.size() || !std::isfinite(value)) {
        faults.add(field, std::string(name) + " : un montant en euros est attendu, par exemple 120 000 ou 1 234,50.",
                   text);
        return std::nullopt;
    }
    return value;
}

// Reads the form into the domain's input; malformed numbers and milestones
// go to faults.
steering::ActionInput input_of(const ActionForm& form, core::Faults& faults)
{
    steering::ActionInput input;
    input.title = form.title;
    input.description = form.description;
    input.priority = form.priority;
    input.lead = form.lead;
    input.status = form.status;
    input.abandon_reason = form.abandon_reason;
    input.starts_on = form.starts_on;
    input.due_on = form.due_on;
    input.partners = {form.partners.begin(), form.partners.end()};
    for (const auto& id : form.commitments)
        if (auto parsed = parse_id(id))
            input.commitments.push_back(*parsed);
    std::string progress(core::trim(form.progress));
    if (progress == "0" || progress.empty())
        input.progress = 0;
    else if (auto parsed = parse_positive_int(progress))
        input.progress = *parsed;
    else
        faults.add("progress", "Avancement : un nombre entier entre 0 et 100 est attendu.", progress);
    input.planned_budget = french_number(faults, "planned_budget", "Budget prévu", form.planned_budget);
    input.spent_budget = french_number(faults, "spent_budget", "Budget consommé", form.spent_budget);
    std::string code;
    std::istringstream codes(form.indicators);
    while (std::getline(codes, code, ','))
        if (!core::trim(code).empty())
            input.indicators.emplace_back(core::trim(code));
    std::string line;
    std::istringstream lines(form.milestones);
    while (std::getline(lines, line)) {
        if (core::trim(line).empty())
            continue;
        std::vector<std::string> parts;
        std::string part;
        std::istringstream cells(line);
        while (std::getline(cells, part, ';'))
            parts.emplace_back(core::trim(part));
        if (parts.size() < 2) {
            faults.add("milestones",
                       "Jalons : une ligne par jalon, « date ; intitulé », et « ; fait » quand il est atteint.", line);
            continue;
        }
        input.milestones.push_back({parts[1], parts[0], parts.size() > 2 && core::fold_for_search(parts[2]) == "fait"});
    }
    input.co_built = form.co_built;
    return input;
}

ActionForm read_form(const http::Params& fields)
{
    ActionForm form;
    auto text = [&](const char* name) { return std::string(fields.get(name).value_or("")); };
    form.title = text("title");
    form.description = text("description");
    form.priority = text("priority");
    form.lead = text("lead");
    form.status = text("status");
    form.abandon_reason = text("abandon_reason");
    form.starts_on = text("starts_on");
    form.due_on = text("due_on");
    form.progress = text("progress");
    form.planned_budget = text("planned_budget");
    form.spent_budget = text("spent_budget");
    form.indicators = text("indicators");
    form.milestones = text("milestones");
    for (auto slug : fields.get_all("partners"))
        form.partners.insert(std::string(slug));
    for (auto id : fields.get_all("commitments"))
        form.commitments.insert(std::string(id));
    form.co_built = text("co_built") == "1";
    form.version = parse_positive_int(text("version")).value_or(0);
    return form;
}

http::Response form_page(AppState& state, http::Request& request, const ActionForm& form,
                         std::optional<std::int64_t> id, const std::optional<core::Error>& error)
{
    auto view = state.database.read([&](storage::Connection& connection) -> core::Result<nlohmann::json> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        BOUSSOLE_TRY(steering::may_write(request_context(request).principal, *territory,
                                         "modifier la feuille de route de " + territory->name));
        nlohmann::json priorities = nlohmann::json::array();
        for (const auto& priority : framework::load_framework(connection).priorities)
            priorities.push_back({{"value", priority.code},
                                  {"label", priority.code + " — " + priority.title},
                                  {"selected", priority.code == form.priority}});
        nlohmann::json organisations = nlohmann::json::array();
        std::set<std::string> seen;
        for (const auto& key : territory->departments)
            for (const auto& organisation : actors::organisations_in_territory(connection, key))
                if (seen.insert(organisation.slug).second)
                    organisations.push_back({{"value", organisation.slug},
                                             {"label", organisation.name},
                                             {"id", "action-partenaire-" + organisation.slug},
                                             {"lead", organisation.slug == form.lead},
                                             {"partner", form.partners.count(organisation.slug) > 0}});
        nlohmann::json commitments = nlohmann::json::array();
        if (territory->convention_id)
            for (const auto& commitment : conventions::list_commitments(connection, *territory->convention_id))
                commitments.push_back({{"value", commitment.id},
                                       {"label", commitment.priority + " — " + commitment.title},
                                       {"id", "action-engagement-" + std::to_string(commitment.id)},
                                       {"checked", form.commitments.count(std::to_string(commitment.id)) > 0}});
        nlohmann::json statuses = nlohmann::json::array();
        for (auto status : steering::kActionStatuses)
            statuses.push_back({{"value", steering::to_string(status)},
                                {"label", steering::label(status)},
                                {"selected", form.status == steering::to_string(status)}});
        return nlohmann::json{{"territory_name", territory->name},        {"key", territory->key.to_string()},
                              {"roadmap_href", roadmap_href(*territory)}, {"priorities", priorities},
                              {"organisations", organisations},           {"commitments", commitments},
                              {"has_commitments", !commitments.empty()},  {"statuses", statuses}};
    });
    if (!view.ok())
        return error_page(state, request, view.error());
    auto& json = *view;
    bool invalid = error && error->code == core::ErrorCode::Invalid;
    std::string heading = id ? "Modifier l'action « " + form.title + " »" : "Ajouter une action";
    json["heading"] = heading;
    json["editing"] = id.has_value();
    json["action"] = json["roadmap_href"].get<std::string>() +
                     (id ? "/" + std::to_string(*id) + "/modifier" : std::string("/nouvelle"));
    json["cancel_href"] = json["roadmap_href"].get<std::string>() + (id ? "/" + std::to_string(*id) : "");
    json["values"] = {{"title", form.title},
                      {"description", form.description},
                      {"abandon_reason", form.abandon_reason},
                      {"starts_on", form.starts_on},
                      {"due_on", form.due_on},
                      {"progress", form.progress},
                      {"planned_budget", form.planned_budget},
                      {"spent_budget", form.spent_budget},
                      {"indicators", form.indicators},
                      {"milestones", form.milestones},
                      {"co_built", form.co_built},
                      {"version", form.version}};
    json["errors"] = invalid
                         ? error_view(*error, kFields)
                         : nlohmann::json{{"summary", nlohmann::json::array()}, {"fields", nlohmann::json::object()}};
    PageMeta meta;
    meta.title = title_with_errors(heading, invalid);
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"},
                        {json["territory_name"].get<std::string>(), "/territoires/" + json["key"].get<std::string>()},
                        {"Feuille de route", json["roadmap_href"].get<std::string>()},
                        {id ? "Modifier" : "Ajouter une action", ""}};
    if (error && error->code == core::ErrorCode::Conflict)
        meta.flash = Flash{FlashType::Error, "Cette action a été modifiée entre-temps",
                           error->message +
                               " Vos saisies sont conservées ci-dessous ; enregistrez de nouveau pour "
                               "remplacer la version actuelle."};
    if (error)
        meta.status = status_of(error->code);
    return render_page(state, request, "roadmap_form", json, meta);
}

http::Response show_new(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    ActionForm form;
    form.priority = "P1";
    return form_page(state, request, form, std::nullopt, std::nullopt);
}

http::Response show_edit(AppState& state, http::Request& request)
{
    if (auto signed_in = require_signed_in(request, "modifier la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto id = parse_id(request.path_param("id"));
    auto action = state.database.read([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto found = id ? steering::find_action(connection, *territory, *id) : std::nullopt;
        if (!found || found->deleted)
            return core::Error::not_found("Action introuvable : revenez à la feuille de route.");
        return *found;
    });
    if (!action.ok())
        return error_page(state, request, action.error());
    return form_page(state, request, form_of(*action), id, std::nullopt);
}

http::Response submit(AppState& state, http::Request& request, bool editing)
{
    if (auto signed_in = require_signed_in(request, "modifier la feuille de route"); !signed_in.ok())
        return error_page(state, request, signed_in.error());
    auto id = editing ? parse_id(request.path_param("id")) : std::nullopt;
    if (editing && !id)
        return error_page(state, request, core::Error::not_found("Action introuvable."));
    auto fields = request.form();
    if (!fields.ok())
        return error_page(state, request, fields.error());
    auto form = read_form(*fields);
    core::Faults faults;
    auto input = input_of(form, faults);
    const auto& principal = request_context(request).principal;
    auto saved = state.database.write([&](storage::Connection& connection) -> core::Result<steering::Action> {
        auto territory = steered_territory_of(state, connection, request);
        if (!territory.ok())
            return std::move(territory).error();
        auto catalogue = catalogue::Catalogue::load(connection);
        auto result =
            editing ? steering::change_action(connection, principal, catalogue, *territory, *id, form.version, input)
                    : steering::add_action(connection, principal, catalogue, *territory, input);
        if (faults.empty())
            return result;
        // The form's own faults come with the domain's, so that everything
        // to correct is listed at once; nothing is saved.
        if (!result.ok() && result.error().code == core::ErrorCode::Invalid)
            faults.add(result.error());
        else if (!result.ok())
            return result;
        return faults.error();
    });
    if (saved.ok())
        return redirect_with_message(
            "/territoires/" + saved->territory + "/feuille-de-route/" + std::to_string(saved->id),
            editing ? "action-modifiee" : "action-ajoutee");
    const auto& error = saved.error();
    if (error.code != core::ErrorCode::Invalid && error.code != core::ErrorCode::Conflict)
        return error_page(state, request, error);
    if (error.code == core::ErrorCode::Conflict && id) {
        auto current = state.database.read([&](storage::Connection& connection) -> std::optional<steering::Action> {
            auto territory = steered_territory_of(state, connection, request);
            return territory.ok() ? steering::find_action(connection, *territory, *id) : std::nullopt;
        });
        if (current)
            form.version = current->version;
    }
    return form_page(state, request, form, id, error);
}

}  // namespace

void register_roadmap_form_routes(http::Router& router, AppState& state)
{
    router.get("/territoires/{key}/feuille-de-route/nouvelle",
               [&state](http::Request& request) { return show_new(state, request); });
    router.post("/territoires/{key}/feuille-de-route/nouvelle",
                [&state](http::Request& request) { return submit(state, request, false); });
    router.get("/territoires/{key}/feuille-de-route/{id}/modifier",
               [&state](http::Request& request) { return show_edit(state, request); });
    router.post("/territoires/{key}/feuille-de-route/{id}/modifier",
                [&state](http::Request& request) { return submit(state, request, true); });
}

}  // namespace boussole::web::pages
