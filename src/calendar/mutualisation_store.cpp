// The mutualisations kept in the database: the national window, the
// decisions taken on suggestions (calendar_mutualisations) and the joint
// events they made. The detection itself is pure (mutualisations.cpp).
#include "access/audit.hpp"
#include "access/policy.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "calendar/mutualisations.hpp"
#include "core/faults.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

constexpr const char* kWindowKey = "calendar.mutualisation_window_days";
constexpr const char* kReadSetting = "SELECT value FROM settings WHERE key = $1";
constexpr const char* kWriteSetting =
    "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
// Decisions are filed under the CD event's department: a region's page
// reads those of its departments too.
constexpr const char* kDecided =
    "SELECT m.ars_event_id, m.cd_event_id FROM calendar_mutualisations m WHERE m.territory_key = $1 "
    "OR m.territory_key IN (SELECT descendant_key FROM territory_closure WHERE ancestor_key = $1)";
constexpr const char* kEncloses =
    "SELECT 1 AS found FROM territory_closure WHERE ancestor_key = $1 AND descendant_key = $2";
constexpr const char* kDecision =
    "SELECT outcome FROM calendar_mutualisations WHERE ars_event_id = $1 AND cd_event_id = $2";
constexpr const char* kInsertDecision =
    "INSERT INTO calendar_mutualisations (ars_event_id, cd_event_id, territory_key, outcome, kind, joint_event_id, "
    "reason, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr const char* kCount =
    "SELECT kind, COUNT(*) AS made FROM calendar_mutualisations WHERE outcome = 'accepted' GROUP BY kind";
constexpr const char* kMade =
    "SELECT m.joint_event_id, a.title AS ars_title, c.title AS cd_title, m.created_by FROM calendar_mutualisations m "
    "JOIN calendar_events a ON a.id = m.ars_event_id JOIN calendar_events c ON c.id = m.cd_event_id "
    "WHERE m.territory_key = $1 AND m.outcome = 'accepted' ORDER BY m.id DESC";
constexpr const char* kOrganisationType = "SELECT type FROM organisations WHERE id = $1";
constexpr const char* kPriorityTitle = "SELECT title FROM framework_items WHERE kind = 'priority' AND code = $1";

constexpr auto kHorizon = days{2 * 366};

std::string author_of(const access::Principal& principal)
{
    return principal.display_name.empty() ? principal.label : principal.display_name;
}

SuggestionContext context_of(storage::Connection& connection)
{
    SuggestionContext context;
    context.organisation_type = [&connection](std::int64_t id) {
        auto rows = connection.query(kOrganisationType, {static_cast<long long>(id)});
        return rows.empty() ? std::string() : rows.front().text("type");
    };
    context.priority_title = [&connection](const std::string& code) {
        auto rows = connection.query(kPriorityTitle, {code});
        return rows.empty() ? code : rows.front().text("title");
    };
    context.encloses = [&connection](const territory::TerritoryKey& outer, const territory::TerritoryKey& inner) {
        return !connection.query(kEncloses, {outer.to_string(), inner.to_string()}).empty();
    };
    context.window_days = mutualisation_window(connection);
    return context;
}

// The joint event's content: held by the CD with the ARS, for both
// audiences and priorities; periods (calls for projects, campaigns) span
// both, meetings take the earlier date.
EventInput joint_input(const Event& ars_event, const Event& cd_event, const std::string& title)
{
    const bool ars_first = ars_event.starts_local < cd_event.starts_local;
    const auto& earlier = ars_first ? ars_event : cd_event;
    const auto& later = ars_first ? cd_event : ars_event;
    EventInput input = input_of(earlier);
    input.uid.clear();
    input.title = title.empty() ? "Commun ARS et département : " + earlier.title : title;
    // Held in the department, even when the ARS event was regional.
    input.territory = cd_event.territory.to_string();
    if (core::utf8_length(input.title) > 200)
        input.title = title.empty() ? earlier.title : title;
    input.kind = to_string(ars_event.kind == cd_event.kind ? ars_event.kind : earlier.kind);
    input.organiser_id = cd_event.organiser_id;
    input.co_organiser_ids = ars_event.holders();
    input.co_organiser_ids.insert(input.co_organiser_ids.end(), cd_event.co_organiser_ids.begin(),
                                  cd_event.co_organiser_ids.end());
    input.audience_ids = ars_event.audience_ids;
    input.audience_ids.insert(input.audience_ids.end(), cd_event.audience_ids.begin(), cd_event.audience_ids.end());
    input.priority_codes = ars_event.priority_codes;
    input.priority_codes.insert(input.priority_codes.end(), cd_event.priority_codes.begin(),
                                cd_event.priority_codes.end());
    if (earlier.all_day && later.all_day && later.ends_local > earlier.ends_local)
        input.ends = later.ends_local;
    input.description = "Événement commun de l'ARS et du département, qui remplace « " + ars_event.title + " » et « " +
                        cd_event.title + " ».";
    input.status = ars_event.status == EventStatus::Confirmed && cd_event.status == EventStatus::Confirmed ? "confirmed"
                                                                                                           : "planned";
    return input;
}

