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

core::Result<Constraint> declare_constraint(storage::Connection& connection, const access::Principal& principal,
                                            const ConstraintInput& input)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    std::vector<core::FieldError> faults;
    Constraint constraint;
    if (!input.organisation_id || !rows::organisation_exists(connection, *input.organisation_id))
        faults.push_back(fault("organisation_id", "Organisation : obligatoire, une organisation de l'annuaire."));
    else
        constraint.organisation_id = *input.organisation_id;
    if (!faults.empty() || !(principal.is_national_admin() && principal.can_write)) {
        bool own = input.organisation_id && principal.organisation_id == input.organisation_id && principal.can_write;
        if (faults.empty() && !own)
            return core::Error::forbidden(
                "Seule l'organisation concernée (ou l'équipe nationale) peut déclarer ses contraintes de calendrier.");
    }
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
    for (const auto& code : input.kinds) {
        auto kind = parse_event_kind(code);
        if (!kind.ok()) {
            faults.push_back(fault("kinds", kind.error().message, code));
            break;
        }
        constraint.kinds.push_back(*kind);
    }
    constraint.reason = std::string(core::trim(input.reason));
    if (constraint.reason.empty() || core::utf8_length(constraint.reason) > 200 ||
        !core::is_valid_utf8(constraint.reason))
        faults.push_back(fault("reason", "Motif : obligatoire, 200 caractères au plus (« Vote du budget », « Été »)."));
    if (!faults.empty()) {
        auto message = faults.size() == 1
                           ? faults.front().message
                           : std::to_string(faults.size()) + " champs à corriger. " + faults.front().message;
        return core::Error::invalid(std::move(message), std::move(faults));
    }
    constraint.first_day = *first;
    constraint.last_day = *last;
    auto author = principal.display_name.empty() ? principal.label : principal.display_name;
    auto saved = rows::insert_constraint(connection, constraint, author);
    access::record_audit(connection, principal,
                         {"create", "calendar_constraint", std::to_string(saved.id), std::nullopt,
                          nlohmann::json{{"organisation_id", saved.organisation_id},
                                         {"first_day", input.first_day},
                                         {"last_day", input.last_day},
                                         {"kinds", input.kinds},
                                         {"reason", saved.reason}}
                              .dump()});
    return saved;
}

}  // namespace boussole::calendar
