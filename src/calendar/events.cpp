#include "calendar/events.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "access/secrets.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/occurrences.hpp"
#include "core/faults.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

constexpr std::size_t kLongestTitle = 200;
constexpr std::size_t kLongestText = 5000;
// An endless rule is checked over its first year: far enough to see a
// monthly meeting collide with the summer or a holiday.
constexpr auto kRecurrenceHorizon = days{366};

using core::Faults;

std::vector<std::int64_t> sorted_unique(std::vector<std::int64_t> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void check_text(Faults& faults, const char* field, const char* name, const std::string& text, std::size_t longest)
{
    if (!core::is_valid_utf8(text) || core::utf8_length(text) > longest)
        faults.add(field, std::string(name) + " : " + std::to_string(longest) + " caractères au plus, en UTF-8.");
}

void check_organisations(Faults& faults, storage::Connection& connection, const char* field, const char* name,
                         const std::vector<std::int64_t>& ids)
{
    for (auto id : ids)
        if (!rows::organisation_exists(connection, id)) {
            faults.add(field,
                       std::string(name) + " : organisation " + std::to_string(id) +
                           " inconnue. Choisissez-la dans l'annuaire des acteurs.",
                       std::to_string(id));
            return;
        }
}

// Reads and checks every field of an input into an event (without id,
// version or author).
core::Result<Event> check(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                          const EventInput& input)
{
    Faults faults;
    Event event;
    event.title = std::string(core::trim(input.title));
    if (event.title.empty())
        faults.add("title", "Titre : obligatoire, par exemple « CDAPH plénière » ou « AAP habitat inclusif ».");
    else
        check_text(faults, "title", "Titre", event.title, kLongestTitle);

    if (auto kind = parse_event_kind(core::trim(input.kind)); kind.ok())
        event.kind = *kind;
    else
        faults.add("kind", kind.error().message, input.kind);

    if (!input.organiser_id)
        faults.add("organiser_id", "Organisateur : obligatoire, l'organisation qui tient l'événement.");
    else if (!rows::organisation_exists(connection, *input.organiser_id))
        faults.add("organiser_id",
                   "Organisateur : organisation " + std::to_string(*input.organiser_id) +
                       " inconnue. Choisissez-la dans l'annuaire des acteurs.",
                   std::to_string(*input.organiser_id));
    else
        event.organiser_id = *input.organiser_id;
    check_organisations(faults, connection, "co_organiser_ids", "Co-organisateurs", input.co_organiser_ids);
    check_organisations(faults, connection, "audience_ids", "Public", input.audience_ids);
    event.co_organiser_ids = sorted_unique(input.co_organiser_ids);
    std::erase(event.co_organiser_ids, event.organiser_id);
    event.audience_ids = sorted_unique(input.audience_ids);

    for (const auto& code : input.priority_codes)
        if (!rows::priority_exists(connection, code)) {
            faults.add("priorities",
                       "Priorités : « " + code + " » n'est pas une priorité du cadre national (attendu P1 à P11).",
                       code);
            break;
        }
    event.priority_codes = input.priority_codes;
    std::sort(event.priority_codes.begin(), event.priority_codes.end());
    event.priority_codes.erase(std::unique(event.priority_codes.begin(), event.priority_codes.end()),
                               event.priority_codes.end());

    auto territory_text = std::string(core::trim(input.territory));
    if (territory_text.empty())
        faults.add("territory", "Territoire : obligatoire (« FR », « REG-75 » ou « DEP-33 »).");
    else if (auto territory = registry.resolve(territory_text); !territory.ok())
        faults.add("territory", "Territoire : " + territory.error().message, territory_text);
    else
        event.territory = (*territory)->key;

    event.all_day = input.all_day;
    event.starts_local = std::string(core::trim(input.starts));
    event.ends_local = std::string(core::trim(input.ends));
    event.time_zone = std::string(core::trim(input.time_zone));
    event.rrule = std::string(core::trim(input.rrule));
    if (event.starts_local.empty())
        faults.add("starts", "Début : obligatoire (« 2026-03-12T09:30 », ou « 2026-03-12 » pour la journée).");
    if (event.ends_local.empty())
        faults.add("ends", "Fin : obligatoire (« 2026-03-12T12:00 », ou le dernier jour pour la journée).");
    if (!event.starts_local.empty() && !event.ends_local.empty())
        if (auto times = check_times(event); !times.ok())
            faults.add(times.error());
    event.rrule = canonical_rrule(event.rrule);

    event.place = std::string(core::trim(input.place));
    check_text(faults, "place", "Lieu", event.place, kLongestTitle);
    event.online_link = std::string(core::trim(input.online_link));
    if (!event.online_link.empty() && !event.online_link.starts_with("https://"))
        faults.add("online_link", "Lien de visioconférence : une adresse commençant par « https:// ».",
                   event.online_link);
    check_text(faults, "online_link", "Lien de visioconférence", event.online_link, kLongestTitle * 5);
    event.description = std::string(core::trim(input.description));
    check_text(faults, "description", "Description", event.description, kLongestText);
    if (auto status = parse_event_status(core::trim(input.status)); status.ok())
        event.status = *status;
    else
        faults.add("status", status.error().message, input.status);
    if (input.exceptions) {
        event.exceptions = *input.exceptions;
        for (auto& exception : event.exceptions) {
            exception.recurrence = std::string(core::trim(exception.recurrence));
            exception.starts_local = std::string(core::trim(exception.starts_local));
            exception.ends_local = std::string(core::trim(exception.ends_local));
            exception.place = std::string(core::trim(exception.place));
            if (exception.excluded)
                exception = EventException{exception.recurrence, true};
            check_text(faults, "exceptions", "Lieu d'une occurrence", exception.place, kLongestTitle);
        }
        std::sort(event.exceptions.begin(), event.exceptions.end(),
                  [](const auto& a, const auto& b) { return a.recurrence < b.recurrence; });
        if (!event.starts_local.empty() && !event.ends_local.empty() && check_times(event).ok())
            if (auto exceptions = check_exceptions(event); !exceptions.ok())
                faults.add(exceptions.error());
    }
    event.uid = std::string(core::trim(input.uid));
    if (event.uid.size() > 255)
        faults.add("uid", "UID : 255 caractères au plus.");

    if (!faults.empty())
        return faults.error();
    return event;
}

core::Status may_edit(const access::Principal& principal, const territory::TerritoryKey& key)
{
    if (key.level() == territory::Level::Nation)
        return access::require_national_admin(principal, "programmer ou modifier un événement national");
    return access::require_territorial_write(principal, {key}, "programmer ou modifier un événement ici");
}

std::vector<Warning> conflicts_of(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                                  const Event& event, const std::vector<std::int64_t>& replacing = {})
{
    auto span = span_of(event);
    if (!span)
        return {};
    auto from = span->first.start;
    auto to = span->last_end.value_or(from + kRecurrenceHorizon);
    if (span->last_end && *span->last_end > from + kRecurrenceHorizon)
        to = from + kRecurrenceHorizon;
    auto others = rows::select_window(connection, from, to);
    std::erase_if(others, [&](const Event& other) {
        return std::find(replacing.begin(), replacing.end(), other.id) != replacing.end();
    });
    auto people = event.holders();
    people.insert(people.end(), event.audience_ids.begin(), event.audience_ids.end());
    auto constraints = rows::constraints_of(connection, people);
    ConflictContext context{registry, [&](std::int64_t id) { return rows::organisation_name(connection, id); }};
    return find_conflicts(event, others, constraints, context, from, to);
}

bool same_content(const Event& a, const Event& b)
{
    return to_json(a) == to_json(b);
}

std::string warnings_json(const std::vector<Warning>& warnings)
{
    auto json = nlohmann::json::array();
    for (const auto& warning : warnings)
        json.push_back(to_json(warning));
    return json.dump();
}

// Saves after the conflict check: not at all when warnings stand without a
// reason.
template <typename Save>
core::Result<SaveOutcome> save_checked(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                                       const Event& event, const SaveOptions& options, Save save)
{
    SaveOutcome outcome;
    outcome.warnings = conflicts_of(connection, registry, event, options.replacing);
    auto reason = std::string(core::trim(options.override_reason));
    if (!outcome.warnings.empty() && reason.empty())
        return outcome;
    auto saved = save();
    if (!saved.ok())
        return std::move(saved).error();
    if (!outcome.warnings.empty())
        rows::record_override(connection, *saved, warnings_json(outcome.warnings), reason);
    outcome.saved = true;
    outcome.event = std::move(saved).value();
    return outcome;
}

void audit(storage::Connection& connection, const access::Principal& principal, const char* action, const Event* before,
           const Event& after)
{
    access::record_audit(
        connection, principal,
        {action, "calendar_event", std::to_string(after.id),
         before ? std::optional<std::string>(to_json(*before).dump()) : std::nullopt, to_json(after).dump()});
}

std::string author_of(const access::Principal& principal)
{
    return principal.display_name.empty() ? principal.label : principal.display_name;
}

}  // namespace

