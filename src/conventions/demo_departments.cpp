// The demonstration conventions of every department beyond the few written
// by hand in demo_conventions.cpp. What varies (commitments, partners,
// targets, signers, dates, state) is drawn from a hash of the department's
// code, so that two instances show the same demonstration.
#include "actors/organisation.hpp"
#include "conventions/commitments.hpp"
#include "conventions/demo_support.hpp"
#include "conventions/template.hpp"
#include "core/clock.hpp"
#include "storage/connection.hpp"

#include <array>
#include <set>

namespace boussole::conventions::demo {

namespace {

using namespace std::chrono;

constexpr int kStart = 2026;
constexpr int kEnd = 2029;
// The Dordogne is left for the convention its agents make by hand.
constexpr const char* kLeftOut = "DEP-24";

enum class Stage { InForce, Consultation, ReadyToSign, PartlySigned, Amended };

// One department in twenty of each of the rarer states, the rest in force.
Stage stage_at(std::size_t position)
{
    switch (position % 20) {
    case 3:
    case 13: return Stage::Consultation;
    case 7: return Stage::ReadyToSign;
    case 11: return Stage::PartlySigned;
    case 5:
    case 16: return Stage::Amended;
    default: return Stage::InForce;
    }
}

// FNV-1a: stable across platforms and runs, unlike std::hash.
std::uint32_t seed_of(std::string_view text)
{
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : text)
        hash = (hash ^ c) * 16777619u;
    return hash;
}

std::size_t pick(std::uint32_t seed, std::uint32_t salt, std::size_t count)
{
    return (seed_of(std::to_string(seed) + ":" + std::to_string(salt))) % count;
}

struct LocalText {
    const char* priority;
    const char* title;
    const char* text;  // followed by " " + the department with its preposition
};

constexpr std::array<LocalText, 10> kLocal = {{
    {"P6", "Développer l'habitat inclusif",
     "Ouvrir des habitats partagés et accompagnés dans chaque bassin de vie, avec les bailleurs sociaux et l'aide à "
     "la vie partagée, sur tout le territoire"},
    {"P7", "Soutenir les proches aidants",
     "Structurer l'offre de répit et d'information des aidants autour d'une plateforme et de relais locaux, dans "
     "chaque arrondissement"},
    {"P2", "Un premier accueil commun dans chaque bassin de vie",
     "Organiser un premier accueil commun du département, de la MDPH et de l'ARS dans les maisons France services"},
    {"P4", "Prévenir les chutes des personnes âgées à domicile",
     "Déployer avec la conférence des financeurs un programme de prévention des chutes dans les communes rurales"},
    {"P5", "Trouver une réponse aux situations complexes",
     "Réunir chaque mois une commission des situations complexes associant l'ARS, le département, la MDPH et les "
     "établissements"},
    {"P8", "Recruter et former les professionnels de l'aide à domicile",
     "Lancer avec le service public de l'emploi un plan de recrutement et de formation des aides à domicile"},
    {"P10", "Partager chaque année un diagnostic des besoins",
     "Publier un diagnostic partagé des besoins et de l'offre, examiné chaque année en ITA, pour le territoire"},
    {"P1", "Réduire le non-recours à l'APA",
     "Aller vers les personnes âgées isolées repérées par les CCAS et les caisses de retraite, pour leur ouvrir "
     "leurs droits sur tout le territoire"},
    {"P3", "Associer les personnes concernées au pilotage",
     "Associer le CDCA à chaque étape de la feuille de route et lui rendre compte de la suite donnée à ses avis, "
     "dans chaque territoire"},
    {"P9", "Dématérialiser les échanges entre la MDPH et ses partenaires",
     "Échanger sans papier ni ressaisie les décisions de la MDPH avec la CAF et les services du département"},
}};

struct PartnerText {
    const char* type;
    const char* priority;
    const char* title;
    const char* text;
};

constexpr std::array<PartnerText, 4> kPartner = {{
    {"education_nationale", "P5", "Scolariser les élèves en situation de handicap",
     "Suivre avec la MDPH les notifications d'accompagnement par un AESH et réunir les équipes de suivi de la "
     "scolarisation avant chaque rentrée."},
    {"dreets", "P6", "Accompagner vers l'emploi les personnes en situation de handicap",
     "Mobiliser le service public de l'emploi et l'emploi accompagné pour les personnes orientées par la MDPH vers le "
     "milieu ordinaire."},
    {"caf", "P5", "Accompagner les familles d'enfants en situation de handicap",
     "Informer chaque famille bénéficiaire de l'AEEH de ses droits et ouvrir des places d'accueil du jeune enfant "
     "inclusives."},
    {"carsat", "P4", "Prévenir la perte d'autonomie des retraités fragiles",
     "Financer des ateliers collectifs de prévention et l'adaptation du logement des retraités repérés comme "
     "fragiles."},
}};

constexpr std::array<const char*, 12> kWomen = {"Claire",  "Hélène", "Sophie", "Nathalie", "Isabelle", "Catherine",
                                                "Valérie", "Anne",   "Élodie", "Agnès",    "Florence", "Sandrine"};
constexpr std::array<const char*, 12> kMen = {"Philippe", "Laurent", "Olivier", "Christophe", "Thierry", "Stéphane",
                                              "Frédéric", "Jérôme",  "Éric",    "Pascal",     "Nicolas", "Bruno"};
constexpr std::array<const char*, 24> kSurnames = {"Martin",  "Bernard",  "Dubois",  "Lefèvre", "Moreau",    "Garnier",
                                                   "Roussel", "Fournier", "Girard",  "Mercier", "Lambert",   "Bonnet",
                                                   "Faure",   "Rousseau", "Blanc",   "Guérin",  "Chevalier", "Perrin",
                                                   "Morel",   "Gauthier", "Lemoine", "Renaud",  "Barbier",   "Arnaud"};

// "Hélène Garnier (démo), présidente": the same person for an organisation
// in every convention it signs.
std::string signer_name(const Party& party)
{
    auto seed = seed_of(party.slug);
    bool woman = seed % 2 == 0;
    std::string first = woman ? kWomen[pick(seed, 1, kWomen.size())] : kMen[pick(seed, 1, kMen.size())];
    std::string name = first + " " + kSurnames[pick(seed, 2, kSurnames.size())] + " (démo), ";
    switch (party.role) {
    case PartyRole::Cnsa: return name + (woman ? "directrice de la CNSA" : "directeur de la CNSA");
    case PartyRole::Ars: return name + (woman ? "directrice générale" : "directeur général");
    case PartyRole::Departement: return name + (woman ? "présidente" : "président");
    case PartyRole::Mdph: return name + (woman ? "directrice" : "directeur");
    default:
        if (party.slug.starts_with("dsden") || party.slug.starts_with("rectorat"))
            return name + (woman ? "directrice académique" : "directeur académique");
        if (party.slug.starts_with("dreets"))
            return name + (woman ? "directrice régionale" : "directeur régional");
        return name + (woman ? "directrice" : "directeur");
    }
}

// The signatures as they were given: one party after the other from the
// first day, rather than all at the moment of the demonstration.
void date_signatures(storage::Connection& connection, std::int64_t id, sys_days first, std::uint32_t seed)
{
    auto convention = find_convention(connection, id);
    int offset = 0;
    for (const auto& party : convention->parties) {
        if (!party.signed_at)
            continue;
        core::Timestamp at = first + days{offset} + hours{9 + static_cast<int>(pick(seed, offset, 8))};
        connection.execute(
            "UPDATE convention_parties SET signed_at = $1 WHERE convention_id = $2 AND organisation_id = $3",
            {core::to_iso8601(at), id, party.organisation_id});
        offset += 1 + static_cast<int>(pick(seed, 100 + offset, 4));
    }
}

core::Status sign_dated(storage::Connection& connection, const access::Principal& system, std::int64_t id,
                        sys_days first, std::uint32_t seed)
{
    BOUSSOLE_TRY(step(connection, system, id, Step::ReadyToSign));
    BOUSSOLE_TRY(sign_all(connection, id, 100, signer_name));
    date_signatures(connection, id, first, seed);
    return step(connection, system, id, Step::EnterIntoForce);
}

template <typename T>
core::Status saved(core::Result<T> result)
{
    if (!result.ok())
        return std::move(result).error();
    return {};
}

// Baselines from 2025 and targets at or beyond the national ones.
core::Status set_targets(storage::Connection& connection, const access::Principal& system,
                         const catalogue::Catalogue& catalogue, std::int64_t id, std::uint32_t seed)
{
    for (const auto& commitment : list_commitments(connection, id)) {
        auto input = input_of(commitment);
        if (commitment.indicator == "mdph_delai_traitement") {
            input.baseline_period = "2025-T2";
            input.baseline_value = 3.4 + static_cast<double>(pick(seed, 10, 20)) / 10;
            if (pick(seed, 11, 3) == 0)
                input.target_value = 2.5;
        } else if (commitment.indicator == "mdph_taux_satisfaction") {
            input.baseline_period = "2025";
            input.baseline_value = 66 + static_cast<double>(pick(seed, 12, 13));
            if (pick(seed, 13, 3) == 0)
                input.target_value = 82;
        } else {
            continue;
        }
        BOUSSOLE_TRY(
            saved(change_commitment(connection, system, catalogue, id, commitment.id, commitment.version, input)));
    }
    return {};
}

struct Built {
    int commitments = 0;
    std::size_t first_local = 0;
};

core::Result<Built> fill(storage::Connection& connection, const access::Principal& system,
                         const catalogue::Catalogue& catalogue, const Convention& convention,
                         const territory::Territory& department, std::uint32_t seed)
{
    std::string lead, ars, mdph;
    for (const auto& party : convention.parties) {
        if (party.role == PartyRole::Departement && lead.empty())
            lead = party.slug;
        if (party.role == PartyRole::Ars && ars.empty())
            ars = party.slug;
        if (party.role == PartyRole::Mdph && mdph.empty())
            mdph = party.slug;
    }
    BOUSSOLE_TRY(set_targets(connection, system, catalogue, convention.id, seed));
    Built built{0, pick(seed, 20, kLocal.size())};
    // Three distinct texts: offsets 0, 3 and 7 never meet modulo 10.
    for (std::size_t offset : {0u, 3u, 7u}) {
        const auto& local = kLocal[(built.first_local + offset) % kLocal.size()];
        std::vector<std::string> contributors{ars};
        if (offset == 3 && !mdph.empty())
            contributors.push_back(mdph);
        CommitmentInput input{"local",
                              "",
                              local.priority,
                              local.title,
                              std::string(local.text) + " " + department.with_preposition() + ".",
                              lead,
                              contributors,
                              "",
                              "",
                              {},
                              {},
                              ""};
        BOUSSOLE_TRY(saved(add_commitment(connection, system, catalogue, convention.id, input)));
        ++built.commitments;
    }
    for (const auto& party : convention.parties) {
        if (party.role != PartyRole::Partner)
            continue;
        auto organisation = actors::find_organisation_by_slug(connection, party.slug);
        for (const auto& text : kPartner)
            if (organisation.ok() && organisation->type && organisation->type->code == text.type) {
                CommitmentInput input{
                    "partner", party.slug, text.priority, text.title, text.text, party.slug, {lead, mdph}, "", "", {},
                    {},        ""};
                BOUSSOLE_TRY(saved(add_commitment(connection, system, catalogue, convention.id, input)));
                ++built.commitments;
            }
    }
    return built;
}

// Avenant n° 1: a more ambitious satisfaction target, a local commitment
// rewritten and one more, so that the diff shows a change and an addition.
core::Result<int> amend(storage::Connection& connection, const access::Principal& system,
                        const catalogue::Catalogue& catalogue, const Convention& convention,
                        const territory::Territory& department, const Built& built, std::uint32_t seed)
{
    BOUSSOLE_TRY(step(connection, system, convention.id, Step::Amend));
    std::string lead;
    for (auto commitment : list_commitments(connection, convention.id)) {
        auto input = input_of(commitment);
        if (commitment.indicator == "mdph_taux_satisfaction") {
            input.target_value = 85;
        } else if (commitment.section == Section::Local && commitment.title == kLocal[built.first_local].title) {
            input.text += " L'avenant n° 1 en double l'ambition et y associe les communes volontaires.";
            lead = commitment.lead;
        } else {
            continue;
        }
        BOUSSOLE_TRY(saved(
            change_commitment(connection, system, catalogue, convention.id, commitment.id, commitment.version, input)));
    }
    const auto& added = kLocal[(built.first_local + 5) % kLocal.size()];
    CommitmentInput input{"local",
                          "",
                          added.priority,
                          added.title,
                          "Avenant n° 1 : " + std::string(added.text) + " " + department.with_preposition() + ".",
                          lead,
                          {},
                          "",
                          "",
                          {},
                          {},
                          ""};
    BOUSSOLE_TRY(saved(add_commitment(connection, system, catalogue, convention.id, input)));
    BOUSSOLE_TRY(sign_dated(connection, system, convention.id,
                            sys_days{year{kStart} / June / 8} + days{pick(seed, 30, 40)}, seed));
    return 1;
}

// One or two partners of the department for their annexes, among the
// Éducation nationale, the DREETS, the CAF and the Carsat present there.
std::vector<std::string> partners_of(storage::Connection& connection, const territory::TerritoryKey& key,
                                     std::uint32_t seed)
{
    std::vector<std::string> candidates;
    for (const auto& text : kPartner)
        for (const auto& organisation : actors::organisations_in_territory(connection, key))
            if (organisation.active && organisation.type && organisation.type->code == text.type) {
                candidates.push_back(organisation.slug);
                break;
            }
    std::vector<std::string> chosen;
    if (candidates.empty())
        return chosen;
    auto first = pick(seed, 40, candidates.size());
    chosen.push_back(candidates[first]);
    if (candidates.size() > 1 && pick(seed, 41, 2) == 0)
        chosen.push_back(candidates[(first + 1 + pick(seed, 42, candidates.size() - 1)) % candidates.size()]);
    return chosen;
}

std::set<std::string> covered(storage::Connection& connection)
{
    std::set<std::string> keys;
    for (auto row : connection.query(
             "SELECT territory_key FROM convention_territories WHERE period_start <= $2 AND period_end >= $1",
             {kStart, kEnd}))
        keys.insert(row.text("territory_key"));
    return keys;
}

}  // namespace

