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
    std::string detail = detail_of(error.what());
    std::string message;
    if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        // "--name is required", or "A subcommand is required".
        std::string what = error.what();
        auto first_word = what.substr(0, what.find(' '));
        message = first_word.rfind("-", 0) == 0 ? "option obligatoire manquante : " + first_word
                                                : "commande manquante (voir la liste des commandes)";
    } else if (dynamic_cast<const CLI::ExtrasError*>(&error))
        message = "arguments inattendus :" + detail;
    else if (dynamic_cast<const CLI::ConversionError*>(&error))
        message = "valeur invalide :" + detail;
    else if (dynamic_cast<const CLI::ValidationError*>(&error))
        message = "valeur refusée :" + detail;
    else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error))
        message = "nombre d'arguments incorrect :" + detail;
    else if (dynamic_cast<const CLI::ExcludesError*>(&error))
        message = "options incompatibles :" + detail;
    else if (dynamic_cast<const CLI::RequiresError*>(&error))
        message = "option requise par une autre :" + detail;
    else if (dynamic_cast<const CLI::FileError*>(&error))
        message = "fichier introuvable :" + detail;
    else
        message = "ligne de commande invalide : " + std::string(error.what());
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
