#include "conventions/demo_conventions.hpp"

#include "catalogue/catalogue.hpp"
#include "conventions/commitments.hpp"
#include "conventions/demo_support.hpp"
#include "conventions/lifecycle.hpp"
#include "conventions/template.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace boussole::conventions {

namespace {

enum class Stage { Draft, Consultation, PartlySigned, InForce, Amended };

struct DemoSpec {
    std::vector<std::string> territories;
    std::vector<std::string> partners;
    Stage stage;
};

struct LocalSpec {
    const char* priority;
    const char* title;
    const char* text;
};

constexpr LocalSpec kLocal[] = {
    {"P4", "Développer l'habitat inclusif",
     "Ouvrir des habitats partagés et accompagnés dans chaque bassin de vie, avec les bailleurs sociaux."},
    {"P6", "Soutenir les proches aidants",
     "Structurer l'offre de répit et d'information des aidants autour d'une plateforme départementale."},
    {"P9", "Simplifier l'accès aux droits par un accueil commun",
     "Un premier accueil commun du département, de la MDPH et des services de l'ARS dans chaque territoire."},
};

using demo::sign_all;
using demo::sign_into_force;
using demo::step;

core::Result<int> fill(storage::Connection& connection, const access::Principal& system,
                       const catalogue::Catalogue& catalogue, const Convention& convention)
{
    std::string lead;
    std::string ars;
    for (const auto& party : convention.parties) {
        if (party.role == PartyRole::Departement && lead.empty())
            lead = party.slug;
        if (party.role == PartyRole::Ars && ars.empty())
            ars = party.slug;
    }
    int added = 0;
    for (auto commitment : list_commitments(connection, convention.id)) {
        auto input = input_of(commitment);
        if (commitment.indicator == "mdph_delai_traitement") {
            input.baseline_period = "2025-T2";
            input.baseline_value = 4.6;
        } else if (commitment.indicator == "mdph_taux_satisfaction") {
            input.baseline_period = "2025";
            input.baseline_value = 74;
        } else {
            continue;
        }
        auto changed =
            change_commitment(connection, system, catalogue, convention.id, commitment.id, commitment.version, input);
        if (!changed.ok())
            return std::move(changed).error();
    }
    for (const auto& local : kLocal) {
        CommitmentInput input{"local", "", local.priority, local.title, local.text, lead, {ars}, "", "", {}, {}, ""};
        auto saved = add_commitment(connection, system, catalogue, convention.id, input);
        if (!saved.ok())
            return std::move(saved).error();
        ++added;
    }
    for (const auto& party : convention.parties) {
        if (party.role != PartyRole::Partner)
            continue;
        CommitmentInput input{"partner",
                              party.slug,
                              "P5",
                              "Contribution de " + party.name + " au parcours des personnes",
                              "Volet partenaire : actions menées par " + party.name + " sur la période.",
                              party.slug,
                              {lead},
                              "",
                              "",
                              {},
                              {},
                              ""};
        auto saved = add_commitment(connection, system, catalogue, convention.id, input);
        if (!saved.ok())
            return std::move(saved).error();
        ++added;
    }
    return added;
}

// An amendment: a more ambitious satisfaction target and one more local
// commitment, so that the diff between the two versions shows both.
core::Status amend(storage::Connection& connection, const access::Principal& system,
                   const catalogue::Catalogue& catalogue, const Convention& convention)
{
    BOUSSOLE_TRY(step(connection, system, convention.id, Step::Amend));
    for (auto commitment : list_commitments(connection, convention.id))
        if (commitment.indicator == "mdph_taux_satisfaction") {
            auto input = input_of(commitment);
            input.target_value = 82;
            auto changed = change_commitment(connection, system, catalogue, convention.id, commitment.id,
                                             commitment.version, input);
            if (!changed.ok())
                return std::move(changed).error();
        }
    auto lead = list_commitments(connection, convention.id).front().lead;
    CommitmentInput input{"local",
                          "",
                          "P3",
                          "Prévenir la perte d'autonomie à domicile",
                          "Avenant n° 1 : un programme de prévention porté avec la conférence des financeurs.",
                          lead,
                          {},
                          "",
                          "",
                          {},
                          {},
                          ""};
    auto saved = add_commitment(connection, system, catalogue, convention.id, input);
    if (!saved.ok())
        return std::move(saved).error();
    return sign_into_force(connection, system, convention.id);
}

TemplateInput demo_template()
{
    TemplateInput input;
    input.period_start = 2026;
    input.period_end = 2029;
    input.note = "Socle commun de démonstration (données synthétiques).";
    input.items = {
        {"P2", "Réduire le délai de traitement des demandes MDPH",
         "Ramener le délai moyen de traitement sous trois mois.", "mdph_delai_traitement", 3.0, ""},
        {"P3", "Améliorer la satisfaction des usagers des MDPH", "Mesurée par le baromètre « Ma MDPH, mon avis ».",
         "mdph_taux_satisfaction", 80.0, ""},
        {"P1", "Garantir l'équité d'accès aux droits sur tout le territoire",
         "Réduire les écarts de délais et de pratiques entre territoires du département.", "", std::nullopt, ""},
        {"P7", "Partager les données et piloter ensemble",
         "Transmettre les données du socle chaque trimestre et les examiner en ITA.", "", std::nullopt, ""},
    };
    return input;
}

}  // namespace

