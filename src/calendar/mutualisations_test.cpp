// Mutualisations on both backends, on crafted cases: same kind, same
// priority, outside the window (and the national window widened), two
// events of the same organisation kind, accepting (the joint event, the
// originals replaced and no longer counted), dismissing, and who may decide.
#include "support/calendar_fixture.hpp"

#include "calendar/demo_calendar.hpp"
#include "calendar/event_rows.hpp"
#include "calendar/mutualisations.hpp"
#include "calendar/occurrences.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace boussole::calendar {

namespace {

using ::testing::HasSubstr;

}  // namespace

class MutualisationsTest : public CalendarTest {
protected:
    // A call for projects of `organiser` in Gironde, all day, P6.
    EventInput call(const char* organiser, std::string first, std::string last, std::string title)
    {
        EventInput input;
        input.title = std::move(title);
        input.kind = "appel_a_projets";
        input.organiser_id = id_of(organiser);
        input.priority_codes = {"P6"};
        input.territory = "DEP-33";
        input.all_day = true;
        input.starts = std::move(first);
        input.ends = std::move(last);
        return input;
    }
    // A timed meeting of `organiser` in Gironde.
    EventInput meeting(const char* organiser, const char* kind, std::string day, std::vector<std::string> priorities)
    {
        EventInput input;
        input.title = std::string("Réunion ") + organiser;
        input.kind = kind;
        input.organiser_id = id_of(organiser);
        input.priority_codes = std::move(priorities);
        input.territory = "DEP-33";
        input.starts = day + "T09:30";
        input.ends = day + "T12:00";
        return input;
    }
    Event saved(const access::Principal& principal, const EventInput& input)
    {
        SaveOptions options;
        options.override_reason = "Cas d'essai";
        auto outcome = create(principal, input, options);
        EXPECT_TRUE(outcome.ok() && outcome->saved) << (outcome.ok() ? "" : outcome.error().message);
        return *outcome->event;
    }
    std::vector<Suggestion> gironde_suggestions()
    {
        return database().read([&](storage::Connection& connection) {
            return open_suggestions(connection, territory::TerritoryKey::department("33"), utc("2026-01-01T00:00:00Z"));
        });
    }
    core::Result<Mutualisation> accept(const access::Principal& principal, std::int64_t ars, std::int64_t cd)
    {
        return database().write([&](storage::Connection& connection) {
            return accept_mutualisation(connection, principal, registry(), ars, cd);
        });
    }
};

TEST_P(MutualisationsTest, TwoCallsForProjectsThreeWeeksApartAreSuggested)
{
    auto ars = saved(nouvelle_aquitaine_ars(), call("ars-75", "2026-05-26", "2026-07-17", "AMI habitat inclusif"));
    auto cd = saved(gironde_editor(), call("cd-33", "2026-05-04", "2026-06-30", "AAP habitat inclusif"));
    auto suggestions = gironde_suggestions();
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_EQ(suggestions.front().ars_event.id, ars.id);
    EXPECT_EQ(suggestions.front().cd_event.id, cd.id);
    EXPECT_TRUE(suggestions.front().same_kind);
    EXPECT_EQ(suggestions.front().gap_days, 22);
    EXPECT_EQ(suggestions.front().message,
              "deux appels à projets sur « Vie autonome des personnes vivant avec un handicap » à trois semaines "
              "d'écart");
}

TEST_P(MutualisationsTest, DifferentKindsServingTheSamePrioritiesAreSuggested)
{
    saved(nouvelle_aquitaine_ars(), meeting("ars-75", "negociation_cpom", "2026-10-13", {"P8", "P11"}));
    saved(gironde_editor(), meeting("cd-33", "groupe_thematique", "2026-10-16", {"P8"}));
    // Another kind, another priority: nothing in common.
    saved(gironde_editor(), meeting("cd-33", "formation", "2026-10-20", {"P3"}));
    auto suggestions = gironde_suggestions();
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_FALSE(suggestions.front().same_kind);
    EXPECT_EQ(suggestions.front().shared_priorities, std::vector<std::string>{"P8"});
    EXPECT_THAT(suggestions.front().message, HasSubstr("une négociation de CPOM et un groupe thématique sur « "));
    EXPECT_THAT(suggestions.front().message, HasSubstr("à trois jours d'écart"));
}

