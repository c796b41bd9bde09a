// The common roadmap and the ITA over real HTTP, on both backends: an
// action added, read, changed with its version (a stale change is a 409
// naming who changed it), deleted as a version kept in its history; writing
// kept to the territory's editors (403); the CSV export in the French
// dialect and the XLSX export read back by openpyxl; the ITA's view and its
// decisions.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace boussole::test_support {

using ::testing::HasSubstr;

namespace {

nlohmann::json action(const std::string& title, const std::string& due_on)
{
    return {
        {"title", title},           {"priority", "P7"},
        {"lead", "cd-33"},          {"partners", {"ars-75"}},
        {"status", "in_progress"},  {"starts_on", "2025-01-06"},
        {"due_on", due_on},         {"progress", 30},
        {"planned_budget", 1234.5}, {"milestones", {{{"title", "Lancement"}, {"date", "2025-02-01"}, {"done", true}}}},
        {"co_built", true}};
}

// Runs a command and returns what it printed.
std::string output_of(const std::string& command)
{
    std::string text;
    if (auto* pipe = popen(command.c_str(), "r")) {
        char buffer[512];
        while (auto read = std::fread(buffer, 1, sizeof buffer, pipe))
            text.append(buffer, read);
        pclose(pipe);
    }
    return text;
}

}  // namespace

class RoadmapApiTest : public AppTest {};

TEST_P(RoadmapApiTest, AnActionLivesThroughItsVersionsAndItsDeletionStaysInTheHistory)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto created =
        send("POST", "/api/v1/territories/DEP-33/roadmap", action("Répit des aidants", "2025-06-30"), gironde);
    ASSERT_EQ(created.status, 201) << created.body;
    auto path = created.header("Location").value_or("");
    auto saved = json_of(created);
    EXPECT_TRUE(saved["late"].get<bool>());
    EXPECT_EQ(saved["status_label"], "en cours");

    auto reader = sign_in(demo::kGirondeReader);
    EXPECT_EQ(get(path, reader).status, 200);
    expect_problem(send("POST", "/api/v1/territories/DEP-33/roadmap", action("Lecture", "2026-01-01"), reader), 403);
    expect_problem(get("/api/v1/territories/DEP-33/roadmap"), 401);

    auto ars = sign_in(demo::kArsEditor);
    auto changed = send("PATCH", path, {{"version", 1}, {"progress", 50}}, ars);
    ASSERT_EQ(changed.status, 200) << changed.body;
    auto stale = expect_problem(send("PATCH", path, {{"version", 1}, {"title", "Autre"}}, gironde), 409);
    EXPECT_THAT(stale["detail"].get<std::string>(), HasSubstr("modifiée par"));
    auto invalid = expect_problem(send("PATCH", path, {{"version", 2}, {"status", "abandoned"}}, gironde), 422);
    EXPECT_EQ(invalid["errors"][0]["field"], "abandon_reason");

    auto note = send("POST", path + "/notes",
                     {{"version", 2}, {"text", "Deux plateformes ouvertes."}, {"progress", 80}}, gironde);
    ASSERT_EQ(note.status, 201) << note.body;
    auto detail = json_of(get(path, gironde));
    EXPECT_EQ(detail["progress"], 80);
    ASSERT_EQ(detail["notes"].size(), 1u);

    auto late = json_of(get("/api/v1/territories/DEP-33/roadmap?late=true&sort=progress&order=desc", gironde));
    ASSERT_EQ(late["actions"].size(), 1u);
    expect_problem(get("/api/v1/territories/DEP-33/roadmap?sort=budget", gironde), 422);

    EXPECT_EQ(del(path + "?version=3", gironde).status, 204);
    expect_problem(get(path, gironde), 404);
    auto history = json_of(get(path + "/history", gironde));
    ASSERT_EQ(history["versions"].size(), 4u);
    EXPECT_EQ(history["versions"][3]["change"], "delete");
    EXPECT_EQ(audit_count("roadmap_action", std::to_string(saved["id"].get<std::int64_t>())), 4);
}

