#include "access/role.hpp"

namespace boussole::access {

const char* to_string(Role role)
{
    switch (role) {
    case Role::NationalAdmin: return "national_admin";
    case Role::NationalAnalyst: return "national_analyst";
    case Role::TerritorialEditor: return "territorial_editor";
    case Role::TerritorialReader: return "territorial_reader";
    case Role::Partner: return "partner";
    }
    return "territorial_reader";
}

const char* label(Role role)
{
    switch (role) {
    case Role::NationalAdmin: return "Administrateur national";
    case Role::NationalAnalyst: return "Analyste national";
    case Role::TerritorialEditor: return "Contributeur territorial";
    case Role::TerritorialReader: return "Lecteur territorial";
    case Role::Partner: return "Partenaire";
    }
    return "Lecteur territorial";
}

const std::vector<Role>& all_roles()
{
    static const std::vector<Role> kRoles = {Role::NationalAdmin, Role::NationalAnalyst, Role::TerritorialEditor,
                                             Role::TerritorialReader, Role::Partner};
    return kRoles;
}

core::Result<Role> parse_role(std::string_view text)
{
    for (Role role : all_roles())
        if (text == to_string(role))
            return role;
    return core::Error::invalid("Rôle « " + std::string(text) +
                                " » inconnu : attendu national_admin, national_analyst, territorial_editor, "
                                "territorial_reader ou partner.");
}

bool is_national(Role role)
{
    return role == Role::NationalAdmin || role == Role::NationalAnalyst;
}

}  // namespace boussole::access
