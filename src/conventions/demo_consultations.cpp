// Synthetic consultations for a demonstration instance: one on the
// Landes' convention (in consultation) with contributions of the invited
// organisations, most of them answered, and one on the Corsican draft just
// opened. Marked as a demonstration in their titles and texts. Does nothing
// when a consultation exists already, so that a restart never duplicates.
#include "actors/organisation.hpp"
#include "conventions/commitments.hpp"
#include "conventions/consultations.hpp"
#include "conventions/convention.hpp"
#include "conventions/demo_conventions.hpp"
#include "conventions/demo_support.hpp"
#include "storage/connection.hpp"

#include "core/clock.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>

namespace boussole::conventions {

namespace {

std::string day_from_today(int days)
{
    return core::to_iso8601(core::now() + std::chrono::days(days)).substr(0, 10);
}

std::optional<std::int64_t> convention_of(storage::Connection& connection, const char* territory)
{
    auto rows =
        connection.query("SELECT convention_id FROM convention_territories WHERE territory_key = $1", {territory});
    if (rows.empty())
        return std::nullopt;
    return rows.front().integer("convention_id");
}

struct DemoContribution {
    bool on_commitment;
    const char* text;
    std::optional<Answer> answer;
    const char* reason;
};

constexpr DemoContribution kContributions[] = {
    {false,
     "Les personnes concernées souhaitent être associées au suivi de la convention : proposer deux sièges en "
     "instance territoriale aux associations d'usagers. (Contribution de démonstration.)",
     Answer::Taken, ""},
    {true,
     "Le délai de traitement devrait être suivi séparément pour les premières demandes et les renouvellements. "
     "(Contribution de démonstration.)",
     Answer::Partly, "Le suivi séparé sera présenté en instance, mais l'indicateur national reste celui du socle."},
    {true,
     "Ajouter un engagement sur l'accessibilité des transports vers les accueils de jour. (Contribution de "
     "démonstration.)",
     Answer::NotTaken, "Relève de l'autorité organisatrice des mobilités ; à porter dans la feuille de route."},
    {false, "Prévoir une version en facile à lire et à comprendre (FALC) de la convention signée.", std::nullopt, ""},
};

core::Result<int> consult(storage::Connection& connection, const access::Principal& system, std::int64_t id,
                          int contributions)
{
    auto convention = find_convention(connection, id);
    if (!convention)
        return 0;
    auto invited = demo::consultation_invitees(connection, convention->territories);
    if (invited.empty())
        return 0;
    ConsultationInput input{
        "Consultation des usagers et des partenaires (démonstration)", day_from_today(-10), day_from_today(20), {}};
    for (const auto& organisation : invited)
        input.invited.push_back(organisation.slug);
    auto opened = open_consultation(connection, system, id, input);
    if (!opened.ok())
        return std::move(opened).error();
    auto commitments = list_commitments(connection, id);
    for (int index = 0; index < contributions; ++index) {
        const auto& demo = kContributions[index % std::size(kContributions)];
        ContributionInput given{std::nullopt, demo.text};
        // The first socle item is the processing delay the second text speaks of.
        if (demo.on_commitment && !commitments.empty())
            given.commitment_id = (index == 1 ? commitments.front() : commitments.back()).id;
        auto saved =
            contribute(connection, demo::contributor_of(invited[static_cast<std::size_t>(index) % invited.size()]),
                       opened->id, given);
        if (!saved.ok())
            return std::move(saved).error();
        if (demo.answer) {
            auto answered = answer_contribution(connection, system, opened->id, saved->id, saved->version, *demo.answer,
                                                demo.reason);
            if (!answered.ok())
                return std::move(answered).error();
        }
    }
    return 1;
}

}  // namespace

core::Result<int> create_demo_consultations(storage::Connection& connection)
{
    if (!connection.query("SELECT id FROM consultations WHERE subject_kind = 'convention'").empty())
        return 0;
    auto system = access::Principal::system("initialisation de la démonstration");
    int opened = 0;
    for (auto [territory, contributions] : {std::pair{"DEP-40", 4}, std::pair{"DEP-2A", 1}}) {
        auto id = convention_of(connection, territory);
        if (!id)
            continue;
        auto done = consult(connection, system, *id, contributions);
        if (!done.ok())
            return std::move(done).error();
        opened += *done;
    }
    return opened;
}

}  // namespace boussole::conventions
