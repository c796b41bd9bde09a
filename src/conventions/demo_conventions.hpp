#pragma once
// Synthetic conventions for a demonstration instance: a socle commun
// 2026-2029, a few departments' conventions written by hand in telling
// states (Gironde amended, Alsace in force, Landes in consultation,
// Pyrénées-Atlantiques partly signed, Corse a draft), and one for every other
// department but the Dordogne (demo_departments.cpp): most in force, some in
// consultation, ready to sign or partly signed, a few amended. Everything is
// marked as a demonstration in its title, note or signer. Once the template
// of the period is published, a run only adds the conventions of departments
// that have none, so that a restart never duplicates or overwrites. A few
// consultations with contributions and answers (demo_consultations.cpp) come
// with them. Database failures throw storage::DatabaseError.

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
