#pragma once
// boussole import FICHIER: imports a CSV file of data values, prints the
// report in French and exits 1 when the import is refused.

#include "cli/config.hpp"

#include <cstddef>
#include <string>

namespace CLI {
class App;
}

namespace boussole::cli {

struct ImportOptions {
    std::string file;
    std::string mode = "all_or_nothing";
    std::string as_email;      // empty: the system « ligne de commande »
    std::size_t max_mib = 50;  // the per-file limit, in mebibytes
};

// Adds the import command and its options to the application.
CLI::App* add_import_command(CLI::App& app, ImportOptions& options);

int run_import(const Config& config, const ImportOptions& options);

}  // namespace boussole::cli
