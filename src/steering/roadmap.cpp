#include "steering/roadmap.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "conventions/commitments.hpp"
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "steering/roadmap_store.hpp"
#include "storage/connection.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::steering {

using core::Faults;

namespace {

constexpr std::size_t kLongestTitle = 300;
constexpr std::size_t kLongestText = 5000;
constexpr std::size_t kMostItems = 50;

struct Stamp {
    std::string at;
    std::string by;
    static Stamp of(const access::Principal& principal)
    {
        return {core::to_iso8601(core::now()),
                principal.display_name.empty() ? principal.label : principal.display_name};
    }
};

void check_text(Faults& faults, const char* field, const char* name, const std::string& text, std::size_t longest,
                bool required)
{
    auto trimmed = core::trim(text);
    if (required && trimmed.empty())
        faults.add(field, std::string(name) + " : obligatoire.");
    else if (!core::is_valid_utf8(text) || core::utf8_length(trimmed) > longest)
        faults.add(field, std::string(name) + " : " + core::format_integer(static_cast<std::int64_t>(longest)) +
                              " caractères au plus, en UTF-8.");
}

std::string check_day(Faults& faults, const char* field, const char* name, const std::string& text)
{
    auto trimmed = std::string(core::trim(text));
    if (trimmed.empty())
        return trimmed;
    if (!parse_day(trimmed))
        faults.add(field,
                   std::string(name) + " : une date est attendue, au format AAAA-MM-JJ (par exemple 2026-09-30).",
                   trimmed);
    return trimmed;
}

void check_budget(Faults& faults, const char* field, const char* name, const std::optional<double>& value)
{
    if (value && (!std::isfinite(*value) || *value < 0 || *value > 1e12))
        faults.add(field, std::string(name) + " : un montant en euros est attendu, positif ou nul.");
}

// Checks input onto action. Returns the lead's id.
core::Result<std::int64_t> check(storage::Connection& connection, const catalogue::Catalogue& catalogue,
                                 const SteeredTerritory& territory, const ActionInput& input, Action& action)
{
    Faults faults;
    check_text(faults, "title", "Intitulé", input.title, kLongestTitle, true);
    check_text(faults, "description", "Description", input.description, kLongestText, false);
    action.title = std::string(core::trim(input.title));
    action.description = std::string(core::trim(input.description));

    std::vector<std::string> priorities;
    for (const auto& priority : framework::load_framework(connection).priorities)
        priorities.push_back(priority.code);
    action.priority = std::string(core::trim(input.priority));
    if (std::find(priorities.begin(), priorities.end(), action.priority) == priorities.end())
        faults.add("priority",
                   "Priorité : « " + action.priority + " » n'est pas une priorité du cadre national (P1 à P11).",
                   action.priority);

    action.lead = std::string(core::trim(input.lead));
    auto lead_id = store::organisation_id(connection, action.lead);
    if (action.lead.empty())
        faults.add("lead", "Pilote : obligatoire, l'organisation qui porte l'action.");
    else if (!lead_id)
        faults.add("lead", "Pilote : organisation « " + action.lead + " » inconnue de l'annuaire.", action.lead);

    action.partners.clear();
    for (const auto& slug : input.partners) {
        auto trimmed = std::string(core::trim(slug));
        if (trimmed.empty() || trimmed == action.lead)
            continue;
        if (!store::organisation_id(connection, trimmed))
            faults.add("partners", "Partenaires : organisation « " + trimmed + " » inconnue de l'annuaire.", trimmed);
        else if (std::find(action.partners.begin(), action.partners.end(), trimmed) == action.partners.end())
            action.partners.push_back(trimmed);
    }
    if (action.partners.size() > kMostItems)
        faults.add("partners", "Partenaires : 50 au plus.");

    action.commitments.clear();
    for (auto id : input.commitments) {
        auto commitment = territory.convention_id
                              ? conventions::find_commitment(connection, *territory.convention_id, id)
                              : std::nullopt;
        if (!commitment || commitment->deleted)
            faults.add("commitments",
                       "Engagements : l'engagement n° " + std::to_string(id) +
                           " n'appartient pas à la convention de ce territoire.",
                       std::to_string(id));
        else if (std::find(action.commitments.begin(), action.commitments.end(), id) == action.commitments.end())
            action.commitments.push_back(id);
    }

    action.indicators.clear();
    for (const auto& code : input.indicators) {
        auto trimmed = std::string(core::trim(code));
        if (trimmed.empty())
            continue;
        if (!catalogue.find_indicator(trimmed))
            faults.add("indicators",
                       "Indicateurs : « " + trimmed +
                           " » est inconnu du catalogue ; vérifiez son code sur la page "
                           "Catalogue.",
                       trimmed);
        else if (std::find(action.indicators.begin(), action.indicators.end(), trimmed) == action.indicators.end())
            action.indicators.push_back(trimmed);
    }

    action.milestones.clear();
    for (const auto& milestone : input.milestones) {
        Milestone kept{std::string(core::trim(milestone.title)), std::string(core::trim(milestone.date)),
                       milestone.done};
        if (kept.title.empty() || core::utf8_length(kept.title) > kLongestTitle || !parse_day(kept.date))
            faults.add("milestones",
                       "Jalons : chaque jalon a un intitulé (300 caractères au plus) et une date au "
                       "format AAAA-MM-JJ.",
                       kept.title);
        action.milestones.push_back(kept);
    }
    if (action.milestones.size() > kMostItems)
        faults.add("milestones", "Jalons : 50 au plus.");

    auto status = parse_action_status(core::trim(input.status));
    if (!status.ok())
        faults.add("status", status.error().message, input.status);
    else
        action.status = *status;
    action.abandon_reason = std::string(core::trim(input.abandon_reason));
    if (status.ok() && *status == ActionStatus::Abandoned && action.abandon_reason.empty())
        faults.add("abandon_reason", "Motif d'abandon : obligatoire pour une action abandonnée, il dit pourquoi.");
    else
        check_text(faults, "abandon_reason", "Motif d'abandon", input.abandon_reason, kLongestText, false);
    if (status.ok() && *status != ActionStatus::Abandoned)
        action.abandon_reason.clear();

    action.starts_on = check_day(faults, "starts_on", "Début", input.starts_on);
    action.due_on = check_day(faults, "due_on", "Échéance", input.due_on);
    auto start = parse_day(action.starts_on);
    auto due = parse_day(action.due_on);
    if (start && due && *due < *start)
        faults.add("due_on", "Échéance : elle doit venir après le début (" + action.starts_on + ").", action.due_on);

    if (input.progress) {
        if (*input.progress < 0 || *input.progress > 100)
            faults.add("progress", "Avancement : un pourcentage entre 0 et 100 est attendu.",
                       std::to_string(*input.progress));
        else
            action.progress = *input.progress;
    }
    check_budget(faults, "planned_budget", "Budget prévu", input.planned_budget);
    check_budget(faults, "spent_budget", "Budget consommé", input.spent_budget);
    action.planned_budget = input.planned_budget;
    action.spent_budget = input.spent_budget;
    action.co_built = input.co_built;
    if (!faults.empty())
        return faults.error();
    return *lead_id;
}

void audit(storage::Connection& connection, const access::Principal& principal, const char* what, const Action* before,
           const Action& after)
{
    access::record_audit(connection, principal,
                         {what, "roadmap_action", std::to_string(after.id),
                          before ? std::optional<std::string>(store::snapshot_of(*before).dump()) : std::nullopt,
                          store::snapshot_of(after).dump()});
}

core::Error stale(const Action& current, int expected_version)
{
    return core::Error::conflict("L'action « " + current.title + " » a été modifiée par " + current.updated_by +
                                 " le " + core::format_datetime(current.updated_at) +
                                 " depuis votre lecture (version " + std::to_string(current.version) +
                                 ", vous partiez de la version " + std::to_string(expected_version) +
                                 ") : rechargez-la et refaites votre modification. Elle est maintenant « " +
                                 label(current.status) + " », avancement " + std::to_string(current.progress) + " %.");
}

core::Error raced()
{
    return core::Error::conflict("L'action vient d'être modifiée par quelqu'un d'autre : rechargez-la.");
}

core::Result<Action> current_action(storage::Connection& connection, const SteeredTerritory& territory, std::int64_t id)
{
    auto current = store::select_action(connection, territory.key.to_string(), id);
    if (!current || current->deleted)
        return core::Error::not_found("Action n° " + std::to_string(id) + " introuvable dans la feuille de route de " +
                                      territory.name + ".");
    return *current;
}

core::Result<Action> save(storage::Connection& connection, const access::Principal& principal, const Action& current,
                          Action after, std::int64_t lead_id, const char* change)
{
    auto stamp = Stamp::of(principal);
    auto saved = store::update(connection, std::move(after), lead_id, current.version, stamp.at, stamp.by);
    if (!saved)
        return raced();
    saved->lead_name = current.lead_name;
    store::record_version(connection, *saved, change);
    audit(connection, principal, std::string_view(change) == "delete" ? "delete" : "update", &current, *saved);
    return *saved;
}

}  // namespace

