#pragma once
// Synthetic conventions for a demonstration instance: a socle commun
// 2026-2029 and a few departments' conventions in realistic states (in
// force, amended with a visible diff, in consultation, ready to sign, a
// draft), with local commitments and partner annexes. Everything is marked
// as a demonstration in its title or note. Does nothing when a template of
// the period is already published, so that a restart never duplicates or
// overwrites. Database failures throw storage::DatabaseError.

#include "core/result.hpp"

namespace boussole::storage {
class Database;
}

namespace boussole::conventions {

struct DemoConventions {
    bool skipped = false;
    int conventions = 0;
    int commitments = 0;
};

core::Result<DemoConventions> create_demo_conventions(storage::Database& database);

}  // namespace boussole::conventions
