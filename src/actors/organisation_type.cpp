#include "actors/organisation_type.hpp"

namespace boussole::actors {

const std::vector<OrganisationType>& organisation_types()
{
    static const std::vector<OrganisationType> kTypes = {
        {"cnsa", "Caisse nationale de solidarité pour l'autonomie (CNSA)", "CNSA", Family::Branch},
        {"ars", "Agence régionale de santé (ARS)", "Agences régionales de santé", Family::Branch},
        {"departement", "Collectivité départementale", "Collectivités départementales", Family::Branch},
        {"mdph", "Maison départementale des personnes handicapées (MDPH)", "MDPH", Family::Branch},
        {"mda", "Maison départementale de l'autonomie (MDA)", "MDA", Family::Branch},
        {"education_nationale", "Éducation nationale", "Éducation nationale", Family::Partner},
        {"dreets", "DREETS / DEETS", "DREETS et DEETS", Family::Partner},
        {"cpam", "Caisse primaire d'assurance maladie (CPAM)", "CPAM", Family::Partner},
        {"caf", "Caisse d'allocations familiales (CAF)", "CAF", Family::Partner},
        {"carsat", "Caisse d'assurance retraite et de la santé au travail (CARSAT)", "CARSAT", Family::Partner},
        {"association", "Association d'usagers", "Associations d'usagers", Family::Partner},
        {"cdca", "Conseil départemental de la citoyenneté et de l'autonomie (CDCA)", "CDCA", Family::Partner},
        {"conference_financeurs", "Conférence des financeurs de la prévention de la perte d'autonomie",
         "Conférences des financeurs", Family::Partner},
    };
    return kTypes;
}

core::Result<const OrganisationType*> find_organisation_type(std::string_view code)
{
    for (const auto& type : organisation_types())
        if (type.code == code)
            return &type;
    std::string known;
    for (const auto& type : organisation_types())
        known += (known.empty() ? "" : ", ") + std::string(type.code);
    return core::Error::invalid("Type d'organisation « " + std::string(code) + " » inconnu. Types attendus : " + known +
                                ".");
}

}  // namespace boussole::actors
