#include "access/user_lookup.hpp"

#include "access/policy.hpp"

namespace boussole::access {

core::Result<User> view_user(storage::Connection& connection, const Principal& principal, std::int64_t id)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    auto user = find_user(connection, id);
    if (!user.ok())
        return user;
    if (principal.is_national_admin() || principal.organisation_id == user->organisation_id)
        return user;
    return core::Error::forbidden(
        "Vous ne pouvez consulter que les comptes de votre organisation ; pour un autre "
        "compte, adressez-vous à un administrateur national.");
}

}  // namespace boussole::access
