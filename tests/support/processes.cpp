#include "support/processes.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace boussole::test_support {

int run_program(const std::vector<std::string>& arguments, const std::string& log_path, const ProcessAccount& account,
                const std::string& working_directory)
{
    std::vector<char*> argv;
    for (const auto& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    pid_t child = fork();
    if (child < 0)
        throw std::runtime_error(std::string("cannot start ") + arguments[0] + ": " + std::strerror(errno));
    if (child == 0) {
        // Only async-signal-safe calls until exec: other threads may hold locks.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        int input = open("/dev/null", O_RDONLY);
        if (log < 0 || input < 0 || dup2(input, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0)
            _exit(126);
        if (account.switch_user && (setgroups(0, nullptr) != 0 || setgid(account.gid) != 0 || setuid(account.uid) != 0))
            _exit(126);
        if (chdir(working_directory.c_str()) != 0)
            _exit(126);
        if (std::strchr(argv[0], '/') != nullptr)
            execv(argv[0], argv.data());
        else
            execvp(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int free_local_port()
{
    int socket_handle = socket(AF_INET, SOCK_STREAM, 0);
    if (socket_handle < 0)
        throw std::runtime_error(std::string("cannot open a socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // the kernel picks a free port
    socklen_t length = sizeof address;
    bool bound = bind(socket_handle, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                 getsockname(socket_handle, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    close(socket_handle);
    if (!bound)
        throw std::runtime_error(std::string("cannot find a free TCP port: ") + std::strerror(errno));
    return ntohs(address.sin_port);
}

std::string log_tail(const std::string& path)
{
    constexpr std::size_t kTailLines = 25;
    std::ifstream file(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);)
        lines.push_back(line);
    std::string tail;
    for (std::size_t index = lines.size() > kTailLines ? lines.size() - kTailLines : 0; index < lines.size(); ++index)
        tail += "\n    " + lines[index];
    return tail.empty() ? " (empty log " + path + ")" : tail;
}

}  // namespace boussole::test_support
