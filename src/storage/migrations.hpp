#pragma once
// Numbered schema migrations, applied in order at start inside one transaction
// each, and recorded in schema_migrations. The SQL of a migration is written
// once for both backends; a few markers adapt it:
//   @ID@      an auto-increment primary key column type
//   @REAL@    a double-precision column type
//   @BLOB@    a binary column type
//   -- @sqlite / -- @postgres ... -- @end   lines for one backend only

#include "storage/connection.hpp"
#include "storage/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {

struct Migration {
    int number;
    std::string_view name;
    std::string_view sql;
};

// The migrations compiled into the program (schema/*.sql), in order.
const std::vector<Migration>& builtin_migrations();

// The SQL of a migration for one backend, markers replaced.
std::string render_migration_sql(std::string_view sql, Backend backend);

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<int> applied;
};

// Applies the migrations above the database's current version. Refuses (throws
// DatabaseError(Schema)) a database whose version is newer than the program.
MigrationReport migrate(Database& database, const std::vector<Migration>& migrations = builtin_migrations());

// The highest applied migration number, 0 for an empty database.
int schema_version(Database& database);

}  // namespace boussole::storage
