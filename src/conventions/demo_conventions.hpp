#pragma once
// Synthetic conventions for a demonstration instance: a socle commun
// 2026-2029 and a few departments' conventions in realistic states (in
// force, amended with a visible diff, in consultation, ready to sign, a
// draft), with local commitments and partner annexes. Everything is marked
// as a demonstration in its title or note. Does nothing when a template of
// the period is already published, so that a restart never duplicates or
// overwrites. A few consultations with contributions and answers
// (demo_consultations.cpp) come with them. Database failures throw storage::DatabaseError.

#include "core/result.hpp"

namespace boussole::storage {
class Connection;
class Database;
}  // namespace boussole::storage

namespace boussole::conventions {

struct DemoConventions {
    bool skipped = false;
    int conventions = 0;
    int commitments = 0;
    int consultations = 0;
};

// Also adds the demonstration consultations when none exists yet, even to
// conventions created before them.
core::Result<DemoConventions> create_demo_conventions(storage::Database& database);

// A consultation with answered contributions on the Landes' convention and
// one just opened on the Corsican draft; nothing when a consultation exists.
// Returns how many were opened.
core::Result<int> create_demo_consultations(storage::Connection& connection);

}  // namespace boussole::conventions
