#pragma once
// Consultations on a territory's common roadmap. The consultations
// themselves (periods, invitations, contributions, answers) are the
// conventions module's, generic over their subject; this module, which
// knows both the conventions and the roadmaps, says what a roadmap subject
// is: whoever may read the territory reads it, its territorial editors
// steer it (open a consultation, answer), and its items are the roadmap's
// actions. It also resolves the subject of any consultation for the layer
// above. Thread-safety: reentrant. Database failures throw
// storage::DatabaseError.

#include "conventions/consultations.hpp"
#include "steering/territory.hpp"

namespace boussole::steering {

inline constexpr const char* kRoadmapSubject = "roadmap";

// The roadmap of the territory as a consultation subject.
conventions::Subject roadmap_subject(const SteeredTerritory& territory);

// Opens a consultation on the territory's roadmap (title defaults to
// « Consultation sur la feuille de route commune »). Forbidden outside the
// territory's editors; Invalid, field named, as for a convention.
core::Result<conventions::Consultation> open_roadmap_consultation(storage::Connection& connection,
                                                                  const access::Principal& principal,
                                                                  const SteeredTerritory& territory,
                                                                  const conventions::ConsultationInput& input);

// The consultations of the territory's roadmap, latest first.
std::vector<conventions::Consultation> list_roadmap_consultations(storage::Connection& connection,
                                                                  const SteeredTerritory& territory);

// Resolves a convention or a roadmap subject; the registry must outlive the
// resolver.
conventions::SubjectResolver subject_resolver(const territory::TerritoryRegistry& registry);

// The steered territory of a roadmap consultation; NotFound for another
// kind of consultation.
core::Result<SteeredTerritory> consulted_territory(storage::Connection& connection,
                                                   const territory::TerritoryRegistry& registry,
                                                   const conventions::Consultation& consultation);

}  // namespace boussole::steering
