// Synthetic consultations on two demonstration roadmaps: the Gironde's,
// open, with contributions of the invited organisations on the whole
// roadmap and on its actions, most of them answered; the Nord's, just
// opened, with one contribution waiting for its answer. Marked as a
// demonstration in their titles and texts. Does nothing when a roadmap
// consultation exists already, so that a second run creates nothing.
#include "actors/organisation.hpp"
#include "conventions/demo_support.hpp"
#include "core/clock.hpp"
#include "steering/demo_steering.hpp"
#include "steering/roadmap.hpp"
#include "steering/roadmap_consultations.hpp"
#include "storage/connection.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>

namespace boussole::steering {

namespace {

using conventions::Answer;

constexpr const char* kAnyRoadmapConsultation = "SELECT id FROM consultations WHERE subject_kind = 'roadmap' LIMIT 1";

std::string day_from_today(int days)
{
    return core::to_iso8601(core::now() + std::chrono::days(days)).substr(0, 10);
}

struct DemoContribution {
    bool on_action;
    const char* text;
    std::optional<Answer> answer;
    const char* reason;
};

constexpr DemoContribution kContributions[] = {
    {false,
     "Associer les personnes concernées au comité de suivi de la feuille de route, avec un point d'étape "
     "semestriel ouvert au CDCA. (Contribution de démonstration.)",
     Answer::Taken, ""},
    {true,
     "Cette action gagnerait à prévoir un relais dans chaque territoire de proximité, pas seulement au chef-lieu. "
     "(Contribution de démonstration.)",
     Answer::Partly, "Deux relais sont ajoutés en 2027 ; les autres territoires suivront selon le bilan."},
    {true,
     "Reporter l'échéance de cette action d'un an pour laisser aux établissements le temps de s'organiser. "
     "(Contribution de démonstration.)",
     Answer::NotTaken, "L'échéance suit l'engagement de la convention ; un accompagnement renforcé est prévu."},
    {false, "Publier la feuille de route en facile à lire et à comprendre (FALC). (Contribution de démonstration.)",
     std::nullopt, ""},
};

core::Result<int> consult(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                          const char* key, int first, int count, int opened_days_ago)
{
    auto territory = steered_territory(connection, registry, key);
    if (!territory.ok())
        return 0;
    auto invited = conventions::demo::consultation_invitees(connection, territory->departments);
    auto actions = list_actions(connection, *territory, {}, ActionSort::DueDate, false, today());
    if (invited.empty() || actions.empty())
        return 0;
    auto system = access::Principal::system("initialisation de la démonstration");
    conventions::ConsultationInput input{"Consultation sur la feuille de route (démonstration)",
                                         day_from_today(-opened_days_ago),
                                         day_from_today(30),
                                         {}};
    for (const auto& organisation : invited)
        input.invited.push_back(organisation.slug);
    auto opened = open_roadmap_consultation(connection, system, *territory, input);
    if (!opened.ok())
        return std::move(opened).error();
    auto resolve = subject_resolver(registry);
    for (int index = first; index < first + count; ++index) {
        const auto& demo = kContributions[static_cast<std::size_t>(index) % std::size(kContributions)];
        conventions::ContributionInput given{std::nullopt, demo.text};
        if (demo.on_action)
            given.commitment_id = actions[static_cast<std::size_t>(index) % actions.size()].id;
        auto saved = conventions::contribute(
            connection, conventions::demo::contributor_of(invited[static_cast<std::size_t>(index) % invited.size()]),
            opened->id, given, resolve);
        if (!saved.ok())
            return std::move(saved).error();
        if (demo.answer) {
            auto answered = conventions::answer_contribution(connection, system, opened->id, saved->id, saved->version,
                                                             *demo.answer, demo.reason, resolve);
            if (!answered.ok())
                return std::move(answered).error();
        }
    }
    return 1;
}

}  // namespace

core::Result<int> create_demo_roadmap_consultations(storage::Connection& connection,
                                                    const territory::TerritoryRegistry& registry)
{
    if (!connection.query(kAnyRoadmapConsultation).empty())
        return 0;
    int opened = 0;
    for (auto [key, first, count, days_ago] : {std::tuple{"DEP-33", 0, 4, 12}, std::tuple{"DEP-59", 3, 1, 1}}) {
        auto done = consult(connection, registry, key, first, count, days_ago);
        if (!done.ok())
            return done;
        opened += *done;
    }
    return opened;
}

}  // namespace boussole::steering
