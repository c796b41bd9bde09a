// /api/v1/calendar over real HTTP, on both backends: a CD programmes its
// events, sees the warnings a conflicting date raises and overrides them
// with a reason, a stale change is refused, the department's calendar merges
// its region's events, the export is an iCalendar file, faulty input comes
// back named field by field in French, and nobody edits outside their scope.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace boussole::test_support {

using ::testing::HasSubstr;

namespace {

std::string path_of(const nlohmann::json& event)
{
    return "/api/v1/calendar/events/" + std::to_string(event["id"].get<std::int64_t>());
}

std::vector<std::string> fields_of(const nlohmann::json& problem)
{
    std::vector<std::string> fields;
    for (const auto& error : problem["errors"])
        fields.push_back(error["field"]);
    return fields;
}

}  // namespace

class CalendarApiTest : public AppTest {
protected:
    nlohmann::json cdaph(std::string starts = "2026-03-12T09:30", std::string ends = "2026-03-12T12:00")
    {
        return {{"title", "CDAPH plénière"},
                {"kind", "cdaph"},
                {"organiser_id", actor("cd-33")["id"]},
                {"audience_ids", {actor("mdph-33")["id"]}},
                {"priorities", {"P3"}},
                {"territory", "DEP-33"},
                {"starts", starts},
                {"ends", ends},
                {"place", "Hôtel du département, Bordeaux"}};
    }
};

TEST_P(CalendarApiTest, ACdProgrammesSeesTheWarningsAndOverridesThemWithAReason)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto response = send("POST", "/api/v1/calendar/events", cdaph(), gironde);
    ASSERT_EQ(response.status, 201) << response.body;
    auto event = json_of(response);
    EXPECT_EQ(response.header("Location").value_or(""), path_of(event));
    EXPECT_EQ(event["version"], 1);
    EXPECT_EQ(event["time_zone"], "Europe/Paris");
    EXPECT_TRUE(event["warnings"].empty());

    auto overlapping = cdaph("2026-03-12T11:00", "2026-03-12T13:00");
    overlapping["title"] = "Négociation CPOM";
    overlapping["kind"] = "negociation_cpom";
    auto warned = expect_problem(send("POST", "/api/v1/calendar/events", overlapping, gironde), 409);
    EXPECT_EQ(warned["code"], "calendar_warnings");
    ASSERT_EQ(warned["warnings"].size(), 1u);
    EXPECT_EQ(warned["warnings"][0]["kind"], "double_booking");
    EXPECT_EQ(warned["warnings"][0]["event_id"], event["id"]);
    EXPECT_THAT(warned["detail"].get<std::string>(), HasSubstr("override_reason"));

    overlapping["override_reason"] = "Deux équipes différentes du département.";
    auto forced = send("POST", "/api/v1/calendar/events", overlapping, gironde);
    ASSERT_EQ(forced.status, 201) << forced.body;
    EXPECT_EQ(json_of(forced)["warnings"].size(), 1u);

    // The region's meeting appears in the department's calendar.
    auto regional = cdaph("2026-03-20T09:30", "2026-03-20T12:00");
    regional["title"] = "Rencontre territoriale";
    regional["kind"] = "rencontre_territoriale";
    regional["organiser_id"] = actor("ars-75")["id"];
    regional["territory"] = "REG-75";
    ASSERT_EQ(send("POST", "/api/v1/calendar/events", regional, sign_in(demo::kArsEditor)).status, 201);
    auto listed = json_of(get("/api/v1/calendar/events?territory=DEP-33&from=2026-03-01&to=2026-04-01", gironde));
    ASSERT_EQ(listed["total"], 3);
    EXPECT_EQ(listed["items"][0]["title"], "CDAPH plénière");
    EXPECT_EQ(listed["items"][2]["title"], "Rencontre territoriale");
    EXPECT_EQ(json_of(get("/api/v1/calendar/events?territory=DEP-33&from=2026-03-01&to=2026-04-01&kind=cdaph",
                          gironde))["total"],
              1);

    // Moving the event: the version read, else a conflict naming who changed it.
    auto moved =
        send("PATCH", path_of(event),
             {{"version", 1}, {"starts", "2026-03-19T09:30"}, {"ends", "2026-03-19T12:00"}, {"status", "confirmed"}},
             gironde);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(json_of(moved)["version"], 2);
    EXPECT_EQ(json_of(moved)["status"], "confirmed");
    auto stale = send("PATCH", path_of(event), {{"version", 1}, {"status", "cancelled"}}, gironde);
    EXPECT_THAT(expect_problem(stale, 409)["detail"].get<std::string>(), HasSubstr("L'événement a été modifié par"));
    EXPECT_EQ(audit_count("calendar_event", std::to_string(event["id"].get<std::int64_t>())), 2);

    auto ics = get("/api/v1/calendar/export?territory=DEP-33&from=2026-03-01&to=2026-04-01", gironde);
    ASSERT_EQ(ics.status, 200);
    EXPECT_THAT(ics.header("Content-Type").value_or(""), HasSubstr("text/calendar"));
    EXPECT_THAT(ics.body, HasSubstr("BEGIN:VCALENDAR"));
    EXPECT_THAT(ics.body, HasSubstr("UID:" + event["uid"].get<std::string>()));
    EXPECT_THAT(ics.body, HasSubstr("STATUS:CONFIRMED"));
}

