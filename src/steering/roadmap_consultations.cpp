#include "steering/roadmap_consultations.hpp"

#include "steering/roadmap.hpp"

namespace boussole::steering {

conventions::Subject roadmap_subject(const SteeredTerritory& territory)
{
    conventions::Subject subject;
    subject.kind = kRoadmapSubject;
    subject.id = 0;
    subject.key = territory.key.to_string();
    subject.may_read = [territory](const access::Principal& principal) { return may_read(principal, territory); };
    subject.may_steer = [territory](const access::Principal& principal, std::string_view what) {
        return may_write(principal, territory, std::string(what) + " sur la feuille de route de " + territory.name);
    };
    subject.item_fault = [territory](storage::Connection& connection, std::int64_t item) -> std::optional<std::string> {
        auto action = find_action(connection, territory, item);
        if (action && !action->deleted)
            return std::nullopt;
        return "Action : l'action n° " + std::to_string(item) +
               " n'est pas dans la feuille de route de ce territoire ; laissez vide pour contribuer sur l'ensemble.";
    };
    return subject;
}

core::Result<conventions::Consultation> open_roadmap_consultation(storage::Connection& connection,
                                                                  const access::Principal& principal,
                                                                  const SteeredTerritory& territory,
                                                                  const conventions::ConsultationInput& input)
{
    BOUSSOLE_TRY(may_read(principal, territory));
    return conventions::open_consultation(connection, principal, roadmap_subject(territory), input,
                                          "Consultation sur la feuille de route commune");
}

std::vector<conventions::Consultation> list_roadmap_consultations(storage::Connection& connection,
                                                                  const SteeredTerritory& territory)
{
    return conventions::list_consultations(connection, kRoadmapSubject, 0, territory.key.to_string());
}

core::Result<SteeredTerritory> consulted_territory(storage::Connection& connection,
                                                   const territory::TerritoryRegistry& registry,
                                                   const conventions::Consultation& consultation)
{
    if (consultation.subject_kind != kRoadmapSubject)
        return core::Error::not_found("Consultation n° " + std::to_string(consultation.id) +
                                      " : elle ne porte pas sur une feuille de route.");
    return steered_territory(connection, registry, consultation.subject_key);
}

conventions::SubjectResolver subject_resolver(const territory::TerritoryRegistry& registry)
{
    return [&registry](storage::Connection& connection,
                       const conventions::Consultation& consultation) -> core::Result<conventions::Subject> {
        if (consultation.subject_kind != kRoadmapSubject)
            return conventions::resolve_convention_subject(connection, consultation);
        auto territory = consulted_territory(connection, registry, consultation);
        if (!territory.ok())
            return core::Error::not_found("Consultation n° " + std::to_string(consultation.id) +
                                          " introuvable, ou hors du périmètre de votre organisation.");
        return roadmap_subject(*territory);
    };
}

}  // namespace boussole::steering
