// The actors directory over HTTP: search, filters, sorting, pagination, one
// actor, the actors of a territory, the types, and partners created by the
// national administrator.

#include "integration/app_fixture.hpp"

#include <gtest/gtest.h>

#include <set>

namespace boussole::test_support {

namespace {

std::vector<std::string> slugs_of(const nlohmann::json& page)
{
    std::vector<std::string> slugs;
    for (const auto& item : page.at("items"))
        slugs.push_back(item.at("slug").get<std::string>());
    return slugs;
}

}  // namespace

class ActorApiTest : public AppTest {};

TEST_P(ActorApiTest, PagesThroughTheWholeDirectoryWithoutGapsOrRepeats)
{
    auto first = json_of(get("/api/v1/actors?page_size=100"));
    ASSERT_TRUE(first.is_object());
    auto total = first.at("total").get<int>();
    EXPECT_GT(total, 600);
    EXPECT_EQ(first.at("page"), 1);
    EXPECT_EQ(first.at("page_size"), 100);
    EXPECT_EQ(first.at("page_count"), (total + 99) / 100);
    EXPECT_EQ(first.at("items").size(), 100u);

    std::set<std::string> seen;
    for (int page = 1; page <= first.at("page_count").get<int>(); ++page) {
        auto body = json_of(get("/api/v1/actors?page_size=100&page=" + std::to_string(page)));
        for (const auto& slug : slugs_of(body))
            EXPECT_TRUE(seen.insert(slug).second) << slug << " appears twice";
    }
    EXPECT_EQ(static_cast<int>(seen.size()), total);

    auto beyond = json_of(get("/api/v1/actors?page=1000"));
    EXPECT_TRUE(beyond.at("items").empty());
    EXPECT_EQ(beyond.at("total"), total);
}

TEST_P(ActorApiTest, SortsByNameOrByTypeThenName)
{
    auto by_name = slugs_of(json_of(get("/api/v1/actors?q=gironde&page_size=100")));
    auto by_type = slugs_of(json_of(get("/api/v1/actors?q=gironde&sort=type&page_size=100")));
    EXPECT_EQ(slugs_of(json_of(get("/api/v1/actors?q=gironde&sort=name&page_size=100"))), by_name);
    ASSERT_EQ(by_name.size(), by_type.size());
    auto position = [](const std::vector<std::string>& slugs, const char* slug) {
        return std::find(slugs.begin(), slugs.end(), slug) - slugs.begin();
    };
    // "CAF de la Gironde" < "Conseil départemental…" < "MDPH de la Gironde".
    EXPECT_LT(position(by_name, "caf-33"), position(by_name, "cd-33"));
    EXPECT_LT(position(by_name, "cd-33"), position(by_name, "mdph-33"));

    // By type, each type's actors come together, by name within the type.
    auto types = json_of(get("/api/v1/actors?q=gironde&sort=type&page_size=100")).at("items");
    std::vector<std::string> order;
    for (const auto& item : types)
        if (order.empty() || order.back() != item.at("type"))
            order.push_back(item.at("type").get<std::string>());
    std::set<std::string> distinct(order.begin(), order.end());
    EXPECT_EQ(distinct.size(), order.size()) << "a type appears in two groups: " << types.dump();
}

TEST_P(ActorApiTest, FiltersByTypeTerritoryAndWords)
{
    auto mdph = json_of(get("/api/v1/actors?type=mdph&page_size=100"));
    for (const auto& item : mdph.at("items"))
        EXPECT_EQ(item.at("type"), "mdph");
    EXPECT_GT(mdph.at("total").get<int>(), 80);

    auto gironde = slugs_of(json_of(get("/api/v1/actors?territory=DEP-33&page_size=100")));
    std::set<std::string> present(gironde.begin(), gironde.end());
    for (const char* slug : {"cd-33", "mdph-33", "caf-33", "ars-75", "carsat-aquitaine"})
        EXPECT_TRUE(present.count(slug)) << slug;
    EXPECT_FALSE(present.count("mdph-40"));
    EXPECT_FALSE(present.count("cnsa")) << "national organisations are listed for FR only";

    auto both = slugs_of(json_of(get("/api/v1/actors?territory=dep-33&type=mdph")));
    EXPECT_EQ(both, std::vector<std::string>{"mdph-33"});

    // Words in any order, accents and case folded.
    auto words = slugs_of(json_of(get("/api/v1/actors?q=LANDES%20mdph")));
    EXPECT_EQ(words, std::vector<std::string>{"mdph-40"});
    auto accents = json_of(get("/api/v1/actors?q=d%C3%A9partemental%20gironde"));
    EXPECT_GE(accents.at("total").get<int>(), 1);
}

TEST_P(ActorApiTest, RefusesInvalidParametersNamingThem)
{
    struct Case {
        const char* query;
        const char* parameter;
    };
    for (const auto& [query, parameter] :
         {Case{"type=hopital", "type"}, Case{"territory=DEP-2C", "territory"}, Case{"territory=33", "territory"},
          Case{"sort=date", "sort"}, Case{"page=0", "page"}, Case{"page=abc", "page"},
          Case{"page_size=101", "page_size"}, Case{"page_size=-1", "page_size"}}) {
        auto problem = expect_problem(get(std::string("/api/v1/actors?") + query), 422);
        ASSERT_TRUE(problem.contains("errors")) << query;
        EXPECT_EQ(problem["errors"][0]["field"], parameter) << query;
    }
    auto territory = expect_problem(get("/api/v1/actors?territory=DEP-2C"), 422);
    EXPECT_NE(territory.value("detail", "").find("Codes attendus"), std::string::npos);
}

TEST_P(ActorApiTest, SqlInjectionInTheSearchIsPlainText)
{
    for (const char* attempt : {"%27%3B%20DROP%20TABLE%20organisations%3B%20--", "%27%20OR%20%271%27%3D%271", "%25",
                                "_", "%5C", "mdph%27)%20UNION%20SELECT%20password_hash%20FROM%20users--"}) {
        auto response = get(std::string("/api/v1/actors?q=") + attempt);
        EXPECT_EQ(response.status, 200) << attempt << ": " << response.body;
    }
    // LIKE wildcards are punctuation to the search: ignored, never patterns.
    EXPECT_EQ(json_of(get("/api/v1/actors?q=xyzzy%25")).at("total"), 0);
    EXPECT_EQ(json_of(get("/api/v1/actors?q=gironde_")).at("total"),
              json_of(get("/api/v1/actors?q=gironde")).at("total"));
    EXPECT_GT(json_of(get("/api/v1/actors")).at("total").get<int>(), 600) << "nothing was dropped";
    EXPECT_EQ(get("/api/v1/users?q=%27%3B%20DROP%20TABLE%20users%3B--", sign_in(demo::kAdmin)).status, 200);
    EXPECT_EQ(json_of(get("/api/v1/users", sign_in(demo::kAdmin))).at("total"), 7);
}

TEST_P(ActorApiTest, FindsAnActorByNumberOrSlug)
{
    auto by_slug = actor("mdph-33");
    EXPECT_EQ(by_slug.at("name"), "MDPH de la Gironde");
    EXPECT_EQ(by_slug.at("type"), "mdph");
    EXPECT_EQ(by_slug.at("territories")[0].at("key"), "DEP-33");
    EXPECT_EQ(by_slug.at("territories")[0].at("name"), "Gironde (33)");
    EXPECT_EQ(by_slug.at("version"), 1);
    auto by_number = json_of(get("/api/v1/actors/" + std::to_string(by_slug.at("id").get<std::int64_t>())));
    EXPECT_EQ(by_number, by_slug);

    auto alsace = actor("cea-alsace");
    EXPECT_EQ(alsace.at("territories").size(), 2u) << "the Collectivité européenne d'Alsace covers 67 and 68";

    for (const char* unknown : {"mdph-2c", "999999", "0", "-1", "%FF%FE", "99999999999999999999999"}) {
        auto problem = expect_problem(get(std::string("/api/v1/actors/") + unknown), 404);
        EXPECT_EQ(problem.value("code", ""), "not_found") << unknown;
    }
}

TEST_P(ActorApiTest, CountsTheActorsOfEachType)
{
    auto types = json_of(get("/api/v1/actor-types"));
    ASSERT_TRUE(types.at("items").is_array());
    std::map<std::string, int> counts;
    int sum = 0;
    for (const auto& type : types.at("items")) {
        EXPECT_FALSE(type.at("label").get<std::string>().empty());
        EXPECT_TRUE(type.at("family") == "branch" || type.at("family") == "partner");
        counts[type.at("code").get<std::string>()] = type.at("count").get<int>();
        sum += type.at("count").get<int>();
    }
    EXPECT_EQ(counts["cnsa"], 1);
    EXPECT_EQ(counts["ars"], 18);
    EXPECT_EQ(counts["mdph"], json_of(get("/api/v1/actors?type=mdph")).at("total").get<int>());
    EXPECT_EQ(sum, json_of(get("/api/v1/actors")).at("total").get<int>());
}

TEST_P(ActorApiTest, ListsTheActorsPresentInATerritory)
{
    auto response = get("/api/v1/territories/DEP-69/actors?page_size=100");
    ASSERT_EQ(response.status, 200) << response.body;
    auto body = json_of(response);
    EXPECT_EQ(body.at("territory").at("key"), "DEP-69");
    auto slugs = slugs_of(body);
    std::set<std::string> present(slugs.begin(), slugs.end());
    EXPECT_TRUE(present.count("metropole-lyon") && present.count("departement-rhone"))
        << "the Métropole de Lyon and the Département du Rhône both act in 69: " << body.dump();
    EXPECT_EQ(body.at("total").get<std::size_t>(), slugs.size());

    auto second = json_of(get("/api/v1/territories/DEP-69/actors?page_size=2&page=2"));
    EXPECT_EQ(second.at("items").size(), 2u);
    EXPECT_EQ(second.at("items")[0].at("slug"), slugs[2]);

    auto corsica = slugs_of(json_of(get("/api/v1/territories/DEP-2A/actors?page_size=100")));
    EXPECT_NE(std::find(corsica.begin(), corsica.end(), "ars-94"), corsica.end());

    expect_problem(get("/api/v1/territories/DEP-2C/actors"), 404);
    expect_problem(get("/api/v1/territories/2C/actors"), 422);
}

TEST_P(ActorApiTest, TheNationalAdministratorCreatesAPartner)
{
    auto admin = sign_in(demo::kAdmin);
    nlohmann::json partner{{"slug", "apf-gironde"},
                           {"type", "association"},
                           {"name", "APF France handicap — délégation de la Gironde"},
                           {"short_name", "APF 33"},
                           {"territories", {"DEP-33"}}};
    auto response = send("POST", "/api/v1/actors", partner, admin);
    ASSERT_EQ(response.status, 201) << response.body;
    auto created = json_of(response);
    EXPECT_EQ(created.at("slug"), "apf-gironde");
    EXPECT_EQ(created.at("origin"), "user");
    auto location = response.header("Location").value_or("");
    EXPECT_EQ(location, "/api/v1/actors/" + std::to_string(created.at("id").get<std::int64_t>()));
    EXPECT_EQ(json_of(get(location)), created);
    EXPECT_EQ(audit_count("organisation", std::to_string(created.at("id").get<std::int64_t>())), 1);
    auto gironde = slugs_of(json_of(get("/api/v1/territories/DEP-33/actors?page_size=100")));
    EXPECT_NE(std::find(gironde.begin(), gironde.end(), "apf-gironde"), gironde.end());

    expect_problem(send("POST", "/api/v1/actors", partner, admin), 409);
    partner["slug"] = "apf-landes";
    partner["territories"] = {"DEP-2C"};
    auto unknown = expect_problem(send("POST", "/api/v1/actors", partner, admin), 422);
    EXPECT_EQ(unknown["errors"][0]["field"], "territories");
    partner["territories"] = {"DEP-40"};
    partner["slug"] = "APF Landes";
    expect_problem(send("POST", "/api/v1/actors", partner, admin), 422);
    partner["slug"] = "apf-landes";
    partner["colour"] = "bleu";
    auto misspelt = expect_problem(send("POST", "/api/v1/actors", partner, admin), 422);
    EXPECT_EQ(misspelt["errors"][0]["field"], "colour");
}

TEST_P(ActorApiTest, OnlyTheNationalAdministratorCreatesActors)
{
    nlohmann::json partner{
        {"slug", "asso-33"}, {"type", "association"}, {"name", "Association 33"}, {"territories", {"DEP-33"}}};
    expect_problem(send("POST", "/api/v1/actors", partner), 401);
    for (const char* email : {demo::kAnalyst, demo::kGirondeEditor, demo::kGirondeReader, demo::kPartner}) {
        auto problem = expect_problem(send("POST", "/api/v1/actors", partner, sign_in(email)), 403);
        EXPECT_NE(problem.value("detail", "").find("administrateurs nationaux"), std::string::npos) << email;
    }
    expect_problem(send("POST", "/api/v1/actors", partner, Credentials::token(create_token("cd-33", true))), 403);
    expect_problem(get("/api/v1/actors/asso-33"), 404);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ActorApiTest);

}  // namespace boussole::test_support