TEST_P(RoadmapApiTest, TheExportsReadInAFrenchSpreadsheet)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    ASSERT_EQ(
        send("POST", "/api/v1/territories/DEP-33/roadmap", action("=Formule piégée", "2027-06-30"), gironde).status,
        201);
    ASSERT_EQ(
        send("POST", "/api/v1/territories/DEP-33/roadmap", action("Habitat inclusif", "2026-12-31"), gironde).status,
        201);
    auto csv = get("/territoires/DEP-33/feuille-de-route.csv?sort=title", gironde);
    ASSERT_EQ(csv.status, 200);
    EXPECT_THAT(csv.header("Content-Type").value_or(""), HasSubstr("text/csv"));
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_THAT(csv.body, HasSubstr("\"Intitulé\";\"Priorité\""));
    EXPECT_THAT(csv.body, HasSubstr("\"1234,5\""));
    EXPECT_THAT(csv.body, HasSubstr("\"'=Formule piégée\""));

    auto xlsx = get("/territoires/DEP-33/feuille-de-route.xlsx?sort=title", gironde);
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_THAT(xlsx.header("Content-Type").value_or(""), HasSubstr("spreadsheetml"));
    auto file = std::filesystem::temp_directory_path() / ("boussole-test-" + std::to_string(port()) + ".xlsx");
    std::ofstream(file, std::ios::binary) << xlsx.body;
    auto rows = output_of(
        "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; "
        "[print('|'.join('' if c is None else str(c) for c in r)) for r in ws.iter_rows(values_only=True)]\" " +
        file.string() + " 2>/dev/null");
    std::filesystem::remove(file);
    EXPECT_THAT(rows, HasSubstr("Numéro|Intitulé|Priorité|Pilote"));
    EXPECT_THAT(rows, HasSubstr("|=Formule piégée|P7|"));
    EXPECT_THAT(rows, HasSubstr("|Habitat inclusif|P7|"));
    EXPECT_THAT(rows, HasSubstr("|1234.5|"));
    EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 3) << rows;
    EXPECT_EQ(get("/territoires/DEP-33/feuille-de-route.xlsx").status, 401);
}

TEST_P(RoadmapApiTest, TheItaRecordsMeetingsAndDecisions)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto member = send("POST", "/api/v1/territories/DEP-33/ita/members",
                       {{"organisation", "ars-75"}, {"role", "copresidence_ars"}}, gironde);
    ASSERT_EQ(member.status, 201) << member.body;
    auto meeting =
        send("POST", "/api/v1/territories/DEP-33/ita/meetings",
             {{"held_on", "2026-10-15"}, {"agenda", "Bilan"}, {"attendees", {"ARS", "Département"}}}, gironde);
    ASSERT_EQ(meeting.status, 201) << meeting.body;
    auto meeting_id = json_of(meeting)["id"].get<std::int64_t>();
    auto decision = send(
        "POST", "/api/v1/territories/DEP-33/ita/decisions",
        {{"meeting_id", meeting_id}, {"decided_on", "2026-10-15"}, {"text", "Adopter la feuille de route."}}, gironde);
    ASSERT_EQ(decision.status, 201) << decision.body;
    auto changed = send("PATCH", "/api/v1/territories/DEP-33/ita/meetings/" + std::to_string(meeting_id),
                        {{"version", 1}, {"minutes", "Compte rendu."}}, gironde);
    ASSERT_EQ(changed.status, 200) << changed.body;
    expect_problem(send("PATCH", "/api/v1/territories/DEP-33/ita/meetings/" + std::to_string(meeting_id),
                        {{"version", 1}, {"minutes", "Autre."}}, gironde),
                   409);
    auto ita = json_of(get("/api/v1/territories/DEP-33/ita", sign_in(demo::kGirondeReader)));
    EXPECT_EQ(ita["members"][0]["role_label"], "co-présidence ARS");
    EXPECT_EQ(ita["meetings"][0]["minutes"], "Compte rendu.");
    EXPECT_EQ(ita["decisions"][0]["text"], "Adopter la feuille de route.");
    expect_problem(send("POST", "/api/v1/territories/DEP-33/ita/decisions",
                        {{"decided_on", "2026-10-15"}, {"text", "Refusé."}}, sign_in(demo::kPartner)),
                   403);
    auto page = get("/territoires/DEP-33/ita", gironde);
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Adopter la feuille de route."));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(RoadmapApiTest);

}  // namespace boussole::test_support