const char* to_string(ActionStatus status)
{
    switch (status) {
    case ActionStatus::InProgress: return "in_progress";
    case ActionStatus::Done: return "done";
    case ActionStatus::Paused: return "paused";
    case ActionStatus::Abandoned: return "abandoned";
    default: return "planned";
    }
}

const char* label(ActionStatus status)
{
    switch (status) {
    case ActionStatus::InProgress: return "en cours";
    case ActionStatus::Done: return "réalisée";
    case ActionStatus::Paused: return "en pause";
    case ActionStatus::Abandoned: return "abandonnée";
    default: return "prévue";
    }
}

core::Result<ActionStatus> parse_action_status(std::string_view text)
{
    for (auto status : kActionStatuses)
        if (text == to_string(status))
            return status;
    return core::Error::invalid(
        "Statut : attendu « planned » (prévue), « in_progress » (en cours), « done » "
        "(réalisée), « paused » (en pause) ou « abandoned » (abandonnée).");
}

bool Action::late(std::chrono::year_month_day today) const
{
    if (status == ActionStatus::Done || status == ActionStatus::Abandoned)
        return false;
    auto due = parse_day(due_on);
    return due && *due < today;
}

nlohmann::json to_json(const Action& action, std::chrono::year_month_day today)
{
    auto json = store::snapshot_of(action);
    json["id"] = action.id;
    json["territory"] = action.territory;
    json["lead_name"] = action.lead_name;
    json["status_label"] = label(action.status);
    json["late"] = action.late(today);
    json["version"] = action.version;
    json["updated_at"] = core::to_iso8601(action.updated_at);
    json["updated_by"] = action.updated_by;
    return json;
}

