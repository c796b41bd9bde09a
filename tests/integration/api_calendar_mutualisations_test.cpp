// /api/v1/calendar/mutualisations over real HTTP, on both backends: an ARS
// call and a CD call three weeks apart are suggested with their sentence,
// accepted into one joint event that replaces both (and counted
// nationally), a dismissed pair does not come back, only national
// administrators set the window (over the API and with the page's form),
// the page lists the suggestion and dismisses it with a reason, and one
// occurrence of a series is cancelled over the API.
#include "integration/app_fixture.hpp"
#include "web/http/url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::Not;

class CalendarMutualisationApiTest : public AppTest {
protected:
    // Next year, so that the events are to come whatever today is.
    static std::string day(const char* month_day)
    {
        using namespace std::chrono;
        auto year = static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year()) + 1;
        return std::to_string(year) + "-" + month_day;
    }
    nlohmann::json call(std::string_view organiser, const char* first, const char* last, const char* title)
    {
        return {{"title", title},       {"kind", "appel_a_projets"}, {"organiser_id", actor(organiser)["id"]},
                {"priorities", {"P6"}}, {"territory", "DEP-33"},     {"all_day", true},
                {"starts", day(first)}, {"ends", day(last)}};
    }
    HttpResponse post_form(const Credentials& as, std::string_view path,
                           const std::vector<std::pair<std::string, std::string>>& fields)
    {
        std::string body = "csrf=" + boussole::http::percent_encode(as.csrf_token);
        for (const auto& [name, value] : fields)
            body += "&" + name + "=" + boussole::http::percent_encode(value);
        return checked(client().post(path, body, "application/x-www-form-urlencoded", {{"Cookie", as.cookie}}));
    }
    std::int64_t created(const Credentials& as, const nlohmann::json& body)
    {
        auto with_reason = body;
        with_reason["override_reason"] = "Date fixée par le conseil";
        auto response = send("POST", "/api/v1/calendar/events", with_reason, as);
        EXPECT_EQ(response.status, 201) << response.body;
        return json_of(response)["id"].get<std::int64_t>();
    }
};

TEST_P(CalendarMutualisationApiTest, ASuggestionIsAcceptedIntoOneJointEvent)
{
    auto ars = sign_in(demo::kArsEditor);
    auto gironde = sign_in(demo::kGirondeEditor);
    auto ars_id = created(ars, call("ars-75", "05-26", "07-16", "AMI habitat inclusif"));
    auto cd_id = created(gironde, call("cd-33", "05-04", "06-30", "AAP habitat inclusif"));

    auto listed = get("/api/v1/calendar/mutualisations?territory=DEP-33", gironde);
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto suggestions = json_of(listed);
    EXPECT_EQ(suggestions["window_days"], 42);
    ASSERT_EQ(suggestions["total"], 1);
    EXPECT_EQ(suggestions["items"][0]["ars_event"]["id"], ars_id);
    EXPECT_THAT(suggestions["items"][0]["message"].get<std::string>(),
                HasSubstr("deux appels à projets sur « Vie autonome"));
    expect_problem(get("/api/v1/calendar/mutualisations", gironde), 422);

    auto page = get("/territoires/DEP-33/calendrier/mutualisations", gironde);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Deux appels à projets sur « Vie autonome"));

    nlohmann::json pair{{"ars_event_id", ars_id}, {"cd_event_id", cd_id}};
    expect_problem(send("POST", "/api/v1/calendar/mutualisations", pair, gironde.without_csrf()), 403);
    auto missing =
        send("POST", "/api/v1/calendar/mutualisations", {{"ars_event_id", ars_id}, {"cd_event_id", 0}}, gironde);
    expect_problem(missing, 422);
    auto accepted = send("POST", "/api/v1/calendar/mutualisations", pair, gironde);
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    auto joint = json_of(accepted)["joint_event"];
    EXPECT_EQ(joint["co_organiser_ids"], nlohmann::json::array({actor("ars-75")["id"]}));
    EXPECT_EQ(joint["starts"], day("05-04"));
    EXPECT_EQ(joint["ends"], day("07-16"));
    auto original = json_of(get("/api/v1/calendar/events/" + std::to_string(cd_id), gironde));
    EXPECT_EQ(original["replaced_by"], joint["id"]);
    EXPECT_EQ(original["version"], 2);
    EXPECT_EQ(audit_count("calendar_event", std::to_string(cd_id)), 2);

    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations?territory=DEP-33", gironde))["total"], 0);
    auto again = send("POST", "/api/v1/calendar/mutualisations", pair, gironde);
    EXPECT_THAT(expect_problem(again, 409)["detail"].get<std::string>(), HasSubstr("déjà remplacé"));
    auto count = json_of(get("/api/v1/calendar/mutualisations/count", gironde));
    EXPECT_EQ(count["total"], 1);
    EXPECT_EQ(count["items"][0]["kind"], "appel_a_projets");

    page = get("/territoires/DEP-33/calendrier/mutualisations", gironde);
    EXPECT_THAT(page.body, HasSubstr("Commun ARS et département : AAP habitat inclusif"));
}

