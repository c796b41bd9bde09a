// Accounts over HTTP: national administrators manage every account, others
// see the accounts of their own organisation, and everyone changes their own
// password.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

namespace boussole::test_support {

class UserApiTest : public AppTest {
protected:
    nlohmann::json new_account(std::string email, std::string organisation = "cd-33")
    {
        return {{"email", std::move(email)},
                {"display_name", "Jeanne Essai"},
                {"organisation", std::move(organisation)},
                {"role", "territorial_editor"},
                {"password", "un mot de passe assez long"}};
    }

    std::int64_t user_id(const Credentials& admin, std::string_view email)
    {
        auto found = json_of(get("/api/v1/users?q=" + std::string(email), admin));
        EXPECT_EQ(found.at("total"), 1) << email;
        return found.at("items")[0].at("id").get<std::int64_t>();
    }
};

TEST_P(UserApiTest, NationalAdministratorsSeeEveryAccountOthersTheirOrganisations)
{
    auto admin = sign_in(demo::kAdmin);
    auto all = json_of(get("/api/v1/users", admin));
    EXPECT_EQ(all.at("total"), 7);
    for (const auto& user : all.at("items")) {
        EXPECT_FALSE(user.contains("password_hash"));
        EXPECT_TRUE(user.at("synthetic").get<bool>());
    }
    auto paged = json_of(get("/api/v1/users?page_size=3&page=3", admin));
    EXPECT_EQ(paged.at("items").size(), 1u);
    EXPECT_EQ(paged.at("page_count"), 3);

    auto cnsa = actor("cnsa").at("id").get<std::int64_t>();
    EXPECT_EQ(json_of(get("/api/v1/users?organisation_id=" + std::to_string(cnsa), admin)).at("total"), 2);
    EXPECT_EQ(json_of(get("/api/v1/users?q=gironde", admin)).at("total"), 3);
    EXPECT_EQ(json_of(get("/api/v1/users?active=false", admin)).at("total"), 0);

    auto editor = sign_in(demo::kGirondeEditor);
    auto own = json_of(get("/api/v1/users", editor));
    ASSERT_EQ(own.at("total"), 1);
    EXPECT_EQ(own.at("items")[0].at("email"), demo::kGirondeEditor);
    // Asking for another organisation does not widen the view.
    EXPECT_EQ(json_of(get("/api/v1/users?organisation_id=" + std::to_string(cnsa), editor)).at("total"), 1);

    expect_problem(get("/api/v1/users"), 401);
    for (const char* query : {"active=oui", "organisation_id=cd-33", "organisation_id=0", "page=-2", "q=%FF"}) {
        auto problem = expect_problem(get(std::string("/api/v1/users?") + query, admin), 422);
        EXPECT_TRUE(problem.contains("errors")) << query;
    }
}

TEST_P(UserApiTest, OneAccountIsVisibleToItsOrganisationAndToNationalAdministrators)
{
    auto admin = sign_in(demo::kAdmin);
    auto editor = sign_in(demo::kGirondeEditor);
    auto editor_id = user_id(admin, "cd.gironde");
    auto reader_id = user_id(admin, "mdph.gironde");
    auto path = "/api/v1/users/" + std::to_string(editor_id);

    auto seen = json_of(get(path, admin));
    EXPECT_EQ(seen.at("email"), demo::kGirondeEditor);
    EXPECT_EQ(seen.at("role"), "territorial_editor");
    EXPECT_EQ(seen.at("role_label"), "Contributeur territorial");
    EXPECT_FALSE(seen.at("last_login_at").is_null());
    EXPECT_EQ(get(path, editor).status, 200);

    auto problem = expect_problem(get("/api/v1/users/" + std::to_string(reader_id), editor), 403);
    EXPECT_NE(problem.at("detail").get<std::string>().find("votre organisation"), std::string::npos);
    expect_problem(get(path), 401);
    expect_problem(get("/api/v1/users/99999", admin), 404);
    expect_problem(get("/api/v1/users/abc", admin), 404);
}

TEST_P(UserApiTest, TheNationalAdministratorCreatesAnAccountThatCanSignIn)
{
    auto admin = sign_in(demo::kAdmin);
    auto response = send("POST", "/api/v1/users", new_account("Jeanne.Essai@Gironde.fr"), admin);
    ASSERT_EQ(response.status, 201) << response.body;
    auto user = json_of(response);
    EXPECT_EQ(user.at("email"), "jeanne.essai@gironde.fr");
    EXPECT_EQ(user.at("organisation_id"), actor("cd-33").at("id"));
    EXPECT_FALSE(user.at("synthetic").get<bool>());
    auto location = response.header("Location").value_or("");
    EXPECT_EQ(location, "/api/v1/users/" + std::to_string(user.at("id").get<std::int64_t>()));
    EXPECT_EQ(json_of(get(location, admin)).at("email"), "jeanne.essai@gironde.fr");

    auto login = send("POST", "/api/v1/session",
                      {{"email", "jeanne.essai@gironde.fr"}, {"password", "un mot de passe assez long"}});
    EXPECT_EQ(login.status, 201);

    auto by_number = new_account("paul.essai@gironde.fr");
    by_number.erase("organisation");
    by_number["organisation_id"] = actor("cd-33").at("id");
    EXPECT_EQ(send("POST", "/api/v1/users", by_number, admin).status, 201);

    expect_problem(send("POST", "/api/v1/users", new_account("jeanne.essai@gironde.fr"), admin), 409);
    struct Case {
        const char* member;
        nlohmann::json value;
        const char* field;
    };
    for (const auto& [member, value, field] :
         {Case{"email", "jeanne", "email"}, Case{"role", "national_admin", "role"}, Case{"password", "court", ""},
          Case{"organisation", "cd-2c", "organisation"},
          Case{"organisation", "99999999999999999999999", "organisation"}, Case{"display_name", 12, "display_name"}}) {
        auto body = new_account("autre@gironde.fr");
        body[member] = value;
        auto problem = expect_problem(send("POST", "/api/v1/users", body, admin), 422);
        // The password rules name no field: the message says what is expected.
        if (*field != '\0') {
            EXPECT_EQ(problem.at("errors")[0].at("field"), field) << member;
        }
    }
    auto without = new_account("autre@gironde.fr");
    without.erase("organisation");
    expect_problem(send("POST", "/api/v1/users", without, admin), 422);
}

TEST_P(UserApiTest, OnlyNationalAdministratorsCreateAndChangeAccounts)
{
    auto admin = sign_in(demo::kAdmin);
    auto reader_id = user_id(admin, "mdph.gironde");
    auto path = "/api/v1/users/" + std::to_string(reader_id);
    for (const char* email : {demo::kAnalyst, demo::kGirondeEditor, demo::kGirondeReader}) {
        auto as = sign_in(email);
        expect_problem(send("POST", "/api/v1/users", new_account("intrus@gironde.fr"), as), 403);
        expect_problem(send("PATCH", path, {{"role", "territorial_editor"}, {"version", 1}}, as), 403);
    }
    expect_problem(send("POST", "/api/v1/users", new_account("intrus@gironde.fr")), 401);
    EXPECT_EQ(json_of(get(path, admin)).at("role"), "territorial_reader");
}

TEST_P(UserApiTest, TheNationalAdministratorChangesAndDisablesAnAccount)
{
    auto admin = sign_in(demo::kAdmin);
    auto reader = sign_in(demo::kGirondeReader);
    auto reader_id = user_id(admin, "mdph.gironde");
    auto path = "/api/v1/users/" + std::to_string(reader_id);

    auto promoted =
        send("PATCH", path, {{"display_name", "Sacha Leroy"}, {"role", "territorial_editor"}, {"version", 1}}, admin);
    ASSERT_EQ(promoted.status, 200) << promoted.body;
    EXPECT_EQ(json_of(promoted).at("role"), "territorial_editor");
    EXPECT_EQ(json_of(promoted).at("version"), 2);
    expect_problem(send("PATCH", path, {{"active", false}, {"version", 1}}, admin), 409);
    expect_problem(send("PATCH", path, {{"role", "chef"}, {"version", 2}}, admin), 422);
    expect_problem(send("PATCH", path, {{"active", "non"}, {"version", 2}}, admin), 422);

    auto disabled = send("PATCH", path, {{"active", false}, {"version", 2}}, admin);
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_FALSE(json_of(disabled).at("active").get<bool>());
    // The disabled person's session ends at once.
    expect_problem(get("/api/v1/users", reader), 401);
    EXPECT_EQ(json_of(get("/api/v1/users?active=false", admin)).at("total"), 1);
    EXPECT_EQ(audit_count("user", std::to_string(reader_id)), 4) << "creation, sign-in, promotion, disabling";

    auto own_id = user_id(admin, "admin.national");
    expect_problem(send("PATCH", "/api/v1/users/" + std::to_string(own_id), {{"active", false}, {"version", 1}}, admin),
                   422);
}

TEST_P(UserApiTest, EveryoneChangesTheirOwnPassword)
{
    auto first = sign_in(demo::kGirondeEditor);
    auto second = sign_in(demo::kGirondeEditor);
    nlohmann::json change{{"current_password", "boussole-demo-2026"}, {"new_password", "nouveau mot de passe 2026"}};

    auto wrong = change;
    wrong["current_password"] = "pas le bon";
    auto problem = expect_problem(send("POST", "/api/v1/session/password", wrong, first), 422);
    EXPECT_EQ(problem.at("errors")[0].at("field"), "current_password");
    auto weak = change;
    weak["new_password"] = "court";
    expect_problem(send("POST", "/api/v1/session/password", weak, first), 422);
    expect_problem(send("POST", "/api/v1/session/password", change, first.without_csrf()), 403);
    expect_problem(send("POST", "/api/v1/session/password", change), 401);
    expect_problem(send("POST", "/api/v1/session/password", change, Credentials::token(create_token("cd-33", true))),
                   403);

    auto changed = send("POST", "/api/v1/session/password", change, first);
    ASSERT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(get("/api/v1/users", first).status, 200) << "the session that changed it goes on";
    expect_problem(get("/api/v1/users", second), 401);
    expect_problem(
        send("POST", "/api/v1/session", {{"email", demo::kGirondeEditor}, {"password", "boussole-demo-2026"}}), 401);
    EXPECT_EQ(
        send("POST", "/api/v1/session", {{"email", demo::kGirondeEditor}, {"password", "nouveau mot de passe 2026"}})
            .status,
        201);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(UserApiTest);

}  // namespace boussole::test_support
