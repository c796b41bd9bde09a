// Importing an .ics file and keeping declared constraints, over real HTTP on
// both backends: the import page's report (created, then unchanged by UID),
// all or nothing when an event is refused, the size limit and the CSRF
// token; the constraints API (change from the version read, 409 naming who
// changed it, 403 for another department's agent, 422 in French, audit) and
// the constraints page.
#include "integration/app_fixture.hpp"
#include "web/http/url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* kLyonEditor = "metropole.lyon@demo.boussole.invalid";  // another department's agent
constexpr const char* kBoundary = "----bsl-test-boundary";

std::string year()
{
    using namespace std::chrono;
    return std::to_string(static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year()) + 1);
}

std::string vevent(const std::string& uid, const std::string& title, const std::string& start, const std::string& end)
{
    return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:" + title + "\r\nDTSTART:" + start +
           "\r\nDTEND:" + end + "\r\nEND:VEVENT\r\n";
}

std::string calendar_of(const std::string& events)
{
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\n" + events + "END:VCALENDAR\r\n";
}

}  // namespace

class CalendarPlanningPageTest : public AppTest {
protected:
    HttpResponse upload(const Credentials& as, const std::string& organisation_id, const std::string& ics,
                        bool with_csrf = true)
    {
        std::string body;
        auto field = [&](const std::string& name, const std::string& value, const char* file_name = nullptr) {
            body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
            if (file_name)
                body += std::string("; filename=\"") + file_name + "\"\r\nContent-Type: text/calendar";
            body += "\r\n\r\n" + value + "\r\n";
        };
        if (with_csrf)
            field("csrf", as.csrf_token);
        field("organisation_id", organisation_id);
        field("file", ics, "agenda.ics");
        body += std::string("--") + kBoundary + "--\r\n";
        return checked(client().post("/territoires/DEP-33/calendrier/importer", body,
                                     std::string("multipart/form-data; boundary=") + kBoundary,
                                     {{"Cookie", as.cookie}}));
    }
    HttpResponse post_form(const Credentials& as, std::string_view path,
                           const std::vector<std::pair<std::string, std::string>>& fields)
    {
        std::string body = "csrf=" + boussole::http::percent_encode(as.csrf_token);
        for (const auto& [name, value] : fields)
            body += "&" + name + "=" + boussole::http::percent_encode(value);
        return checked(client().post(path, body, "application/x-www-form-urlencoded", {{"Cookie", as.cookie}}));
    }
    std::string id_of(std::string_view slug) { return std::to_string(actor(slug)["id"].get<std::int64_t>()); }
};

