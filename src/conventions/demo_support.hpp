#pragma once
// The lifecycle moves the demonstration conventions share (demo_conventions
// .cpp, demo_departments.cpp): steps taken by the system, signatures by a
// person of each party. For the demonstration only. Database failures throw
// storage::DatabaseError.

#include "access/principal.hpp"
#include "actors/organisation.hpp"
#include "catalogue/catalogue.hpp"
#include "conventions/convention.hpp"
#include "conventions/lifecycle.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::conventions::demo {

// The signer's name and title, for a party; empty: « Signataire de
// démonstration — party ».
using SignerName = std::function<std::string(const Party& party)>;

// A person of the party who may sign.
access::Principal signer_of(const Party& party, const std::string& name = {});

// Takes a step at the convention's current version.
core::Status step(storage::Connection& connection, const access::Principal& system, std::int64_t id, Step next);

// Signs for the first how_many parties, in the order of the parties.
core::Status sign_all(storage::Connection& connection, std::int64_t id, std::size_t how_many,
                      const SignerName& name = {});

// Ready to sign, signed by every party, in force.
core::Status sign_into_force(storage::Connection& connection, const access::Principal& system, std::int64_t id,
                             const SignerName& name = {});

struct Created {
    int conventions = 0;
    int commitments = 0;
};

// One convention for 2026-2029 for every department without one, except the
// Dordogne, left for a convention made by hand: most in force, some in
// consultation, ready to sign or partly signed, a few amended; local
// commitments and partner annexes chosen from the department's code, so that
// every run writes the same. Nothing for a department that has one.
core::Result<Created> create_department_conventions(storage::Connection& connection, const access::Principal& system,
                                                    const catalogue::Catalogue& catalogue,
                                                    const territory::TerritoryRegistry& registry);

// The organisations present in the departments that speak for the people
// concerned, and the partners, up to four: those a demonstration
// consultation invites (of a convention or of a roadmap).
std::vector<actors::Organisation> consultation_invitees(storage::Connection& connection,
                                                        const std::vector<territory::TerritoryKey>& departments);

// A person of the organisation, contributing to a demonstration consultation.
access::Principal contributor_of(const actors::Organisation& organisation);

}  // namespace boussole::conventions::demo
