#include "support/postgres_server.hpp"

#include "support/processes.hpp"

#include <libpq-fe.h>

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <vector>

namespace boussole::test_support {

namespace {

namespace fs = std::filesystem;

constexpr const char* kExternalUrlVariable = "BOUSSOLE_TEST_POSTGRES_URL";
constexpr const char* kServerUser = "postgres";
constexpr const char* kDatabasePrefix = "boussole_test_";
constexpr int kStartAttempts = 3;

// Without waiting: the usual ones are closing already, and a terminated one
// releases its locks as it ends, which the DROP SCHEMA below waits for.
constexpr const char* kTerminateConnections =
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()";
// Everything a test can create lives in a schema: dropping them all and
// recreating public leaves the database as CREATE DATABASE made it.
constexpr const char* kDropEverySchema = R"sql(
DO $$
DECLARE
    schema_name name;
BEGIN
    FOR schema_name IN SELECT nspname FROM pg_namespace
                       WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_%'
    LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', schema_name);
    END LOOP;
END
$$;
CREATE SCHEMA public;
)sql";

// What a signal handler needs to stop the throwaway server, as plain data
// written before the handler may read it.
struct EmergencyStop {
    volatile sig_atomic_t armed = 0;
    pid_t postmaster = 0;
    char pid_file[1024] = {};
    char directory[1024] = {};
};
EmergencyStop g_emergency;

// Who runs initdb and the server: the current user, or "postgres" for root.
ProcessAccount server_account()
{
    if (geteuid() != 0)
        return {geteuid(), getegid(), false};
    const passwd* entry = getpwnam(kServerUser);
    if (entry == nullptr)
        throw std::runtime_error(
            "PostgreSQL refuses to run as root and there is no \"postgres\" user: install the "
            "postgresql package, run the tests as another user or set " +
            std::string(kExternalUrlVariable));
    return {entry->pw_uid, entry->pw_gid, true};
}

// The newest /usr/lib/postgresql/<version>/bin (Debian keeps initdb there,
// off the PATH); empty to look the programs up on the PATH instead.
std::string find_bin_directory()
{
    std::error_code error;
    int best_version = -1;
    std::string best;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
        int version = std::atoi(entry.path().filename().c_str());
        if (version > best_version && fs::exists(entry.path() / "bin" / "initdb", error)) {
            best_version = version;
            best = (entry.path() / "bin").string();
        }
    }
    return best;
}

void copy_text(char* target, std::size_t capacity, const std::string& text)
{
    std::snprintf(target, capacity, "%s", text.c_str());
}

std::string percent_encoded(std::string_view text)
{
    static const char* kHex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 15];
        }
    }
    return encoded;
}

// The dbname of a connection string, when it names a test database (only
// those may be dropped).
std::optional<std::string> test_database_name(const std::string& url)
{
    PQconninfoOption* options = PQconninfoParse(url.c_str(), nullptr);
    if (options == nullptr)
        return std::nullopt;
    std::optional<std::string> name;
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option)
        if (std::strcmp(option->keyword, "dbname") == 0 && option->val != nullptr)
            name = option->val;
    PQconninfoFree(options);
    if (!name || !name->starts_with(kDatabasePrefix) ||
        name->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        return std::nullopt;
    return name;
}

void ignore_notice(void*, const char*) {}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::start()
{
    std::unique_ptr<PostgresServer> server(new PostgresServer());
    if (const char* external = std::getenv(kExternalUrlVariable); external != nullptr && *external != '\0') {
        server->m_external = true;
        server->m_base_url = external;
        server->connect_admin(external);
    } else {
        server->launch();
    }
    return server;
}

