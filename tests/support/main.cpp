// The test program's entry point: GoogleTest, plus the PostgreSQL server that
// the storage tests share. The server starts only when a test first asks for
// it (see postgres_server.hpp) and is stopped at the end of the run, whether
// tests failed or not, and also when the run is interrupted or crashes.

#include "support/postgres_server.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace {

class PostgresEnvironment : public ::testing::Environment {
public:
    void TearDown() override { boussole::test_support::stop_shared_postgres_server(); }
};

extern "C" void stop_postgres_then_die(int signal_number)
{
    boussole::test_support::PostgresServer::stop_from_signal_handler();
    // SA_RESETHAND restored the default action: the program ends as the
    // signal asked, with the usual status.
    raise(signal_number);
}

void install_signal_handlers()
{
    struct sigaction action {};
    action.sa_handler = stop_postgres_then_die;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS})
        sigaction(signal_number, &action, nullptr);
}

}  // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);
    install_signal_handlers();
    return RUN_ALL_TESTS();
}
