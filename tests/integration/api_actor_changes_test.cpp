// Who may change an actor's contact details, over HTTP: the territory's own
// editors (people or API tokens with write permission) and national
// administrators; never outside the scope, never without the CSRF token of a
// session, never over a newer version. Every refusal leaves the record as it
// was; every change leaves an audit entry.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class ActorChangeApiTest : public AppTest {
protected:
    std::string path_of(std::string_view slug) { return "/api/v1/actors/" + std::string(slug); }

    HttpResponse patch_phone(std::string_view slug, const Credentials& as, int version = 1)
    {
        return send("PATCH", path_of(slug), {{"phone", "05 56 99 99 99"}, {"version", version}}, as);
    }

    // The record is exactly as loaded from the reference data.
    void expect_untouched(std::string_view slug)
    {
        auto current = actor(slug);
        EXPECT_EQ(current.at("version"), 1) << slug;
        EXPECT_EQ(current.at("phone"), "") << slug;
        EXPECT_EQ(audit_count("organisation", std::to_string(current.at("id").get<std::int64_t>())), 0) << slug;
    }
};

TEST_P(ActorChangeApiTest, AGirondeEditorCannotEditTheMdphOfTheLandes)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto problem = expect_problem(patch_phone("mdph-40", editor), 403);
    EXPECT_EQ(problem.at("code"), "forbidden");
    auto detail = problem.at("detail").get<std::string>();
    EXPECT_NE(detail.find("MDPH des Landes"), std::string::npos) << detail;
    EXPECT_NE(detail.find("DEP-40"), std::string::npos) << detail;
    EXPECT_NE(detail.find("périmètre de votre organisation"), std::string::npos) << detail;
    expect_untouched("mdph-40");

    // An organisation covering the Gironde and other departments is out of
    // reach too: every territory it covers must be within the scope.
    expect_problem(patch_phone("carsat-aquitaine", editor), 403);
    expect_untouched("carsat-aquitaine");
}

TEST_P(ActorChangeApiTest, AGirondeEditorEditsTheMdphOfTheGironde)
{
    auto editor = sign_in(demo::kGirondeEditor);
    nlohmann::json changes{{"description", "  Accueil du public du lundi au vendredi.  "},
                           {"website", "https://www.mdph33.fr"},
                           {"email", "contact@mdph33.fr"},
                           {"phone", "05 56 99 99 99"},
                           {"address", "Esplanade Charles-de-Gaulle, 33000 Bordeaux"},
                           {"version", 1}};
    auto response = send("PATCH", path_of("mdph-33"), changes, editor);
    ASSERT_EQ(response.status, 200) << response.body;
    auto updated = json_of(response);
    EXPECT_EQ(updated.at("version"), 2);
    EXPECT_EQ(updated.at("description"), "Accueil du public du lundi au vendredi.");
    EXPECT_EQ(updated.at("website"), "https://www.mdph33.fr");
    EXPECT_EQ(actor("mdph-33"), updated);

    auto id = std::to_string(updated.at("id").get<std::int64_t>());
    EXPECT_EQ(audit_count("organisation", id), 1);
    auto audit = json_of(get("/api/v1/audit?entity_type=organisation&entity_id=" + id, sign_in(demo::kAdmin)));
    ASSERT_EQ(audit.at("items").size(), 1u) << audit.dump();
    const auto& entry = audit.at("items")[0];
    EXPECT_EQ(entry.at("action"), "update");
    EXPECT_NE(entry.at("actor_label").get<std::string>().find(demo::kGirondeEditor), std::string::npos);
    EXPECT_EQ(entry.at("before").at("phone"), "");
    EXPECT_EQ(entry.at("after").at("phone"), "05 56 99 99 99");
    EXPECT_EQ(entry.at("request_id"), response.header("X-Request-Id").value_or("?"));

    // Only the members sent change.
    auto second = send("PATCH", path_of(id), {{"phone", ""}, {"version", 2}}, editor);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(json_of(second).at("phone"), "");
    EXPECT_EQ(json_of(second).at("email"), "contact@mdph33.fr");
}

TEST_P(ActorChangeApiTest, TheRegionalEditorEditsEveryDepartmentOfItsRegion)
{
    auto ars = sign_in(demo::kArsEditor);
    EXPECT_EQ(patch_phone("mdph-40", ars).status, 200);
    EXPECT_EQ(patch_phone("carsat-aquitaine", ars).status, 200);
    auto outside = expect_problem(patch_phone("mdph-69", ars), 403);
    EXPECT_NE(outside.at("detail").get<std::string>().find("DEP-69"), std::string::npos);
    expect_untouched("mdph-69");
}

TEST_P(ActorChangeApiTest, AStaleVersionIsAConflictAndOverwritesNothing)
{
    auto editor = sign_in(demo::kGirondeEditor);
    ASSERT_EQ(send("PATCH", path_of("cd-33"), {{"email", "premier@gironde.fr"}, {"version", 1}}, editor).status, 200);
    auto problem =
        expect_problem(send("PATCH", path_of("cd-33"), {{"email", "second@gironde.fr"}, {"version", 1}}, editor), 409);
    EXPECT_EQ(problem.at("code"), "conflict");
    EXPECT_NE(problem.at("detail").get<std::string>().find("rechargez"), std::string::npos);
    EXPECT_EQ(actor("cd-33").at("email"), "premier@gironde.fr");
    EXPECT_EQ(actor("cd-33").at("version"), 2);

    auto missing = expect_problem(send("PATCH", path_of("cd-33"), {{"email", "x@gironde.fr"}}, editor), 422);
    EXPECT_EQ(missing.at("errors")[0].at("field"), "version");
    expect_problem(send("PATCH", path_of("cd-33"), {{"email", "x@gironde.fr"}, {"version", "2"}}, editor), 422);
}