TEST_P(MutualisationsTest, TheNationalWindowDecidesWhatIsCloseEnough)
{
    saved(nouvelle_aquitaine_ars(), call("ars-75", "2026-03-02", "2026-04-30", "AMI de l'ARS"));
    saved(gironde_editor(), call("cd-33", "2026-04-21", "2026-05-30", "AAP du département"));  // 50 days later
    EXPECT_TRUE(gironde_suggestions().empty());
    auto refused = database().write(
        [&](storage::Connection& connection) { return set_mutualisation_window(connection, gironde_editor(), 60); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::Forbidden);
    auto set = database().write(
        [&](storage::Connection& connection) { return set_mutualisation_window(connection, national_admin(), 60); });
    ASSERT_TRUE(set.ok());
    auto suggestions = gironde_suggestions();
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_THAT(suggestions.front().message, HasSubstr("à sept semaines d'écart"));
}

TEST_P(MutualisationsTest, EventsOfTheSameOrganisationKindOrAnotherTerritoryAreNotSuggested)
{
    saved(gironde_editor(), call("cd-33", "2026-05-04", "2026-06-30", "AAP 1"));
    saved(gironde_editor(), call("cd-33", "2026-05-11", "2026-06-30", "AAP 2"));
    auto landes = call("ars-75", "2026-05-12", "2026-06-30", "AMI des Landes");
    landes.territory = "DEP-40";
    saved(nouvelle_aquitaine_ars(), landes);
    // Recurring events are not merged with a single date.
    auto monthly = call("ars-75", "2026-05-06", "2026-05-06", "AMI mensuel");
    monthly.rrule = "FREQ=MONTHLY;COUNT=3";
    saved(nouvelle_aquitaine_ars(), monthly);
    EXPECT_TRUE(gironde_suggestions().empty());
}

TEST_P(MutualisationsTest, ARegionalArsEventPairsWithTheDepartmentalEventsOfItsRegion)
{
    auto regional = call("ars-75", "2026-05-26", "2026-07-17", "AMI régional habitat inclusif");
    regional.territory = "REG-75";
    auto ars = saved(nouvelle_aquitaine_ars(), regional);
    auto gironde = saved(gironde_editor(), call("cd-33", "2026-05-04", "2026-06-30", "AAP de la Gironde"));
    auto landes_input = call("cd-40", "2026-06-01", "2026-06-30", "AAP des Landes");
    landes_input.territory = "DEP-40";
    auto landes_editor = person("cd-40", access::Role::TerritorialEditor);
    auto landes = saved(landes_editor, landes_input);
    auto suggestions = gironde_suggestions();
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_EQ(suggestions.front().ars_event.id, ars.id);
    EXPECT_EQ(suggestions.front().cd_event.id, gironde.id);
    // The same regional event is suggested on the page of the Landes.
    auto in_landes = database().read([&](storage::Connection& connection) {
        return open_suggestions(connection, territory::TerritoryKey::department("40"), utc("2026-01-01T00:00:00Z"));
    });
    ASSERT_EQ(in_landes.size(), 1u);
    EXPECT_EQ(in_landes.front().cd_event.id, landes.id);
    // The region sees both of its departments' pairs.
    auto in_region = database().read([&](storage::Connection& connection) {
        return open_suggestions(connection, territory::TerritoryKey::region("75"), utc("2026-01-01T00:00:00Z"));
    });
    EXPECT_EQ(in_region.size(), 2u);
    // A department of another region does not meet this ARS event.
    auto elsewhere = database().read([&](storage::Connection& connection) {
        return open_suggestions(connection, territory::TerritoryKey::department("75"), utc("2026-01-01T00:00:00Z"));
    });
    EXPECT_TRUE(elsewhere.empty());

    // Accepted, the joint event is held in the department.
    auto done = accept(gironde_editor(), ars.id, gironde.id);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->joint.territory.to_string(), "DEP-33");
    EXPECT_EQ(done->joint.organiser_id, id_of("cd-33"));
}

TEST_P(MutualisationsTest, RecurringEventsAreNoCandidatesAtAnyLevel)
{
    // A monthly CDAPH-like series of the department and a regional monthly
    // meeting of the ARS, of the same kind, near single events.
    auto monthly_cd = meeting("cd-33", "cdaph", "2026-05-07", {"P6"});
    monthly_cd.rrule = "FREQ=MONTHLY;BYDAY=1TH;COUNT=10";
    saved(gironde_editor(), monthly_cd);
    saved(nouvelle_aquitaine_ars(), meeting("ars-75", "cdaph", "2026-05-12", {"P6"}));
    auto monthly_ars = meeting("ars-75", "groupe_thematique", "2026-06-02", {"P6"});
    monthly_ars.territory = "REG-75";
    monthly_ars.rrule = "FREQ=MONTHLY;COUNT=6";
    saved(nouvelle_aquitaine_ars(), monthly_ars);
    EXPECT_TRUE(gironde_suggestions().empty());
    // The same events, single, would have paired: the test can fail.
    saved(gironde_editor(), meeting("cd-33", "groupe_thematique", "2026-06-09", {}));
    saved(gironde_editor(), meeting("cd-33", "cdaph", "2026-05-14", {}));
    EXPECT_EQ(gironde_suggestions().size(), 1u);
}

