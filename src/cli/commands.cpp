#include "cli/commands.hpp"

#include "access/principal.hpp"
#include "access/users.hpp"
#include "calendar/demo_calendar.hpp"
#include "collection/demo_values.hpp"
#include "conventions/demo_conventions.hpp"
#include "core/french.hpp"
#include "instance/demo.hpp"
#include "instance/demo_targets.hpp"
#include "instance/reference_data.hpp"
#include "steering/demo_steering.hpp"
#include "steering/territory.hpp"
#include "storage/migrations.hpp"
#include "storage/open.hpp"
#include "web/application.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>

#ifndef BOUSSOLE_DEFAULT_SHARE_DIR
#define BOUSSOLE_DEFAULT_SHARE_DIR "share"
#endif

namespace boussole::cli {

namespace {

constexpr int kRefused = 1;
constexpr int kUnreachable = 2;

}  // namespace

std::unique_ptr<storage::Database> open_migrated(const Config& config)
{
    auto database = storage::open_database(config.database);
    if (!database.ok()) {
        std::cerr << "Erreur : " << database.error().message << "\n";
        return nullptr;
    }
    try {
        auto report = storage::migrate(**database);
        if (!report.applied.empty())
            std::cout << "Schéma de la base mis à jour : version " << report.from_version << " → " << report.to_version
                      << ".\n";
    } catch (const storage::DatabaseError& error) {
        std::cerr << "Erreur : la base " << (*database)->description()
                  << " n'a pas pu être mise à jour : " << error.what() << "\n";
        return nullptr;
    }
    return std::move(database).value();
}

void print_error(const core::Error& error)
{
    std::cerr << "Erreur : " << error.message << "\n";
    for (const auto& field : error.fields) {
        std::cerr << "  - ";
        if (field.line)
            std::cerr << "ligne " << *field.line << ", ";
        std::cerr << field.field;
        if (field.value)
            std::cerr << " « " << *field.value << " »";
        std::cerr << " : " << field.message << "\n";
    }
}

namespace {

std::string read_password(const UserAddOptions& options)
{
    if (!options.password.empty())
        return options.password;
    if (const char* from_environment = std::getenv("BOUSSOLE_PASSWORD"))
        return from_environment;
    std::cerr << "Mot de passe (12 caractères au moins) : " << std::flush;
    std::string password;
    std::getline(std::cin, password);
    return password;
}

}  // namespace

std::string resolve_share_dir(const Config& config)
{
    return config.share_dir.empty() ? BOUSSOLE_DEFAULT_SHARE_DIR : config.share_dir;
}

int run_serve(const Config& config)
{
    spdlog::set_level(spdlog::level::from_str(config.log_level));
    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    std::string share_dir = resolve_share_dir(config);
    auto reference = instance::load_reference_data(*database, share_dir + "/data", instance::ReloadPolicy::IfMissing);
    if (!reference.ok()) {
        print_error(reference.error());
        return kRefused;
    }
    web::ServerSettings settings;
    settings.address = config.address;
    settings.port = config.port;
    settings.threads = config.threads;
    settings.secure_cookies = config.secure_cookies;
    settings.share_dir = share_dir;
    return web::serve(*database, settings);
}

int run_init(const Config& config, bool demo)
{
    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    auto reference =
        instance::load_reference_data(*database, resolve_share_dir(config) + "/data", instance::ReloadPolicy::Always);
    if (!reference.ok()) {
        print_error(reference.error());
        return kRefused;
    }
    std::cout << "Données de référence chargées : " << reference->territories << " territoires, "
              << reference->population_rows << " effectifs de population, " << reference->organisations
              << " organisations";
    if (reference->framework_items > 0)
        std::cout << ", cadre national (" << reference->framework_items << " éléments)";
    if (reference->catalogue_written > 0)
        std::cout << ", catalogue des indicateurs (" << reference->catalogue_written << " entrées)";
    if (reference->catalogue_kept > 0)
        std::cout << ", " << reference->catalogue_kept
                  << " entrée(s) du catalogue modifiée(s) par un administrateur laissée(s) telle(s) quelle(s)";
    std::cout << ".\n";
    if (demo) {
        auto created = instance::create_demo_accounts(*database);
        if (!created.ok()) {
            print_error(created.error());
            return kRefused;
        }
        std::cout << "Instance de démonstration : " << *created << " compte(s) fictif(s) créé(s).\n";
        auto started = std::chrono::steady_clock::now();
        auto values = collection::create_demo_values(*database, core::now());
        if (!values.skipped)
            std::cout << "Valeurs de démonstration (synthétiques) : " << core::format_integer(values.cells)
                      << " valeurs sur " << core::format_integer(values.expected) << " attendues, "
                      << core::format_integer(values.versions) << " versions, en "
                      << core::format_decimal(
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 1)
                      << " s.\n";
        auto targets = instance::create_demo_targets(*database);
        if (!targets.ok()) {
            print_error(targets.error());
            return kRefused;
        }
        if (*targets > 0)
            std::cout << "Cibles de démonstration (fictives) : " << *targets << " cible(s).\n";
        auto registry = database->read(
            [](storage::Connection& connection) { return territory::TerritoryRegistry::load(connection); });
        auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(core::now())};
        // This year and the next, so that the coming twelve months are full.
        auto events = calendar::create_demo_calendar(*database, registry, today.year()) +
                      calendar::create_demo_calendar(*database, registry, today.year() + std::chrono::years{1});
        std::cout << "Calendrier commun de démonstration (synthétique) : " << events << " événement(s) créé(s).\n";
        auto conventions = conventions::create_demo_conventions(*database);
        if (!conventions.ok()) {
            print_error(conventions.error());
            return kRefused;
        }
        if (!conventions->skipped)
            std::cout << "Conventions de démonstration (synthétiques) : " << conventions->conventions
                      << " conventions, " << conventions->commitments << " engagements.\n";
        // After the conventions: a roadmap and an ITA follow the departments
        // their convention groups.
        auto steering = steering::create_demo_steering(*database, registry, steering::today());
        if (steering.territories > 0)
            std::cout << "Feuilles de route et ITA de démonstration (synthétiques) : " << steering.territories
                      << " territoire(s), " << steering.actions << " actions, " << steering.meetings << " réunions, "
                      << steering.decisions << " décisions.\n";
    }
    std::cout << "Base prête : " << database->description() << "\n";
    return 0;
}