core::Result<std::pair<Event, Event>> load_pair(storage::Connection& connection, std::int64_t ars_event_id,
                                                std::int64_t cd_event_id)
{
    auto ars_event = rows::select_by_id(connection, ars_event_id);
    auto cd_event = rows::select_by_id(connection, cd_event_id);
    for (auto [event, id] : {std::pair{&ars_event, ars_event_id}, std::pair{&cd_event, cd_event_id}})
        if (!*event)
            return core::Error::not_found("Événement " + std::to_string(id) +
                                          " introuvable : rechargez la liste des mutualisations.");
    for (const auto* event : {&*ars_event, &*cd_event})
        if (event->replaced_by)
            return core::Error::conflict("« " + event->title + " » est déjà remplacé par l'événement commun " +
                                         std::to_string(*event->replaced_by) + " (" + event->updated_by +
                                         ") : rechargez la liste des mutualisations.");
    if (!connection.query(kDecision, {static_cast<long long>(ars_event_id), static_cast<long long>(cd_event_id)})
             .empty())
        return core::Error::conflict(
            "Cette suggestion a déjà été acceptée ou écartée : rechargez la liste des mutualisations.");
    return std::pair{std::move(*ars_event), std::move(*cd_event)};
}

// The suggestion these two events make now, if they make one.
std::optional<Suggestion> suggestion_of(storage::Connection& connection, const Event& ars_event, const Event& cd_event)
{
    auto found = find_suggestions({ars_event, cd_event}, context_of(connection));
    if (found.empty())
        return std::nullopt;
    return found.front();
}

}  // namespace

int mutualisation_window(storage::Connection& connection)
{
    auto rows = connection.query(kReadSetting, {kWindowKey});
    if (rows.empty())
        return kDefaultMutualisationWindowDays;
    auto value = core::parse_positive_integer(rows.front().text("value"));
    return value ? static_cast<int>(*value) : kDefaultMutualisationWindowDays;
}

core::Result<int> set_mutualisation_window(storage::Connection& connection, const access::Principal& principal,
                                           int days)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, "fixer la fenêtre des mutualisations du calendrier"));
    if (days < 1 || days > 366)
        return core::Error::invalid("Fenêtre des mutualisations : un nombre de jours entre 1 et 366.",
                                    {{"window_days", "Fenêtre des mutualisations : entre 1 et 366 jours.", std::nullopt,
                                      std::to_string(days)}});
    auto before = mutualisation_window(connection);
    connection.execute(kWriteSetting, {kWindowKey, std::to_string(days), core::to_iso8601(core::now())});
    access::record_audit(connection, principal,
                         {"update", "setting", kWindowKey, nlohmann::json{{"value", before}}.dump(),
                          nlohmann::json{{"value", days}}.dump()});
    return days;
}

std::vector<Suggestion> open_suggestions(storage::Connection& connection, const territory::TerritoryKey& territory,
                                         core::Timestamp from)
{
    auto events = rows::select_for_territory(connection, territory, from, from + kHorizon);
    // A department meets its region's ARS events; a region sees its
    // departments' pairs as well as its own; the nation only its own.
    auto concerns = [&](const territory::TerritoryKey& key) {
        using boussole::territory::Level;
        if (key == territory)
            return true;
        if (territory.level() == Level::Department)
            return key.level() == Level::Region;
        return territory.level() == Level::Region && key.level() == Level::Department;
    };
    std::erase_if(events, [&](const Event& event) {
        auto span = span_of(event);
        return !concerns(event.territory) || !span || span->first.start < from;
    });
    auto context = context_of(connection);
    for (auto row : connection.query(kDecided, {territory.to_string()}))
        context.decided.insert({row.integer("ars_event_id"), row.integer("cd_event_id")});
    return find_suggestions(events, context);
}

