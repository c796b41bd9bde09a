// Approval on both backends: the department submits its drafts, the ARS of
// its region validates, validated values are locked until reopened with a
// reason; who may do what, what is recorded, and the approval queue.
#include "collection/approval.hpp"
#include "support/values_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::collection {

using test_support::input;
using test_support::kMonthly;
using test_support::kQuarterly;
using test_support::kYearlyRate;
using ::testing::HasSubstr;

class ApprovalTest : public test_support::CollectionTest {
protected:
    void SetUp() override
    {
        CollectionTest::SetUp();
        if (HasFatalFailure())
            return;
        auto report = write(national_admin(),
                            {input(1, kQuarterly, "33", "2025-T1", 100), input(2, kYearlyRate, "33", "2025", 12.5),
                             input(3, kQuarterly, "40", "2025-T1", 80), input(4, kQuarterly, "75", "2025-T1", 300)});
        ASSERT_TRUE(report.ok() && report->written == 4);
    }

    core::Result<ApprovalResult> act(const access::Principal& principal, std::string territory, std::string period,
                                     ApprovalAction action, std::string reason = {})
    {
        return database().write([&](storage::Connection& connection) {
            return apply_approval(connection, principal, registry(),
                                  {std::move(territory), std::move(period), action, std::move(reason)});
        });
    }

    core::Page<ApprovalGroup> queue(const access::Principal& principal, ValueStatus status)
    {
        auto page = database().read([&](storage::Connection& connection) {
            ApprovalQueueQuery query;
            query.status = status;
            return approval_queue(connection, principal, registry(), query);
        });
        EXPECT_TRUE(page.ok());
        return page.ok() ? std::move(page).value() : core::Page<ApprovalGroup>{};
    }
};

TEST_P(ApprovalTest, TheDepartmentSubmitsAndTheArsValidates)
{
    auto submitted = act(gironde_editor(), "33", "2025-T1", ApprovalAction::Submit);
    ASSERT_TRUE(submitted.ok()) << submitted.error().message;
    EXPECT_EQ(submitted->values_affected, 1);  // the quarter only, not the year
    EXPECT_EQ(value_of(kQuarterly, "DEP-33", "2025-T1")->status, ValueStatus::Submitted);
    EXPECT_EQ(value_of(kYearlyRate, "DEP-33", "2025")->status, ValueStatus::Draft);
    EXPECT_EQ(value_of(kQuarterly, "DEP-40", "2025-T1")->status, ValueStatus::Draft);

    auto validated = act(nouvelle_aquitaine_ars(), "DEP-33", "2025-T1", ApprovalAction::Validate);
    ASSERT_TRUE(validated.ok()) << validated.error().message;
    auto value = value_of(kQuarterly, "DEP-33", "2025-T1");
    EXPECT_EQ(value->status, ValueStatus::Validated);
    EXPECT_EQ(value->version, 3);

    auto history = history_of(kQuarterly, "DEP-33", "2025-T1");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].action, "validate");
    EXPECT_EQ(history[0].status, ValueStatus::Validated);
    EXPECT_EQ(history[0].value, 100);
    EXPECT_EQ(history[1].action, "submit");
    EXPECT_EQ(count("SELECT COUNT(*) FROM approval_events WHERE territory_key = 'DEP-33' AND period = '2025-T1'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'data_values' AND entity_id = "
                    "'DEP-33/2025-T1'"),
              2);
}

TEST_P(ApprovalTest, OnlyTheArsOfTheRegionOrTheNationValidates)
{
    ASSERT_TRUE(act(gironde_editor(), "33", "2025-T1", ApprovalAction::Submit).ok());
    auto own = act(gironde_editor(), "33", "2025-T1", ApprovalAction::Validate);
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(own.error().message, HasSubstr("ARS"));

    auto by_token = act(token("ars-75", true), "33", "2025-T1", ApprovalAction::Validate);
    EXPECT_EQ(by_token.error().code, core::ErrorCode::Forbidden);
    EXPECT_THAT(by_token.error().message, HasSubstr("jeton"));
    auto other_ars = act(person("ars-11", access::Role::TerritorialEditor), "33", "2025-T1", ApprovalAction::Validate);
    EXPECT_EQ(other_ars.error().code, core::ErrorCode::Forbidden);
    auto reader = act(person("ars-75", access::Role::TerritorialReader), "33", "2025-T1", ApprovalAction::Validate);
    EXPECT_EQ(reader.error().code, core::ErrorCode::Forbidden);
    auto other_department = act(gironde_editor(), "40", "2025-T1", ApprovalAction::Submit);
    EXPECT_EQ(other_department.error().code, core::ErrorCode::Forbidden);
    EXPECT_EQ(value_of(kQuarterly, "DEP-33", "2025-T1")->status, ValueStatus::Submitted);

    EXPECT_TRUE(act(national_admin(), "33", "2025-T1", ApprovalAction::Validate).ok());
}

