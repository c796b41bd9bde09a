#include "cli/french_cli.hpp"

#include <CLI/CLI.hpp>

namespace boussole::cli {

namespace {

// The part of a CLI11 message after its first colon: the option or value it
// is about, which needs no translation.
std::string detail_of(const std::string& message)
{
    auto colon = message.find(':');
    return colon == std::string::npos ? std::string() : message.substr(colon + 1);
}

std::string french_failure(const CLI::App* app, const CLI::Error& error)
{
    std::string name = error.get_name();
    std::string detail = detail_of(error.what());
    std::string message;
    if (name == "RequiredError")
        message = "Option ou commande obligatoire manquante :" + detail;
    else if (name == "ExtrasError")
        message = "Arguments inattendus :" + detail;
    else if (name == "ConversionError")
        message = "Valeur invalide :" + detail;
    else if (name == "ValidationError")
        message = "Valeur refusée :" + detail;
    else if (name == "ArgumentMismatch")
        message = "Nombre d'arguments incorrect :" + detail;
    else if (name == "ExcludesError")
        message = "Options incompatibles :" + detail;
    else if (name == "RequiresError")
        message = "Option requise par une autre :" + detail;
    else if (name == "FileError")
        message = "Fichier introuvable :" + detail;
    else
        message = "Ligne de commande invalide : " + std::string(error.what());
    std::string help = app && app->get_help_ptr() ? app->get_help_ptr()->get_name() : std::string("--help");
    return "Erreur : " + message + "\nAide : " + (app ? app->get_name() : std::string("boussole")) + " " + help + "\n";
}

}  // namespace

void make_french(CLI::App& app)
{
    auto formatter = app.get_formatter();
    formatter->label("Usage", "Utilisation");
    formatter->label("OPTIONS", "OPTIONS");
    formatter->label("SUBCOMMAND", "COMMANDE");
    formatter->label("SUBCOMMANDS", "COMMANDES");
    formatter->label("Positionals", "Arguments");
    formatter->label("REQUIRED", "(obligatoire)");
    formatter->label("Env", "variable");
    formatter->label("Needs", "Nécessite");
    formatter->label("Excludes", "Exclut");
    formatter->label("TEXT", "TEXTE");
    formatter->label("INT", "ENTIER");
    formatter->label("UINT", "ENTIER");
    formatter->column_width(34);
    app.set_help_flag("-h,--help", "Affiche cette aide et quitte");
    app.failure_message(french_failure);
    app.option_defaults()->group("Options");
}

}  // namespace boussole::cli
