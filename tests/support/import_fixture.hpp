#pragma once
// The set-up of the CSV import tests, on both backends: the collection
// fixture (reference data, test elements) with real accounts and API tokens,
// since an import records who made it, and helpers to import text and to
// look at what the database holds afterwards.

#include "collection/import.hpp"
#include "support/values_fixture.hpp"

#include <string>
#include <string_view>

namespace boussole::test_support {

class ImportTest : public CollectionTest {
protected:
    // A real, active account of the organisation, as its principal.
    access::Principal account(std::string_view organisation_slug, access::Role role);
    access::Principal gironde_account() { return account("cd-33", access::Role::TerritorialEditor); }
    access::Principal admin_account() { return account("cnsa", access::Role::NationalAdmin); }
    // A real API token of the organisation, as its principal.
    access::Principal api_token(std::string_view organisation_slug, bool can_write);

    core::Result<collection::Import> import(const access::Principal& principal, std::string_view bytes,
                                            collection::WriteMode mode = collection::WriteMode::AllOrNothing,
                                            std::string_view file_name = "valeurs.csv",
                                            const collection::ImportSettings& settings = {});

    // Everything the values tables hold, as one text: equal before and after
    // means nothing was written.
    std::string values_snapshot();
    std::int64_t history_rows() { return count("SELECT COUNT(*) FROM data_value_history"); }

private:
    int m_accounts = 0;
};

}  // namespace boussole::test_support