TEST_P(CalendarPlanningPageTest, AnIcsFileIsImportedOnceAndAllOrNothing)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto form = get("/territoires/DEP-33/calendrier/importer", gironde);
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_THAT(form.body, HasSubstr("<option value=\"" + id_of("cd-33") + "\">"));
    EXPECT_THAT(form.body, Not(HasSubstr("<option value=\"" + id_of("mdph-33") + "\">")));

    auto ics = calendar_of(
        vevent("bsl-test-1@example.org", "Réunion des aidants", year() + "0316T093000", year() + "0316T110000") +
        vevent("bsl-test-2@example.org", "Comité de suivi", year() + "0317T140000", year() + "0317T160000"));
    auto first = upload(gironde, id_of("cd-33"), ics);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_THAT(first.body, HasSubstr("Calendrier importé"));
    EXPECT_THAT(first.body, HasSubstr("2 événement(s) créé(s), 0 mis à jour, 0 inchangé(s)"));
    auto again = upload(gironde, id_of("cd-33"), ics);
    EXPECT_THAT(again.body, HasSubstr("0 événement(s) créé(s), 0 mis à jour, 2 inchangé(s)"));

    // One faulty event and nothing is written, the others included.
    auto faulty = calendar_of(
        vevent("bsl-test-3@example.org", "Nouvelle réunion", year() + "0318T093000", year() + "0318T110000") +
        vevent("bsl-test-4@example.org", "Réunion à l'envers", year() + "0319T110000", year() + "0319T093000"));
    auto refused = upload(gironde, id_of("cd-33"), faulty);
    EXPECT_EQ(refused.status, 422);
    EXPECT_THAT(refused.body, HasSubstr("Rien n'a été importé : 1 événement(s) refusé(s)"));
    EXPECT_THAT(refused.body, HasSubstr("serait créé"));
    auto listed = json_of(
        get("/api/v1/calendar/events?territory=DEP-33&from=" + year() + "-03-18&to=" + year() + "-03-20", gironde));
    EXPECT_EQ(listed["total"], 0);

    auto no_file = upload(gironde, id_of("cd-33"), "");
    EXPECT_EQ(no_file.status, 422);
    EXPECT_THAT(no_file.body, HasSubstr("Fichier : choisissez le fichier .ics"));
    auto other_organisation = upload(gironde, id_of("mdph-33"), ics);
    EXPECT_EQ(other_organisation.status, 422);
    EXPECT_THAT(other_organisation.body, HasSubstr("Organisation : choisissez dans la liste"));
    auto not_ics = upload(gironde, id_of("cd-33"), "date;titre\n2027-03-16;Réunion\n");
    EXPECT_EQ(not_ics.status, 422);
    EXPECT_THAT(not_ics.body, HasSubstr("pas un calendrier iCalendar"));
    auto too_large = upload(gironde, id_of("cd-33"), calendar_of(std::string(1100 * 1024, 'x')));
    EXPECT_EQ(too_large.status, 413);
    EXPECT_THAT(too_large.body, HasSubstr("pour 1 Mo (1 024 Ko) au plus"));
    EXPECT_EQ(upload(gironde, id_of("cd-33"), ics, false).status, 403);
}

TEST_P(CalendarPlanningPageTest, AConstraintIsChangedFromTheVersionReadAndWithdrawn)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto lyon = sign_in(kLyonEditor);
    auto declared = send("POST", "/api/v1/calendar/constraints",
                         {{"organisation_id", actor("cd-33")["id"]},
                          {"first_day", year() + "-06-20"},
                          {"last_day", year() + "-06-24"},
                          {"reason", "Vote du budget"}},
                         gironde);
    ASSERT_EQ(declared.status, 201) << declared.body;
    auto id = std::to_string(json_of(declared)["id"].get<std::int64_t>());
    EXPECT_EQ(json_of(declared)["version"], 1);
    auto path = "/api/v1/calendar/constraints/" + id;

    auto changed = send("PATCH", path, {{"version", 1}, {"last_day", year() + "-06-26"}, {"kinds", {"cdca"}}}, gironde);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json_of(changed)["version"], 2);
    EXPECT_EQ(json_of(changed)["last_day"], year() + "-06-26");
    EXPECT_EQ(json_of(changed)["reason"], "Vote du budget");
    auto stale = expect_problem(send("PATCH", path, {{"version", 1}, {"reason", "Été"}}, gironde), 409);
    EXPECT_THAT(stale["detail"].get<std::string>(), HasSubstr("La contrainte a été modifiée par"));
    expect_problem(send("PATCH", path, {{"version", 2}, {"reason", "Été"}}, lyon), 403);
    expect_problem(del(path + "?version=2", lyon), 403);
    auto backwards =
        expect_problem(send("PATCH", path, {{"version", 2}, {"first_day", year() + "-07-01"}}, gironde), 422);
    EXPECT_THAT(backwards.dump(), HasSubstr("Dernier jour : il ne peut pas précéder le premier jour."));
    auto unknown = expect_problem(send("PATCH", path, {{"version", 2}, {"kinds", {"pique_nique"}}}, gironde), 422);
    EXPECT_THAT(unknown.dump(), HasSubstr("« pique_nique » n'est pas un type d'événement connu"));
    expect_problem(send("PATCH", path, {{"reason", "Été"}}, gironde), 422);

    auto listed = json_of(get("/api/v1/calendar/constraints?territory=DEP-33", gironde));
    ASSERT_EQ(listed["total"], 1);
    EXPECT_EQ(listed["items"][0]["kinds"], nlohmann::json::array({"cdca"}));
    expect_problem(get("/api/v1/calendar/constraints?territory=DEP-99", gironde), 422);

    expect_problem(del(path + "?version=1", gironde), 409);
    EXPECT_EQ(del(path + "?version=2", gironde).status, 204);
    expect_problem(del(path + "?version=2", gironde), 404);
    EXPECT_EQ(audit_count("calendar_constraint", id), 3);
}

