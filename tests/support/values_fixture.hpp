#pragma once
// The set-up shared by the tests of data collection, on both backends: the
// reference data (territories, organisations, framework, catalogue), the
// test elements of catalogue_fixture.hpp, and principals acting for real
// organisations with the scope their coverage gives them.
//
//     class WriteValuesTest : public test_support::CollectionTest {};
//     TEST_P(WriteValuesTest, …) { auto report = write(gironde_editor(), {input(1, kMonthly, "33", "2025-07", 12)}); }
//     BOUSSOLE_INSTANTIATE_BACKEND_TESTS(WriteValuesTest);

#include "collection/data_values.hpp"
#include "support/backends.hpp"
#include "support/catalogue_fixture.hpp"
#include "support/reference.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::test_support {

collection::ValueInput input(long line, std::string element, std::string territory, std::string period,
                             std::optional<double> value, std::string comment = {});

class CollectionTest : public BackendTest {
protected:
    void SetUp() override;
    virtual WithPopulation population() const { return WithPopulation::No; }

    const territory::TerritoryRegistry& registry() const { return *m_registry; }
    const catalogue::Catalogue& catalogue() const { return *m_catalogue; }

    // A signed-in person of the organisation, with its coverage as scope.
    access::Principal person(std::string_view organisation_slug, access::Role role);
    // An API token of the organisation.
    access::Principal token(std::string_view organisation_slug, bool can_write);
    access::Principal gironde_editor() { return person("cd-33", access::Role::TerritorialEditor); }
    access::Principal nouvelle_aquitaine_ars() { return person("ars-75", access::Role::TerritorialEditor); }
    access::Principal national_admin() { return person("cnsa", access::Role::NationalAdmin); }

    // write_values in a write transaction of its own.
    core::Result<collection::WriteReport> write(const access::Principal& principal,
                                                const std::vector<collection::ValueInput>& inputs,
                                                collection::WriteMode mode = collection::WriteMode::AllOrNothing,
                                                collection::ValueOrigin origin = collection::ValueOrigin::User);
    std::optional<collection::DataValue> value_of(std::string_view element, std::string_view territory_key,
                                                  std::string_view period);
    // The versions of a cell, newest first; empty when it was never written.
    std::vector<collection::ValueVersion> history_of(std::string_view element, std::string_view territory_key,
                                                     std::string_view period);
    std::int64_t count(const std::string& sql, const storage::Params& params = {});

private:
    std::optional<territory::TerritoryRegistry> m_registry;
    std::optional<catalogue::Catalogue> m_catalogue;
    std::int64_t m_next_user_id = 9000;
};

}  // namespace boussole::test_support
