// Opening a database from its address: the messages a person sees when the
// address is wrong or the database cannot be reached.

#include "storage/open.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <unistd.h>

namespace boussole::storage {

namespace {

bool contains(const std::string& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(OpenDatabase, RefusesAnUnknownAddressWithoutShowingItsPassword)
{
    auto opened = open_database("mysql://boussole:s3cret@db.example/boussole");
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, core::ErrorCode::Invalid);
    EXPECT_TRUE(contains(opened.error().message, "non reconnue : attendu sqlite:chemin ou postgresql://"))
        << opened.error().message;
    EXPECT_TRUE(contains(opened.error().message, "mysql://boussole:***@db.example/boussole"));
    EXPECT_FALSE(contains(opened.error().message, "s3cret"));
}

TEST(OpenDatabase, AsksForAFileForSqlite)
{
    for (const char* url : {"sqlite:", "sqlite::memory:"}) {
        auto opened = open_database(url);
        ASSERT_FALSE(opened.ok()) << url;
        EXPECT_EQ(opened.error().code, core::ErrorCode::Invalid);
        EXPECT_TRUE(contains(opened.error().message, "indiquez un fichier")) << opened.error().message;
    }
}

TEST(OpenDatabase, ReportsAMissingSqliteFolderInsteadOfCreatingIt)
{
    auto folder = std::filesystem::temp_directory_path() / "boussole-no-such-folder" / "nested";
    auto opened = open_database("sqlite:" + (folder / "boussole.db").string());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, core::ErrorCode::Invalid);
    EXPECT_TRUE(contains(opened.error().message, "« " + folder.string() + " »")) << opened.error().message;
    EXPECT_TRUE(contains(opened.error().message, "n'existe pas")) << opened.error().message;
    EXPECT_FALSE(std::filesystem::exists(folder));
}

TEST(OpenDatabase, ReportsAnUnreachableServerByNameAndWithoutItsPassword)
{
    // Port 1 on the loopback refuses connections at once.
    auto opened = open_database("postgresql://boussole:s3cret@127.0.0.1:1/pilotage");
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, core::ErrorCode::Unavailable);
    EXPECT_TRUE(contains(opened.error().message, "postgresql://boussole@127.0.0.1:1/pilotage"))
        << opened.error().message;
    EXPECT_FALSE(contains(opened.error().message, "s3cret"));

    auto key_value = open_database("host=127.0.0.1 port=1 dbname=pilotage password=s3cret");
    ASSERT_FALSE(key_value.ok());
    EXPECT_EQ(key_value.error().code, core::ErrorCode::Unavailable);
    EXPECT_FALSE(contains(key_value.error().message, "s3cret"));
}

TEST(OpenDatabase, OpensASqliteFileAndDescribesIt)
{
    auto folder = std::filesystem::temp_directory_path() / ("boussole-open-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::string url = "sqlite:" + (folder / "boussole.db").string();
    {
        auto opened = open_database(url, {.max_connections = 2});
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        EXPECT_EQ((*opened)->backend(), Backend::Sqlite);
        EXPECT_EQ((*opened)->description(), url);
        auto connection = (*opened)->acquire();
        EXPECT_EQ(connection->query("PRAGMA journal_mode").front()[0].as_text(), "wal");
        EXPECT_EQ(connection->query("PRAGMA foreign_keys").front()[0].as_integer(), 1);
        EXPECT_EQ(connection->query("PRAGMA synchronous").front()[0].as_integer(), 1);  // NORMAL
        EXPECT_EQ(connection->query("PRAGMA busy_timeout").front()[0].as_integer(), 5000);
    }
    std::filesystem::remove_all(folder);
}

}  // namespace boussole::storage