TEST_P(CalendarPlanningPageTest, TheConstraintsPageDeclaresChangesAndRefusesOthers)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto page = get("/territoires/DEP-33/calendrier/contraintes", gironde);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_THAT(page.body, HasSubstr("Déclarer la contrainte"));
    EXPECT_THAT(page.body, HasSubstr("Aucune contrainte déclarée"));

    auto faulty = post_form(gironde, "/territoires/DEP-33/calendrier/contraintes",
                            {{"organisation_id", id_of("cd-33")},
                             {"first_day", year() + "-07-10"},
                             {"last_day", year() + "-07-01"},
                             {"reason", ""}});
    EXPECT_EQ(faulty.status, 422);
    EXPECT_THAT(faulty.body, HasSubstr("Dernier jour : il ne peut pas précéder le premier jour."));
    EXPECT_THAT(faulty.body, HasSubstr("Motif : obligatoire"));
    EXPECT_THAT(faulty.body, HasSubstr("value=\"" + year() + "-07-10\""));

    auto declared = post_form(gironde, "/territoires/DEP-33/calendrier/contraintes",
                              {{"organisation_id", id_of("cd-33")},
                               {"first_day", year() + "-07-01"},
                               {"last_day", year() + "-08-31"},
                               {"kinds", "cdca"},
                               {"kinds", "formation"},
                               {"reason", "Congés d'été"}});
    ASSERT_EQ(declared.status, 303) << declared.body;
    page = get("/territoires/DEP-33/calendrier/contraintes", gironde);
    EXPECT_THAT(page.body, HasSubstr("Congés d&apos;été"));
    EXPECT_THAT(page.body, HasSubstr("CDCA, Formation"));
    auto id = std::to_string(
        json_of(get("/api/v1/calendar/constraints?territory=DEP-33", gironde))["items"][0]["id"].get<std::int64_t>());
    auto edit_path = "/territoires/DEP-33/calendrier/contraintes/" + id + "/modifier";
    auto edit = get(edit_path, gironde);
    ASSERT_EQ(edit.status, 200);
    EXPECT_THAT(edit.body, HasSubstr("name=\"version\" value=\"1\""));

    // Someone else changes it meanwhile: the stale save says who.
    auto admin = sign_in(demo::kAdmin);
    ASSERT_EQ(send("PATCH", "/api/v1/calendar/constraints/" + id, {{"version", 1}, {"reason", "Été"}}, admin).status,
              200);
    auto stale = post_form(
        gironde, edit_path,
        {{"version", "1"}, {"first_day", year() + "-07-01"}, {"last_day", year() + "-08-15"}, {"reason", "Congés"}});
    EXPECT_EQ(stale.status, 409);
    EXPECT_THAT(stale.body, HasSubstr("La contrainte a été modifiée par"));
    EXPECT_THAT(stale.body, HasSubstr("name=\"version\" value=\"2\""));

    auto lyon = sign_in(kLyonEditor);
    EXPECT_EQ(
        post_form(lyon, "/territoires/DEP-33/calendrier/contraintes/" + id + "/supprimer", {{"version", "2"}}).status,
        403);
    auto foreign = post_form(lyon, "/territoires/DEP-33/calendrier/contraintes",
                             {{"organisation_id", id_of("cd-33")},
                              {"first_day", year() + "-07-01"},
                              {"last_day", year() + "-07-02"},
                              {"reason", "Essai"}});
    EXPECT_EQ(foreign.status, 403);
    auto removed =
        post_form(gironde, "/territoires/DEP-33/calendrier/contraintes/" + id + "/supprimer", {{"version", "2"}});
    ASSERT_EQ(removed.status, 303);
    EXPECT_THAT(get("/territoires/DEP-33/calendrier/contraintes?message=contrainte-supprimee", gironde).body,
                HasSubstr("Contrainte supprimée"));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(CalendarPlanningPageTest);

}  // namespace boussole::test_support