void PostgresServer::launch()
{
    ProcessAccount account = server_account();
    m_bin_directory = find_bin_directory();
    auto program = [&](const char* name) { return m_bin_directory.empty() ? name : m_bin_directory + "/" + name; };

    std::string pattern = (fs::temp_directory_path() / "boussole-postgres-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("cannot create a temporary directory " + pattern + ": " + std::strerror(errno));
    m_directory = pattern;
    if (chmod(m_directory.c_str(), 0700) != 0 || chown(m_directory.c_str(), account.uid, account.gid) != 0)
        throw std::runtime_error("cannot give " + m_directory + " to the server's user: " + std::strerror(errno));

    std::string data = m_directory + "/data";
    std::string commands_log = m_directory + "/commands.log";
    std::string server_log = m_directory + "/server.log";
    int status = run_program(
        {program("initdb"), "-D", data, "-U", kServerUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"},
        commands_log, account, m_directory);
    if (status != 0)
        throw std::runtime_error("initdb failed (status " + std::to_string(status) + "):" + log_tail(commands_log));

    // The port is free when chosen but another process may take it before
    // the server binds it; a few attempts make that race harmless.
    for (int attempt = 1; attempt <= kStartAttempts; ++attempt) {
        m_port = free_local_port();
        std::string options = "-p " + std::to_string(m_port) + " -k " + m_directory +
                              " -h 127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                              " -c max_connections=200";
        status =
            run_program({program("pg_ctl"), "-D", data, "-l", server_log, "-w", "-t", "60", "-o", options, "start"},
                        commands_log, account, m_directory);
        if (status == 0)
            break;
        if (attempt == kStartAttempts)
            throw std::runtime_error("the PostgreSQL test server did not start:" + log_tail(server_log) +
                                     log_tail(commands_log));
    }

    std::ifstream pid_file(data + "/postmaster.pid");
    pid_t postmaster = 0;
    pid_file >> postmaster;
    g_emergency.postmaster = postmaster;
    copy_text(g_emergency.pid_file, sizeof g_emergency.pid_file, data + "/postmaster.pid");
    copy_text(g_emergency.directory, sizeof g_emergency.directory, m_directory);
    g_emergency.armed = postmaster > 0 ? 1 : 0;

    connect_admin("postgresql://postgres@127.0.0.1:" + std::to_string(m_port) + "/postgres");
}

void PostgresServer::connect_admin(const std::string& admin_url)
{
    m_admin = PQconnectdb(admin_url.c_str());
    if (m_admin == nullptr || PQstatus(m_admin) != CONNECTION_OK)
        throw std::runtime_error("cannot connect to the PostgreSQL test server: " +
                                 std::string(m_admin != nullptr ? PQerrorMessage(m_admin) : "out of memory"));
    PQsetNoticeProcessor(m_admin, ignore_notice, nullptr);
}

void PostgresServer::execute_admin(const std::string& sql)
{
    PGresult* result = PQexec(m_admin, sql.c_str());
    bool ok = result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK;
    std::string message = ok ? "" : PQerrorMessage(m_admin);
    PQclear(result);
    if (!ok)
        throw std::runtime_error(sql + ": " + message);
}

std::string PostgresServer::url_of(const std::string& name) const
{
    if (!m_external)
        return "postgresql://postgres@127.0.0.1:" + std::to_string(m_port) + "/" + name;
    // The external URL with its database replaced, every other setting kept
    // as a query parameter.
    std::string url = "postgresql:///" + name;
    char separator = '?';
    PQconninfoOption* options = PQconninfoParse(m_base_url.c_str(), nullptr);
    for (PQconninfoOption* option = options; option != nullptr && option->keyword != nullptr; ++option) {
        if (option->val == nullptr || std::strcmp(option->keyword, "dbname") == 0)
            continue;
        url += separator + std::string(option->keyword) + "=" + percent_encoded(option->val);
        separator = '&';
    }
    PQconninfoFree(options);
    return url;
}

std::string PostgresServer::create_database()
{
    std::lock_guard lock(m_mutex);
    if (!m_reusable.empty()) {
        std::string name = m_reusable.back();
        m_reusable.pop_back();
        return url_of(name);
    }
    // Names on a shared server carry the process id, so that two test runs
    // against it never meet.
    std::string name = kDatabasePrefix + (m_external ? std::to_string(getpid()) + "_" : std::string()) +
                       std::to_string(m_created.size() + 1);
    if (m_external)
        execute_admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    // template0 is never connected to, and fixes encoding and collation
    // whatever the server's defaults: tests behave the same everywhere.
    execute_admin("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    m_created.push_back(name);
    return url_of(name);
}

void PostgresServer::empty_database(const std::string& name)
{
    const char* values[] = {name.c_str()};
    PGresult* terminated = PQexecParams(m_admin, kTerminateConnections, 1, nullptr, values, nullptr, nullptr, 0);
    bool ok = PQresultStatus(terminated) == PGRES_TUPLES_OK;
    PQclear(terminated);
    if (!ok)
        throw std::runtime_error("cannot close the connections to " + name + ": " + PQerrorMessage(m_admin));

    PGconn* connection = PQconnectdb(url_of(name).c_str());
    PQsetNoticeProcessor(connection, ignore_notice, nullptr);
    PGresult* emptied = PQexec(connection, kDropEverySchema);
    ok = PQresultStatus(emptied) == PGRES_COMMAND_OK;
    std::string message = ok ? "" : PQerrorMessage(connection);
    PQclear(emptied);
    PQfinish(connection);
    if (!ok)
        throw std::runtime_error("cannot empty " + name + ": " + message);
}

void PostgresServer::release_database(const std::string& url)
{
    auto name = test_database_name(url);
    if (!name)
        return;
    std::lock_guard lock(m_mutex);
    try {
        empty_database(*name);
        m_reusable.push_back(*name);
    } catch (const std::exception&) {
        try {
            execute_admin("DROP DATABASE IF EXISTS " + *name + " WITH (FORCE)");
        } catch (const std::exception&) {
            // Left behind: it goes with the throwaway server, or is dropped
            // again when the program ends.
        }
    }
}

PostgresServer::~PostgresServer()
{
    stop();
}

void PostgresServer::stop()
{
    if (m_admin != nullptr) {
        if (m_external)
            for (const auto& name : m_created)
                PQclear(PQexec(m_admin, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
        m_created.clear();
        m_reusable.clear();
        PQfinish(m_admin);
        m_admin = nullptr;
    }
    if (m_directory.empty())
        return;
    std::string data = m_directory + "/data";
    std::error_code error;
    if (fs::exists(data + "/postmaster.pid", error)) {
        ProcessAccount account = server_account();
        auto pg_ctl = m_bin_directory.empty() ? std::string("pg_ctl") : m_bin_directory + "/pg_ctl";
        std::string log = m_directory + "/commands.log";
        if (run_program({pg_ctl, "-D", data, "-m", "fast", "-w", "-t", "30", "stop"}, log, account, m_directory) != 0)
            run_program({pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"}, log, account, m_directory);
    }
    g_emergency.armed = 0;
    fs::remove_all(m_directory, error);
    m_directory.clear();
}

void PostgresServer::stop_from_signal_handler()
{
    if (!g_emergency.armed)
        return;
    g_emergency.armed = 0;
    kill(g_emergency.postmaster, SIGINT);  // fast shutdown
    // The postmaster is not this process's child: its pid file going away
    // tells that it has finished.
    for (int wait = 0; wait < 200 && access(g_emergency.pid_file, F_OK) == 0; ++wait) {
        timespec pause{0, 50'000'000};
        nanosleep(&pause, nullptr);
    }
    pid_t child = fork();
    if (child == 0) {
        execl("/bin/rm", "rm", "-rf", g_emergency.directory, static_cast<char*>(nullptr));
        _exit(127);
    }
    if (child > 0)
        waitpid(child, nullptr, 0);
}

namespace {

std::mutex g_shared_mutex;
std::unique_ptr<PostgresServer> g_shared_server;
std::optional<std::string> g_shared_failure;

}  // namespace

PostgresServer& shared_postgres_server()
{
    std::lock_guard lock(g_shared_mutex);
    if (g_shared_server)
        return *g_shared_server;
    if (g_shared_failure)
        throw std::runtime_error(*g_shared_failure);
    try {
        g_shared_server = PostgresServer::start();
    } catch (const std::exception& error) {
        g_shared_failure = error.what();
        throw;
    }
    return *g_shared_server;
}

void stop_shared_postgres_server()
{
    std::lock_guard lock(g_shared_mutex);
    g_shared_server.reset();
}

}  // namespace boussole::test_support
