#include "cli/config.hpp"

#include <gtest/gtest.h>
#include <CLI/CLI.hpp>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace boussole::cli {

namespace {

// Parses argv as the program does: TOML defaults, then CLI11 (flags, env).
struct Parsed {
    Config config;
    std::string error;
};

Parsed parse(std::vector<const char*> argv)
{
    Parsed parsed;
    CLI::App app{"test", "boussole"};
    app.fallthrough();
    add_global_options(app, parsed.config);
    auto* serve = app.add_subcommand("serve");
    add_server_options(*serve, parsed.config);
    argv.insert(argv.begin(), "boussole");
    auto status = apply_config_file(app, static_cast<int>(argv.size()), argv.data());
    if (!status.ok()) {
        parsed.error = status.error().message;
        return parsed;
    }
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& error) {
        parsed.error = error.what();
    }
    return parsed;
}

class ConfigTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_path = std::filesystem::temp_directory_path() / ("boussole-config-" + std::to_string(::getpid()) + ".toml");
        ::unsetenv("BOUSSOLE_DB");
        ::unsetenv("BOUSSOLE_PORT");
        ::unsetenv("BOUSSOLE_CONFIG");
    }
    void TearDown() override
    {
        std::filesystem::remove(m_path);
        ::unsetenv("BOUSSOLE_DB");
        ::unsetenv("BOUSSOLE_PORT");
    }
    void write(const std::string& text) { std::ofstream(m_path) << text; }

    std::filesystem::path m_path;
};

}  // namespace

TEST_F(ConfigTest, FlagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults)
{
    write("database = \"sqlite:fichier.db\"\nport = 9000\naddress = \"0.0.0.0\"\n");
    std::string config_flag = "--config=" + m_path.string();

    auto from_file = parse({config_flag.c_str(), "serve"});
    EXPECT_EQ(from_file.error, "");
    EXPECT_EQ(from_file.config.database, "sqlite:fichier.db");
    EXPECT_EQ(from_file.config.port, 9000);
    EXPECT_EQ(from_file.config.address, "0.0.0.0");

    ::setenv("BOUSSOLE_DB", "sqlite:environnement.db", 1);
    ::setenv("BOUSSOLE_PORT", "9100", 1);
    auto from_environment = parse({config_flag.c_str(), "serve"});
    EXPECT_EQ(from_environment.config.database, "sqlite:environnement.db");
    EXPECT_EQ(from_environment.config.port, 9100);
    EXPECT_EQ(from_environment.config.address, "0.0.0.0");

    auto from_flags = parse({config_flag.c_str(), "serve", "--port", "9200", "--db", "sqlite:option.db"});
    EXPECT_EQ(from_flags.config.database, "sqlite:option.db");
    EXPECT_EQ(from_flags.config.port, 9200);

    auto defaults = parse({"serve"});
    EXPECT_EQ(defaults.config.database, "sqlite:environnement.db");
    ::unsetenv("BOUSSOLE_DB");
    EXPECT_EQ(parse({"serve"}).config.database, "sqlite:boussole.db");
}

TEST_F(ConfigTest, RefusesUnknownKeysAndMalformedFiles)
{
    write("databse = \"sqlite:x.db\"\n");
    std::string config_flag = "--config=" + m_path.string();
    auto unknown = parse({config_flag.c_str(), "serve"});
    EXPECT_NE(unknown.error.find("clé « databse » inconnue"), std::string::npos) << unknown.error;

    write("port = \n");
    auto malformed = parse({config_flag.c_str(), "serve"});
    EXPECT_NE(malformed.error.find("ligne 1"), std::string::npos) << malformed.error;

    auto missing = parse({"--config=/nonexistent/boussole.toml", "serve"});
    EXPECT_FALSE(missing.error.empty());
}

TEST_F(ConfigTest, RefusesABadPortFromTheEnvironment)
{
    ::setenv("BOUSSOLE_PORT", "quatre-vingts", 1);
    EXPECT_FALSE(parse({"serve"}).error.empty());
}

}  // namespace boussole::cli
