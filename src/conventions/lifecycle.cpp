#include "conventions/lifecycle.hpp"

#include "access/policy.hpp"
#include "conventions/commitment_store.hpp"
#include "conventions/convention_store.hpp"
#include "conventions/versions.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace boussole::conventions {

namespace {

constexpr std::size_t kLongestAssessment = 5000;

struct Move {
    Step step;
    std::vector<Status> from;
    Status to;
    const char* what;     // completes "… ne permet pas de …"
    const char* refusal;  // why the status forbids it
};

const std::vector<Move>& moves()
{
    static const std::vector<Move> kMoves = {
        {Step::Consult,
         {Status::Draft},
         Status::Consultation,
         "ouvrir la consultation sur cette convention",
         "seul un brouillon s'ouvre à la consultation."},
        {Step::ReadyToSign,
         {Status::Draft, Status::Consultation},
         Status::ReadyToSign,
         "présenter cette convention à la signature",
         "seul un brouillon ou un texte en consultation se présente à "
         "la signature."},
        {Step::Reopen,
         {Status::Consultation, Status::ReadyToSign},
         Status::Draft,
         "rouvrir cette convention en brouillon",
         "seul un texte en consultation ou prêt à signer se rouvre ; une "
         "convention en vigueur se modifie par avenant."},
        {Step::EnterIntoForce,
         {Status::Signed},
         Status::InForce,
         "faire entrer cette convention en vigueur",
         "elle entre en vigueur une fois signée par toutes les parties."},
        {Step::Amend,
         {Status::InForce},
         Status::Draft,
         "ouvrir un avenant à cette convention",
         "seule une convention en vigueur se modifie par avenant."},
        {Step::Close,
         {Status::InForce},
         Status::Closed,
         "clore cette convention",
         "seule une convention en vigueur se clôt, avec le bilan de chaque engagement."},
    };
    return kMoves;
}

// Writes the final assessment of every commitment; Invalid naming those
// without one.
core::Status write_assessments(storage::Connection& connection, std::int64_t convention_id,
                               const std::map<std::int64_t, std::string>& assessments, const Author& author)
{
    std::vector<core::FieldError> missing;
    auto commitments = list_commitments(connection, convention_id);
    for (const auto& commitment : commitments) {
        auto found = assessments.find(commitment.id);
        auto text = found == assessments.end() ? std::string() : std::string(core::trim(found->second));
        if (text.empty() || !core::is_valid_utf8(text) || core::utf8_length(text) > kLongestAssessment)
            missing.push_back({"assessments." + std::to_string(commitment.id),
                               "Bilan de « " + commitment.title + " » : obligatoire, 5 000 caractères au plus.",
                               std::nullopt, std::nullopt});
    }
    if (!missing.empty()) {
        // Built before missing is moved into the error.
        auto message = std::to_string(missing.size()) +
                       " engagement(s) sans bilan final : la clôture demande le bilan de chacun. " +
                       missing.front().message;
        return core::Error::invalid(std::move(message), std::move(missing));
    }
    for (auto commitment : commitments) {
        commitment.final_assessment = std::string(core::trim(assessments.at(commitment.id)));
        auto lead_id = store::organisation_id(connection, commitment.lead).value_or(0);
        store::update(connection, commitment, lead_id, commitment.version, author);
    }
    return {};
}

// Who may sign for a party: a person (a signature engages someone) of that
// organisation who edits; a national administrator for the CNSA; a
// partner's member for a partner.
core::Status may_sign(const access::Principal& principal, const Party& party)
{
    if (principal.kind != access::PrincipalKind::User)
        return core::Error::forbidden(
            "Une signature engage une personne : connectez-vous avec votre compte pour signer.");
    bool allowed =
        principal.can_write &&
        (principal.role == access::Role::TerritorialEditor || principal.role == access::Role::NationalAdmin ||
         (party.role == PartyRole::Partner && principal.role == access::Role::Partner));
    if (!allowed)
        return core::Error::forbidden("Votre rôle (" + std::string(access::label(principal.role)) +
                                      ") ne permet pas de signer pour « " + party.name +
                                      " » : demandez à une personne habilitée de votre organisation.");
    return {};
}

}  // namespace

