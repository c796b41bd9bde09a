// The calendar's pages over real HTTP, on both backends: the event form
// names faulty fields in French, a conflicting date comes back with its
// warnings until a reason is given (and the reason is recorded), a stale
// move is a 409 that names who changed the event, and an organisation's
// subscription follows only that organisation's events.
#include "integration/app_fixture.hpp"
#include "web/http/url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::Not;

class CalendarPageTest : public AppTest {
protected:
    HttpResponse post_form(const Credentials& as, std::string_view path,
                           const std::vector<std::pair<std::string, std::string>>& fields)
    {
        std::string body = "csrf=" + boussole::http::percent_encode(as.csrf_token);
        for (const auto& [name, value] : fields)
            body += "&" + name + "=" + boussole::http::percent_encode(value);
        return checked(client().post(path, body, "application/x-www-form-urlencoded", {{"Cookie", as.cookie}}));
    }
    static std::string next_year(const char* month_day)
    {
        using namespace std::chrono;
        auto year = static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year()) + 1;
        return std::to_string(year) + "-" + month_day;
    }
    std::vector<std::pair<std::string, std::string>> meeting(const std::string& title)
    {
        return {{"title", title},
                {"kind", "groupe_thematique"},
                {"organiser_id", std::to_string(actor("cd-33")["id"].get<std::int64_t>())},
                {"territory", "DEP-33"},
                {"start_date", next_year("03-16")},
                {"start_time", "09:30"},
                {"end_date", next_year("03-16")},
                {"end_time", "11:00"},
                {"time_zone", "Europe/Paris"},
                {"priorities", "P3"},
                {"status", "planned"}};
    }
};

TEST_P(CalendarPageTest, TheEventFormWarnsOfAConflictUntilAReasonIsGiven)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto form = get("/territoires/DEP-33/calendrier/nouveau", gironde);
    ASSERT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("Programmer un événement"));

    auto empty = post_form(gironde, "/territoires/DEP-33/calendrier/nouveau", {{"kind", ""}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_THAT(empty.body, HasSubstr("Titre : obligatoire"));
    EXPECT_THAT(empty.body, HasSubstr("Organisateur : obligatoire"));

    auto first = post_form(gironde, "/territoires/DEP-33/calendrier/nouveau", meeting("Groupe habitat"));
    ASSERT_EQ(first.status, 303) << first.body;

    auto second = post_form(gironde, "/territoires/DEP-33/calendrier/nouveau", meeting("Groupe aidants"));
    EXPECT_EQ(second.status, 409);
    EXPECT_THAT(second.body, HasSubstr("Double réservation"));
    EXPECT_THAT(second.body, HasSubstr("Groupe habitat"));
    EXPECT_THAT(second.body, HasSubstr("value=\"Groupe aidants\""));

    auto with_reason = meeting("Groupe aidants");
    with_reason.emplace_back("override_reason", "Deux salles, deux équipes");
    auto saved = post_form(gironde, "/territoires/DEP-33/calendrier/nouveau", with_reason);
    ASSERT_EQ(saved.status, 303) << saved.body;
    auto listed =
        json_of(get("/api/v1/calendar/events?territory=DEP-33&kind=groupe_thematique&from=" + next_year("03-16") +
                        "&to=" + next_year("03-17"),
                    gironde));
    ASSERT_EQ(listed["total"], 2);
    auto id = listed["items"][1]["id"].get<std::int64_t>();
    EXPECT_EQ(audit_count("calendar_event", std::to_string(id)), 1);
}

TEST_P(CalendarPageTest, AStaleMoveIsAConflictThatNamesWhoChangedTheEvent)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    ASSERT_EQ(post_form(gironde, "/territoires/DEP-33/calendrier/nouveau", meeting("Groupe habitat")).status, 303);
    auto event =
        json_of(get("/api/v1/calendar/events?territory=DEP-33&kind=groupe_thematique&from=" + next_year("03-16") +
                        "&to=" + next_year("03-17"),
                    gironde))["items"][0];
    auto path =
        "/territoires/DEP-33/calendrier/evenements/" + std::to_string(event["id"].get<std::int64_t>()) + "/modifier";
    auto edit = get(path, gironde);
    ASSERT_EQ(edit.status, 200);
    EXPECT_THAT(edit.body, HasSubstr("value=\"Groupe habitat\""));

    auto ars = sign_in(demo::kArsEditor);
    ASSERT_EQ(send("PATCH", "/api/v1/calendar/events/" + std::to_string(event["id"].get<std::int64_t>()),
                   {{"version", 1}, {"place", "Bordeaux"}}, ars)
                  .status,
              200);
    auto moved = meeting("Groupe habitat");
    moved.emplace_back("version", "1");
    moved[4].second = next_year("03-18");
    moved[6].second = next_year("03-18");
    auto stale = post_form(gironde, path, moved);
    EXPECT_EQ(stale.status, 409);
    EXPECT_THAT(stale.body, HasSubstr("L&apos;événement a été modifié par"));
    EXPECT_THAT(stale.body, HasSubstr("name=\"version\" value=\"2\""));
}

TEST_P(CalendarPageTest, AnOrganisationSubscriptionFollowsOnlyItsEvents)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    ASSERT_EQ(post_form(gironde, "/territoires/DEP-33/calendrier/nouveau", meeting("Groupe habitat")).status, 303);
    auto created = post_form(gironde, "/calendrier/abonnements", {{"scope", "own"}});
    ASSERT_EQ(created.status, 200);
    auto start = created.body.find("/api/v1/calendar/feeds/");
    ASSERT_NE(start, std::string::npos);
    auto url = created.body.substr(start, created.body.find('"', start) - start);
    auto feed = get(url);
    ASSERT_EQ(feed.status, 200);
    EXPECT_THAT(feed.body, HasSubstr("Groupe habitat"));

    auto mdph = post_form(
        gironde, "/calendrier/abonnements",
        {{"scope", "organisation"}, {"organisation_id", std::to_string(actor("mdph-33")["id"].get<std::int64_t>())}});
    ASSERT_EQ(mdph.status, 200);
    start = mdph.body.find("/api/v1/calendar/feeds/");
    auto other = get(mdph.body.substr(start, mdph.body.find('"', start) - start));
    ASSERT_EQ(other.status, 200);
    EXPECT_THAT(other.body, Not(HasSubstr("Groupe habitat")));

    auto unknown = post_form(gironde, "/calendrier/abonnements", {{"scope", "territory"}, {"territory", "DEP-20"}});
    EXPECT_EQ(unknown.status, 422);
}

TEST_P(CalendarPageTest, FindADateListsTheFreeSlots)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto form = get("/territoires/DEP-33/calendrier/trouver-une-date", gironde);
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_THAT(form.body, HasSubstr("Chercher les dates libres"));
    auto cd = std::to_string(actor("cd-33")["id"].get<std::int64_t>());
    auto found = get("/territoires/DEP-33/calendrier/trouver-une-date?chercher=1&public=" + cd +
                         "&duree=120&du=" + next_year("03-15") + "&au=" + next_year("03-19"),
                     gironde);
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_THAT(found.body, HasSubstr("data-bsl-free-date"));
    auto faulty = get("/territoires/DEP-33/calendrier/trouver-une-date?chercher=1&duree=120", gironde);
    EXPECT_EQ(faulty.status, 422);
    EXPECT_THAT(faulty.body, HasSubstr("Public : au moins une organisation"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CalendarPageTest);

}  // namespace boussole::test_support