TEST_P(MutualisationsTest, AcceptingMakesOneJointEventThatReplacesBoth)
{
    auto ars = saved(nouvelle_aquitaine_ars(), meeting("ars-75", "groupe_thematique", "2026-09-08", {"P6"}));
    auto cd_input = meeting("cd-33", "groupe_thematique", "2026-09-22", {"P7"});
    cd_input.audience_ids = {id_of("mdph-33")};
    auto cd = saved(gironde_editor(), cd_input);

    auto landes = person("cd-40", access::Role::TerritorialEditor);
    auto forbidden = accept(landes, ars.id, cd.id);
    ASSERT_FALSE(forbidden.ok());
    EXPECT_EQ(forbidden.error().code, core::ErrorCode::Forbidden);

    auto done = accept(gironde_editor(), ars.id, cd.id);
    ASSERT_TRUE(done.ok()) << done.error().message;
    const auto& joint = done->joint;
    EXPECT_EQ(joint.organiser_id, id_of("cd-33"));
    EXPECT_EQ(joint.co_organiser_ids, std::vector<std::int64_t>{id_of("ars-75")});
    EXPECT_EQ(joint.audience_ids, std::vector<std::int64_t>{id_of("mdph-33")});
    EXPECT_EQ(joint.priority_codes, (std::vector<std::string>{"P6", "P7"}));
    EXPECT_EQ(joint.starts_local, "2026-09-08T09:30");
    EXPECT_EQ(done->ars_event.replaced_by, joint.id);
    EXPECT_EQ(done->cd_event.replaced_by, joint.id);
    EXPECT_EQ(done->cd_event.version, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'calendar_event' AND entity_id = $1",
                    {std::to_string(cd.id)}),
              2);

    // The originals are kept, no longer suggested, no longer in conflicts.
    EXPECT_TRUE(gironde_suggestions().empty());
    auto same_hour = meeting("cd-33", "formation", "2026-09-22", {});
    auto warnings = database().read(
        [&](storage::Connection& connection) { return check_event(connection, registry(), same_hour); });
    ASSERT_TRUE(warnings.ok());
    EXPECT_TRUE(warnings->empty());

    // Already replaced: a second acceptance is a conflict.
    auto again = accept(gironde_editor(), ars.id, cd.id);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, core::ErrorCode::Conflict);
    EXPECT_THAT(again.error().message, HasSubstr("déjà remplacé"));

    auto counts = database().read([&](storage::Connection& connection) { return count_mutualisations(connection); });
    ASSERT_EQ(counts.size(), 1u);
    EXPECT_EQ(counts.front().first, EventKind::ThematicGroup);
    EXPECT_EQ(counts.front().second, 1);
}

TEST_P(MutualisationsTest, ADismissedSuggestionDoesNotComeBack)
{
    auto ars = saved(nouvelle_aquitaine_ars(), call("ars-75", "2026-05-26", "2026-07-17", "AMI"));
    auto cd = saved(gironde_editor(), call("cd-33", "2026-05-04", "2026-06-30", "AAP"));
    ASSERT_EQ(gironde_suggestions().size(), 1u);
    auto dismissed = database().write([&](storage::Connection& connection) {
        return dismiss_mutualisation(connection, gironde_editor(), ars.id, cd.id, "Publics différents");
    });
    ASSERT_TRUE(dismissed.ok()) << dismissed.error().message;
    EXPECT_TRUE(gironde_suggestions().empty());
    EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_mutualisations WHERE outcome = 'dismissed' AND reason = $1",
                    {"Publics différents"}),
              1);
    auto accepted = accept(gironde_editor(), ars.id, cd.id);
    ASSERT_FALSE(accepted.ok());
    EXPECT_EQ(accepted.error().code, core::ErrorCode::Conflict);
    auto counts = database().read([&](storage::Connection& connection) { return count_mutualisations(connection); });
    EXPECT_TRUE(counts.empty());
}

TEST_P(MutualisationsTest, TheDemoCalendarSuggestsAMutualisationInGironde)
{
    create_demo_calendar(database(), registry(), std::chrono::year{2026});
    auto suggestions = gironde_suggestions();
    ASSERT_FALSE(suggestions.empty());
    EXPECT_THAT(suggestions.front().message, HasSubstr("deux appels à projets"));
    // One pair across levels: the region's call and the department's.
    auto regional = std::count_if(suggestions.begin(), suggestions.end(), [](const Suggestion& suggestion) {
        return suggestion.ars_event.territory == territory::TerritoryKey::region("75") &&
               suggestion.cd_event.territory == territory::TerritoryKey::department("33");
    });
    EXPECT_EQ(regional, 1);
    // The monthly CDAPH is left out of suggestions and does not meet in August.
    auto cdaph = database().read([&](storage::Connection& connection) {
        return rows::select_by_uid(connection, "demo-33-cdaph-2026@boussole.invalid");
    });
    ASSERT_TRUE(cdaph);
    ASSERT_EQ(cdaph->exceptions.size(), 1u);
    EXPECT_EQ(cdaph->exceptions.front().recurrence, "2026-08-13T14:00");
    EXPECT_EQ(occurrences(*cdaph, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")).size(), 11u);
}

TEST(MutualisationPhrases, GapsAreSaidInWords)
{
    EXPECT_EQ(gap_phrase(0), "le même jour");
    EXPECT_EQ(gap_phrase(1), "à un jour d'écart");
    EXPECT_EQ(gap_phrase(5), "à cinq jours d'écart");
    EXPECT_EQ(gap_phrase(8), "à une semaine d'écart");
    EXPECT_EQ(gap_phrase(42), "à six semaines d'écart");
    EXPECT_EQ(gap_phrase(365), "à 52 semaines d'écart");
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(MutualisationsTest);

}  // namespace boussole::calendar
