#pragma once
// The subcommands of the boussole program. Each returns the process exit
// code: 0 on success, 1 for a refused input (message printed in French), 2
// when the database or a file cannot be reached.

#include "cli/config.hpp"
#include "core/error.hpp"
#include "storage/database.hpp"

#include <memory>
#include <string>

namespace boussole::cli {

int run_serve(const Config& config);
int run_init(const Config& config, bool demo);
int run_migrate(const Config& config);

struct UserAddOptions {
    std::string email;
    std::string name;
    std::string organisation;
    std::string role;
    std::string password;  // empty: read from BOUSSOLE_PASSWORD or standard input
};
int run_user_add(const Config& config, const UserAddOptions& options);
int run_user_list(const Config& config, bool demo_logins);
int run_user_disable(const Config& config, const std::string& email);

// Opens and migrates the database; prints why not and returns nullptr when
// it cannot.
std::unique_ptr<storage::Database> open_migrated(const Config& config);

// "Erreur : …" and each faulty field, on the standard error.
void print_error(const core::Error& error);

// Where templates, static files and reference data are: the configured
// directory, or the one this build was made with.
std::string resolve_share_dir(const Config& config);

}  // namespace boussole::cli
