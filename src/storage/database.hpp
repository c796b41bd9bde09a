#pragma once
// A database: a pool of connections to one SQLite file or one PostgreSQL
// database. Thread-safe. Domain code receives a Database& and runs its work in
// transactions; it never sees a driver.

#include "core/result.hpp"
#include "storage/connection.hpp"
#include "storage/database_error.hpp"
#include "storage/notifications.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

namespace boussole::storage {

class Database;

// A connection borrowed from the pool, given back when destroyed.
class PooledConnection {
public:
    PooledConnection(Database& database, std::unique_ptr<Connection> connection)
        : m_database(&database), m_connection(std::move(connection))
    {}
    PooledConnection(PooledConnection&&) noexcept = default;
    // Gives the connection held so far back to its pool before taking the other.
    PooledConnection& operator=(PooledConnection&& other) noexcept;
    ~PooledConnection();

    Connection& operator*() { return *m_connection; }
    Connection* operator->() { return m_connection.get(); }

private:
    Database* m_database;
    std::unique_ptr<Connection> m_connection;
};

class Database {
public:
    using Factory = std::function<std::unique_ptr<Connection>()>;

    // factory opens a new connection (throws DatabaseError); at most
    // max_connections are open at once.
    Database(Backend backend, std::string description, Factory factory, std::size_t max_connections);
    virtual ~Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Backend backend() const { return m_backend; }
    // The URL without its password, for logs.
    const std::string& description() const { return m_description; }

    // Waits up to the acquire timeout for a free connection; throws
    // DatabaseError(Unavailable) after it.
    PooledConnection acquire();

    // Runs work(Connection&) in a transaction. Commits when work returns
    // normally, or returns a Result that is ok; rolls back when it returns an
    // error Result or throws (and rethrows).
    template <typename Work>
    auto transaction(TransactionMode mode, Work&& work) -> std::invoke_result_t<Work, Connection&>;

    // A read transaction: a consistent view for multi-statement reads.
    template <typename Work>
    auto read(Work&& work)
    {
        return transaction(TransactionMode::Read, std::forward<Work>(work));
    }
    template <typename Work>
    auto write(Work&& work)
    {
        return transaction(TransactionMode::Write, std::forward<Work>(work));
    }

    void set_acquire_timeout(std::chrono::milliseconds timeout) { m_acquire_timeout = timeout; }

    // Called in the committing thread, after the commit, for every
    // transaction that took a change sequence number (connection.hpp), with
    // that number and the connection, now outside any transaction (a listener
    // may read with it, without waiting for the pool): the analytics of this
    // process catch up before the request that wrote returns. A listener must
    // not throw.
    using CommitListener = std::function<void(std::int64_t sequence, Connection& connection)>;
    // Returns what remove_commit_listener takes, once the listener's owner goes.
    std::size_t add_commit_listener(CommitListener listener);
    void remove_commit_listener(std::size_t id);

    // A listener of the notifications other processes send on channel
    // (PostgreSQL's LISTEN/NOTIFY), on its own connection; nullptr for a
    // backend without notifications (SQLite: one process writes).
    using ListenerFactory = std::function<std::unique_ptr<NotificationListener>(const std::string& channel)>;
    void set_listener_factory(ListenerFactory factory) { m_listener_factory = std::move(factory); }
    std::unique_ptr<NotificationListener> listen(const std::string& channel) const
    {
        return m_listener_factory ? m_listener_factory(channel) : nullptr;
    }

private:
    void announce_commit(std::int64_t sequence, Connection& connection);

    friend class PooledConnection;
    void give_back(std::unique_ptr<Connection> connection);

    Backend m_backend;
    std::string m_description;
    Factory m_factory;
    std::size_t m_max_connections;
    std::chrono::milliseconds m_acquire_timeout{10000};

    std::mutex m_mutex;
    std::condition_variable m_available;
    std::vector<std::unique_ptr<Connection>> m_idle;
    std::size_t m_open = 0;

    std::mutex m_listeners_mutex;
    std::vector<std::pair<std::size_t, CommitListener>> m_commit_listeners;
    std::size_t m_next_listener_id = 1;
    ListenerFactory m_listener_factory;
};

template <typename Work>
auto Database::transaction(TransactionMode mode, Work&& work) -> std::invoke_result_t<Work, Connection&>
{
    using Return = std::invoke_result_t<Work, Connection&>;
    auto connection = acquire();
    connection->clear_change_sequence();
    try {
        connection->begin(mode);
    } catch (const DatabaseError& error) {
        // A connection that sat idle in the pool may have been cut (server
        // restart): nothing has run on it yet, so one fresh connection is a
        // safe retry. The broken one is discarded when given back.
        if (error.kind() != DatabaseError::Kind::ConnectionLost)
            throw;
        {
            auto discarded = std::move(connection);
        }
        connection = acquire();
        connection->begin(mode);
    }
    try {
        if constexpr (std::is_void_v<Return>) {
            work(*connection);
            connection->commit();
            if (auto sequence = connection->change_sequence())
                announce_commit(*sequence, *connection);
        } else {
            Return result = work(*connection);
            if constexpr (core::IsResult<Return>::value) {
                if (!result.ok()) {
                    connection->rollback();
                    return result;
                }
            }
            connection->commit();
            if (auto sequence = connection->change_sequence())
                announce_commit(*sequence, *connection);
            return result;
        }
    } catch (...) {
        if (connection->healthy()) {
            try {
                connection->rollback();
            } catch (...) {
                // The original failure matters more than the failed rollback.
            }
        }
        throw;
    }
}

}  // namespace boussole::storage
