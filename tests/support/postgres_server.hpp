#pragma once
// The PostgreSQL server of the test program. By default a throwaway server of
// the installed PostgreSQL (Debian: /usr/lib/postgresql/<version>/bin) runs in
// a fresh temporary directory, on a free TCP port of 127.0.0.1, with trust
// authentication, UTF-8 and locale C, and durability switched off for speed.
// When the program runs as root, initdb and the server run as the "postgres"
// user, since PostgreSQL refuses to run as root.
//
// When BOUSSOLE_TEST_POSTGRES_URL is set (e.g.
// "postgresql://postgres@db.test:5432/postgres"), that server is used instead:
// the tests create their databases on it and drop them at the end.
//
// Tests do not use this class directly: backends.hpp gives each test a fresh
// database. The test program's main (main.cpp) stops the server at the end,
// including after failures and on SIGINT or SIGTERM.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct pg_conn;

namespace boussole::test_support {

class PostgresServer {
public:
    // Starts the server, or connects to BOUSSOLE_TEST_POSTGRES_URL; waits until
    // it accepts connections. Throws std::runtime_error with the end of the
    // server's log when it cannot.
    static std::unique_ptr<PostgresServer> start();

    // Stops the server (pg_ctl stop -m fast) and removes its directory.
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // Gives an empty database and returns its URL, e.g.
    // "postgresql://postgres@127.0.0.1:41234/boussole_test_2". Thread-safe.
    // Throws std::runtime_error.
    std::string create_database();

    // Takes back a database given by create_database: closes the connections
    // still open to it and empties it (drops every schema, recreates public),
    // so that a later create_database hands it out again instead of paying
    // for a CREATE DATABASE (a third of a second on a busy machine).
    // Thread-safe; a database that cannot be emptied is dropped.
    void release_database(const std::string& url);

    // Shuts the running server down and removes its directory using only
    // async-signal-safe calls, for a signal handler. Does nothing when no
    // throwaway server runs.
    static void stop_from_signal_handler();

private:
    PostgresServer() = default;
    void launch();
    void connect_admin(const std::string& admin_url);
    void execute_admin(const std::string& sql);
    std::string url_of(const std::string& name) const;
    void empty_database(const std::string& name);
    void stop();

    bool m_external = false;
    std::string m_directory;  // the throwaway server's directory, empty for an external server
    std::string m_bin_directory;
    int m_port = 0;
    std::string m_base_url;  // an external server's URL, for the databases made on it
    pg_conn* m_admin = nullptr;
    std::mutex m_mutex;
    std::vector<std::string> m_created;   // every database made, dropped at the end on an external server
    std::vector<std::string> m_reusable;  // emptied databases, ready to be handed out again
};

// The server shared by all the tests of the program, started the first time a
// test asks for it (so that a run of unit tests only never starts one). When
// starting fails, every later call throws the same error at once.
PostgresServer& shared_postgres_server();

// Stops the shared server if it was started; called at the end of the run.
void stop_shared_postgres_server();

}  // namespace boussole::test_support
