// Declared constraints and the filtered reading of events; the saving of
// events is events.cpp.
#include "access/audit.hpp"
#include "access/policy.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/events.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::calendar {

namespace {

std::optional<std::chrono::year_month_day> parse_day(std::string_view text)
{
    int year = 0;
    unsigned month = 0, day = 0;
    char rest = 0;
    std::string copy(text);
    if (text.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &rest) != 3)
        return std::nullopt;
    auto date = std::chrono::year{year} / month / day;
    if (!date.ok())
        return std::nullopt;
    return date;
}

core::FieldError fault(std::string field, std::string message, std::string value = {})
{
    return {std::move(field), std::move(message), std::nullopt,
            value.empty() ? std::nullopt : std::optional<std::string>(std::move(value))};
}

}  // namespace

std::vector<Event> find_events(storage::Connection& connection, const EventFilter& filter)
{
    std::vector<Event> candidates =
        filter.territory ? rows::select_for_territory(connection, *filter.territory, filter.from, filter.to)
        : filter.organisation_id
            ? rows::select_for_organisation(connection, *filter.organisation_id, filter.from, filter.to)
            : rows::select_window(connection, filter.from, filter.to);
    std::vector<Event> events;
    for (auto& event : candidates) {
        if (filter.kind && event.kind != *filter.kind)
            continue;
        if (!filter.priority.empty() && std::find(event.priority_codes.begin(), event.priority_codes.end(),
                                                  filter.priority) == event.priority_codes.end())
            continue;
        if (filter.organisation_id && filter.territory) {
            auto holders = event.holders();
            bool concerned =
                std::binary_search(holders.begin(), holders.end(), *filter.organisation_id) ||
                std::binary_search(event.audience_ids.begin(), event.audience_ids.end(), *filter.organisation_id);
            if (!concerned)
                continue;
        }
        // The window of the query is coarse for recurring events: keep those
        // with an occurrence really inside.
        if (!event.rrule.empty() && occurrences(event, filter.from, filter.to, 1).empty())
            continue;
        events.push_back(std::move(event));
    }
    return events;
}

namespace {

// Only the organisation itself (a writer of it) or the national team may
// declare, change or withdraw its constraints.
core::Status may_write_for(const access::Principal& principal, std::int64_t organisation_id)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    if (principal.can_write && (principal.is_national_admin() || principal.organisation_id == organisation_id))
        return {};
    return core::Error::forbidden(
        "Seule l'organisation concernée (ou l'équipe nationale) peut déclarer ses contraintes de calendrier.");
}

// The days, kinds and reason of input checked into `constraint`; the faults
// otherwise, each naming its field.
void check_period(const ConstraintInput& input, Constraint& constraint, std::vector<core::FieldError>& faults)
{
    auto first = parse_day(core::trim(input.first_day));
    auto last = parse_day(core::trim(input.last_day));
    if (!first)
        faults.push_back(fault("first_day",
                               "Premier jour : attendu une date « AAAA-MM-JJ », par exemple « 2026-07-01 ».",
                               input.first_day));
    if (!last)
        faults.push_back(fault(
            "last_day", "Dernier jour : attendu une date « AAAA-MM-JJ », par exemple « 2026-08-31 ».", input.last_day));
    if (first && last && *last < *first)
        faults.push_back(fault("last_day", "Dernier jour : il ne peut pas précéder le premier jour.", input.last_day));
    constraint.kinds.clear();
    for (const auto& code : input.kinds) {
        auto kind = parse_event_kind(code);
        if (!kind.ok()) {
            faults.push_back(fault("kinds",
                                   "Types concernés : « " + code +
                                       " » n'est pas un type d'événement connu ; choisissez-les dans la liste.",
                                   code));
            break;
        }
        if (std::find(constraint.kinds.begin(), constraint.kinds.end(), *kind) == constraint.kinds.end())
            constraint.kinds.push_back(*kind);
    }
    constraint.reason = std::string(core::trim(input.reason));
    if (constraint.reason.empty() || core::utf8_length(constraint.reason) > 200 ||
        !core::is_valid_utf8(constraint.reason))
        faults.push_back(fault("reason", "Motif : obligatoire, 200 caractères au plus (« Vote du budget », « Été »)."));
    if (first && last) {
        constraint.first_day = *first;
        constraint.last_day = *last;
    }
}

