#pragma once
// A NotificationListener on PostgreSQL: LISTEN on a connection of its own,
// outside the pool (a pooled connection goes back and forth between requests,
// while a LISTEN lasts as long as its session).
//
// A lost link (server restart, terminated backend, network cut noticed by the
// TCP keepalives) is reopened by the next wait(), at most once per call, and
// the channel listened to again; wait() then says Reconnected, because what
// was sent in between is lost.

#include "storage/notifications.hpp"

#include <chrono>
#include <string>

struct pg_conn;

namespace boussole::storage {

class PostgresListener final : public NotificationListener {
public:
    // Connects with connection_string (read as PostgresConnection::connect
    // reads it) and listens on channel, a name of at most 63 bytes (longer
    // ones cannot be notified). Never fails: when the server cannot be
    // reached now, the listener starts disconnected and each wait() tries
    // again, answering Unavailable until it succeeds, then Reconnected, so
    // that the caller catches up. last_error() then says why.
    PostgresListener(std::string connection_string, std::string channel);
    ~PostgresListener() override;
    PostgresListener(const PostgresListener&) = delete;
    PostgresListener& operator=(const PostgresListener&) = delete;

    // Returns Notified at once when notifications are already waiting, and
    // drains them all: one wake-up however many arrived. When the link is
    // lost, or was lost before, tries to reconnect once; on failure sleeps
    // until the timeout and returns Unavailable, so that a caller looping on
    // wait() never spins. The reconnection itself may take up to libpq's
    // connect_timeout (10 s by default) beyond the timeout.
    Wake wait(std::chrono::milliseconds timeout) override;

    bool connected() const { return m_handle != nullptr; }
    // The server process of the listening session (as pg_backend_pid() and
    // pg_stat_activity.pid name it), 0 while disconnected.
    int backend_process() const;
    // Why the link was last lost or could not be made (libpq's reason), for
    // logs; kept after a reconnection, empty while nothing has failed.
    const std::string& last_error() const { return m_last_error; }

private:
    using Clock = std::chrono::steady_clock;

    // Opens the connection and runs LISTEN; on failure records the reason in
    // m_last_error, leaves the listener disconnected and returns false.
    bool connect();
    void disconnect(std::string reason);
    // The reconnection attempt of a wait() that found the link lost.
    Wake reconnect(Clock::time_point deadline);
    // Frees every notification libpq has read; true when one was on the channel.
    bool drain_notifications();

    std::string m_connection_string;
    std::string m_channel;
    pg_conn* m_handle = nullptr;
    std::string m_last_error;
};

}  // namespace boussole::storage