core::Result<DemoConventions> create_demo_conventions(storage::Database& database)
{
    return database.write([&](storage::Connection& connection) -> core::Result<DemoConventions> {
        DemoConventions report;
        auto system = access::Principal::system("initialisation de la démonstration");
        auto catalogue = catalogue::Catalogue::load(connection);
        auto registry = territory::TerritoryRegistry::load(connection);
        if (auto existing = latest_template(connection, 2026, 2029)) {
            report.skipped = true;
            // An instance made before every department had its convention
            // gets the missing ones; a template that is not the
            // demonstration's means a real instance, left alone.
            if (existing->note.find("démonstration") != std::string::npos) {
                auto more = demo::create_department_conventions(connection, system, catalogue, registry);
                if (!more.ok())
                    return std::move(more).error();
                report.conventions = more->conventions;
                report.commitments = more->commitments;
                report.skipped = more->conventions == 0;
            }
            auto consulted = create_demo_consultations(connection);
            if (!consulted.ok())
                return std::move(consulted).error();
            report.consultations = *consulted;
            return report;
        }
        auto published = publish_template(connection, system, catalogue, demo_template());
        if (!published.ok())
            return std::move(published).error();
        const std::vector<DemoSpec> specs = {
            {{"DEP-33"}, {"caf-33", "dsden-33"}, Stage::Amended},
            {{"DEP-67", "DEP-68"}, {"dsden-67"}, Stage::InForce},
            {{"DEP-40"}, {}, Stage::Consultation},
            {{"DEP-64"}, {}, Stage::PartlySigned},
            {{"DEP-2A", "DEP-2B"}, {}, Stage::Draft},
        };
        for (const auto& spec : specs) {
            ConventionInput input{"", spec.territories, 2026, 2029, spec.partners};
            auto convention = create_convention(connection, system, registry, input);
            if (!convention.ok())
                return std::move(convention).error();
            auto rename = rename_convention(connection, system, convention->id, convention->version,
                                            convention->title + " (démonstration)");
            if (!rename.ok())
                return std::move(rename).error();
            auto added = fill(connection, system, catalogue, *rename);
            if (!added.ok())
                return std::move(added).error();
            report.commitments += *added + static_cast<int>(published->items.size());
            ++report.conventions;
            if (spec.stage == Stage::Consultation)
                BOUSSOLE_TRY(step(connection, system, convention->id, Step::Consult));
            if (spec.stage == Stage::PartlySigned) {
                BOUSSOLE_TRY(step(connection, system, convention->id, Step::ReadyToSign));
                BOUSSOLE_TRY(sign_all(connection, convention->id, 2));
            }
            if (spec.stage == Stage::InForce || spec.stage == Stage::Amended)
                BOUSSOLE_TRY(sign_into_force(connection, system, convention->id));
            if (spec.stage == Stage::Amended)
                BOUSSOLE_TRY(amend(connection, system, catalogue, *rename));
        }
        auto more = demo::create_department_conventions(connection, system, catalogue, registry);
        if (!more.ok())
            return std::move(more).error();
        report.conventions += more->conventions;
        report.commitments += more->commitments;
        auto consulted = create_demo_consultations(connection);
        if (!consulted.ok())
            return std::move(consulted).error();
        report.consultations = *consulted;
        return report;
    });
}

}  // namespace boussole::conventions
