// The views of the common calendar over real HTTP, on both backends: the
// month grid (a table with weekday headers, neighbouring days greyed, the
// events of each day, previous and next months), the week at local times,
// the filters by organisation and priority carried to the export, and the
// joint event of a mutualisation linked both ways.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::Not;

namespace {

int next_year()
{
    using namespace std::chrono;
    return static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year()) + 1;
}

std::string day(const char* month_day)
{
    return std::to_string(next_year()) + "-" + month_day;
}

}  // namespace

class CalendarViewsTest : public AppTest {
protected:
    std::int64_t create(const Credentials& as, nlohmann::json body)
    {
        body["override_reason"] = "Date fixée";
        auto response = send("POST", "/api/v1/calendar/events", body, as);
        EXPECT_EQ(response.status, 201) << response.body;
        return json_of(response)["id"].get<std::int64_t>();
    }
    nlohmann::json meeting(const std::string& title, const std::string& date, const char* kind, const char* priority)
    {
        return {{"title", title},           {"kind", kind},          {"organiser_id", actor("cd-33")["id"]},
                {"priorities", {priority}}, {"territory", "DEP-33"}, {"starts", date + "T09:30"},
                {"ends", date + "T11:00"}};
    }
};

TEST_P(CalendarViewsTest, TheMonthGridListsTheEventsOfEachDay)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    create(gironde, meeting("Groupe habitat", day("03-16"), "groupe_thematique", "P3"));
    auto month = get("/territoires/DEP-33/calendrier?vue=mois&mois=" + day("03"), gironde);
    ASSERT_EQ(month.status, 200) << month.body;
    EXPECT_THAT(month.body, HasSubstr("<caption>Calendrier de mars " + std::to_string(next_year())));
    EXPECT_THAT(month.body, HasSubstr("<th scope=\"col\">lundi</th>"));
    EXPECT_THAT(month.body, HasSubstr("<th scope=\"col\">dimanche</th>"));
    EXPECT_THAT(month.body, HasSubstr("Groupe habitat"));
    EXPECT_THAT(month.body, HasSubstr("09:30 – 11:00"));
    EXPECT_THAT(month.body, HasSubstr("Groupe thématique"));
    EXPECT_THAT(month.body, HasSubstr("bsl-cal-day--other"));
    EXPECT_THAT(month.body, HasSubstr("mois=" + day("02")));
    EXPECT_THAT(month.body, HasSubstr("mois=" + day("04")));
    EXPECT_THAT(month.body, HasSubstr("aria-current=\"page\">Mois</a>"));
    EXPECT_THAT(month.body, Not(HasSubstr("aria-current=\"date\"")));
    // The month of today marks today.
    auto current = get("/territoires/DEP-33/calendrier?vue=mois", gironde);
    ASSERT_EQ(current.status, 200);
    EXPECT_THAT(current.body, HasSubstr("aria-current=\"date\""));
    // An unreadable month falls back on the current one rather than failing.
    EXPECT_EQ(get("/territoires/DEP-33/calendrier?vue=mois&mois=2026-13", gironde).status, 200);
}

TEST_P(CalendarViewsTest, TheWeekShowsEventsAtTheirLocalTimes)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    create(gironde, meeting("Groupe habitat", day("03-16"), "groupe_thematique", "P3"));
    auto by_date = get("/territoires/DEP-33/calendrier?vue=semaine&semaine=" + day("03-18"), gironde);
    ASSERT_EQ(by_date.status, 200) << by_date.body;
    EXPECT_THAT(by_date.body, HasSubstr("Groupe habitat"));
    EXPECT_THAT(by_date.body, HasSubstr("<strong>09:30 – 11:00</strong>"));
    // The same week by its ISO number, read back from the page's own link.
    auto start = by_date.body.find("data-bsl-week=\"");
    ASSERT_NE(start, std::string::npos);
    auto week = by_date.body.substr(start + 15, 8);
    EXPECT_EQ(week.substr(0, 6), std::to_string(next_year()) + "-W");
    auto by_number = get("/territoires/DEP-33/calendrier?vue=semaine&semaine=" + week, gironde);
    EXPECT_THAT(by_number.body, HasSubstr("Groupe habitat"));
    auto other = get("/territoires/DEP-33/calendrier?vue=semaine&semaine=" + day("03-25"), gironde);
    EXPECT_THAT(other.body, Not(HasSubstr("Groupe habitat")));

    // An overseas meeting keeps its own hours.
    auto admin = sign_in(demo::kAdmin);
    nlohmann::json guyane{{"title", "CDAPH de Guyane"},
                          {"kind", "cdaph"},
                          {"organiser_id", actor("ctg-guyane")["id"]},
                          {"territory", "DEP-973"},
                          {"starts", day("03-17") + "T14:00"},
                          {"ends", day("03-17") + "T16:00"},
                          {"time_zone", "America/Cayenne"}};
    create(admin, guyane);
    auto cayenne = get("/territoires/DEP-973/calendrier?vue=semaine&semaine=" + day("03-17"), admin);
    EXPECT_THAT(cayenne.body, HasSubstr("14:00 – 16:00 (heure locale, America/Cayenne)"));
}

