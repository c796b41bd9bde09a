#include "conventions/demo_support.hpp"

#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::conventions::demo {

access::Principal signer_of(const Party& party, const std::string& name)
{
    access::Principal principal;
    principal.kind = access::PrincipalKind::User;
    principal.organisation_id = party.organisation_id;
    principal.role = party.role == PartyRole::Cnsa      ? access::Role::NationalAdmin
                     : party.role == PartyRole::Partner ? access::Role::Partner
                                                        : access::Role::TerritorialEditor;
    principal.scope = party.role == PartyRole::Cnsa ? access::Scope::everywhere() : access::Scope::nowhere();
    principal.can_write = true;
    principal.label = name.empty() ? "Signataire de démonstration — " + party.name : name;
    principal.display_name = principal.label;
    return principal;
}

core::Status step(storage::Connection& connection, const access::Principal& system, std::int64_t id, Step next)
{
    auto convention = find_convention(connection, id);
    auto moved = take_step(connection, system, id, convention->version, next);
    if (!moved.ok())
        return std::move(moved).error();
    return {};
}

core::Status sign_all(storage::Connection& connection, std::int64_t id, std::size_t how_many, const SignerName& name)
{
    auto convention = find_convention(connection, id);
    for (std::size_t index = 0; index < convention->parties.size() && index < how_many; ++index) {
        const auto& party = convention->parties[index];
        auto signed_by =
            sign_convention(connection, signer_of(party, name ? name(party) : std::string()), id, std::nullopt);
        if (!signed_by.ok())
            return std::move(signed_by).error();
    }
    return {};
}

core::Status sign_into_force(storage::Connection& connection, const access::Principal& system, std::int64_t id,
                             const SignerName& name)
{
    BOUSSOLE_TRY(step(connection, system, id, Step::ReadyToSign));
    BOUSSOLE_TRY(sign_all(connection, id, 100, name));
    return step(connection, system, id, Step::EnterIntoForce);
}

namespace {
constexpr const char* kInvitedTypes[] = {"cdca", "association", "conference_financeurs", "caf", "cpam", "mdph", "mda"};
}

std::vector<actors::Organisation> consultation_invitees(storage::Connection& connection,
                                                        const std::vector<territory::TerritoryKey>& departments)
{
    std::vector<actors::Organisation> found;
    for (const auto* type : kInvitedTypes)
        for (const auto& key : departments)
            for (auto& organisation : actors::organisations_in_territory(connection, key))
                if (found.size() < 4 && organisation.type && organisation.type->code == type &&
                    std::none_of(found.begin(), found.end(), [&](const auto& o) { return o.id == organisation.id; }))
                    found.push_back(std::move(organisation));
    return found;
}

access::Principal contributor_of(const actors::Organisation& organisation)
{
    access::Principal principal;
    principal.kind = access::PrincipalKind::User;
    principal.organisation_id = organisation.id;
    principal.role = access::Role::Partner;
    principal.label = "Contributeur de démonstration — " + organisation.name;
    principal.display_name = principal.label;
    return principal;
}

}  // namespace boussole::conventions::demo