nlohmann::json to_json(const Note& note)
{
    return {{"id", note.id},
            {"written_on", note.written_on},
            {"text", note.body},
            {"progress", note.progress},
            {"created_at", core::to_iso8601(note.created_at)},
            {"created_by", note.created_by}};
}

ActionInput input_of(const Action& action)
{
    ActionInput input;
    input.title = action.title;
    input.description = action.description;
    input.priority = action.priority;
    input.lead = action.lead;
    input.partners = action.partners;
    input.commitments = action.commitments;
    input.indicators = action.indicators;
    input.milestones = action.milestones;
    input.status = to_string(action.status);
    input.abandon_reason = action.abandon_reason;
    input.starts_on = action.starts_on;
    input.due_on = action.due_on;
    input.progress = action.progress;
    input.planned_budget = action.planned_budget;
    input.spent_budget = action.spent_budget;
    input.co_built = action.co_built;
    return input;
}

core::Result<Action> add_action(storage::Connection& connection, const access::Principal& principal,
                                const catalogue::Catalogue& catalogue, const SteeredTerritory& territory,
                                const ActionInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier la feuille de route de " + territory.name));
    Action action;
    action.territory = territory.key.to_string();
    auto lead_id = check(connection, catalogue, territory, input, action);
    if (!lead_id.ok())
        return std::move(lead_id).error();
    auto stamp = Stamp::of(principal);
    auto saved = store::insert(connection, action, *lead_id, "user", stamp.at, stamp.by);
    saved = *store::select_action(connection, saved.territory, saved.id);
    store::record_version(connection, saved, "create");
    audit(connection, principal, "create", nullptr, saved);
    return saved;
}

core::Result<Action> change_action(storage::Connection& connection, const access::Principal& principal,
                                   const catalogue::Catalogue& catalogue, const SteeredTerritory& territory,
                                   std::int64_t id, int expected_version, const ActionInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier la feuille de route de " + territory.name));
    auto current = current_action(connection, territory, id);
    if (!current.ok())
        return current;
    if (current->version != expected_version)
        return stale(*current, expected_version);
    auto after = *current;
    auto lead_id = check(connection, catalogue, territory, input, after);
    if (!lead_id.ok())
        return std::move(lead_id).error();
    if (store::snapshot_of(after) == store::snapshot_of(*current))
        return *current;
    auto saved = save(connection, principal, *current, after, *lead_id, "update");
    if (saved.ok() && saved->lead != current->lead)
        saved = *store::select_action(connection, saved->territory, saved->id);
    return saved;
}