TEST_P(ApprovalTest, ValidatedValuesAreLockedUntilReopenedWithAReason)
{
    ASSERT_TRUE(act(gironde_editor(), "33", "2025-T1", ApprovalAction::Submit).ok());
    ASSERT_TRUE(act(nouvelle_aquitaine_ars(), "33", "2025-T1", ApprovalAction::Validate).ok());

    auto locked = write(gironde_editor(), {input(1, kQuarterly, "33", "2025-T1", 105)});
    ASSERT_TRUE(locked.ok());
    EXPECT_FALSE(locked->applied);
    ASSERT_EQ(locked->rejected.size(), 1u);
    EXPECT_THAT(locked->rejected[0].message, HasSubstr("verrouillée"));
    auto deletion = write(national_admin(), {input(1, kQuarterly, "33", "2025-T1", std::nullopt)});
    EXPECT_FALSE(deletion->applied);
    // Re-sending the validated figure itself is not a change.
    EXPECT_EQ(write(gironde_editor(), {input(1, kQuarterly, "33", "2025-T1", 100)})->unchanged, 1);

    auto no_reason = act(nouvelle_aquitaine_ars(), "33", "2025-T1", ApprovalAction::Reopen, "   ");
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(no_reason.error().code, core::ErrorCode::Invalid);
    ASSERT_EQ(no_reason.error().fields.size(), 1u);
    EXPECT_EQ(no_reason.error().fields[0].field, "reason");
    auto by_department = act(gironde_editor(), "33", "2025-T1", ApprovalAction::Reopen, "erreur de saisie");
    EXPECT_EQ(by_department.error().code, core::ErrorCode::Forbidden);

    auto reopened = act(nouvelle_aquitaine_ars(), "33", "2025-T1", ApprovalAction::Reopen, "Erreur de saisie signalée");
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(value_of(kQuarterly, "DEP-33", "2025-T1")->status, ValueStatus::Submitted);
    auto history = history_of(kQuarterly, "DEP-33", "2025-T1");
    EXPECT_EQ(history[0].action, "reopen");
    EXPECT_EQ(history[0].reason, "Erreur de saisie signalée");
    EXPECT_EQ(count("SELECT COUNT(*) FROM approval_events WHERE action = 'reopen' AND reason = $1",
                    {"Erreur de saisie signalée"}),
              1);

    auto corrected = write(gironde_editor(), {input(1, kQuarterly, "33", "2025-T1", 105)});
    EXPECT_EQ(corrected->written, 1);
    EXPECT_EQ(value_of(kQuarterly, "DEP-33", "2025-T1")->status, ValueStatus::Draft);
}

TEST_P(ApprovalTest, NothingInTheExpectedStateIsAConflictThatSaysWhy)
{
    auto validate = act(nouvelle_aquitaine_ars(), "33", "2025-T1", ApprovalAction::Validate);
    ASSERT_FALSE(validate.ok());
    EXPECT_EQ(validate.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(validate.error().message, HasSubstr("Rien à valider"));
    EXPECT_THAT(validate.error().message, HasSubstr("1 valeur en brouillon"));

    auto empty = act(gironde_editor(), "33", "2019", ApprovalAction::Submit);
    EXPECT_EQ(empty.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(empty.error().message, HasSubstr("Aucune valeur"));
    auto reopen = act(national_admin(), "33", "2025-T1", ApprovalAction::Reopen, "motif");
    EXPECT_EQ(reopen.error().code, core::ErrorCode::Conflict);
    EXPECT_EQ(count("SELECT COUNT(*) FROM approval_events"), 0);
}

TEST_P(ApprovalTest, WrongTerritoriesAndPeriodsAreInvalid)
{
    for (const char* territory : {"REG-75", "2C", "20"}) {
        auto result = act(national_admin(), territory, "2025-T1", ApprovalAction::Submit);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, core::ErrorCode::Invalid) << territory;
        EXPECT_EQ(result.error().fields.at(0).field, "territory");
    }
    auto date = act(national_admin(), "33", "2025-01-01", ApprovalAction::Submit);
    EXPECT_EQ(date.error().fields.at(0).field, "period");
    EXPECT_EQ(parse_approval_action("valider").error().code, core::ErrorCode::Invalid);
}

TEST_P(ApprovalTest, TheQueueShowsWhatWaitsWithinTheScope)
{
    ASSERT_TRUE(act(gironde_editor(), "33", "2025-T1", ApprovalAction::Submit).ok());
    ASSERT_TRUE(act(national_admin(), "75", "2025-T1", ApprovalAction::Submit).ok());

    auto ars = queue(nouvelle_aquitaine_ars(), ValueStatus::Submitted);
    ASSERT_EQ(ars.total, 1);  // Paris is not in Nouvelle-Aquitaine
    EXPECT_EQ(ars.items[0].territory.to_string(), "DEP-33");
    EXPECT_EQ(ars.items[0].period.to_string(), "2025-T1");
    EXPECT_EQ(ars.items[0].submitted, 1);
    EXPECT_TRUE(ars.items[0].can_validate);
    EXPECT_FALSE(ars.items[0].can_reopen);
    ASSERT_TRUE(ars.items[0].last_event);
    EXPECT_THAT(*ars.items[0].last_event, HasSubstr("transmission par"));

    auto national = queue(national_admin(), ValueStatus::Submitted);
    EXPECT_EQ(national.total, 2);
    auto department = queue(gironde_editor(), ValueStatus::Submitted);
    ASSERT_EQ(department.total, 1);
    EXPECT_FALSE(department.items[0].can_validate);
    auto drafts = queue(gironde_editor(), ValueStatus::Draft);
    ASSERT_EQ(drafts.total, 1);  // the year 2025
    EXPECT_EQ(drafts.items[0].period.to_string(), "2025");
    EXPECT_TRUE(drafts.items[0].can_submit);

    auto anonymous = database().read([&](storage::Connection& connection) {
        return approval_queue(connection, access::Principal::anonymous(), registry(), {});
    });
    EXPECT_EQ(anonymous.error().code, core::ErrorCode::Unauthenticated);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ApprovalTest);

}  // namespace boussole::collection
