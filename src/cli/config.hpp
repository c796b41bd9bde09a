#pragma once
// The settings of a boussole process. Each comes, by order of precedence,
// from its command-line flag, its environment variable, the TOML file given
// by --config (or BOUSSOLE_CONFIG), then its default.

#include "core/result.hpp"

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace boussole::cli {

struct Config {
    std::string database = "sqlite:boussole.db";  // --db, BOUSSOLE_DB, database
    std::string share_dir;                        // --share-dir, BOUSSOLE_SHARE_DIR, share_dir
    std::string log_level = "info";               // --log-level, BOUSSOLE_LOG_LEVEL, log_level
    std::string address = "127.0.0.1";            // --address, BOUSSOLE_ADDRESS, address
    std::uint16_t port = 8080;                    // --port, BOUSSOLE_PORT, port
    unsigned threads = 0;                         // --threads, BOUSSOLE_THREADS, threads (0: automatic)
    bool secure_cookies = true;                   // --secure-cookies, BOUSSOLE_SECURE_COOKIES, secure_cookies
};

// Registers the global options (database, share directory, log level, config
// file) on the application, with their environment variables.
void add_global_options(CLI::App& app, Config& config);

// Registers the server options on the serve command.
void add_server_options(CLI::App& serve, Config& config);

// Reads the TOML file named by --config or BOUSSOLE_CONFIG (if any) and makes
// its values the defaults of the options, below flags and environment. Call
// before CLI11 parses. Fails with a French message naming the file and key.
core::Status apply_config_file(CLI::App& app, int argc, const char* const* argv);

}  // namespace boussole::cli
