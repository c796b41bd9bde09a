#include "conventions/demo_support.hpp"

#include "storage/connection.hpp"

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

}  // namespace boussole::conventions::demo
