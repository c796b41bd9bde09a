#include "support/backends.hpp"

#include "storage/migrations.hpp"
#include "support/postgres_server.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace boussole::test_support {

ScratchDatabase::ScratchDatabase(storage::Backend backend) : m_backend(backend)
{
    if (backend == storage::Backend::Postgres) {
        m_url = shared_postgres_server().create_database();
        return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "boussole-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("cannot create a temporary directory " + pattern + ": " + std::strerror(errno));
    m_directory = pattern;
    m_url = "sqlite:" + m_directory + "/boussole.db";
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_backend == storage::Backend::Postgres) {
        try {
            shared_postgres_server().release_database(m_url);
        } catch (const std::exception&) {
            // The server is gone already; its databases went with it.
        }
        return;
    }
    std::error_code error;
    std::filesystem::remove_all(m_directory, error);
}

std::unique_ptr<storage::Database> ScratchDatabase::open(const storage::OpenOptions& options) const
{
    auto database = storage::open_database(m_url, options);
    if (!database.ok())
        throw std::runtime_error(database.error().message);
    return std::move(database).value();
}

void BackendTest::SetUp()
{
    try {
        m_scratch.emplace(GetParam());
        m_database = m_scratch->open();
        storage::migrate(*m_database);
    } catch (const std::exception& error) {
        FAIL() << "cannot prepare the " << storage::to_string(GetParam()) << " test database: " << error.what();
    }
}

void BackendTest::TearDown()
{
    m_database.reset();
    m_scratch.reset();
}

std::string backend_test_name(const ::testing::TestParamInfo<storage::Backend>& info)
{
    return info.param == storage::Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace boussole::test_support

namespace boussole::storage {

void PrintTo(Backend backend, std::ostream* out)
{
    *out << to_string(backend);
}

}  // namespace boussole::storage