TEST_P(CalendarApiTest, FaultyInputIsNamedFieldByFieldInFrench)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto body = cdaph("2026-03-12T09:30", "2026-03-12T08:00");
    body["kind"] = "kermesse";
    body["time_zone"] = "Europe/Bordeaux";
    auto faulty = expect_problem(send("POST", "/api/v1/calendar/events", body, gironde), 422);
    EXPECT_EQ(fields_of(faulty), (std::vector<std::string>{"kind", "time_zone"}));
    EXPECT_THAT(faulty["errors"][0]["message"].get<std::string>(), HasSubstr("Type d'événement"));
    EXPECT_THAT(faulty["errors"][1]["message"].get<std::string>(), HasSubstr("Fuseau horaire"));

    body = cdaph("2026-03-12T11:00", "2026-03-12T09:30");
    EXPECT_EQ(fields_of(expect_problem(send("POST", "/api/v1/calendar/events", body, gironde), 422)),
              std::vector<std::string>{"ends"});
    body = cdaph();
    body["audience_ids"] = "MDPH";
    EXPECT_EQ(fields_of(expect_problem(send("POST", "/api/v1/calendar/events", body, gironde), 422)),
              std::vector<std::string>{"audience_ids"});
    body = cdaph();
    body["colour"] = "rouge";
    expect_problem(send("POST", "/api/v1/calendar/events", body, gironde), 422);
    expect_problem(send("PATCH", "/api/v1/calendar/events/999999", {{"version", 1}}, gironde), 404);
    EXPECT_EQ(fields_of(expect_problem(get("/api/v1/calendar/events?from=12/03/2026", gironde), 422)),
              std::vector<std::string>{"from"});
    EXPECT_EQ(fields_of(expect_problem(get("/api/v1/calendar/holidays", gironde), 422)),
              std::vector<std::string>{"year"});
    EXPECT_EQ(fields_of(expect_problem(get("/api/v1/calendar/holidays?year=2026&department=2C"), 422)),
              std::vector<std::string>{"department"});
}

TEST_P(CalendarApiTest, NobodyEditsOutsideTheirScope)
{
    expect_problem(get("/api/v1/calendar/events"), 401);
    expect_problem(get("/api/v1/calendar/export"), 401);
    expect_problem(send("POST", "/api/v1/calendar/events", cdaph()), 401);
    auto reader = sign_in(demo::kGirondeReader);
    expect_problem(send("POST", "/api/v1/calendar/events", cdaph(), reader), 403);

    auto gironde = sign_in(demo::kGirondeEditor);
    auto landes = cdaph();
    landes["territory"] = "DEP-40";
    landes["organiser_id"] = actor("cd-40")["id"];
    landes["audience_ids"] = nlohmann::json::array();
    expect_problem(send("POST", "/api/v1/calendar/events", landes, gironde), 403);
    expect_problem(send("POST", "/api/v1/calendar/events", cdaph(), gironde.without_csrf()), 403);

    auto created = send("POST", "/api/v1/calendar/events", landes, sign_in(demo::kArsEditor));
    ASSERT_EQ(created.status, 201) << created.body;
    auto event = json_of(created);
    expect_problem(send("PATCH", path_of(event), {{"version", 1}, {"status", "cancelled"}}, gironde), 403);
    auto national = cdaph("2026-03-24", "2026-03-24");
    national["all_day"] = true;
    national["territory"] = "FR";
    expect_problem(send("POST", "/api/v1/calendar/events", national, gironde), 403);
}