TEST_P(CalendarMutualisationApiTest, ADismissedSuggestionIsRecordedAndGone)
{
    auto ars = sign_in(demo::kArsEditor);
    auto gironde = sign_in(demo::kGirondeEditor);
    auto ars_id = created(ars, call("ars-75", "03-02", "03-31", "AMI"));
    auto cd_id = created(gironde, call("cd-33", "03-09", "04-15", "AAP"));
    auto dismissed =
        send("POST", "/api/v1/calendar/mutualisations/dismissals",
             {{"ars_event_id", ars_id}, {"cd_event_id", cd_id}, {"reason", "Publics différents"}}, gironde);
    ASSERT_EQ(dismissed.status, 200) << dismissed.body;
    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations?territory=DEP-33", gironde))["total"], 0);
    expect_problem(send("POST", "/api/v1/calendar/mutualisations/dismissals",
                        {{"ars_event_id", ars_id}, {"cd_event_id", cd_id}}, gironde),
                   409);
}

TEST_P(CalendarMutualisationApiTest, OnlyNationalAdministratorsSetTheWindow)
{
    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations/settings"))["window_days"], 42);
    auto gironde = sign_in(demo::kGirondeEditor);
    expect_problem(send("PUT", "/api/v1/calendar/mutualisations/settings", {{"window_days", 60}}, gironde), 403);
    auto admin = sign_in(demo::kAdmin);
    expect_problem(send("PUT", "/api/v1/calendar/mutualisations/settings", {{"window_days", 0}}, admin), 422);
    auto set = send("PUT", "/api/v1/calendar/mutualisations/settings", {{"window_days", 60}}, admin);
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations/settings"))["window_days"], 60);
}

TEST_P(CalendarMutualisationApiTest, ThePageDismissesASuggestionWithItsReason)
{
    auto ars = sign_in(demo::kArsEditor);
    auto gironde = sign_in(demo::kGirondeEditor);
    auto ars_id = created(ars, call("ars-75", "03-02", "03-31", "AMI"));
    auto cd_id = created(gironde, call("cd-33", "03-09", "04-15", "AAP"));
    const std::string path = "/territoires/DEP-33/calendrier/mutualisations/ecarter";
    auto page = get("/territoires/DEP-33/calendrier/mutualisations", gironde);
    EXPECT_THAT(page.body, HasSubstr("action=\"" + path + "\""));
    auto unreadable = post_form(gironde, path, {{"ars_event_id", "x"}, {"cd_event_id", std::to_string(cd_id)}});
    EXPECT_EQ(unreadable.status, 422);
    EXPECT_THAT(unreadable.body, HasSubstr("Suggestion illisible"));
    auto lyon = sign_in("metropole.lyon@demo.boussole.invalid");
    auto forbidden =
        post_form(lyon, path, {{"ars_event_id", std::to_string(ars_id)}, {"cd_event_id", std::to_string(cd_id)}});
    EXPECT_EQ(forbidden.status, 403);
    auto done = post_form(gironde, path,
                          {{"ars_event_id", std::to_string(ars_id)},
                           {"cd_event_id", std::to_string(cd_id)},
                           {"reason", "Publics différents"}});
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations?territory=DEP-33", gironde))["total"], 0);
    EXPECT_EQ(audit_count("calendar_mutualisation", "1"), 1);
    auto again =
        post_form(gironde, path, {{"ars_event_id", std::to_string(ars_id)}, {"cd_event_id", std::to_string(cd_id)}});
    EXPECT_EQ(again.status, 409);
}

TEST_P(CalendarMutualisationApiTest, ThePageSetsTheWindowInWeeksForNationalAdministratorsOnly)
{
    const std::string path = "/territoires/DEP-33/calendrier/mutualisations/fenetre";
    auto gironde = sign_in(demo::kGirondeEditor);
    EXPECT_THAT(get("/territoires/DEP-33/calendrier/mutualisations", gironde).body,
                Not(HasSubstr("Enregistrer la fenêtre")));
    EXPECT_EQ(post_form(gironde, path, {{"window_value", "8"}, {"window_unit", "semaines"}}).status, 403);
    auto admin = sign_in(demo::kAdmin);
    EXPECT_THAT(get("/territoires/DEP-33/calendrier/mutualisations", admin).body, HasSubstr("Enregistrer la fenêtre"));
    auto faulty = post_form(admin, path, {{"window_value", "60"}, {"window_unit", "semaines"}});
    EXPECT_EQ(faulty.status, 422);
    EXPECT_THAT(faulty.body, HasSubstr("Fenêtre : un nombre entier de semaines entre 1 et 52"));
    EXPECT_THAT(faulty.body, HasSubstr("href=\"#fenetre-valeur\""));
    auto unit = post_form(admin, path, {{"window_value", "3"}, {"window_unit", "mois"}});
    EXPECT_EQ(unit.status, 422);
    auto set = post_form(admin, path, {{"window_value", "8"}, {"window_unit", "semaines"}});
    ASSERT_EQ(set.status, 303) << set.body;
    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations/settings"))["window_days"], 56);
    EXPECT_THAT(get("/territoires/DEP-33/calendrier/mutualisations", admin).body, HasSubstr("8 semaines"));
    ASSERT_EQ(post_form(admin, path, {{"window_value", "45"}, {"window_unit", "jours"}}).status, 303);
    EXPECT_EQ(json_of(get("/api/v1/calendar/mutualisations/settings"))["window_days"], 45);
}