core::Result<SaveOutcome> create_event(storage::Connection& connection, const access::Principal& principal,
                                       const territory::TerritoryRegistry& registry, const EventInput& input,
                                       const SaveOptions& options)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto checked = check(connection, registry, input);
    if (!checked.ok())
        return std::move(checked).error();
    auto event = std::move(checked).value();
    BOUSSOLE_TRY(may_edit(principal, event.territory));
    if (event.uid.empty())
        event.uid = access::random_token().substr(0, 32) + "@boussole";
    else if (rows::select_by_uid(connection, event.uid))
        return core::Error::conflict("Un événement porte déjà l'UID « " + event.uid +
                                     " » : modifiez-le plutôt que d'en créer un autre.");
    event.origin = options.origin;
    event.updated_at = core::now();
    event.updated_by = author_of(principal);
    return save_checked(connection, registry, event, options, [&]() -> core::Result<Event> {
        auto saved = rows::insert(connection, event);
        audit(connection, principal, "create", nullptr, saved);
        return saved;
    });
}

core::Result<SaveOutcome> update_event(storage::Connection& connection, const access::Principal& principal,
                                       const territory::TerritoryRegistry& registry, std::int64_t id,
                                       const EventInput& input, const SaveOptions& options)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto current = rows::select_by_id(connection, id);
    if (!current)
        return core::Error::not_found("Événement " + std::to_string(id) + " introuvable : rechargez le calendrier.");
    BOUSSOLE_TRY(may_edit(principal, current->territory));
    if (!options.expected_version)
        return core::Error::invalid("Version : obligatoire pour modifier un événement (celle que vous avez lue).",
                                    {{"version", "Version : obligatoire pour modifier un événement."}});
    auto checked = check(connection, registry, input);
    if (!checked.ok())
        return std::move(checked).error();
    auto event = std::move(checked).value();
    BOUSSOLE_TRY(may_edit(principal, event.territory));
    if (current->version != *options.expected_version)
        return core::Error::conflict("L'événement a été modifié par " + current->updated_by +
                                     " depuis votre lecture (version " + std::to_string(current->version) +
                                     ", vous partiez de la version " + std::to_string(*options.expected_version) +
                                     ") : rechargez-le et refaites votre modification.");
    event.id = current->id;
    event.uid = current->uid;
    event.origin = current->origin;
    event.version = current->version;
    event.updated_at = current->updated_at;
    event.updated_by = current->updated_by;
    event.replaced_by = current->replaced_by;
    event.replaced_by_uid = current->replaced_by_uid;
    if (!input.exceptions)
        event.exceptions = current->exceptions;
    if (event.rrule.empty())
        event.exceptions.clear();
    if (same_content(*current, event)) {
        SaveOutcome unchanged;
        unchanged.saved = true;
        unchanged.event = *current;
        return unchanged;
    }
    event.updated_at = core::now();
    event.updated_by = author_of(principal);
    return save_checked(connection, registry, event, options, [&]() -> core::Result<Event> {
        auto saved = rows::update(connection, event, current->version);
        if (!saved)
            return core::Error::conflict(
                "L'événement vient d'être modifié par quelqu'un d'autre : rechargez-le et refaites votre "
                "modification.");
        audit(connection, principal, "update", &*current, *saved);
        return *saved;
    });
}

