#pragma once
// Changes to organisations. Contact details are kept up to date by the
// organisation's own territory (a territorial editor whose scope covers every
// territory it covers) or nationally; identity and coverage are national.
// Every change checks the version read by the editor (Conflict when stale) and
// is written to the audit log with before and after.

#include "actors/organisation.hpp"

namespace boussole::actors {

struct ContactChanges {
    std::optional<std::string> description;
    std::optional<std::string> website;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> address;
};

core::Result<Organisation> update_contact(storage::Connection& connection, const access::Principal& principal,
                                          std::int64_t id, int expected_version, const ContactChanges& changes);

struct NewOrganisation {
    std::string slug;  // lower-case letters, digits and dashes
    std::string type;
    std::string name;
    std::string short_name;                // the name when empty
    std::vector<std::string> territories;  // keys: "DEP-33", "REG-75"
    std::string origin = "user";
};

// National administrators only: partners such as a CPAM or an association.
core::Result<Organisation> create_organisation(storage::Connection& connection, const access::Principal& principal,
                                               const territory::TerritoryRegistry& registry,
                                               const NewOrganisation& organisation);

}  // namespace boussole::actors
