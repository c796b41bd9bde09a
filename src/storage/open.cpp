#include "storage/open.hpp"

#include "storage/postgres/postgres_connection.hpp"
#include "storage/postgres/postgres_listener.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

#include <filesystem>
#include <system_error>

namespace boussole::storage {

namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";

// An address echoed back in a message, with the password of a
// "scheme://user:password@host" form masked.
std::string without_password(std::string_view url)
{
    std::string text(url);
    auto scheme_end = text.find("://");
    if (scheme_end == std::string::npos)
        return text;
    auto authority_start = scheme_end + 3;
    auto authority_end = text.find_first_of("/?#", authority_start);
    auto at = text.rfind('@', authority_end == std::string::npos ? text.size() : authority_end);
    if (at == std::string::npos || at < authority_start)
        return text;
    auto colon = text.find(':', authority_start);
    if (colon == std::string::npos || colon > at)
        return text;
    return text.replace(colon + 1, at - colon - 1, "***");
}

bool looks_like_postgres(std::string_view url)
{
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return true;
    // libpq's key=value form: "host=db.example dbname=boussole user=boussole".
    return url.find("://") == std::string_view::npos && url.find('=') != std::string_view::npos &&
           !url.starts_with(kSqlitePrefix);
}

// Opens the first connection now, so that a wrong address fails at start and
// not at the first request.
core::Result<std::unique_ptr<Database>> check_first_connection(std::unique_ptr<Database> database)
{
    try {
        database->acquire();
    } catch (const DatabaseError& error) {
        return core::Error::unavailable("Impossible d'ouvrir la base de données " + database->description() + " (" +
                                        error.what() +
                                        "). Vérifiez l'adresse, les droits d'accès et que le serveur est démarré.");
    }
    return database;
}

core::Result<std::unique_ptr<Database>> open_sqlite(std::string_view url, const OpenOptions& options)
{
    std::string path(url.substr(kSqlitePrefix.size()));
    if (path.empty() || path == ":memory:")
        return core::Error::invalid("Adresse de base de données « " + std::string(url) +
                                    " » incomplète : indiquez un fichier, par exemple sqlite:var/boussole.db.");
    // Each pooled connection opens the file again, so a missing folder is an
    // error to report, not something to create silently in the wrong place.
    std::filesystem::path directory = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!directory.empty() && !std::filesystem::is_directory(directory, error))
        return core::Error::invalid("Le dossier « " + directory.string() + " » de la base de données " +
                                    std::string(url) + " n'existe pas : créez-le ou choisissez un autre chemin.");
    auto factory = [path] { return std::unique_ptr<Connection>(SqliteConnection::open(path)); };
    return check_first_connection(
        std::make_unique<Database>(Backend::Sqlite, std::string(url), factory, options.max_connections));
}

core::Result<std::unique_ptr<Database>> open_postgres(std::string_view url, const OpenOptions& options)
{
    std::string connection_string(url);
    std::string reason;
    auto description = PostgresConnection::describe(connection_string, &reason);
    if (!description)
        return core::Error::invalid("Adresse de base de données PostgreSQL « " + without_password(url) +
                                    " » illisible (" + reason + ") : attendu postgresql://utilisateur@hôte:port/base.");
    auto factory = [connection_string] {
        return std::unique_ptr<Connection>(PostgresConnection::connect(connection_string));
    };
    auto database = std::make_unique<Database>(Backend::Postgres, *description, factory, options.max_connections);
    database->set_listener_factory([connection_string](const std::string& channel) {
        return std::unique_ptr<NotificationListener>(std::make_unique<PostgresListener>(connection_string, channel));
    });
    return check_first_connection(std::move(database));
}

}  // namespace

core::Result<std::unique_ptr<Database>> open_database(std::string_view url, const OpenOptions& options)
{
    if (url.starts_with(kSqlitePrefix))
        return open_sqlite(url, options);
    if (looks_like_postgres(url))
        return open_postgres(url, options);
    return core::Error::invalid("Adresse de base de données « " + without_password(url) +
                                " » non reconnue : attendu sqlite:chemin ou postgresql://…");
}

}  // namespace boussole::storage