core::Result<Created> create_department_conventions(storage::Connection& connection, const access::Principal& system,
                                                    const catalogue::Catalogue& catalogue,
                                                    const territory::TerritoryRegistry& registry)
{
    Created created;
    auto existing = covered(connection);
    auto template_items = latest_template(connection, kStart, kEnd)->items.size();
    auto today = floor<days>(core::now());
    const auto& departments = registry.departments();
    for (std::size_t position = 0; position < departments.size(); ++position) {
        const auto& department = *departments[position];
        auto key = department.key.to_string();
        if (key == kLeftOut || existing.contains(key))
            continue;
        auto seed = seed_of(department.key.code());
        ConventionInput input{"", {key}, kStart, kEnd, partners_of(connection, department.key, seed)};
        auto convention = create_convention(connection, system, registry, input);
        if (!convention.ok())
            return std::move(convention).error();
        auto renamed = rename_convention(connection, system, convention->id, convention->version,
                                         convention->title + " (démonstration)");
        if (!renamed.ok())
            return std::move(renamed).error();
        auto built = fill(connection, system, catalogue, *renamed, department, seed);
        if (!built.ok())
            return std::move(built).error();
        created.commitments += built->commitments + static_cast<int>(template_items);
        ++created.conventions;
        auto id = convention->id;
        auto signed_from = sys_days{year{kStart} / January / 12} + days{pick(seed, 50, 70)};
        switch (stage_at(position)) {
        case Stage::Consultation: BOUSSOLE_TRY(step(connection, system, id, Step::Consult)); break;
        case Stage::ReadyToSign: BOUSSOLE_TRY(step(connection, system, id, Step::ReadyToSign)); break;
        case Stage::PartlySigned:
            BOUSSOLE_TRY(step(connection, system, id, Step::ReadyToSign));
            BOUSSOLE_TRY(sign_all(connection, id, 1 + pick(seed, 60, 2), signer_name));
            date_signatures(connection, id, today - days{20}, seed);
            break;
        case Stage::InForce: BOUSSOLE_TRY(sign_dated(connection, system, id, signed_from, seed)); break;
        case Stage::Amended: {
            BOUSSOLE_TRY(sign_dated(connection, system, id, signed_from, seed));
            auto amended =
                amend(connection, system, catalogue, *find_convention(connection, id), department, *built, seed);
            if (!amended.ok())
                return std::move(amended).error();
            ++created.commitments;
            break;
        }
        }
    }
    return created;
}

}  // namespace boussole::conventions::demo
