// boussole: the steering and cooperation platform of the branche Autonomie.
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/french_cli.hpp"
#include "cli/import_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#ifndef BOUSSOLE_VERSION
#define BOUSSOLE_VERSION "0.0.0"
#endif

int main(int argc, char** argv)
{
    using namespace boussole::cli;
    CLI::App app{"Boussole — pilotage et coopération de la branche Autonomie", "boussole"};
    make_french(app);
    app.require_subcommand(1);
    // Global options (--db, --share-dir…) may follow the command: "boussole init --db …".
    app.fallthrough();
    Config config;
    add_global_options(app, config);

    auto* serve = app.add_subcommand("serve", "Sert l'application web et l'API");
    add_server_options(*serve, config);

    bool demo = false;
    auto* init = app.add_subcommand("init", "Crée ou met à jour la base : schéma et données de référence");
    init->add_flag("--demo", demo, "Ajoute les comptes de démonstration (données fictives)");

    auto* migrate = app.add_subcommand("migrate", "Applique les migrations de schéma en attente");

    ImportOptions import_options;
    auto* import = add_import_command(app, import_options);

    auto* user = app.add_subcommand("user", "Gère les comptes");
    user->require_subcommand(1);
    user->fallthrough();
    UserAddOptions add_options;
    auto* user_add = user->add_subcommand("add", "Crée un compte");
    user_add->add_option("--email", add_options.email, "Adresse électronique (identifiant de connexion)")->required();
    user_add->add_option("--name", add_options.name, "Nom affiché")->required();
    user_add
        ->add_option("--organisation", add_options.organisation, "Organisation (identifiant : cnsa, ars-75, cd-33…)")
        ->required();
    user_add
        ->add_option("--role", add_options.role,
                     "Rôle : national_admin, national_analyst, territorial_editor, territorial_reader, partner")
        ->required();
    user_add->add_option("--password", add_options.password,
                         "Mot de passe (sinon lu dans BOUSSOLE_PASSWORD ou sur l'entrée standard)");
    bool demo_logins = false;
    auto* user_list = user->add_subcommand("list", "Liste les comptes");
    user_list->add_flag("--demo-logins", demo_logins,
                        "N'affiche que les comptes de démonstration et leur mot de passe");
    std::string disable_email;
    auto* user_disable = user->add_subcommand("disable", "Désactive un compte (ses sessions sont fermées)");
    user_disable->add_option("email", disable_email, "Adresse du compte")->required();

    auto* version = app.add_subcommand("version", "Affiche la version");
    for (auto* command : {serve, init, migrate, import, user, version})
        command->group("Commandes");
    for (auto* command : {user_add, user_list, user_disable})
        command->group("Commandes");

    if (auto status = apply_config_file(app, argc, argv); !status.ok()) {
        std::cerr << "Erreur : " << status.error().message << "\n";
        return 1;
    }
    CLI11_PARSE(app, argc, argv);

    if (*serve)
        return run_serve(config);
    if (*init)
        return run_init(config, demo);
    if (*migrate)
        return run_migrate(config);
    if (*import)
        return run_import(config, import_options);
    if (*user_add)
        return run_user_add(config, add_options);
    if (*user_list)
        return run_user_list(config, demo_logins);
    if (*user_disable)
        return run_user_disable(config, disable_email);
    if (*version) {
        std::cout << "boussole " << BOUSSOLE_VERSION << "\n";
        return 0;
    }
    return 1;
}
