// The convention pages over real HTTP, on both backends: creating a
// convention (refused where one exists and outside the scope), the
// commitment form (422 with the French error summary, a weaker socle target
// refused, the cap reached, contributors and partners only from the
// directory of the territory), a stale save answered with both versions,
// the step buttons only for who may take them, and the signature refused to
// an organisation that is not a party.
#include "integration/app_fixture.hpp"
#include "web/http/url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::Not;

class ConventionPageTest : public AppTest {
protected:
    using Fields = std::vector<std::pair<std::string, std::string>>;

    HttpResponse post_form(const Credentials& as, std::string_view path, const Fields& fields)
    {
        std::string body = "csrf=" + boussole::http::percent_encode(as.csrf_token);
        for (const auto& [name, value] : fields)
            body += "&" + name + "=" + boussole::http::percent_encode(value);
        return checked(client().post(path, body, "application/x-www-form-urlencoded", {{"Cookie", as.cookie}}));
    }

    void publish()
    {
        nlohmann::json socle{{"period_start", 2026},
                             {"period_end", 2029},
                             {"note", "Socle commun 2026-2029"},
                             {"items",
                              {{{"priority", "P2"},
                                {"title", "Réduire le délai de traitement des demandes MDPH"},
                                {"text", "Viser moins de trois mois."},
                                {"indicator", "mdph_delai_traitement"},
                                {"target_value", 3}},
                               {{"priority", "P1"}, {"title", "Garantir l'équité d'accès aux droits"}}}}};
        auto published = send("POST", "/api/v1/conventions/templates", socle, sign_in(demo::kAdmin));
        ASSERT_EQ(published.status, 201) << published.body;
    }

    // The Gironde's convention, created over the API; returns its page.
    std::string gironde(const Credentials& as, nlohmann::json partners = nlohmann::json::array())
    {
        publish();
        nlohmann::json body{
            {"territories", {"DEP-33"}}, {"period_start", 2026}, {"period_end", 2029}, {"partners", partners}};
        auto created = send("POST", "/api/v1/conventions", body, as);
        EXPECT_EQ(created.status, 201) << created.body;
        return "/conventions/" + std::to_string(json_of(created)["id"].get<std::int64_t>());
    }

    nlohmann::json api_view(const std::string& page, const Credentials& as)
    {
        return json_of(get("/api/v1" + page, as));
    }

    static Fields local(const std::string& title)
    {
        return {{"section", "local"}, {"priority", "P4"},
                {"title", title},     {"text", "Ouvrir des logements adaptés avec les bailleurs sociaux."},
                {"lead", "cd-33"},    {"contributors", "ars-75"}};
    }
};

TEST_P(ConventionPageTest, AConventionIsCreatedInTheScopeAndOnlyOnce)
{
    publish();
    auto editor = sign_in(demo::kGirondeEditor);
    auto form = get("/conventions/nouvelle", editor);
    ASSERT_EQ(form.status, 200);
    EXPECT_THAT(form.body, HasSubstr("Créer une convention territoriale"));

    auto outside = post_form(editor, "/conventions/nouvelle", {{"departments", "40"}, {"period", "2026-2029"}});
    EXPECT_EQ(outside.status, 403);
    EXPECT_THAT(outside.body, HasSubstr("périmètre"));

    auto created = post_form(editor, "/conventions/nouvelle", {{"departments", "33"}, {"period", "2026-2029"}});
    ASSERT_EQ(created.status, 303) << created.body;
    EXPECT_THAT(created.header("Location").value_or(""), HasSubstr("message=convention-creee"));

    auto again = post_form(editor, "/conventions/nouvelle", {{"departments", "33"}, {"period", "2026-2029"}});
    EXPECT_EQ(again.status, 409);
    EXPECT_THAT(again.body, HasSubstr("déjà une convention"));
    EXPECT_EQ(json_of(get("/api/v1/conventions?territory=DEP-33", editor))["total"], 1);
}