core::Result<Mutualisation> accept_mutualisation(storage::Connection& connection, const access::Principal& principal,
                                                 const territory::TerritoryRegistry& registry,
                                                 std::int64_t ars_event_id, std::int64_t cd_event_id,
                                                 const std::string& title)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto pair = load_pair(connection, ars_event_id, cd_event_id);
    if (!pair.ok())
        return std::move(pair).error();
    auto& [ars_event, cd_event] = *pair;
    BOUSSOLE_TRY(access::require_territorial_write(principal, {cd_event.territory}, "mutualiser ces événements"));
    auto suggestion = suggestion_of(connection, ars_event, cd_event);
    if (!suggestion)
        return core::Error::invalid(
            "Ces deux événements ne forment pas une mutualisation possible : il faut un événement de l'ARS et un du "
            "département, du même type ou servant une même priorité, dans le même territoire (ou la région du "
            "département pour l'ARS) et assez proches.");
    SaveOptions options;
    options.replacing = {ars_event.id, cd_event.id};
    options.override_reason = "Événement commun issu de la mutualisation de « " + ars_event.title + " » et « " +
                              cd_event.title + " » (" + suggestion->message + ").";
    auto created = create_event(connection, principal, registry,
                                joint_input(ars_event, cd_event, std::string(core::trim(title))), options);
    if (!created.ok())
        return std::move(created).error();
    Mutualisation done;
    done.joint = *created->event;
    for (auto [original, into] : {std::pair{&ars_event, &done.ars_event}, std::pair{&cd_event, &done.cd_event}}) {
        auto before = *original;
        original->updated_at = done.joint.updated_at;
        original->updated_by = done.joint.updated_by;
        auto replaced = rows::mark_replaced(connection, *original, done.joint.id);
        if (!replaced)
            return core::Error::conflict("« " + original->title +
                                         " » vient d'être modifié par quelqu'un d'autre : rechargez la liste des "
                                         "mutualisations.");
        access::record_audit(connection, principal,
                             {"update", "calendar_event", std::to_string(replaced->id), to_json(before).dump(),
                              to_json(*replaced).dump()});
        *into = *replaced;
    }
    connection.query(kInsertDecision, {static_cast<long long>(ars_event.id), static_cast<long long>(cd_event.id),
                                       cd_event.territory.to_string(), "accepted", to_string(done.joint.kind),
                                       static_cast<long long>(done.joint.id), std::string(),
                                       core::to_iso8601(core::now()), author_of(principal)});
    return done;
}

core::Status dismiss_mutualisation(storage::Connection& connection, const access::Principal& principal,
                                   std::int64_t ars_event_id, std::int64_t cd_event_id, const std::string& reason)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto pair = load_pair(connection, ars_event_id, cd_event_id);
    if (!pair.ok())
        return std::move(pair).error();
    auto& [ars_event, cd_event] = *pair;
    BOUSSOLE_TRY(access::require_territorial_write(principal, {cd_event.territory},
                                                   "écarter cette suggestion de mutualisation"));
    auto text = std::string(core::trim(reason));
    if (core::utf8_length(text) > 1000 || !core::is_valid_utf8(text))
        return core::Error::invalid("Motif : 1 000 caractères au plus.",
                                    {{"reason", "Motif : 1 000 caractères au plus."}});
    auto kind = ars_event.starts_local <= cd_event.starts_local ? ars_event.kind : cd_event.kind;
    auto rows =
        connection.query(kInsertDecision, {static_cast<long long>(ars_event.id), static_cast<long long>(cd_event.id),
                                           cd_event.territory.to_string(), "dismissed", to_string(kind), std::nullopt,
                                           text, core::to_iso8601(core::now()), author_of(principal)});
    access::record_audit(
        connection, principal,
        {"dismiss", "calendar_mutualisation", std::to_string(rows.front().integer("id")), std::nullopt,
         nlohmann::json{{"ars_event_id", ars_event.id}, {"cd_event_id", cd_event.id}, {"reason", text}}.dump()});
    return {};
}

std::vector<MadeMutualisation> mutualisations_made(storage::Connection& connection,
                                                   const territory::TerritoryKey& territory)
{
    std::vector<MadeMutualisation> made;
    for (auto row : connection.query(kMade, {territory.to_string()}))
        if (auto joint = rows::select_by_id(connection, row.integer("joint_event_id")))
            made.push_back({std::move(*joint), row.text("ars_title"), row.text("cd_title"), row.text("created_by")});
    return made;
}

std::vector<std::pair<EventKind, int>> count_mutualisations(storage::Connection& connection)
{
    std::vector<std::pair<EventKind, int>> counts;
    for (auto row : connection.query(kCount))
        if (auto kind = parse_event_kind(row.text("kind")); kind.ok())
            counts.emplace_back(*kind, static_cast<int>(row.integer("made")));
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return counts;
}

}  // namespace boussole::calendar
