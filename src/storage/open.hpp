#pragma once
// Opens a database from its URL: "sqlite:path/to/file.db" (the embedded
// default) or "postgresql://user@host:port/name" (libpq URL or key=value
// string). Lives in its own target because it is the one place that knows
// both drivers.

#include "core/result.hpp"
#include "storage/database.hpp"

#include <memory>
#include <string_view>

namespace boussole::storage {

struct OpenOptions {
    std::size_t max_connections = 8;
};

// Fails with Invalid for an unknown scheme or a SQLite file whose folder does
// not exist (it is not created: a typo would otherwise scatter databases),
// Unavailable when the first connection cannot be made (the message names the
// database, never a password).
core::Result<std::unique_ptr<Database>> open_database(std::string_view url, const OpenOptions& options = {});

}  // namespace boussole::storage
