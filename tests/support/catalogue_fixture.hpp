#pragma once
// A few data elements with every period type and every value rule, for the
// tests of data collection: they do not depend on the reference catalogue,
// whose elements may change. Their codes start with "essai_".

#include "catalogue/catalogue.hpp"
#include "storage/database.hpp"

namespace boussole::test_support {

inline constexpr const char* kTestSource = "essai_source";
// integer, month, minimum 0, due 30 days after the month
inline constexpr const char* kMonthly = "essai_mensuel";
// integer, quarter, minimum 0: the denominator of kQuarterlyPart
inline constexpr const char* kQuarterly = "essai_trimestriel";
// integer, quarter, minimum 0, not above kQuarterly
inline constexpr const char* kQuarterlyPart = "essai_trimestriel_part";
// decimal, year, from 0 to 100
inline constexpr const char* kYearlyRate = "essai_taux_annuel";
// decimal, year, no bounds (a balance may be negative)
inline constexpr const char* kYearlyBalance = "essai_solde_annuel";
// integer, year, computed by Boussole (not collected)
inline constexpr const char* kComputed = "essai_calcule";

// Inserts the test source and elements; a second call changes nothing.
// Fails the calling test on an error.
void insert_test_catalogue(storage::Database& database);

catalogue::Catalogue load_catalogue(storage::Database& database);

}  // namespace boussole::test_support