TEST_P(CalendarViewsTest, FiltersByOrganisationAndPriorityReachTheExport)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto mdph = actor("mdph-33")["id"].get<std::int64_t>();
    create(gironde, meeting("Groupe habitat", day("03-16"), "groupe_thematique", "P3"));
    auto training = meeting("Formation accueil", day("03-17"), "formation", "P1");
    training["audience_ids"] = {mdph};
    create(gironde, training);

    auto base = "/territoires/DEP-33/calendrier?mois=" + day("03");
    auto by_organisation = get(base + "&organisation=" + std::to_string(mdph), gironde);
    ASSERT_EQ(by_organisation.status, 200);
    EXPECT_THAT(by_organisation.body, HasSubstr("Formation accueil"));
    EXPECT_THAT(by_organisation.body, Not(HasSubstr("Groupe habitat")));
    EXPECT_THAT(by_organisation.body, HasSubstr("organisation_id=" + std::to_string(mdph)));
    // Filtering again keeps the month the list starts at.
    EXPECT_THAT(by_organisation.body, HasSubstr("<input type=\"hidden\" name=\"mois\" value=\"" + day("03") + "\">"));

    auto by_priority = get(base + "&vue=mois&priorite=P3", gironde);
    EXPECT_THAT(by_priority.body, HasSubstr("Groupe habitat"));
    EXPECT_THAT(by_priority.body, Not(HasSubstr("Formation accueil")));
    EXPECT_THAT(by_priority.body, HasSubstr("priority=P3"));
    // The tabs keep the filters.
    EXPECT_THAT(by_priority.body, HasSubstr("vue=semaine&amp;semaine="));
    EXPECT_THAT(by_priority.body, HasSubstr("priorite=P3\">Semaine</a>"));
    auto exported = get(
        "/api/v1/calendar/export?territory=DEP-33&priority=P3&from=" + day("03-01") + "&to=" + day("03-31"), gironde);
    EXPECT_THAT(exported.body, HasSubstr("Groupe habitat"));
    EXPECT_THAT(exported.body, Not(HasSubstr("Formation accueil")));

    auto nothing = get(base + "&type=cdaph&priorite=P3", gironde);
    EXPECT_THAT(nothing.body, HasSubstr("Aucun événement ne correspond à ces filtres"));
    EXPECT_THAT(nothing.body, HasSubstr("Réinitialiser les filtres"));
    auto unfiltered = get(base, gironde);
    EXPECT_THAT(unfiltered.body, Not(HasSubstr("Réinitialiser les filtres")));
    EXPECT_THAT(unfiltered.body, HasSubstr("Groupe habitat"));
    EXPECT_THAT(unfiltered.body, HasSubstr("Formation accueil"));
}

TEST_P(CalendarViewsTest, AReplacedEventLinksToItsJointEvent)
{
    auto ars = sign_in(demo::kArsEditor);
    auto gironde = sign_in(demo::kGirondeEditor);
    nlohmann::json call{{"title", "AMI habitat inclusif"},
                        {"kind", "appel_a_projets"},
                        {"organiser_id", actor("ars-75")["id"]},
                        {"priorities", {"P6"}},
                        {"territory", "DEP-33"},
                        {"all_day", true},
                        {"starts", day("05-26")},
                        {"ends", day("07-16")}};
    auto ars_id = create(ars, call);
    call["title"] = "AAP habitat inclusif";
    call["organiser_id"] = actor("cd-33")["id"];
    call["starts"] = day("05-04");
    call["ends"] = day("06-30");
    auto cd_id = create(gironde, call);
    auto accepted =
        send("POST", "/api/v1/calendar/mutualisations", {{"ars_event_id", ars_id}, {"cd_event_id", cd_id}}, gironde);
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    auto joint = json_of(accepted)["joint_event"]["id"].get<std::int64_t>();

    auto list = get("/territoires/DEP-33/calendrier?mois=" + day("05"), gironde);
    ASSERT_EQ(list.status, 200);
    auto joint_href = "/territoires/DEP-33/calendrier/evenements/" + std::to_string(joint) + "/modifier";
    EXPECT_THAT(list.body, HasSubstr("Remplacé par l'événement commun <a href=\"" + joint_href + "\">"));
    EXPECT_THAT(list.body,
                HasSubstr("Événement commun, remplace <a href=\"/territoires/DEP-33/calendrier/evenements/"));
    EXPECT_THAT(list.body, HasSubstr(">AAP habitat inclusif</a> et <a"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CalendarViewsTest);

}  // namespace boussole::test_support