const char* to_string(Step step)
{
    switch (step) {
    case Step::Consult: return "consult";
    case Step::ReadyToSign: return "ready_to_sign";
    case Step::Reopen: return "reopen";
    case Step::EnterIntoForce: return "enter_into_force";
    case Step::Amend: return "amend";
    default: return "close";
    }
}

core::Result<Step> parse_step(std::string_view text)
{
    for (const auto& move : moves())
        if (text == to_string(move.step))
            return move.step;
    return core::Error::invalid("Étape : attendu consult, ready_to_sign, reopen, enter_into_force, amend ou close.",
                                {{"step", "Étape inconnue.", std::nullopt, std::string(text)}});
}

core::Result<Convention> take_step(storage::Connection& connection, const access::Principal& principal,
                                   std::int64_t convention_id, int expected_version, Step step,
                                   const std::map<std::int64_t, std::string>& assessments)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto current = find_convention(connection, convention_id);
    if (!current || !may_read(principal, *current).ok())
        return store::not_found(convention_id);
    const auto& move = *std::find_if(moves().begin(), moves().end(), [&](const Move& m) { return m.step == step; });
    BOUSSOLE_TRY(may_steer(principal, *current, move.what));
    if (current->version != expected_version)
        return store::stale(*current, expected_version);
    if (std::find(move.from.begin(), move.from.end(), current->status) == move.from.end())
        return core::Error::conflict("La convention est « " + std::string(label(current->status)) +
                                     " » : " + move.refusal);
    auto author = Author::of(principal);
    if (step == Step::Close)
        BOUSSOLE_TRY(write_assessments(connection, convention_id, assessments, author));
    auto after = *current;
    after.status = move.to;
    if (step == Step::Amend)
        after.amendment += 1;
    if (step == Step::Amend || step == Step::Reopen)
        store::clear_signatures(connection, convention_id);
    auto saved = store::update(connection, after, current->version, author);
    if (!saved)
        return store::raced();
    if (step == Step::EnterIntoForce)
        record_version(connection, *saved, author.name, author.at);
    store::audit(connection, principal, to_string(step), &*current, *saved);
    return *saved;
}

core::Result<Convention> sign_convention(storage::Connection& connection, const access::Principal& principal,
                                         std::int64_t convention_id, std::optional<int> expected_version)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto current = find_convention(connection, convention_id);
    if (!current || !may_read(principal, *current).ok())
        return store::not_found(convention_id);
    const Party* party = principal.organisation_id ? current->party_of(*principal.organisation_id) : nullptr;
    if (!party)
        return core::Error::forbidden(
            "Votre organisation n'est pas partie à cette convention : seules ses parties la "
            "signent.");
    BOUSSOLE_TRY(may_sign(principal, *party));
    if (expected_version && current->version != *expected_version)
        return store::stale(*current, *expected_version);
    if (current->status != Status::ReadyToSign)
        return core::Error::conflict("La convention est « " + std::string(label(current->status)) +
                                     " » : elle se signe une fois présentée à la signature.");
    if (party->signed_at)
        return core::Error::conflict("« " + party->name + " » a déjà signé, par " + party->signed_by + ".");
    auto author = Author::of(principal);
    store::sign(connection, convention_id, party->organisation_id, principal, author);
    auto after = *find_convention(connection, convention_id);
    if (after.all_signed())
        after.status = Status::Signed;
    auto saved = store::update(connection, after, current->version, author);
    if (!saved)
        return store::raced();
    store::audit(connection, principal, "sign", &*current, *saved);
    return *saved;
}

}  // namespace boussole::conventions