core::Result<Action> delete_action(storage::Connection& connection, const access::Principal& principal,
                                   const SteeredTerritory& territory, std::int64_t id,
                                   std::optional<int> expected_version)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier la feuille de route de " + territory.name));
    auto current = current_action(connection, territory, id);
    if (!current.ok())
        return current;
    if (expected_version && current->version != *expected_version)
        return stale(*current, *expected_version);
    auto after = *current;
    after.deleted = true;
    auto lead_id = store::organisation_id(connection, current->lead).value_or(0);
    return save(connection, principal, *current, after, lead_id, "delete");
}

core::Result<Action> add_note(storage::Connection& connection, const access::Principal& principal,
                              const SteeredTerritory& territory, std::int64_t id, int expected_version,
                              const std::string& written_on, const std::string& body, std::optional<int> progress)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier la feuille de route de " + territory.name));
    auto current = current_action(connection, territory, id);
    if (!current.ok())
        return current;
    Faults faults;
    check_text(faults, "text", "Note d'avancement", body, kLongestText, true);
    auto day = std::string(core::trim(written_on));
    if (day.empty())
        day = day_text(today());
    else if (!parse_day(day))
        faults.add("written_on", "Date : une date est attendue, au format AAAA-MM-JJ (par exemple 2026-09-30).", day);
    if (!progress)
        faults.add("progress", "Avancement : obligatoire, un pourcentage entre 0 et 100.");
    else if (*progress < 0 || *progress > 100)
        faults.add("progress", "Avancement : un pourcentage entre 0 et 100 est attendu.", std::to_string(*progress));
    if (!faults.empty())
        return faults.error();
    if (current->version != expected_version)
        return stale(*current, expected_version);
    auto after = *current;
    after.progress = *progress;
    if (after.progress == 100 && after.status != ActionStatus::Abandoned)
        after.status = ActionStatus::Done;
    else if (after.status == ActionStatus::Planned && after.progress > 0)
        after.status = ActionStatus::InProgress;
    auto lead_id = store::organisation_id(connection, current->lead).value_or(0);
    auto saved = save(connection, principal, *current, after, lead_id, "note");
    if (!saved.ok())
        return saved;
    auto stamp = Stamp::of(principal);
    store::insert_note(connection, id,
                       {0, day, std::string(core::trim(body)), *progress,
                        core::parse_iso8601(stamp.at).value_or(core::Timestamp{}), stamp.by});
    return saved;
}

std::vector<Action> list_actions(storage::Connection& connection, const SteeredTerritory& territory,
                                 const ActionFilter& filter, ActionSort sort, bool descending,
                                 std::chrono::year_month_day today)
{
    std::vector<Action> kept;
    for (auto& action : store::select_actions(connection, territory.key.to_string(), false)) {
        if (filter.status && action.status != *filter.status)
            continue;
        if (!filter.priority.empty() && action.priority != filter.priority)
            continue;
        if (!filter.lead.empty() && action.lead != filter.lead)
            continue;
        if (filter.late_only && !action.late(today))
            continue;
        kept.push_back(std::move(action));
    }
    auto priority_number = [](const std::string& code) { return code.size() > 1 ? std::atoi(code.c_str() + 1) : 0; };
    // Undated actions come last whatever the direction: they have no place
    // on a timeline.
    std::stable_sort(kept.begin(), kept.end(), [&](const Action& a, const Action& b) {
        switch (sort) {
        case ActionSort::Progress: return descending ? a.progress > b.progress : a.progress < b.progress;
        case ActionSort::Title: {
            auto left = core::fold_for_search(a.title), right = core::fold_for_search(b.title);
            return descending ? left > right : left < right;
        }
        case ActionSort::Priority:
            return descending ? priority_number(a.priority) > priority_number(b.priority)
                              : priority_number(a.priority) < priority_number(b.priority);
        default:
            if (a.due_on.empty() != b.due_on.empty())
                return b.due_on.empty();
            return descending ? a.due_on > b.due_on : a.due_on < b.due_on;
        }
    });
    return kept;
}

std::optional<Action> find_action(storage::Connection& connection, const SteeredTerritory& territory, std::int64_t id)
{
    return store::select_action(connection, territory.key.to_string(), id);
}

std::vector<Note> list_notes(storage::Connection& connection, std::int64_t action_id)
{
    return store::select_notes(connection, action_id);
}

std::vector<HistoryEntry> action_history(storage::Connection& connection, std::int64_t action_id)
{
    return store::select_history(connection, action_id);
}

}  // namespace boussole::steering