TEST_P(CalendarMutualisationApiTest, OneOccurrenceOfASeriesIsCancelledOverTheApi)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    nlohmann::json series{
        {"title", "Comité mensuel"},     {"kind", "groupe_thematique"},  {"organiser_id", actor("cd-33")["id"]},
        {"territory", "DEP-33"},         {"starts", day("01-06T09:30")}, {"ends", day("01-06T11:00")},
        {"rrule", "FREQ=WEEKLY;COUNT=4"}};
    auto id = created(gironde, series);
    const auto path = "/api/v1/calendar/events/" + std::to_string(id) + "/exceptions";
    auto event = json_of(get("/api/v1/calendar/events/" + std::to_string(id), gironde));
    auto recurrence = day("01-13T09:30");
    expect_problem(send("POST", path, {{"recurrence", recurrence}}, gironde), 422);  // no version
    auto wrong = expect_problem(
        send("POST", path, {{"recurrence", day("01-14T09:30")}, {"version", event["version"]}}, gironde), 422);
    EXPECT_EQ(wrong["errors"][0]["field"], "recurrence");
    auto lyon = sign_in("metropole.lyon@demo.boussole.invalid");
    expect_problem(send("POST", path, {{"recurrence", recurrence}, {"version", event["version"]}}, lyon), 403);
    auto done = send("POST", path, {{"recurrence", recurrence}, {"version", event["version"]}}, gironde);
    ASSERT_EQ(done.status, 200) << done.body;
    auto saved = json_of(done);
    EXPECT_EQ(saved["version"], event["version"].get<int>() + 1);
    ASSERT_EQ(saved["exceptions"].size(), 1u);
    EXPECT_EQ(saved["exceptions"][0]["recurrence"], recurrence);
    EXPECT_EQ(saved["exceptions"][0]["excluded"], true);
    // Stale, the second cancellation names the conflict.
    expect_problem(send("POST", path, {{"recurrence", day("01-20T09:30")}, {"version", event["version"]}}, gironde),
                   409);
    auto moved = send("POST", path,
                      {{"recurrence", day("01-20T09:30")},
                       {"version", saved["version"]},
                       {"excluded", false},
                       {"starts", day("01-21T14:00")},
                       {"ends", day("01-21T15:30")},
                       {"place", "Salle 2"}},
                      gironde);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(json_of(moved)["exceptions"].size(), 2u);
    auto ics = get("/api/v1/calendar/export?territory=DEP-33", gironde);
    ASSERT_EQ(ics.status, 200);
    EXPECT_THAT(ics.body, HasSubstr("EXDATE;TZID=Europe/Paris:"));
    EXPECT_THAT(ics.body, HasSubstr("RECURRENCE-ID;TZID=Europe/Paris:"));
}

TEST_P(CalendarMutualisationApiTest, TheOccurrencesPageCancelsOneOccurrence)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    nlohmann::json series{
        {"title", "Comité mensuel"},     {"kind", "groupe_thematique"},  {"organiser_id", actor("cd-33")["id"]},
        {"territory", "DEP-33"},         {"starts", day("02-03T09:30")}, {"ends", day("02-03T11:00")},
        {"rrule", "FREQ=WEEKLY;COUNT=3"}};
    auto id = created(gironde, series);
    const auto path = "/territoires/DEP-33/calendrier/evenements/" + std::to_string(id) + "/occurrences";
    auto edit = get("/territoires/DEP-33/calendrier/evenements/" + std::to_string(id) + "/modifier", gironde);
    EXPECT_THAT(edit.body, HasSubstr("href=\"" + path + "\""));
    auto page = get(path, gironde);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("value=\"" + day("02-10T09:30") + "\""));
    auto cancelled = post_form(gironde, path, {{"version", "1"}, {"recurrence", day("02-10T09:30")}});
    ASSERT_EQ(cancelled.status, 303) << cancelled.body;
    page = get(path, gironde);
    EXPECT_THAT(page.body, Not(HasSubstr("value=\"" + day("02-10T09:30") + "\"")));
    EXPECT_THAT(page.body, HasSubstr("data-bsl-cancelled-occurrence"));
    auto stale = post_form(gironde, path, {{"version", "1"}, {"recurrence", day("02-17T09:30")}});
    EXPECT_EQ(stale.status, 409);
    auto lyon = sign_in("metropole.lyon@demo.boussole.invalid");
    EXPECT_EQ(post_form(lyon, path, {{"version", "2"}, {"recurrence", day("02-17T09:30")}}).status, 403);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CalendarMutualisationApiTest);

}  // namespace boussole::test_support
