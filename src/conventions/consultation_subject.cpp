// A convention as the subject of its consultations: read and steered as
// the convention is (convention.hpp), its items are its commitments; and the
// opening of a consultation on a convention being prepared.
#include "conventions/commitments.hpp"
#include "conventions/consultations.hpp"
#include "conventions/convention.hpp"
#include "storage/connection.hpp"

namespace boussole::conventions {

namespace {

constexpr const char* kSubject = "convention";

}  // namespace

Subject convention_subject(const Convention& convention)
{
    Subject subject;
    subject.kind = kSubject;
    subject.id = convention.id;
    subject.may_read = [convention](const access::Principal& principal) { return may_read(principal, convention); };
    subject.may_steer = [convention](const access::Principal& principal, std::string_view what) {
        return may_steer(principal, convention, what);
    };
    subject.item_fault = [id = convention.id](storage::Connection& connection,
                                              std::int64_t item) -> std::optional<std::string> {
        auto commitment = find_commitment(connection, id, item);
        if (commitment && !commitment->deleted)
            return std::nullopt;
        return "Engagement : l'engagement n° " + std::to_string(item) +
               " n'est pas dans cette convention ; laissez vide pour contribuer sur l'ensemble.";
    };
    return subject;
}

core::Result<Subject> resolve_convention_subject(storage::Connection& connection, const Consultation& consultation)
{
    auto convention = find_convention(connection, consultation.subject_id);
    if (consultation.subject_kind != kSubject || !convention)
        return core::Error::not_found("Consultation n° " + std::to_string(consultation.id) +
                                      " introuvable, ou hors du périmètre de votre organisation.");
    return convention_subject(*convention);
}

core::Result<Consultation> open_consultation(storage::Connection& connection, const access::Principal& principal,
                                             std::int64_t convention_id, const ConsultationInput& input)
{
    auto convention = find_convention(connection, convention_id);
    if (!convention || !may_read(principal, *convention).ok())
        return core::Error::not_found("Convention n° " + std::to_string(convention_id) +
                                      " introuvable, ou hors du périmètre de votre organisation.");
    BOUSSOLE_TRY(may_steer(principal, *convention, "ouvrir une consultation sur cette convention"));
    if (convention->status != Status::Draft && convention->status != Status::Consultation)
        return core::Error::conflict(std::string("La convention est « ") + label(convention->status) +
                                     " » : une consultation s'ouvre sur un brouillon ou une convention en "
                                     "consultation.");
    return open_consultation(connection, principal, convention_subject(*convention), input,
                             "Consultation sur la convention");
}

}  // namespace boussole::conventions
