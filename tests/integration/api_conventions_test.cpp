// /api/v1/conventions over real HTTP, on both backends: the national
// administrator publishes the socle commun, a department creates its
// convention from it (a second one is refused), commitments are added and
// changed with their version (a stale change is a 409), faulty fields come
// back named in French, roles and scopes decide who may do what, and the
// parties sign.
#include "integration/app_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

nlohmann::json socle_commun()
{
    return {{"period_start", 2026},
            {"period_end", 2029},
            {"note", "Socle commun 2026-2029"},
            {"items",
             {{{"priority", "P2"},
               {"title", "Réduire le délai de traitement des demandes MDPH"},
               {"text", "Viser moins de trois mois."},
               {"indicator", "mdph_delai_traitement"},
               {"target_value", 3}},
              {{"priority", "P1"}, {"title", "Garantir l'équité d'accès aux droits"}}}}};
}

nlohmann::json gironde_convention()
{
    return {{"territories", {"DEP-33"}}, {"period_start", 2026}, {"period_end", 2029}, {"partners", {"caf-33"}}};
}

nlohmann::json local_commitment(const std::string& title)
{
    return {{"section", "local"}, {"priority", "P4"},
            {"title", title},     {"text", "Ouvrir des logements adaptés."},
            {"lead", "cd-33"},    {"contributors", {"ars-75"}}};
}

std::vector<std::string> fields_of(const nlohmann::json& problem)
{
    std::vector<std::string> fields;
    for (const auto& error : problem["errors"])
        fields.push_back(error["field"]);
    return fields;
}

}  // namespace

class ConventionsApiTest : public AppTest {
protected:
    // Publishes the socle commun and creates the Gironde's convention; returns
    // its path.
    std::string prepare(const Credentials& as)
    {
        auto published = send("POST", "/api/v1/conventions/templates", socle_commun(), sign_in(demo::kAdmin));
        EXPECT_EQ(published.status, 201) << published.body;
        auto created = send("POST", "/api/v1/conventions", gironde_convention(), as);
        EXPECT_EQ(created.status, 201) << created.body;
        return created.header("Location").value_or("/api/v1/conventions/0");
    }
};

TEST_P(ConventionsApiTest, ADepartmentCreatesItsConventionFromTheSocleCommunOnce)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto path = prepare(gironde);
    auto convention = json_of(get(path, gironde));
    EXPECT_EQ(convention["status"], "draft");
    EXPECT_EQ(convention["territories"], nlohmann::json({"DEP-33"}));
    ASSERT_EQ(convention["commitments"].size(), 2u);
    EXPECT_EQ(convention["commitments"][0]["section"], "socle");
    EXPECT_EQ(convention["commitments"][0]["national_target"], 3);
    EXPECT_EQ(convention["commitments"][0]["status"], "not_measurable");
    EXPECT_EQ(convention["commitment_cap"], 40);
    EXPECT_EQ(audit_count("convention", std::to_string(convention["id"].get<std::int64_t>())), 1);

    auto again = send("POST", "/api/v1/conventions", gironde_convention(), gironde);
    EXPECT_THAT(expect_problem(again, 409)["detail"].get<std::string>(), HasSubstr("a déjà une convention"));

    EXPECT_EQ(json_of(get("/api/v1/conventions", gironde))["total"], 1);
    EXPECT_EQ(json_of(get("/api/v1/conventions?territory=REG-75", sign_in(demo::kAnalyst)))["total"], 1);
    EXPECT_EQ(json_of(get("/api/v1/conventions/templates"))["items"][0]["version"], 1);
    auto statistics = json_of(get("/api/v1/conventions/statistics", sign_in(demo::kAdmin)));
    EXPECT_EQ(statistics["conventions"], 1);
    EXPECT_EQ(statistics["by_status"]["draft"], 1);
    EXPECT_EQ(statistics["commitments"], 2);
    EXPECT_EQ(statistics["by_priority"]["P2"], 1);
    EXPECT_EQ(statistics["per_convention"][0]["commitments"], 2);
    expect_problem(get("/api/v1/conventions/statistics"), 401);
    expect_problem(get("/api/v1/conventions"), 401);
    expect_problem(get(path), 401);
    expect_problem(get("/api/v1/conventions/999999", gironde), 404);
}

TEST_P(ConventionsApiTest, FaultyFieldsAreNamedInFrench)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto path = prepare(gironde);

    auto body = local_commitment("Développer l'habitat inclusif");
    body["priority"] = "P99";
    body["lead"] = "inconnue";
    auto faulty = expect_problem(send("POST", path + "/commitments", body, gironde), 422);
    EXPECT_THAT(fields_of(faulty), ElementsAre("priority", "lead"));
    EXPECT_THAT(faulty["detail"].get<std::string>(), HasSubstr("Priorité"));

    body = local_commitment("Développer l'habitat inclusif");
    body["target_value"] = "12";
    EXPECT_THAT(fields_of(expect_problem(send("POST", path + "/commitments", body, gironde), 422)),
                ElementsAre("target_value"));
    body = local_commitment("Développer l'habitat inclusif");
    body["titre"] = "faute";
    EXPECT_THAT(fields_of(expect_problem(send("POST", path + "/commitments", body, gironde), 422)),
                ElementsAre("titre"));

    auto convention = gironde_convention();
    convention["territories"] = {"DEP-20"};
    EXPECT_THAT(fields_of(expect_problem(send("POST", "/api/v1/conventions", convention, gironde), 422)),
                ElementsAre("territories"));
    convention = gironde_convention();
    convention["territories"] = {"DEP-40"};
    convention["period_start"] = 2030;
    convention["period_end"] = 2033;
    expect_problem(send("POST", "/api/v1/conventions", convention, sign_in(demo::kAdmin)), 422);

    auto socle = socle_commun();
    socle["items"][0]["indicator"] = "inconnu";
    auto refused = expect_problem(send("POST", "/api/v1/conventions/templates", socle, sign_in(demo::kAdmin)), 422);
    EXPECT_THAT(fields_of(refused), ElementsAre("items[0].indicator"));
    expect_problem(send("POST", path + "/steps", {{"version", 1}, {"step", "sauter"}}, gironde), 422);
}

