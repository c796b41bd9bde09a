#include "cli/import_command.hpp"

#include "access/users.hpp"
#include "catalogue/catalogue.hpp"
#include "cli/commands.hpp"
#include "collection/import.hpp"
#include "core/csv.hpp"
#include "core/french.hpp"
#include "storage/database_error.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string_view>

namespace boussole::cli {

namespace {

constexpr int kRefused = 1;
constexpr int kUnreachable = 2;
constexpr long kProgressStep = 100000;

// The principal the import is attributed to: the account given by --as, or
// the system itself.
core::Result<access::Principal> acting_principal(storage::Database& database,
                                                 const territory::TerritoryRegistry& registry, const std::string& email)
{
    if (email.empty())
        return access::Principal::system("ligne de commande");
    return database.read([&](storage::Connection& connection) -> core::Result<access::Principal> {
        auto user = access::find_user_by_email(connection, email);
        if (!user.ok())
            return core::Error::not_found("Aucun compte « " + email +
                                          " » : vérifiez l'adresse (boussole user list) ou importez sans --as.");
        if (!user->active)
            return core::Error::forbidden("Le compte « " + user->email +
                                          " » est désactivé : il ne peut pas importer de données.");
        auto principal = access::principal_for_user(connection, registry, *user);
        principal.label = user->email;
        return principal;
    });
}

void print_report(const collection::Import& import)
{
    bool refused = import.status == collection::ImportStatus::Refused;
    std::cout << "Import n° " << import.id << " de « " << import.file_name
              << " » : " << collection::label(import.status) << (refused ? ", rien n'a été écrit" : "") << " (mode "
              << collection::label(import.mode) << ").\n";
    if (!import.dialect.empty())
        std::cout << "Format lu : " << import.dialect << ".\n";
    std::cout << "Lignes lues : " << core::format_integer(import.lines_total)
              << " ; valeurs écrites : " << core::format_integer(import.values_written)
              << " ; inchangées : " << core::format_integer(import.values_unchanged)
              << " ; lignes refusées : " << core::format_integer(import.lines_rejected) << ".\n";
    auto errors = import.errors_listed();
    if (errors > 0) {
        std::cout << (import.lines_rejected > errors ? "Les " + std::to_string(errors) + " premières erreurs :\n"
                                                     : std::string("Erreurs :\n"));
        for (const auto& line : import.report) {
            if (line.warning)
                continue;
            std::cout << "  - ";
            if (line.line)
                std::cout << "ligne " << *line.line << ", ";
            std::cout << line.field;
            if (!line.value.empty())
                std::cout << " « " << line.value << " »";
            std::cout << " : " << line.message;
            if (!line.expected.empty())
                std::cout << " Attendu : " << line.expected << ".";
            std::cout << "\n";
        }
    }
    bool warned = false;
    for (const auto& line : import.report) {
        if (!line.warning)
            continue;
        if (!warned)
            std::cout << "Valeurs écrites à vérifier :\n";
        warned = true;
        std::cout << "  - ligne " << line.line.value_or(0) << ", " << line.field << " « " << line.value
                  << " » : " << line.message << "\n";
    }
    if (refused && import.lines_rejected > 0)
        std::cout << "Corrigez ces lignes puis relancez la commande, ou ajoutez --mode valid_lines pour n'écrire "
                     "que les lignes valides.\n";
}

// Reads the territories, catalogue and principal, then imports. Throws
// storage::DatabaseError when the database fails.
int import_file(storage::Database& database, const ImportOptions& options, collection::ImportSettings settings,
                std::string_view bytes, collection::WriteMode mode)
{
    auto [registry, catalogue] = database.read([](storage::Connection& connection) {
        return std::pair(territory::TerritoryRegistry::load(connection), catalogue::Catalogue::load(connection));
    });
    if (registry.departments().empty() || catalogue.elements().empty()) {
        std::cerr << "Erreur : la base " << database.description()
                  << " n'a pas de territoires ou pas de catalogue : lancez d'abord « boussole init ».\n";
        return kRefused;
    }
    auto principal = acting_principal(database, registry, options.as_email);
    if (!principal.ok()) {
        print_error(principal.error());
        return kRefused;
    }

    long next_report = kProgressStep;
    settings.progress = [&next_report](long lines) {
        if (lines < next_report)
            return;
        std::cerr << "… " << core::format_integer(lines) << " lignes lues\n" << std::flush;
        next_report = (lines / kProgressStep + 1) * kProgressStep;
    };
    auto import =
        collection::run_import(database, *principal, registry, catalogue, options.file, bytes, mode, settings);
    if (!import.ok()) {
        print_error(import.error());
        return kRefused;
    }
    print_report(*import);
    return import->status == collection::ImportStatus::Refused ? kRefused : 0;
}

}  // namespace

CLI::App* add_import_command(CLI::App& app, ImportOptions& options)
{
    auto* command =
        app.add_subcommand("import", "Importe un fichier CSV de valeurs (donnee;territoire;periode;valeur)");
    command->add_option("fichier", options.file, "Fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Windows-1252)")
        ->required()
        ->type_name("FICHIER");
    command
        ->add_option("--mode", options.mode,
                     "all_or_nothing : rien n'est écrit si une ligne est fautive (par défaut) ; valid_lines : les "
                     "lignes valides sont écrites, les autres signalées")
        ->type_name("MODE");
    command->add_option("--as", options.as_email, "Compte auquel l'import est attribué (adresse électronique)")
        ->type_name("ADRESSE");
    command->add_option("--max-size", options.max_mib, "Taille maximale du fichier, en Mio (50 par défaut)")
        ->envname("BOUSSOLE_IMPORT_MAX_MIB")
        ->type_name("MIO")
        ->check(CLI::Range(1, 4096));
    return command;
}

int run_import(const Config& config, const ImportOptions& options)
{
    auto mode = collection::parse_write_mode(options.mode);
    if (!mode.ok()) {
        print_error(mode.error());
        return kRefused;
    }
    collection::ImportSettings settings;
    settings.max_bytes = options.max_mib * 1024 * 1024;
    std::error_code size_error;
    auto size = std::filesystem::file_size(options.file, size_error);
    if (!size_error && size > settings.max_bytes) {
        print_error(collection::file_too_large(options.file, size, settings.max_bytes));
        return kRefused;
    }
    auto bytes = core::read_file(options.file);
    if (!bytes.ok()) {
        print_error(bytes.error());
        return kUnreachable;
    }

    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    try {
        return import_file(*database, options, settings, *bytes, *mode);
    } catch (const storage::DatabaseError& error) {
        // The import's transaction was rolled back with the failure, or died
        // with the connection. Running the command again is safe either way:
        // values already stored count as unchanged.
        std::cerr << "Erreur : la base " << database->description() << " a échoué pendant l'import (" << error.what()
                  << ") : l'import n'a pas abouti et sa transaction, interrompue, n'a rien écrit. Relancez la commande "
                     "quand la base est de nouveau disponible ; une valeur déjà enregistrée compte comme inchangée.\n";
        return kUnreachable;
    }
}

}  // namespace boussole::cli
