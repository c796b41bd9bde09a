#include "instance/demo.hpp"

#include "access/users.hpp"
#include "instance/settings.hpp"

namespace boussole::instance {

const std::vector<DemoAccount>& demo_accounts()
{
    static const std::vector<DemoAccount> kAccounts = {
        {"admin.national@demo.boussole.invalid", "Camille Martin (démo)", "cnsa", "national_admin",
         "cadre national, comptes, toutes les fiches"},
        {"analyste.national@demo.boussole.invalid", "Dominique Bernard (démo)", "cnsa", "national_analyst",
         "lecture de tout le territoire"},
        {"ars.nouvelle-aquitaine@demo.boussole.invalid", "Claude Petit (démo)", "ars-75", "territorial_editor",
         "les 12 départements de Nouvelle-Aquitaine"},
        {"cd.gironde@demo.boussole.invalid", "Alex Durand (démo)", "cd-33", "territorial_editor",
         "la Gironde seulement"},
        {"mdph.gironde@demo.boussole.invalid", "Sacha Leroy (démo)", "mdph-33", "territorial_reader",
         "lecture de la Gironde"},
        {"caf.gironde@demo.boussole.invalid", "Morgan Moreau (démo)", "caf-33", "partner", "partenaire en Gironde"},
        {"metropole.lyon@demo.boussole.invalid", "Charlie Simon (démo)", "metropole-lyon", "territorial_editor",
         "le Rhône (69), partagé avec le Département du Rhône"},
    };
    return kAccounts;
}

core::Result<int> create_demo_accounts(storage::Database& database)
{
    return database.write([&](storage::Connection& connection) -> core::Result<int> {
        int created = 0;
        auto system = access::Principal::system("initialisation de la démonstration");
        for (const auto& account : demo_accounts()) {
            if (access::find_user_by_email(connection, account.email).ok())
                continue;
            auto user = access::create_user(
                connection, system,
                {account.email, account.display_name, account.organisation_slug, account.role, kDemoPassword, true});
            if (!user.ok())
                return std::move(user).error();
            ++created;
        }
        write_setting(connection, kDemoSetting, "1");
        return created;
    });
}

}  // namespace boussole::instance
