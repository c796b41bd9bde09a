#include "storage/postgres/postgres_listener.hpp"

#include "storage/postgres/libpq_message.hpp"

#include <libpq-fe.h>

#include <poll.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <thread>

namespace boussole::storage {

namespace {

// PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), and pg_notify
// refuses longer channel names: such a channel would never be notified.
constexpr std::size_t kMaxChannelLength = 63;

using postgres::one_line;

// The server sends its shutdown and termination messages as notices on an
// idle connection; the loss itself is what wait() reports.
void ignore_notice(void*, const char*) {}

}  // namespace

PostgresListener::PostgresListener(std::string connection_string, std::string channel)
    : m_connection_string(std::move(connection_string)), m_channel(std::move(channel))
{
    assert(!m_channel.empty() && m_channel.size() <= kMaxChannelLength);
    connect();
}

PostgresListener::~PostgresListener()
{
    PQfinish(m_handle);
}

int PostgresListener::backend_process() const
{
    return m_handle != nullptr ? PQbackendPID(m_handle) : 0;
}

bool PostgresListener::connect()
{
    // Keywords before dbname are defaults the connection string may override;
    // the encoding comes after it, so that it always wins (the channel name is
    // quoted for the server in UTF-8). The listener is idle most of the time:
    // without keepalives, a server that vanished without closing the link
    // (network cut, crashed machine) would go unnoticed until the kernel gives
    // up on its own, hours later.
    const char* keywords[] = {"connect_timeout",  "application_name", "keepalives_idle", "keepalives_interval",
                              "keepalives_count", "dbname",           "client_encoding", nullptr};
    const char* values[] = {"10", "boussole-listener", "30", "10", "3", m_connection_string.c_str(), "UTF8", nullptr};
    PGconn* handle = PQconnectdbParams(keywords, values, 1);
    if (handle == nullptr) {
        m_last_error = "cannot connect to PostgreSQL: out of memory";
        return false;
    }
    if (PQstatus(handle) != CONNECTION_OK) {
        m_last_error = "cannot connect to PostgreSQL: " + one_line(PQerrorMessage(handle));
        PQfinish(handle);
        return false;
    }
    PQsetNoticeProcessor(handle, ignore_notice, nullptr);

    char* quoted = PQescapeIdentifier(handle, m_channel.data(), m_channel.size());
    if (quoted == nullptr) {
        m_last_error = "cannot quote the channel name \"" + m_channel + "\": " + one_line(PQerrorMessage(handle));
        PQfinish(handle);
        return false;
    }
    std::string listen = "LISTEN " + std::string(quoted);
    PQfreemem(quoted);
    PGresult* result = PQexec(handle, listen.c_str());
    bool listening = result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!listening) {
        m_last_error = "cannot listen on channel \"" + m_channel + "\": " + one_line(PQerrorMessage(handle));
        PQfinish(handle);
        return false;
    }
    m_handle = handle;
    return true;
}

void PostgresListener::disconnect(std::string reason)
{
    PQfinish(m_handle);
    m_handle = nullptr;
    m_last_error = std::move(reason);
}

NotificationListener::Wake PostgresListener::reconnect(Clock::time_point deadline)
{
    if (connect())
        return Wake::Reconnected;
    // A caller loops on wait(): answering at once would make it spin while
    // the server is down.
    std::this_thread::sleep_until(deadline);
    return Wake::Unavailable;
}

bool PostgresListener::drain_notifications()
{
    bool matched = false;
    while (PGnotify* notification = PQnotifies(m_handle)) {
        // Only this channel is listened to on this session; checking the
        // name anyway keeps wait() honest should that ever change.
        if (m_channel == notification->relname)
            matched = true;
        PQfreemem(notification);
    }
    return matched;
}

NotificationListener::Wake PostgresListener::wait(std::chrono::milliseconds timeout)
{
    auto deadline = Clock::now() + timeout;
    if (!connected())
        return reconnect(deadline);
    // Reading before the first poll() answers at once for notifications that
    // arrived since the last call, including those libpq had already read
    // (poll() would not see them on the socket any more).
    while (true) {
        if (PQconsumeInput(m_handle) == 0 || PQstatus(m_handle) != CONNECTION_OK) {
            disconnect("lost the PostgreSQL connection: " + one_line(PQerrorMessage(m_handle)));
            return reconnect(deadline);
        }
        if (drain_notifications())
            return Wake::Notified;
        auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (remaining.count() <= 0)
            return Wake::TimedOut;
        pollfd descriptor{PQsocket(m_handle), POLLIN, 0};
        int ready = poll(&descriptor, 1, static_cast<int>(std::min<std::int64_t>(remaining.count(), INT_MAX)));
        if (ready < 0 && errno != EINTR) {
            disconnect("cannot wait on the PostgreSQL connection: " + std::string(std::strerror(errno)));
            return reconnect(deadline);
        }
        // Data, a closed link, a signal or the timeout: the next turn reads
        // what came (a notice or a parameter change wakes the socket too, and
        // the wait goes on) and tells which.
    }
}

}  // namespace boussole::storage
