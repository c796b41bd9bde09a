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

}  // namespace boussole::storage