TEST_P(CalendarApiTest, PublicHolidaysOfADepartment)
{
    auto moselle = json_of(get("/api/v1/calendar/holidays?year=2026&department=57"));
    ASSERT_EQ(moselle["items"].size(), 13u);
    EXPECT_EQ(moselle["items"][0]["date"], "2026-01-01");
    bool good_friday = false;
    for (const auto& holiday : moselle["items"])
        good_friday |= holiday["date"] == "2026-04-03" && holiday["name"] == "Vendredi saint" && holiday["local"];
    EXPECT_TRUE(good_friday) << moselle.dump();
    EXPECT_EQ(json_of(get("/api/v1/calendar/holidays?year=2026"))["items"].size(), 11u);
}

TEST_P(CalendarApiTest, TheTerritoryPageListsTheComingEventsMonthByMonth)
{
    // A Tuesday about five weeks from now, within the twelve months shown.
    auto day = std::chrono::year_month_weekday{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                                               std::chrono::days{35}};
    auto tuesday = std::chrono::year_month_day{std::chrono::sys_days{day} + (std::chrono::Tuesday - day.weekday())};
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(tuesday.year()),
                  static_cast<unsigned>(tuesday.month()), static_cast<unsigned>(tuesday.day()));
    auto gironde = sign_in(demo::kGirondeEditor);
    auto body = cdaph(std::string(date) + "T09:30", std::string(date) + "T12:00");
    body["override_reason"] = "Date fixée par le président.";
    ASSERT_EQ(send("POST", "/api/v1/calendar/events", body, gironde).status, 201);
    auto page = get("/territoires/DEP-33/calendrier", gironde);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_THAT(page.body, HasSubstr("Calendrier commun — Gironde (33)"));
    EXPECT_THAT(page.body, HasSubstr("<caption>Événements de"));
    EXPECT_THAT(page.body, HasSubstr("CDAPH plénière"));
    EXPECT_THAT(page.body, HasSubstr("09:30 – 12:00"));
    auto filtered = get("/territoires/DEP-33/calendrier?type=formation", gironde);
    ASSERT_EQ(filtered.status, 200);
    EXPECT_THAT(filtered.body, HasSubstr("Aucun événement ne correspond à ces filtres"));
    EXPECT_NE(get("/territoires/DEP-33/calendrier").status, 200);
}

TEST_P(CalendarApiTest, ARevokedSubscriptionStopsWorking)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto created = send("POST", "/api/v1/calendar/subscriptions", {{"territory", "DEP-33"}}, gironde);
    ASSERT_EQ(created.status, 201) << created.body;
    auto subscription = json_of(created);
    auto url = subscription["url"].get<std::string>();
    EXPECT_THAT(url, HasSubstr("/api/v1/calendar/feeds/"));
    EXPECT_EQ(subscription["territory"], "DEP-33");

    // A calendar client fetches it without signing in.
    auto feed = get(url);
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_THAT(feed.header("Content-Type").value_or(""), HasSubstr("text/calendar"));
    EXPECT_THAT(feed.body, HasSubstr("X-WR-CALNAME:Calendrier commun — Gironde (33)"));
    expect_problem(get("/api/v1/calendar/feeds/secret-invente"), 404);

    auto path = "/api/v1/calendar/subscriptions/" + std::to_string(subscription["id"].get<std::int64_t>());
    expect_problem(del(path, sign_in(demo::kArsEditor)), 403);
    EXPECT_EQ(get(url).status, 200);
    auto revoked = del(path, gironde);
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(json_of(revoked)["revoked"], true);
    expect_problem(get(url), 404);
    expect_problem(del(path, gironde), 404);
    expect_problem(send("POST", "/api/v1/calendar/subscriptions", {{"territory", "DEP-20"}}, gironde), 422);
    expect_problem(send("POST", "/api/v1/calendar/subscriptions", {{"territory", "DEP-33"}}), 401);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CalendarApiTest);

}  // namespace boussole::test_support
