#include "storage/database.hpp"

namespace boussole::storage {

const char* to_string(Backend backend)
{
    return backend == Backend::Sqlite ? "sqlite" : "postgresql";
}

PooledConnection::~PooledConnection()
{
    if (m_connection)
        m_database->give_back(std::move(m_connection));
}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept
{
    if (this != &other) {
        if (m_connection)
            m_database->give_back(std::move(m_connection));
        m_database = other.m_database;
        m_connection = std::move(other.m_connection);
    }
    return *this;
}

Database::Database(Backend backend, std::string description, Factory factory, std::size_t max_connections)
    : m_backend(backend),
      m_description(std::move(description)),
      m_factory(std::move(factory)),
      m_max_connections(max_connections == 0 ? 1 : max_connections)
{}

PooledConnection Database::acquire()
{
    std::unique_lock lock(m_mutex);
    bool ready =
        m_available.wait_for(lock, m_acquire_timeout, [&] { return !m_idle.empty() || m_open < m_max_connections; });
    if (!ready)
        throw DatabaseError(DatabaseError::Kind::Unavailable, "no database connection available in time");
    if (!m_idle.empty()) {
        auto connection = std::move(m_idle.back());
        m_idle.pop_back();
        return PooledConnection(*this, std::move(connection));
    }
    ++m_open;
    lock.unlock();
    try {
        return PooledConnection(*this, m_factory());
    } catch (...) {
        lock.lock();
        --m_open;
        m_available.notify_one();
        throw;
    }
}

void Database::give_back(std::unique_ptr<Connection> connection)
{
    std::lock_guard lock(m_mutex);
    if (connection->healthy())
        m_idle.push_back(std::move(connection));
    else
        --m_open;
    m_available.notify_one();
}

std::size_t Database::add_commit_listener(CommitListener listener)
{
    std::lock_guard lock(m_listeners_mutex);
    auto id = m_next_listener_id++;
    m_commit_listeners.emplace_back(id, std::move(listener));
    return id;
}

void Database::remove_commit_listener(std::size_t id)
{
    std::lock_guard lock(m_listeners_mutex);
    std::erase_if(m_commit_listeners, [id](const auto& entry) { return entry.first == id; });
}

void Database::announce_commit(std::int64_t sequence, Connection& connection)
{
    // Held during the calls, so that remove_commit_listener returns only once
    // no call to the removed listener is running: its owner may then go.
    // The listeners' work is serialised anyway (the analytics take their cube
    // for themselves to catch up).
    std::lock_guard lock(m_listeners_mutex);
    for (const auto& entry : m_commit_listeners)
        entry.second(sequence, connection);
}

}  // namespace boussole::storage