core::Error invalid_of(std::vector<core::FieldError> faults)
{
    auto message = faults.size() == 1 ? faults.front().message
                                      : std::to_string(faults.size()) + " champs à corriger. " + faults.front().message;
    return core::Error::invalid(std::move(message), std::move(faults));
}

std::string author_of(const access::Principal& principal)
{
    return principal.display_name.empty() ? principal.label : principal.display_name;
}

std::string iso(std::chrono::year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

nlohmann::json audit_json(const Constraint& constraint)
{
    auto kinds = nlohmann::json::array();
    for (auto kind : constraint.kinds)
        kinds.push_back(to_string(kind));
    return {{"organisation_id", constraint.organisation_id},
            {"first_day", iso(constraint.first_day)},
            {"last_day", iso(constraint.last_day)},
            {"kinds", kinds},
            {"reason", constraint.reason},
            {"version", constraint.version}};
}

core::Result<Constraint> current_for_change(storage::Connection& connection, const access::Principal& principal,
                                            std::int64_t id, std::optional<int> expected_version)
{
    auto current = rows::select_constraint(connection, id);
    if (!current)
        return core::Error::not_found("Contrainte " + std::to_string(id) +
                                      " introuvable : elle a peut-être été supprimée. Rechargez la liste.");
    BOUSSOLE_TRY(may_write_for(principal, current->organisation_id));
    if (expected_version && *expected_version != current->version)
        return core::Error::conflict("La contrainte a été modifiée par " + current->updated_by +
                                     " depuis votre lecture (version " + std::to_string(current->version) +
                                     ") : rechargez-la et refaites votre modification.");
    return *current;
}

}  // namespace

core::Result<Constraint> declare_constraint(storage::Connection& connection, const access::Principal& principal,
                                            const ConstraintInput& input)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    if (!input.organisation_id || !rows::organisation_exists(connection, *input.organisation_id)) {
        std::vector<core::FieldError> faults{
            fault("organisation_id", "Organisation : obligatoire, une organisation de l'annuaire.")};
        Constraint ignored;
        check_period(input, ignored, faults);
        return invalid_of(std::move(faults));
    }
    BOUSSOLE_TRY(may_write_for(principal, *input.organisation_id));
    std::vector<core::FieldError> faults;
    Constraint constraint;
    constraint.organisation_id = *input.organisation_id;
    check_period(input, constraint, faults);
    if (!faults.empty())
        return invalid_of(std::move(faults));
    auto saved = rows::insert_constraint(connection, constraint, author_of(principal));
    access::record_audit(
        connection, principal,
        {"create", "calendar_constraint", std::to_string(saved.id), std::nullopt, audit_json(saved).dump()});
    return saved;
}

std::optional<Constraint> find_constraint(storage::Connection& connection, std::int64_t id)
{
    return rows::select_constraint(connection, id);
}

core::Result<Constraint> change_constraint(storage::Connection& connection, const access::Principal& principal,
                                           std::int64_t id, int expected_version, const ConstraintInput& input)
{
    auto current = current_for_change(connection, principal, id, expected_version);
    if (!current.ok())
        return std::move(current).error();
    std::vector<core::FieldError> faults;
    Constraint changed = *current;
    check_period(input, changed, faults);
    if (!faults.empty())
        return invalid_of(std::move(faults));
    if (changed.first_day == current->first_day && changed.last_day == current->last_day &&
        changed.kinds == current->kinds && changed.reason == current->reason)
        return *current;
    auto saved = rows::update_constraint(connection, changed, current->version, author_of(principal));
    if (!saved)
        return core::Error::conflict(
            "La contrainte vient d'être modifiée par quelqu'un d'autre : rechargez-la et refaites votre modification.");
    access::record_audit(
        connection, principal,
        {"update", "calendar_constraint", std::to_string(id), audit_json(*current).dump(), audit_json(*saved).dump()});
    return *saved;
}

core::Result<Constraint> withdraw_constraint(storage::Connection& connection, const access::Principal& principal,
                                             std::int64_t id, std::optional<int> expected_version)
{
    auto current = current_for_change(connection, principal, id, expected_version);
    if (!current.ok())
        return std::move(current).error();
    if (!rows::delete_constraint(connection, id, current->version))
        return core::Error::conflict(
            "La contrainte vient d'être modifiée par quelqu'un d'autre : rechargez-la avant de la supprimer.");
    access::record_audit(
        connection, principal,
        {"delete", "calendar_constraint", std::to_string(id), audit_json(*current).dump(), std::nullopt});
    return *current;
}

}  // namespace boussole::calendar
