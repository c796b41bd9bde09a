#pragma once
// Child processes and ports for tests that run other programs (the test
// PostgreSQL server, a Boussole server under test).

#include <sys/types.h>

#include <string>
#include <vector>

namespace boussole::test_support {

// Who a child process runs as: switch_user false keeps the current user.
struct ProcessAccount {
    uid_t uid = 0;
    gid_t gid = 0;
    bool switch_user = false;
};

// Runs arguments[0] (a path, or a name looked up on the PATH) to its end, in
// working_directory, as account, with its output appended to log_path and
// nothing on its input. Returns its exit status (128 + the signal that ended
// it, 126 when it could not be set up, 127 when it could not be run). Throws
// std::runtime_error when no process can be created. Safe to call while other
// threads run.
int run_program(const std::vector<std::string>& arguments, const std::string& log_path, const ProcessAccount& account,
                const std::string& working_directory);

// A TCP port of 127.0.0.1 that was free when asked (another process may take
// it before the caller binds it: retry on failure). Throws std::runtime_error.
int free_local_port();

// The last lines of a text file, indented, to quote in an error message.
std::string log_tail(const std::string& path);

}  // namespace boussole::test_support