TEST_P(ConventionPageTest, TheCommitmentFormNamesEveryFaultInFrench)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto page = gironde(editor);
    auto form = get(page + "/engagements/nouveau", editor);
    ASSERT_EQ(form.status, 200);
    // Contributors are chosen from the directory of the territory.
    EXPECT_THAT(form.body, HasSubstr("id=\"contributeur-ars-75\""));
    EXPECT_THAT(form.body, HasSubstr("id=\"contributeur-dsden-33\""));
    EXPECT_THAT(form.body, Not(HasSubstr("id=\"contributeur-dsden-75\"")));

    auto empty = post_form(editor, page + "/engagements/nouveau", {{"section", "local"}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_THAT(empty.body, HasSubstr("Le formulaire contient des erreurs"));
    EXPECT_THAT(empty.body, HasSubstr("Titre"));
    EXPECT_THAT(empty.body, HasSubstr("Priorité"));

    auto elsewhere = local("Habitat inclusif");
    elsewhere.emplace_back("contributors", "dsden-75");
    auto refused = post_form(editor, page + "/engagements/nouveau", elsewhere);
    EXPECT_EQ(refused.status, 422);
    EXPECT_THAT(refused.body, HasSubstr("Organisations contributrices : « dsden-75 » n&apos;est pas"));

    auto with_two = local("Habitat inclusif");
    with_two.emplace_back("contributors", "dsden-33");
    auto added = post_form(editor, page + "/engagements/nouveau", with_two);
    ASSERT_EQ(added.status, 303) << added.body;
    auto commitments = api_view(page, editor)["commitments"];
    ASSERT_EQ(commitments.size(), 3u);
    EXPECT_EQ(commitments[2]["contributors"], nlohmann::json({"ars-75", "dsden-33"}));

    // A socle item takes a more ambitious target, never a weaker one.
    auto socle = commitments[0];
    ASSERT_EQ(socle["section"], "socle");
    auto socle_path = page + "/engagements/" + std::to_string(socle["id"].get<std::int64_t>()) + "/modifier";
    Fields weaker{{"version", std::to_string(socle["version"].get<int>())},
                  {"priority", "P2"},
                  {"title", socle["title"]},
                  {"text", socle["text"]},
                  {"lead", "cd-33"},
                  {"indicator", "mdph_delai_traitement"},
                  {"target_value", "4,5"},
                  {"deadline", socle["deadline"].is_null() ? "2029-T4" : socle["deadline"].get<std::string>()}};
    auto weak = post_form(editor, socle_path, weaker);
    EXPECT_EQ(weak.status, 422);
    EXPECT_THAT(weak.body, HasSubstr("jamais moins"));

    // The cap: no addition beyond it, with the count and the cap.
    ASSERT_EQ(send("PUT", "/api/v1/conventions/settings", {{"commitment_cap", 3}}, sign_in(demo::kAdmin)).status, 200);
    auto capped = post_form(editor, page + "/engagements/nouveau", local("Soutenir les aidants"));
    EXPECT_EQ(capped.status, 422);
    EXPECT_THAT(capped.body, HasSubstr("plafond national de 3"));
}

TEST_P(ConventionPageTest, AStaleSaveShowsBothVersions)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto page = gironde(editor);
    ASSERT_EQ(post_form(editor, page + "/engagements/nouveau", local("Habitat inclusif")).status, 303);
    auto commitment = api_view(page, editor)["commitments"][2];
    auto path = page + "/engagements/" + std::to_string(commitment["id"].get<std::int64_t>()) + "/modifier";

    auto first = local("Habitat inclusif");
    first.emplace_back("version", "1");
    first[3].second = "Avec trois bailleurs sociaux du Médoc.";
    ASSERT_EQ(post_form(sign_in(demo::kArsEditor), path, first).status, 303);

    auto second = local("Habitat inclusif");
    second.emplace_back("version", "1");
    second[3].second = "Avec deux bailleurs sociaux et la MSA.";
    auto stale = post_form(editor, path, second);
    EXPECT_EQ(stale.status, 409);
    EXPECT_THAT(stale.body, HasSubstr("Votre saisie et la version enregistrée"));
    EXPECT_THAT(stale.body, HasSubstr("Avec trois bailleurs sociaux du Médoc."));
    EXPECT_THAT(stale.body, HasSubstr("Avec deux bailleurs sociaux et la MSA."));
    EXPECT_THAT(stale.body, HasSubstr("name=\"version\" value=\"2\""));
    EXPECT_EQ(api_view(page, editor)["commitments"][2]["text"], "Avec trois bailleurs sociaux du Médoc.");
}

TEST_P(ConventionPageTest, StepButtonsAndPartnersFollowWhoMayUseThem)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto page = gironde(editor);
    auto own = get(page, editor);
    ASSERT_EQ(own.status, 200);
    EXPECT_THAT(own.body, HasSubstr("Mettre en consultation"));
    EXPECT_THAT(own.body, HasSubstr("<option value=\"dsden-33\">"));

    auto reader = sign_in(demo::kGirondeReader);
    auto read = get(page, reader);
    ASSERT_EQ(read.status, 200);
    EXPECT_THAT(read.body, Not(HasSubstr("Mettre en consultation")));
    EXPECT_THAT(read.body, Not(HasSubstr("Ajouter le partenaire")));
    auto version = std::to_string(api_view(page, editor)["version"].get<int>());
    EXPECT_EQ(post_form(reader, page + "/etape", {{"step", "consult"}, {"version", version}}).status, 403);

    auto far = post_form(editor, page + "/partenaires", {{"partner", "dsden-75"}, {"version", version}});
    EXPECT_EQ(far.status, 422);
    EXPECT_THAT(far.body, HasSubstr("Partenaire : « dsden-75 » n&apos;est pas"));
    ASSERT_EQ(post_form(editor, page + "/partenaires", {{"partner", "dsden-33"}, {"version", version}}).status, 303);
    auto annex = get(page + "/engagements/nouveau?section=partner", editor);
    EXPECT_THAT(annex.body, HasSubstr("<option value=\"dsden-33\""));
    EXPECT_THAT(annex.body, Not(HasSubstr("<option value=\"cd-33\" selected>Conseil")));
}

TEST_P(ConventionPageTest, OnlyThePartiesSign)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto page = gironde(editor);
    auto version = api_view(page, editor)["version"].get<int>();
    ASSERT_EQ(
        post_form(editor, page + "/etape", {{"step", "ready_to_sign"}, {"version", std::to_string(version)}}).status,
        303);
    auto ready = get(page, editor);
    EXPECT_THAT(ready.body, HasSubstr("Signer au nom de mon organisation"));

    // The CAF of the Gironde reads the convention but is not a party to it.
    auto caf = sign_in(demo::kPartner);
    auto shown = get(page, caf);
    ASSERT_EQ(shown.status, 200);
    EXPECT_THAT(shown.body, Not(HasSubstr("Signer au nom de mon organisation")));
    auto refused = post_form(caf, page + "/signature", {});
    EXPECT_EQ(refused.status, 403);
    EXPECT_THAT(refused.body, HasSubstr("Votre organisation n&apos;est pas partie à cette convention"));

    ASSERT_EQ(post_form(editor, page + "/signature", {}).status, 303);
    auto parties = api_view(page, editor)["parties"];
    int signed_count = 0;
    for (const auto& party : parties)
        signed_count += !party["signed_at"].is_null();
    EXPECT_EQ(signed_count, 1);
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ConventionPageTest);

}  // namespace boussole::test_support
