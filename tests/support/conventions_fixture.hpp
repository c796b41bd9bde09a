#pragma once
// The set-up shared by the convention tests, on both backends: the
// reference data, a national template for 2026-2029 (three objectives, two
// with a shared indicator and its national target), and helpers that run
// each domain call in a write transaction of its own.
//
//     class MyTest : public test_support::ConventionTest {};
//     TEST_P(MyTest, …) { auto gironde = create({"DEP-33"}); … }
//     BOUSSOLE_INSTANTIATE_BACKEND_TESTS(MyTest);

#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "conventions/lifecycle.hpp"
#include "conventions/template.hpp"
#include "conventions/versions.hpp"
#include "storage/connection.hpp"
#include "support/values_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

inline conventions::TemplateInput national_template_input()
{
    conventions::TemplateInput input;
    input.period_start = 2026;
    input.period_end = 2029;
    input.note = "Socle commun 2026-2029";
    input.items = {
        {"P2", "Réduire le délai de traitement des demandes MDPH", "Viser moins de trois mois.",
         "mdph_delai_traitement", 3.0, ""},
        {"P3", "Améliorer la satisfaction des usagers des MDPH", "Enquête « Ma MDPH, mon avis ».",
         "mdph_taux_satisfaction", 80.0, ""},
        {"P1", "Garantir l'équité d'accès aux droits", "Réduire les écarts entre territoires.", "", std::nullopt, ""},
    };
    return input;
}

class ConventionTest : public CollectionTest {
protected:
    void SetUp() override
    {
        CollectionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto published = publish(national_admin(), national_template_input());
        ASSERT_TRUE(published.ok()) << published.error().message;
        m_template = *published;
    }

    const conventions::Template& national_template() const { return m_template; }

    template <typename Work>
    auto in_write(Work&& work)
    {
        return database().write([&](storage::Connection& connection) { return work(connection); });
    }

    core::Result<conventions::Template> publish(const access::Principal& principal,
                                                const conventions::TemplateInput& input)
    {
        return in_write([&](storage::Connection& connection) {
            return conventions::publish_template(connection, principal, catalogue(), input);
        });
    }

    core::Result<conventions::Convention> create(std::vector<std::string> territories,
                                                 std::optional<access::Principal> as = std::nullopt,
                                                 std::vector<std::string> partners = {})
    {
        conventions::ConventionInput input{"", std::move(territories), 2026, 2029, std::move(partners)};
        auto principal = as ? *as : national_admin();
        return in_write([&](storage::Connection& connection) {
            return conventions::create_convention(connection, principal, registry(), input);
        });
    }

    core::Result<conventions::Commitment> add(const access::Principal& principal, std::int64_t convention,
                                              const conventions::CommitmentInput& input)
    {
        return in_write([&](storage::Connection& connection) {
            return conventions::add_commitment(connection, principal, catalogue(), convention, input);
        });
    }

    core::Result<conventions::Commitment> change(const access::Principal& principal, std::int64_t convention,
                                                 std::int64_t id, int version,
                                                 const conventions::CommitmentInput& input)
    {
        return in_write([&](storage::Connection& connection) {
            return conventions::change_commitment(connection, principal, catalogue(), convention, id, version, input);
        });
    }

    core::Result<conventions::Convention> step(const access::Principal& principal, std::int64_t convention,
                                               conventions::Step step,
                                               const std::map<std::int64_t, std::string>& assessments = {})
    {
        return in_write([&](storage::Connection& connection) -> core::Result<conventions::Convention> {
            auto current = conventions::find_convention(connection, convention);
            if (!current)
                return core::Error::not_found("test");
            return conventions::take_step(connection, principal, convention, current->version, step, assessments);
        });
    }

    core::Result<conventions::Convention> sign(const access::Principal& principal, std::int64_t convention)
    {
        return in_write([&](storage::Connection& connection) {
            return conventions::sign_convention(connection, principal, convention, std::nullopt);
        });
    }

    std::vector<conventions::Commitment> commitments_of(std::int64_t convention, bool include_deleted = false)
    {
        return database().read([&](storage::Connection& connection) {
            return conventions::list_commitments(connection, convention, include_deleted);
        });
    }

    // A local commitment led by the Gironde's departmental council.
    static conventions::CommitmentInput local(std::string title, std::string indicator = {})
    {
        conventions::CommitmentInput input;
        input.section = "local";
        input.priority = "P4";
        input.title = std::move(title);
        input.text = "Texte de l'engagement.";
        input.lead = "cd-33";
        input.contributors = {"ars-75"};
        input.indicator = std::move(indicator);
        return input;
    }

private:
    conventions::Template m_template;
};

}  // namespace boussole::test_support
