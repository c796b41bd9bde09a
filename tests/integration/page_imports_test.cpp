// The import pages over real HTTP, on both backends, as a browser sends them:
// a multipart form with the file, the mode and the session's CSRF token. The
// upload answers 303 to the import's report whether the file was applied or
// refused, and the import is stored; a form without a file comes back with
// its error; undoing needs the confirmation box and leads back to the report.
#include "integration/app_fixture.hpp"
#include "storage/connection.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::test_support {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

namespace {

constexpr const char* kBoundary = "----BoussoleFormulaire7MA4YWxkTrZu0gW";

struct FilePart {
    std::string file_name;
    std::string content;
};

// A body as a browser builds it for the upload form.
std::string multipart_body(const std::string& csrf, const std::string& mode, const std::optional<FilePart>& file)
{
    std::string body;
    auto field = [&](const std::string& name, const std::string& value) {
        body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
                value + "\r\n";
    };
    field("csrf", csrf);
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            (file ? file->file_name : "") + "\"\r\nContent-Type: " + (file ? "text/csv" : "application/octet-stream") +
            "\r\n\r\n" + (file ? file->content : "") + "\r\n";
    field("mode", mode);
    body += std::string("--") + kBoundary + "--\r\n";
    return body;
}

std::int64_t id_in(const std::string& location)
{
    return std::stoll(location.substr(location.rfind('/') + 1));
}

}  // namespace

class ImportPagesTest : public AppTest {
protected:
    HttpResponse upload(const Credentials& as, const std::optional<FilePart>& file,
                        const std::string& mode = "all_or_nothing", const std::string& csrf = {})
    {
        HeaderList headers{{"Cookie", as.cookie}};
        return checked(client().post("/donnees/import", multipart_body(csrf.empty() ? as.csrf_token : csrf, mode, file),
                                     std::string("multipart/form-data; boundary=") + kBoundary, headers));
    }

    HttpResponse post_form(const Credentials& as, const std::string& path, const std::string& body)
    {
        return checked(client().post(path, body, "application/x-www-form-urlencoded", {{"Cookie", as.cookie}}));
    }

    struct Stored {
        std::string status;
        std::string mode;
        std::string file_name;
        std::int64_t written = 0;
        std::int64_t rejected = 0;
    };

    std::optional<Stored> stored(std::int64_t id)
    {
        return database().read([&](storage::Connection& connection) -> std::optional<Stored> {
            auto rows = connection.query(
                "SELECT status, mode, file_name, values_written, lines_rejected FROM imports WHERE id = $1", {id});
            if (rows.empty())
                return std::nullopt;
            const auto& row = rows.front();
            return Stored{row.text("status"), row.text("mode"), row.text("file_name"), row.integer("values_written"),
                          row.integer("lines_rejected")};
        });
    }

    std::int64_t import_count() { return count("SELECT COUNT(*) AS n FROM imports"); }

    // The "n" column of a counting query.
    std::int64_t count(const std::string& sql)
    {
        return database().read(
            [&](storage::Connection& connection) { return connection.query(sql, {}).front().integer("n"); });
    }
};

TEST_P(ImportPagesTest, AnAppliedFileRedirectsToItsReport)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto response = upload(editor, FilePart{"valeurs.csv",
                                            "\xEF\xBB\xBF"
                                            "donnee;territoire;periode;valeur;commentaire\r\n"
                                            "mdph_decisions;33;2025-T1;1 250;\"Source ; SI MDPH\"\r\n"});
    ASSERT_EQ(response.status, 303) << response.body;
    auto location = response.header("Location").value_or("");
    ASSERT_THAT(location, MatchesRegex("/donnees/import/[0-9]+"));
    auto import = stored(id_in(location));
    ASSERT_TRUE(import);
    EXPECT_EQ(import->status, "applied");
    EXPECT_EQ(import->mode, "all_or_nothing");
    EXPECT_EQ(import->file_name, "valeurs.csv");
    EXPECT_EQ(import->written, 1);

    auto report = get(location, editor);
    ASSERT_EQ(report.status, 200);
    EXPECT_THAT(report.body, HasSubstr("Import appliqué : 1 valeur écrite"));
    EXPECT_THAT(report.body, HasSubstr("Annuler cet import"));
    auto entry = get("/donnees/saisie?territoire=DEP-33&periode=2025-T1", editor);
    EXPECT_THAT(entry.body, HasSubstr("value=\"1250\""));
    auto list = get("/donnees/import", editor);
    ASSERT_EQ(list.status, 200);
    EXPECT_THAT(list.body, HasSubstr("href=\"" + location + "\""));
}

TEST_P(ImportPagesTest, ARefusedFileRedirectsToItsReportToo)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto response = upload(editor, FilePart{"fautif.csv",
                                            "donnee;territoire;periode;valeur\n"
                                            "mdph_decisions;33;2025-T1;10\n"
                                            "mdph_decisions;2C;2025-T1;10\n"});
    ASSERT_EQ(response.status, 303) << response.body;
    auto location = response.header("Location").value_or("");
    auto import = stored(id_in(location));
    ASSERT_TRUE(import);
    EXPECT_EQ(import->status, "refused");
    EXPECT_EQ(import->written, 0);
    EXPECT_EQ(import->rejected, 1);
    EXPECT_EQ(count("SELECT COUNT(*) AS n FROM data_values"), 0) << "all or nothing: nothing written";

    auto report = get(location, editor);
    ASSERT_EQ(report.status, 200);
    EXPECT_THAT(report.body, HasSubstr("Import refusé : rien n&apos;a été écrit"));
    EXPECT_THAT(report.body, HasSubstr("<code>2C</code>"));
    EXPECT_THAT(report.body, Not(HasSubstr("Annuler cet import")));

    auto partial = upload(editor,
                          FilePart{"fautif.csv",
                                   "donnee;territoire;periode;valeur\n"
                                   "mdph_decisions;33;2025-T1;10\n"
                                   "mdph_decisions;2C;2025-T1;10\n"},
                          "valid_lines");
    ASSERT_EQ(partial.status, 303);
    auto written = stored(id_in(partial.header("Location").value_or("")));
    ASSERT_TRUE(written);
    EXPECT_EQ(written->status, "applied");
    EXPECT_EQ(written->mode, "valid_lines");
    EXPECT_EQ(written->written, 1);
    EXPECT_EQ(written->rejected, 1);
}

