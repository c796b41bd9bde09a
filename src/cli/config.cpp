#include "cli/config.hpp"

#include <toml++/toml.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <string_view>

namespace boussole::cli {

namespace {

// The TOML keys and the option each sets.
struct Binding {
    const char* key;
    const char* option;
};
constexpr Binding kBindings[] = {
    {"database", "--db"},
    {"share_dir", "--share-dir"},
    {"log_level", "--log-level"},
    {"address", "--address"},
    {"port", "--port"},
    {"threads", "--threads"},
    {"secure_cookies", "--secure-cookies"},
};

std::string config_path(int argc, const char* const* argv)
{
    for (int i = 1; i < argc; ++i) {
        std::string_view argument = argv[i];
        if (argument == "--config" && i + 1 < argc)
            return argv[i + 1];
        if (argument.rfind("--config=", 0) == 0)
            return std::string(argument.substr(9));
    }
    const char* from_environment = std::getenv("BOUSSOLE_CONFIG");
    return from_environment ? from_environment : "";
}

CLI::Option* find_option(CLI::App& app, const std::string& name)
{
    if (auto* option = app.get_option_no_throw(name))
        return option;
    for (auto* subcommand : app.get_subcommands({}))
        if (auto* option = subcommand->get_option_no_throw(name))
            return option;
    return nullptr;
}

}  // namespace

void add_global_options(CLI::App& app, Config& config)
{
    app.add_option("--config", "Fichier de configuration TOML (sous les options et l'environnement)")
        ->envname("BOUSSOLE_CONFIG")
        ->type_name("FICHIER");
    app.add_option("--db", config.database, "Base de données : sqlite:chemin.db ou postgresql://…")
        ->envname("BOUSSOLE_DB")
        ->type_name("URL")
        ->capture_default_str();
    app.add_option("--share-dir", config.share_dir,
                   "Dossier des gabarits, ressources statiques et données de référence")
        ->envname("BOUSSOLE_SHARE_DIR")
        ->type_name("DOSSIER");
    app.add_option("--log-level", config.log_level, "Niveau de journalisation : debug, info, warn, error")
        ->envname("BOUSSOLE_LOG_LEVEL")
        ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
        ->type_name("NIVEAU")
        ->capture_default_str();
}

void add_server_options(CLI::App& serve, Config& config)
{
    serve.add_option("--address", config.address, "Adresse d'écoute")
        ->envname("BOUSSOLE_ADDRESS")
        ->type_name("ADRESSE")
        ->capture_default_str();
    serve.add_option("--port", config.port, "Port d'écoute (0 : un port libre)")
        ->envname("BOUSSOLE_PORT")
        ->type_name("PORT")
        ->capture_default_str();
    serve.add_option("--threads", config.threads, "Fils de traitement des requêtes (0 : automatique)")
        ->envname("BOUSSOLE_THREADS")
        ->type_name("NOMBRE")
        ->capture_default_str();
    serve
        .add_option("--secure-cookies", config.secure_cookies,
                    "Cookies de session marqués Secure (true, sauf derrière un accès HTTP de test)")
        ->envname("BOUSSOLE_SECURE_COOKIES")
        ->type_name("BOOLÉEN")
        ->capture_default_str();
}

core::Status apply_config_file(CLI::App& app, int argc, const char* const* argv)
{
    std::string path = config_path(argc, argv);
    if (path.empty())
        return {};
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        const auto& where = error.source().begin;
        return core::Error::invalid("Fichier de configuration « " + path + " », ligne " + std::to_string(where.line) +
                                    " : " + std::string(error.description()) + ".");
    }
    for (const auto& [key, value] : table) {
        const Binding* binding = nullptr;
        for (const auto& candidate : kBindings)
            if (key.str() == candidate.key)
                binding = &candidate;
        if (!binding)
            return core::Error::invalid("Fichier de configuration « " + path + " » : clé « " + std::string(key.str()) +
                                        " » inconnue. Clés possibles : database, share_dir, log_level, address, "
                                        "port, threads, secure_cookies.");
        std::string text;
        if (auto string = value.value<std::string>())
            text = *string;
        else if (auto integer = value.value<std::int64_t>())
            text = std::to_string(*integer);
        else if (auto boolean = value.value<bool>())
            text = *boolean ? "true" : "false";
        else
            return core::Error::invalid("Fichier de configuration « " + path + " » : valeur de « " +
                                        std::string(key.str()) + " » de type inattendu.");
        if (auto* option = find_option(app, binding->option))
            option->default_str(text)->default_val(text);
    }
    return {};
}

}  // namespace boussole::cli