TEST_P(ActorChangeApiTest, InvalidContactDetailsAreRefusedFieldByField)
{
    auto editor = sign_in(demo::kGirondeEditor);
    struct Case {
        const char* member;
        const char* value;
    };
    for (const auto& [member, value] :
         {Case{"email", "pas-une-adresse"}, Case{"website", "javascript:alert(1)"}, Case{"phone", "appelez-nous"}}) {
        auto problem =
            expect_problem(send("PATCH", path_of("mdph-33"), {{member, value}, {"version", 1}}, editor), 422);
        ASSERT_TRUE(problem.contains("errors")) << member;
        EXPECT_EQ(problem.at("errors")[0].at("field"), member);
    }
    auto wrong_type = expect_problem(send("PATCH", path_of("mdph-33"), {{"phone", 556}, {"version", 1}}, editor), 422);
    EXPECT_EQ(wrong_type.at("errors")[0].at("field"), "phone");
    expect_untouched("mdph-33");
}

TEST_P(ActorChangeApiTest, ReadersAnalystsAndPartnersCannotWrite)
{
    for (const char* email : {demo::kAnalyst, demo::kGirondeReader, demo::kPartner}) {
        auto problem = expect_problem(patch_phone("mdph-33", sign_in(email)), 403);
        EXPECT_NE(problem.at("detail").get<std::string>().find("ne permet pas"), std::string::npos) << email;
    }
    expect_problem(patch_phone("mdph-33", {}), 401);
    expect_untouched("mdph-33");

    // The national administrator may edit anywhere.
    EXPECT_EQ(patch_phone("mdph-40", sign_in(demo::kAdmin)).status, 200);
}

TEST_P(ActorChangeApiTest, ASessionChangeWithoutItsCsrfTokenIsRefused)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto problem = expect_problem(patch_phone("mdph-33", editor.without_csrf()), 403);
    EXPECT_NE(problem.at("detail").get<std::string>().find("CSRF"), std::string::npos);
    auto forged = editor;
    forged.csrf_token = std::string(editor.csrf_token.size(), 'A');
    expect_problem(patch_phone("mdph-33", forged), 403);
    // Another session's token does not fit either.
    auto other = sign_in(demo::kArsEditor);
    forged.csrf_token = other.csrf_token;
    expect_problem(patch_phone("mdph-33", forged), 403);
    expect_untouched("mdph-33");
}

TEST_P(ActorChangeApiTest, ATokenWritesWithinItsOrganisationsTerritoryOnly)
{
    auto writer = Credentials::token(create_token("mdph-33", true));
    auto response = patch_phone("mdph-33", writer);
    ASSERT_EQ(response.status, 200) << response.body;
    auto id = std::to_string(json_of(response).at("id").get<std::int64_t>());
    auto audit = json_of(get("/api/v1/audit?entity_type=organisation&entity_id=" + id, sign_in(demo::kAdmin)));
    EXPECT_NE(audit.at("items")[0].at("actor_label").get<std::string>().find("SI mdph-33"), std::string::npos);

    auto problem = expect_problem(patch_phone("mdph-40", writer), 403);
    EXPECT_NE(problem.at("detail").get<std::string>().find("DEP-40"), std::string::npos);
    expect_untouched("mdph-40");

    auto reader = Credentials::token(create_token("mdph-33", false));
    EXPECT_EQ(get("/api/v1/actors/mdph-33", reader).status, 200);
    expect_problem(patch_phone("mdph-33", reader, 2), 403);
    EXPECT_EQ(actor("mdph-33").at("version"), 2);
}

TEST_P(ActorChangeApiTest, TheAuditLogIsForNationalAdministrators)
{
    auto editor = sign_in(demo::kGirondeEditor);
    for (int version = 1; version <= 3; ++version)
        ASSERT_EQ(patch_phone("mdph-33", editor, version).status, 200);
    auto admin = sign_in(demo::kAdmin);
    auto page = json_of(get("/api/v1/audit?entity_type=organisation&page_size=2", admin));
    EXPECT_EQ(page.at("total"), 3);
    EXPECT_EQ(page.at("page_count"), 2);
    EXPECT_EQ(page.at("items").size(), 2u);
    EXPECT_GT(page.at("items")[0].at("id").get<std::int64_t>(), page.at("items")[1].at("id").get<std::int64_t>())
        << "newest first";
    auto everything = json_of(get("/api/v1/audit", admin));
    EXPECT_GT(everything.at("total").get<int>(), 3) << "logins and account creations are there too";

    expect_problem(get("/api/v1/audit", editor), 403);
    expect_problem(get("/api/v1/audit", sign_in(demo::kAnalyst)), 403);
    expect_problem(get("/api/v1/audit"), 401);
    expect_problem(get("/api/v1/audit?page_size=500", admin), 422);
    expect_problem(get("/api/v1/audit?entity_type=%C3%28", admin), 422);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ActorChangeApiTest);

}  // namespace boussole::test_support
