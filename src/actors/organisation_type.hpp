#pragma once
// The kinds of organisations of the branch and of its partners. The codes are
// stored; the labels are what people read.

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace boussole::actors {

enum class Family { Branch, Partner };

struct OrganisationType {
    std::string_view code;    // "ars"
    std::string_view label;   // "Agence régionale de santé (ARS)"
    std::string_view plural;  // "Agences régionales de santé"
    Family family;
};

// In display order: CNSA, ARS, departmental collectivities, MDPH, MDA, then partners.
const std::vector<OrganisationType>& organisation_types();

// Invalid with the list of known codes when unknown.
core::Result<const OrganisationType*> find_organisation_type(std::string_view code);

}  // namespace boussole::actors