TEST_P(ConventionsApiTest, RolesAndScopesDecideWhoMayDoWhat)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    expect_problem(send("POST", "/api/v1/conventions/templates", socle_commun(), gironde), 403);
    expect_problem(send("PUT", "/api/v1/conventions/settings", {{"commitment_cap", 3}}, gironde), 403);
    auto path = prepare(gironde);

    auto partner = sign_in(demo::kPartner);  // CAF de la Gironde, partner of the convention
    expect_problem(send("POST", path + "/commitments", local_commitment("Brique locale"), partner), 403);
    auto annex = local_commitment("Accompagner les familles");
    annex["section"] = "partner";
    annex["partner"] = "caf-33";
    annex["lead"] = "caf-33";
    EXPECT_EQ(send("POST", path + "/commitments", annex, partner).status, 201);

    auto reader = sign_in(demo::kGirondeReader);
    EXPECT_EQ(get(path, reader).status, 200);
    expect_problem(send("POST", path + "/commitments", local_commitment("Lecture seule"), reader), 403);
    expect_problem(send("POST", path + "/steps", {{"version", 1}, {"step", "consult"}}, reader), 403);
    expect_problem(send("POST", path + "/commitments", local_commitment("Sans jeton"), gironde.without_csrf()), 403);

    auto admin = sign_in(demo::kAdmin);
    ASSERT_EQ(send("PUT", "/api/v1/conventions/settings", {{"commitment_cap", 3}}, admin).status, 200);
    auto capped = send("POST", path + "/commitments", local_commitment("Former les aidants"), gironde);
    EXPECT_THAT(expect_problem(capped, 422)["detail"].get<std::string>(),
                HasSubstr("compte déjà 3 engagements pour un plafond national de 3"));
}

TEST_P(ConventionsApiTest, AStaleChangeIsAConflictAndPartiesSign)
{
    auto gironde = sign_in(demo::kGirondeEditor);
    auto path = prepare(gironde);
    auto added = send("POST", path + "/commitments", local_commitment("Développer l'habitat inclusif"), gironde);
    ASSERT_EQ(added.status, 201) << added.body;
    auto commitment = added.header("Location").value_or("");

    auto ars = sign_in(demo::kArsEditor);
    ASSERT_EQ(send("PATCH", commitment, {{"version", 1}, {"text", "Première rédaction."}}, gironde).status, 200);
    auto stale = send("PATCH", commitment, {{"version", 1}, {"text", "Seconde rédaction."}}, ars);
    EXPECT_THAT(expect_problem(stale, 409)["detail"].get<std::string>(), HasSubstr("a été modifié par"));
    auto kept = json_of(get(path, gironde))["commitments"].back();
    EXPECT_EQ(kept["text"], "Première rédaction.");
    EXPECT_EQ(kept["version"], 2);

    auto socle = json_of(get(path, gironde))["commitments"][0];
    auto weaker =
        send("PATCH", path + "/commitments/" + std::to_string(socle["id"].get<std::int64_t>()),
             {{"version", 1}, {"baseline_period", "2025-T4"}, {"baseline_value", 4.5}, {"target_value", 3.5}}, gironde);
    EXPECT_THAT(expect_problem(weaker, 422)["detail"].get<std::string>(), HasSubstr("jamais moins"));

    expect_problem(send("POST", path + "/steps", {{"version", 9}, {"step", "ready_to_sign"}}, gironde), 409);
    auto ready = send("POST", path + "/steps", {{"version", 1}, {"step", "ready_to_sign"}}, gironde);
    ASSERT_EQ(ready.status, 200) << ready.body;
    auto signed_by = send("POST", path + "/signatures", nlohmann::json::object(), gironde);
    ASSERT_EQ(signed_by.status, 200) << signed_by.body;
    bool found = false;
    auto after_signature = json_of(signed_by);
    for (const auto& party : after_signature["parties"])
        if (party["organisation"] == "cd-33") {
            found = true;
            EXPECT_FALSE(party["signed_at"].is_null());
            EXPECT_THAT(party["signed_by"].get<std::string>(), HasSubstr("démo"));
        }
    EXPECT_TRUE(found);
    expect_problem(send("POST", path + "/signatures", nlohmann::json::object(), sign_in(demo::kGirondeReader)), 403);
    expect_problem(send("POST", path + "/signatures", nlohmann::json::object(), gironde), 409);
    expect_problem(get(path + "/diff?from=0", gironde), 422);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ConventionsApiTest);

}  // namespace boussole::test_support
