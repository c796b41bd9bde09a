#include "access/policy.hpp"

namespace boussole::access {

core::Status require_authenticated(const Principal& principal)
{
    if (!principal.authenticated())
        return core::Error::unauthenticated("Connexion requise : connectez-vous pour continuer.");
    return {};
}

core::Status require_national_admin(const Principal& principal, std::string_view what)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    if (!principal.is_national_admin() || !principal.can_write)
        return core::Error::forbidden("Seuls les administrateurs nationaux peuvent " + std::string(what) + ".");
    return {};
}

core::Status require_territorial_write(const Principal& principal,
                                       const std::vector<territory::TerritoryKey>& territories, std::string_view what)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    if (principal.is_national_admin() && principal.can_write)
        return {};
    bool editor = principal.kind == PrincipalKind::ApiToken || principal.role == Role::TerritorialEditor;
    if (!editor || !principal.can_write)
        return core::Error::forbidden("Votre rôle (" + std::string(label(principal.role)) + ") ne permet pas de " +
                                      std::string(what) + ".");
    for (const auto& key : territories)
        if (!principal.scope.covers(key))
            return core::Error::forbidden("Vous ne pouvez pas " + std::string(what) + " : le territoire " +
                                          key.to_string() + " n'est pas dans le périmètre de votre organisation.");
    if (territories.empty())
        return core::Error::forbidden("Vous ne pouvez pas " + std::string(what) +
                                      " : réservé aux administrateurs nationaux.");
    return {};
}

core::Status require_territorial_read(const Principal& principal, const territory::TerritoryKey& territory)
{
    BOUSSOLE_TRY(require_authenticated(principal));
    if (principal.scope.covers(territory) || is_national(principal.role))
        return {};
    return core::Error::forbidden("Le territoire " + territory.to_string() +
                                  " n'est pas dans le périmètre de votre organisation.");
}

}  // namespace boussole::access