TEST_P(ImportPagesTest, AFormWithoutAFileOrWithAnUnknownModeComesBackWithItsError)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto empty = upload(editor, std::nullopt);
    EXPECT_EQ(empty.status, 422);
    EXPECT_THAT(empty.body, HasSubstr("<title>Erreur : Import de fichiers"));
    EXPECT_THAT(empty.body, HasSubstr("id=\"import-fichier-messages\""));
    EXPECT_THAT(empty.body, HasSubstr("Aucun fichier reçu"));

    auto mode =
        upload(editor, FilePart{"valeurs.csv", "donnee;territoire;periode;valeur\nmdph_decisions;33;2025-T1;1\n"},
               "n_importe_quoi");
    EXPECT_EQ(mode.status, 422);
    EXPECT_THAT(mode.body, HasSubstr("id=\"import-mode-erreur\""));
    EXPECT_EQ(import_count(), 0);
}

TEST_P(ImportPagesTest, OnlyWritersWithTheirCsrfTokenMayImport)
{
    auto file = FilePart{"valeurs.csv", "donnee;territoire;periode;valeur\nmdph_decisions;33;2025-T1;1\n"};
    auto editor = sign_in(demo::kGirondeEditor);
    EXPECT_EQ(upload(editor, file, "all_or_nothing", "pas-le-bon-jeton").status, 403);

    auto reader = sign_in(demo::kGirondeReader);
    EXPECT_EQ(upload(reader, file).status, 403);
    auto page = get("/donnees/import", reader);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Lecture seule"));
    EXPECT_THAT(page.body, Not(HasSubstr("enctype=\"multipart/form-data\"")));

    EXPECT_EQ(get("/donnees/import").status, 401);
    EXPECT_EQ(get("/donnees/import/1").status, 401);
    EXPECT_EQ(import_count(), 0);
}

TEST_P(ImportPagesTest, AFileBeyondTheDefaultBodyLimitIsAccepted)
{
    // 1 MiB is the server's default limit; the upload route takes the import
    // limit. Whether the lines are good does not matter here: the file is read
    // and its import recorded, applied or refused.
    std::string content = "donnee;territoire;periode;valeur;commentaire\n";
    std::string padding(200, 'x');
    for (int line = 0; content.size() < 1200 * 1024; ++line)
        content += "mdph_decisions;33;" + std::to_string(2000 + line % 20) + "-T1;1;" + padding + "\n";
    auto editor = sign_in(demo::kGirondeEditor);
    auto response = upload(editor, FilePart{"gros.csv", content});
    ASSERT_EQ(response.status, 303) << response.body.substr(0, 300);
    EXPECT_TRUE(stored(id_in(response.header("Location").value_or(""))));
}

TEST_P(ImportPagesTest, UndoingNeedsTheConfirmationAndLeadsBackToTheReport)
{
    auto editor = sign_in(demo::kGirondeEditor);
    auto response = upload(editor, FilePart{"valeurs.csv",
                                            "donnee;territoire;periode;valeur\n"
                                            "mdph_decisions;33;2025-T1;10\n"
                                            "mdph_decisions;33;2025-T2;20\n"});
    ASSERT_EQ(response.status, 303);
    auto location = response.header("Location").value_or("");
    auto undo = location + "/annuler";

    // Another organisation does not even see it.
    auto ars = sign_in(demo::kArsEditor);
    EXPECT_EQ(get(location, ars).status, 404);
    EXPECT_EQ(post_form(ars, undo, "csrf=" + ars.csrf_token + "&confirmation=oui").status, 404);

    auto unconfirmed = post_form(editor, undo, "csrf=" + editor.csrf_token);
    EXPECT_EQ(unconfirmed.status, 422);
    EXPECT_THAT(unconfirmed.body, HasSubstr("<title>Erreur : Import n°"));
    EXPECT_THAT(unconfirmed.body, HasSubstr("Cochez la case"));
    EXPECT_EQ(stored(id_in(location))->status, "applied");

    auto confirmed = post_form(editor, undo, "csrf=" + editor.csrf_token + "&confirmation=oui");
    ASSERT_EQ(confirmed.status, 303) << confirmed.body;
    auto back = confirmed.header("Location").value_or("");
    EXPECT_THAT(back, StartsWith(location + "?annulation=ok&restaurees=2&conservees=0"));
    EXPECT_EQ(stored(id_in(location))->status, "undone");
    auto page = get(back, editor);
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Import annulé : 2 valeurs rétablies"));

    auto again = post_form(editor, undo, "csrf=" + editor.csrf_token + "&confirmation=oui");
    EXPECT_EQ(again.status, 409);
    EXPECT_THAT(again.body, HasSubstr("déjà été annulé"));

    // A link naming cells of its own puts no words of its own on the page.
    auto forged =
        get(location + "?annulation=ok&restaurees=2&conservees=1&cellule=%3Cb%3Eintrus%3C%2Fb%3E:DEP-33:2025", editor);
    ASSERT_EQ(forged.status, 200);
    EXPECT_THAT(forged.body, Not(HasSubstr("intrus")));
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ImportPagesTest);

}  // namespace boussole::test_support
