#include "collection/demo_profiles.hpp"

#include <map>
#include <string>

namespace boussole::collection::demo {

namespace {

Profile people(Base base, double rate, double spread, double trend, const char* factor_of = "")
{
    Profile profile;
    profile.base = base;
    profile.rate = rate;
    profile.spread = spread;
    profile.trend = trend;
    profile.factor_of = factor_of;
    return profile;
}

Profile share(const char* parent, double rate, double spread, double trend, double lowest, double highest)
{
    Profile profile;
    profile.base = Base::Parent;
    profile.parent = parent;
    profile.rate = rate;
    profile.spread = spread;
    profile.trend = trend;
    profile.lowest = lowest;
    profile.highest = highest;
    return profile;
}

// A multiple whose spread is a factor: days per decision, euros per ETP.
Profile multiple(const char* parent, double rate, double spread, double trend, double lowest, double highest,
                 const char* factor_of = "")
{
    Profile profile = share(parent, rate, spread, trend, lowest, highest);
    profile.absolute_spread = false;
    profile.factor_of = factor_of;
    return profile;
}

Profile fixed(double count, double spread, double trend)
{
    return people(Base::Fixed, count, spread, trend);
}

// National orders of magnitude from INDICATORS.md where it gives them
// (requests 66 per 1 000 inhabitants, processing 4.5 months, satisfaction 3
// in 4, CFPPA consumption 76 % to 82.5 %, APA 8 % of people aged 60 and
// over, EHPAD 95 to 100 places per 1 000 aged 75 and over), otherwise
// national totals of DREES, CNSA and ANAP publications divided by the
// population concerned.
const std::map<std::string, Profile, std::less<>>& profiles()
{
    static const std::map<std::string, Profile, std::less<>> kProfiles = {
        // MDPH activity, quarterly.
        {"mdph_demandes", people(Base::Total, 0.066, 0.22, 0.02)},
        {"mdph_demandes_en_ligne", share("mdph_demandes", 0.22, 0.08, 0.06, 0.02, 0.9)},
        {"mdph_decisions", share("mdph_demandes", 0.96, 0.05, 0.0, 0.7, 1.15)},
        {"mdph_decisions_enfants", share("mdph_decisions", 0.21, 0.04, 0.0, 0.08, 0.4)},
        // About 4.5 months of 30.4 days per decision.
        {"mdph_jours_traitement_cumules", multiple("mdph_decisions", 134, 0.25, -2, 60, 300)},
        {"mdph_jours_traitement_cumules_enfants",
         multiple("mdph_decisions_enfants", 116, 0.25, -2, 50, 280, "mdph_jours_traitement_cumules")},
        {"mdph_decisions_aah_80", share("mdph_decisions", 0.055, 0.012, 0.0, 0.02, 0.12)},
        {"mdph_decisions_aah_80_sans_limitation", share("mdph_decisions_aah_80", 0.55, 0.1, 0.05, 0.1, 0.95)},
        {"mdph_decisions_rqth", share("mdph_decisions", 0.16, 0.03, 0.0, 0.05, 0.3)},
        {"mdph_decisions_rqth_sans_limitation", share("mdph_decisions_rqth", 0.42, 0.1, 0.04, 0.05, 0.9)},
        {"mdph_orientations_esms", share("mdph_decisions", 0.085, 0.02, 0.0, 0.03, 0.2)},
        {"mdph_orientations_viatrajectoire", share("mdph_orientations_esms", 0.35, 0.15, 0.08, 0.0, 1.0)},
        {"mdph_raccordee_dernier_palier", people(Base::Adoption, 0.25, 0.0, 0.15)},
        // MDPH activity, yearly: 26 requesters per 1 000, 21 % of requests waiting.
        {"mdph_demandeurs", people(Base::Total, 0.026, 0.25, 0.02, "mdph_demandes")},
        {"mdph_demandes_a_traiter", people(Base::Total, 0.083, 0.22, 0.02, "mdph_demandes")},
        {"mdph_demandes_en_stock", share("mdph_demandes_a_traiter", 0.21, 0.06, -0.005, 0.05, 0.5)},
        {"mdph_premieres_attributions_aah", people(Base::From20To64, 0.0029, 0.22, 0.01)},
        {"mdph_repondants", people(Base::Total, 0.0006, 0.5, 0.1)},
        {"mdph_repondants_satisfaits", share("mdph_repondants", 0.75, 0.05, 0.005, 0.5, 0.95)},
        // Governance.
        {"cdca_reunions", fixed(4, 0.3, 0.0)},
        {"fdr_actions", fixed(22, 0.35, 0.08)},
        {"fdr_actions_coconstruites", share("fdr_actions", 0.3, 0.12, 0.04, 0.0, 1.0)},
        // Prevention: about 190 M€ a year for 18 million people aged 60 and over.
        {"cfppa_montants_notifies", people(Base::From60, 10.5, 0.15, 0.03)},
        {"cfppa_montants_engages", share("cfppa_montants_notifies", 0.795, 0.07, 0.015, 0.45, 0.99)},
        {"cfppa_beneficiaires", people(Base::From60, 0.06, 0.35, 0.03)},
        // Allowances: APA 8 % of people aged 60 and over, 60 % of them at home.
        {"apa_beneficiaires_domicile", people(Base::From60, 0.047, 0.2, 0.01)},
        {"apa_beneficiaires_etablissement", people(Base::From60, 0.031, 0.2, 0.005, "apa_beneficiaires_domicile")},
        {"pch_actp_beneficiaires_moins_20", people(Base::Under20, 0.0022, 0.3, 0.05)},
        {"pch_actp_beneficiaires_20_59", people(Base::From20To59, 0.0075, 0.25, 0.03)},
        {"pch_actp_beneficiaires_60_plus", people(Base::From60, 0.0053, 0.3, 0.02)},
        // Supply for disabled people.
        {"places_etablissements_enfants_handicapes", people(Base::Under20, 0.007, 0.22, 0.005)},
        {"jeunes_adultes_creton", share("places_etablissements_enfants_handicapes", 0.05, 0.02, -0.002, 0.0, 0.15)},
        {"habitat_inclusif_places", people(Base::Total, 0.00006, 0.6, 0.35)},
        {"eleves_handicap_scolarises", people(Base::Under20, 0.029, 0.15, 0.05)},
        {"eleves_handicap_milieu_ordinaire", share("eleves_handicap_scolarises", 0.81, 0.04, 0.006, 0.6, 0.97)},
        // Supply for older people: EHPAD 97 places per 1 000 aged 75 and over.
        {"ehpad_places", people(Base::From75, 0.097, 0.18, -0.008)},
        {"ssiad_spasad_places", people(Base::From75, 0.019, 0.2, 0.0)},
        {"accueil_jour_places", people(Base::From75, 0.0023, 0.3, 0.01)},
        {"hebergement_temporaire_places", people(Base::From75, 0.0017, 0.35, 0.02)},
        // Staff and finances of the ESMS (ANAP dashboard).
        {"esms_etp_reels", people(Base::Total, 0.012, 0.2, 0.01)},
        {"esms_effectif_moyen", share("esms_etp_reels", 1.12, 0.04, 0.0, 1.0, 1.4)},
        {"esms_jours_absence_hors_formation", multiple("esms_etp_reels", 36, 0.18, 0.6, 15, 70)},
        {"esms_arrivees_personnels", share("esms_effectif_moyen", 0.16, 0.04, 0.004, 0.05, 0.4)},
        {"esms_departs_personnels", share("esms_effectif_moyen", 0.15, 0.04, 0.004, 0.05, 0.4)},
        {"esms_etp_prevus", share("esms_etp_reels", 1.05, 0.02, 0.0, 1.0, 1.2)},
        {"esms_etp_vacants", share("esms_etp_prevus", 0.04, 0.015, 0.002, 0.0, 0.15)},
        {"ehpad_journees_theoriques", share("ehpad_places", 365, 0.0, 0.0, 365, 365)},
        {"ehpad_journees_realisees", share("ehpad_journees_theoriques", 0.93, 0.025, 0.005, 0.8, 0.995)},
        {"esms_produits", multiple("esms_etp_reels", 62000, 0.12, 1500, 40000, 90000)},
        {"esms_caf", share("esms_produits", 0.03, 0.025, 0.0, -0.05, 0.1)},
        {"investissement_credits_notifies", people(Base::Total, 6.0, 0.45, 0.05)},
        {"investissement_credits_engages", share("investissement_credits_notifies", 0.78, 0.12, 0.02, 0.3, 1.0)},
        {"ogd_dotation", people(Base::Total, 450, 0.12, 0.035)},
        {"ogd_depenses", share("ogd_dotation", 0.985, 0.01, 0.001, 0.95, 1.0)},
        // Information systems.
        {"esms_autorises", people(Base::Total, 0.0006, 0.2, 0.005)},
        {"ror_esms_decrits", share("esms_autorises", 0.62, 0.12, 0.07, 0.2, 1.0)},
        {"viatrajectoire_esms_declarant_places", share("esms_autorises", 0.35, 0.15, 0.07, 0.05, 1.0)},
        {"esms_equipes_dui", people(Base::Total, 0.00028, 0.25, 0.15, "esms_autorises")},
        {"sidoba_informations_attendues", fixed(480, 0.25, 0.0)},
        {"sidoba_informations_renseignees", share("sidoba_informations_attendues", 0.55, 0.15, 0.08, 0.1, 1.0)},
    };
    return kProfiles;
}

}  // namespace

Profile guessed_profile(const catalogue::DataElement& element)
{
    if (element.minimum == 0.0 && element.maximum == 1.0 && element.value_type == catalogue::ValueType::Integer)
        return people(Base::Adoption, 0.3, 0.0, 0.1);
    if (!element.not_above_code.empty())
        return share(element.not_above_code.c_str(), 0.5, 0.1, 0.0, 0.0, 1.0);
    const std::string& unit = element.unit;
    if (unit == "euros")
        return people(Base::Total, 50, 0.3, 0.02);
    if (unit == "places")
        return people(Base::From75, 0.005, 0.3, 0.0);
    if (unit == "jours" || unit == "journées")
        return people(Base::Total, 0.05, 0.3, 0.0);
    if (unit == "%")
        return fixed(50, 0.2, 0.0);
    return people(Base::Total, 0.001, 0.3, 0.02);
}

Profile profile_of(const catalogue::DataElement& element)
{
    auto found = profiles().find(element.code);
    return found == profiles().end() ? guessed_profile(element) : found->second;
}

}  // namespace boussole::collection::demo