int run_migrate(const Config& config)
{
    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    std::cout << "Schéma à jour (version " << storage::schema_version(*database) << ").\n";
    return 0;
}

int run_user_add(const Config& config, const UserAddOptions& options)
{
    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    auto system = access::Principal::system("ligne de commande");
    auto user = database->write([&](storage::Connection& connection) {
        return access::create_user(
            connection, system,
            {options.email, options.name, options.organisation, options.role, read_password(options), false});
    });
    if (!user.ok()) {
        print_error(user.error());
        return kRefused;
    }
    std::cout << "Compte créé : " << user->email << " (" << access::label(user->role) << ", " << user->organisation_name
              << ").\n";
    return 0;
}

int run_user_list(const Config& config, bool demo_logins)
{
    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    auto system = access::Principal::system("ligne de commande");
    if (demo_logins) {
        std::cout << "Comptes de démonstration (données fictives), mot de passe commun : " << instance::kDemoPassword
                  << "\n";
        for (const auto& account : instance::demo_accounts())
            std::cout << "  " << std::left << std::setw(46) << account.email << " " << account.what_to_try << "\n";
        return 0;
    }
    access::UserQuery query;
    query.page.size = core::PageRequest::kMaximumSize;
    for (int number = 1;; ++number) {
        query.page.number = number;
        auto page = database->read(
            [&](storage::Connection& connection) { return access::list_users(connection, system, query); });
        if (!page.ok()) {
            print_error(page.error());
            return kRefused;
        }
        for (const auto& user : page->items)
            std::cout << std::left << std::setw(46) << user.email << " " << std::setw(26) << access::label(user.role)
                      << " " << user.organisation_name << (user.active ? "" : " (désactivé)")
                      << (user.synthetic ? " [démo]" : "") << "\n";
        if (number >= page->page_count())
            break;
    }
    return 0;
}

int run_user_disable(const Config& config, const std::string& email)
{
    auto database = open_migrated(config);
    if (!database)
        return kUnreachable;
    auto system = access::Principal::system("ligne de commande");
    auto user = database->write([&](storage::Connection& connection) -> core::Result<access::User> {
        auto found = access::find_user_by_email(connection, email);
        if (!found.ok())
            return found;
        access::UserChanges changes;
        changes.active = false;
        return access::update_user(connection, system, found->id, found->version, changes);
    });
    if (!user.ok()) {
        print_error(user.error());
        return kRefused;
    }
    std::cout << "Compte désactivé : " << user->email << " (ses sessions sont fermées).\n";
    return 0;
}

}  // namespace boussole::cli