std::optional<Event> find_event(storage::Connection& connection, std::int64_t id)
{
    return rows::select_by_id(connection, id);
}

core::Result<std::vector<Warning>> check_event(storage::Connection& connection,
                                               const territory::TerritoryRegistry& registry, const EventInput& input,
                                               std::optional<std::int64_t> id)
{
    auto checked = check(connection, registry, input);
    if (!checked.ok())
        return std::move(checked).error();
    checked->id = id.value_or(0);
    return conflicts_of(connection, registry, *checked);
}

EventInput input_of(const Event& event)
{
    return {event.uid,
            event.title,
            to_string(event.kind),
            event.organiser_id,
            event.co_organiser_ids,
            event.audience_ids,
            event.priority_codes,
            event.territory.to_string(),
            event.all_day,
            event.starts_local,
            event.ends_local,
            event.time_zone,
            event.rrule,
            event.place,
            event.online_link,
            event.description,
            to_string(event.status),
            event.exceptions};
}

core::Result<Event> save_exception(storage::Connection& connection, const access::Principal& principal,
                                   const territory::TerritoryRegistry& registry, std::int64_t id,
                                   EventException exception, int expected_version)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto current = rows::select_by_id(connection, id);
    if (!current)
        return core::Error::not_found("Événement " + std::to_string(id) + " introuvable : rechargez le calendrier.");
    BOUSSOLE_TRY(may_edit(principal, current->territory));
    exception.recurrence = std::string(core::trim(exception.recurrence));
    const auto& key = exception.recurrence;
    if (current->rrule.empty())
        return core::Error::invalid(
            "Occurrence : « " + current->title + " » n'est pas récurrent ; modifiez l'événement lui-même.",
            {{"recurrence", "Occurrence : l'événement n'est pas récurrent.", std::nullopt, key}});
    auto input = input_of(*current);
    auto& exceptions = *input.exceptions;
    auto found = std::find_if(exceptions.begin(), exceptions.end(),
                              [&](const EventException& each) { return each.recurrence == key; });
    if (found != exceptions.end() && found->excluded && exception.excluded)
        return core::Error::invalid("Occurrence : celle du « " + key + " » est déjà annulée.",
                                    {{"recurrence", "Occurrence : déjà annulée.", std::nullopt, key}});
    if (found != exceptions.end())
        *found = exception;
    else
        exceptions.push_back(exception);
    SaveOptions options;
    options.expected_version = expected_version;
    // Cancelling an occurrence adds no conflict, and those the series had
    // were accepted when it was saved: the change is recorded with its reason.
    options.override_reason =
        (exception.excluded ? "Annulation de l'occurrence du « " : "Modification de l'occurrence du « ") + key + " ».";
    auto saved = update_event(connection, principal, registry, id, input, options);
    if (!saved.ok()) {
        auto error = std::move(saved).error();
        for (auto& field : error.fields)
            if (field.field == "exceptions")
                field.field = "recurrence";
        return error;
    }
    return *saved->event;
}

core::Result<Event> cancel_occurrence(storage::Connection& connection, const access::Principal& principal,
                                      const territory::TerritoryRegistry& registry, std::int64_t id,
                                      const std::string& recurrence, int expected_version)
{
    return save_exception(connection, principal, registry, id, EventException{recurrence, true}, expected_version);
}

}  // namespace boussole::calendar
