// CSV imports on both backends: the dialects of real spreadsheets land as the
// right values; hostile files are refused line by line with nothing written;
// valid_lines writes only the good lines; sending a file twice changes
// nothing; who may import, and who sees which import.
#include "collection/import.hpp"
#include "support/import_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace boussole::collection {

using test_support::kMonthly;
using test_support::kQuarterly;
using test_support::kYearlyBalance;
using test_support::kYearlyRate;
using ::testing::HasSubstr;

class ImportTest : public test_support::ImportTest {
protected:
    const ImportLine* line_of(const Import& import, long line)
    {
        for (const auto& entry : import.report)
            if (entry.line == line)
                return &entry;
        return nullptr;
    }
};

TEST_P(ImportTest, ImportsASpreadsheetExportWithSemicolonsDecimalCommasBomAndCrLf)
{
    auto editor = gironde_account();
    std::string file = std::string("\xEF\xBB\xBF") +
                       "Donnée;Territoire;Période;Valeur;Commentaire\r\n"
                       "essai_solde_annuel;33;2025;-1 234,5;Solde provisoire\r\n"
                       "\r\n"
                       "essai_mensuel;DEP-33;2025-07;1\xC2\xA0"
                       "200;\r\n"
                       "essai_trimestriel;33;2025-Q3;\"12\";\"SI MDPH; extraction du 3 octobre\"\r\n";
    auto import = this->import(editor, file, WriteMode::AllOrNothing, "C:\\Users\\agent\\Bureau\\valeurs 2025.csv");
    ASSERT_TRUE(import.ok()) << import.error().message;
    EXPECT_EQ(import->status, ImportStatus::Applied);
    EXPECT_EQ(import->file_name, "valeurs 2025.csv");
    EXPECT_EQ(import->lines_total, 3);
    EXPECT_EQ(import->values_written, 3);
    EXPECT_EQ(import->lines_rejected, 0);
    EXPECT_EQ(import->dialect,
              "séparateur point-virgule, virgule décimale, UTF-8 avec BOM, fins de ligne Windows (CRLF)");
    EXPECT_EQ(import->content_sha256.size(), 64u);
    EXPECT_EQ(import->user_id, editor.user_id);
    EXPECT_EQ(import->organisation_id, editor.organisation_id);

    auto balance = value_of(kYearlyBalance, "DEP-33", "2025");
    ASSERT_TRUE(balance);
    EXPECT_EQ(balance->value, -1234.5);
    EXPECT_EQ(balance->comment, "Solde provisoire");
    EXPECT_EQ(balance->origin, ValueOrigin::Import);
    EXPECT_EQ(balance->import_id, import->id);
    EXPECT_EQ(value_of(kMonthly, "DEP-33", "2025-07")->value, 1200);
    EXPECT_EQ(value_of(kQuarterly, "DEP-33", "2025-T3")->comment, "SI MDPH; extraction du 3 octobre");
    EXPECT_EQ(history_of(kMonthly, "DEP-33", "2025-07").front().import_id, import->id);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'import' AND entity_id = $1",
                    {std::to_string(import->id)}),
              1);
}

TEST_P(ImportTest, ReadsEveryDialectOfFrenchAdministrations)
{
    auto admin = admin_account();
    struct Case {
        const char* name;
        std::string file;
        double expected;
        const char* dialect;
    };
    const Case cases[] = {
        {"virgules et point décimal", "element,territory,period,value\nessai_solde_annuel,01,2025,1234.5\n", 1234.5,
         "séparateur virgule, point décimal, UTF-8, fins de ligne Unix (LF)"},
        {"tabulations", "donnee\tterritoire\tperiode\tvaleur\r\nessai_solde_annuel\t02\t2025\t-7,25\r\n", -7.25,
         "séparateur tabulation, virgule décimale"},
        {"Windows-1252 avec accents",
         "Donn\xE9"
         "e;D\xE9partement;P\xE9riode;Valeur;Commentaire\r\nessai_solde_annuel;03;2025;12,5;"
         "Donn\xE9"
         "e r\xE9vis\xE9"
         "e\r\n",
         12.5, "Windows-1252 converti en UTF-8"},
        {"champs entre guillemets avec ; dedans",
         "\"donnee\";\"territoire\";\"periode\";\"valeur\";\"commentaire\"\n"
         "\"essai_solde_annuel\";\"04\";\"2025\";\"8\";\"a; b \"\"c\"\"\"\n",
         8, "séparateur point-virgule"},
        {"espace insécable",
         "donnee;territoire;periode;valeur\nessai_solde_annuel;05;2025;1\xC2\xA0"
         "234,5\n",
         1234.5, "virgule décimale"},
        {"espace fine insécable",
         "donnee;territoire;periode;valeur\nessai_solde_annuel;06;2025;1\xE2\x80\xAF"
         "234\xE2\x80\xAF"
         "567,5\n",
         1234567.5, "virgule décimale"},
        {"milliers à points", "donnee;territoire;periode;valeur\nessai_solde_annuel;07;2025;1.234,5\n", 1234.5,
         "virgule décimale"},
        {"lignes vides et commentaire",
         "# exporté du SI\n\ndonnee;territoire;periode;valeur\n\n\n;;;\nessai_solde_annuel;08;2025;3\n\n", 3,
         "séparateur point-virgule"},
    };
    for (const auto& test : cases) {
        auto import = this->import(admin, test.file);
        ASSERT_TRUE(import.ok()) << test.name;
        EXPECT_EQ(import->status, ImportStatus::Applied)
            << test.name << " : " << (import->report.empty() ? "" : import->report[0].message);
        EXPECT_EQ(import->values_written, 1) << test.name;
        EXPECT_THAT(import->dialect, HasSubstr(test.dialect)) << test.name;
    }
    const char* departments[] = {"01", "02", "03", "04", "05", "06", "07", "08"};
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        auto value = value_of(kYearlyBalance, std::string("DEP-") + departments[i], "2025");
        ASSERT_TRUE(value) << cases[i].name;
        EXPECT_DOUBLE_EQ(*value->value, cases[i].expected) << cases[i].name;
    }
    EXPECT_EQ(value_of(kYearlyBalance, "DEP-03", "2025")->comment, "Donnée révisée");
    EXPECT_EQ(value_of(kYearlyBalance, "DEP-04", "2025")->comment, "a; b \"c\"");
}

TEST_P(ImportTest, AHostileFileIsRefusedLineByLineAndNothingIsWritten)
{
    auto editor = gironde_account();
    ASSERT_EQ(this->import(editor, "donnee;territoire;periode;valeur\nessai_mensuel;33;2025-06;5\n")->status,
              ImportStatus::Applied);
    auto before = values_snapshot();
    auto history = history_rows();

    auto import = this->import(editor,
                               "donnee;territoire;periode;valeur\n"
                               "essai_mensuel;33;2025-07;10\n"      // 2: good
                               "essai_mensuel;2C;2025-07;10\n"      // 3
                               "essai_mensuel;20;2025-07;10\n"      // 4
                               "essai_mensuel;975;2025-07;10\n"     // 5
                               "essai_mensuel;REG-75;2025-07;10\n"  // 6
                               "essai_mensuel;33;2025-07-01;10\n"   // 7
                               "essai_mensuel;33;01/07/2025;10\n"   // 8
                               "inconnu_zz;33;2025-07;10\n"         // 9
                               "essai_mensuel;33;2025-08;douze\n"   // 10
                               "essai_mensuel;40;2025-07;10\n"      // 11: outside the Gironde
                               "essai_mensuel;33;2025-09;-4\n");    // 12: below the minimum
    ASSERT_TRUE(import.ok()) << import.error().message;
    EXPECT_EQ(import->status, ImportStatus::Refused);
    EXPECT_EQ(import->lines_total, 11);
    EXPECT_EQ(import->lines_rejected, 10);
    EXPECT_EQ(import->values_written, 0);
    EXPECT_EQ(values_snapshot(), before) << "all or nothing: nothing written";
    EXPECT_EQ(history_rows(), history);

    struct Expected {
        long line;
        const char* field;
        const char* value;
        const char* says;
    };
    for (const auto& [line, field, value, says] :
         {Expected{3, "territoire", "2C", "2A"}, Expected{4, "territoire", "20", "Corse"},
          Expected{5, "territoire", "975", "971"}, Expected{6, "territoire", "REG-75", "région"},
          Expected{7, "periode", "2025-07-01", "date"}, Expected{8, "periode", "01/07/2025", "date"},
          Expected{9, "donnee", "inconnu_zz", "inconnu"}, Expected{10, "valeur", "douze", "pas un nombre"},
          Expected{11, "territoire", "40", "périmètre"}, Expected{12, "valeur", "-4", "positif ou nul"}}) {
        const auto* entry = line_of(*import, line);
        ASSERT_NE(entry, nullptr) << "line " << line;
        EXPECT_EQ(entry->field, field) << "line " << line;
        EXPECT_EQ(entry->value, value) << "line " << line;
        EXPECT_THAT(entry->message, HasSubstr(says)) << "line " << line;
        EXPECT_FALSE(entry->expected.empty()) << "line " << line;
    }
    EXPECT_EQ(line_of(*import, 2), nullptr);
    EXPECT_THAT(line_of(*import, 7)->expected, HasSubstr("un mois, par exemple 2025-07"));
    EXPECT_THAT(line_of(*import, 10)->expected, HasSubstr("nombre entier positif ou nul"));

    // The refusal is recorded, so that its report can be read again.
    auto again =
        database().read([&](storage::Connection& connection) { return find_import(connection, editor, import->id); });
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->status, ImportStatus::Refused);
    EXPECT_EQ(again->report.size(), import->report.size());
    EXPECT_EQ(again->report[0].line, 3);
}

TEST_P(ImportTest, ValidLinesWritesTheGoodLinesAndReportsTheOthers)
{
    auto editor = gironde_account();
    auto import = this->import(editor,
                               "donnee;territoire;periode;valeur\n"
                               "essai_mensuel;33;2025-01;1\n"
                               "essai_mensuel;2C;2025-01;1\n"
                               "essai_mensuel;33;2025-02;2\n"
                               "essai_mensuel;33;2025-03;trois\n",
                               WriteMode::ValidLines);
    ASSERT_TRUE(import.ok());
    EXPECT_EQ(import->status, ImportStatus::Applied);
    EXPECT_EQ(import->mode, WriteMode::ValidLines);
    EXPECT_EQ(import->values_written, 2);
    EXPECT_EQ(import->lines_rejected, 2);
    EXPECT_EQ(import->errors_listed(), 2);
    EXPECT_TRUE(value_of(kMonthly, "DEP-33", "2025-01"));
    EXPECT_TRUE(value_of(kMonthly, "DEP-33", "2025-02"));
    EXPECT_FALSE(value_of(kMonthly, "DEP-33", "2025-03"));
}

TEST_P(ImportTest, SendingTheSameFileTwiceChangesNothing)
{
    auto editor = gironde_account();
    std::string file =
        "donnee;territoire;periode;valeur;commentaire\n"
        "essai_mensuel;33;2025-01;10;\n"
        "essai_mensuel;33;2025-02;11;note\n"
        "essai_trimestriel;33;2025-T1;;\n";  // deleting a cell that does not exist
    auto first = this->import(editor, file);
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->status, ImportStatus::Applied);
    auto snapshot = values_snapshot();
    auto second = this->import(editor, file);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->status, ImportStatus::Applied);
    EXPECT_EQ(second->values_written, 0);
    EXPECT_EQ(second->values_unchanged, first->values_written + first->values_unchanged);
    EXPECT_EQ(second->content_sha256, first->content_sha256);
    EXPECT_EQ(values_snapshot(), snapshot) << "no new version, no history row";
}

TEST_P(ImportTest, TwoLinesForOneCellAreRefused)
{
    auto import = this->import(gironde_account(),
                               "donnee;territoire;periode;valeur\n"
                               "essai_mensuel;33;2025-01;10\n"
                               "essai_mensuel;DEP-33;2025-01;12\n");
    ASSERT_TRUE(import.ok());
    EXPECT_EQ(import->status, ImportStatus::Refused);
    EXPECT_THAT(line_of(*import, 3)->message, HasSubstr("qu'à la ligne 2"));
}

TEST_P(ImportTest, FilesThatCannotBeReadAreRefusedWithOneClearMessage)
{
    auto editor = gironde_account();
    struct Case {
        std::string file;
        const char* says;
    };
    for (const auto& [file, says] :
         {Case{"donnee;territoire;periode\nessai_mensuel;33;2025-01\n", "Colonne obligatoire absente : « valeur »"},
          Case{"", "Le fichier est vide"},
          Case{"donnee;territoire;periode;valeur\n", "ne contient que la ligne d'en-tête"},
          Case{"donnee;territoire;periode;valeur\nessai_mensuel;33;2025-01;\"12\n", "guillemet"},
          Case{"donnée;territoire;periode;valeur\nessai_mensuel;33;\xC3\x28;\x81\n", "UTF-8"},
          Case{"donnee;territoire;periode;valeur\nessai_mensuel;33;2025-01;1\x81\x8D\n",
               "ni en UTF-8 ni en Windows-1252"}}) {
        auto before = values_snapshot();
        auto import = this->import(editor, file);
        ASSERT_TRUE(import.ok()) << says;
        EXPECT_EQ(import->status, ImportStatus::Refused) << says;
        ASSERT_FALSE(import->report.empty()) << says;
        EXPECT_EQ(import->report.front().field, "fichier");
        EXPECT_THAT(import->report.front().message, HasSubstr(says));
        EXPECT_EQ(values_snapshot(), before);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM imports WHERE status = 'refused'"), 6);
}

TEST_P(ImportTest, AFileOverTheLimitIsRefusedBeforeAnythingIsRecorded)
{
    std::string header = "donnee;territoire;periode;valeur\n";
    std::string file = header + std::string(kDefaultMaxImportBytes + 1 - header.size(), '\n');
    auto refused = this->import(gironde_account(), file);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::PayloadTooLarge);
    EXPECT_THAT(refused.error().message, HasSubstr("limité à 50 Mio"));
    EXPECT_THAT(refused.error().message, HasSubstr("Découpez-le"));

    ImportSettings small;
    small.max_bytes = 1024 * 1024;
    auto configured =
        this->import(gironde_account(), std::string(2 * 1024 * 1024, 'x'), WriteMode::AllOrNothing, "gros.csv", small);
    ASSERT_FALSE(configured.ok());
    EXPECT_THAT(configured.error().message, HasSubstr("« gros.csv » fait 2 Mio : un import est limité à 1 Mio"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM imports"), 0);
}

TEST_P(ImportTest, ATokenImportsOnlyWithinItsScope)
{
    auto token = api_token("mdph-33", true);
    auto import = this->import(token,
                               "donnee;territoire;periode;valeur\nessai_mensuel;33;2025-01;1\nessai_mensuel;47;"
                               "2025-01;1\n",
                               WriteMode::ValidLines);
    ASSERT_TRUE(import.ok());
    EXPECT_EQ(import->values_written, 1);
    EXPECT_EQ(import->token_id, token.token_id);
    EXPECT_THAT(line_of(*import, 3)->message, HasSubstr("périmètre"));
    EXPECT_FALSE(value_of(kMonthly, "DEP-47", "2025-01"));

    auto read_only = this->import(api_token("mdph-33", false), "donnee;territoire;periode;valeur\n");
    ASSERT_FALSE(read_only.ok());
    EXPECT_EQ(read_only.error().code, core::ErrorCode::Forbidden);
    auto reader = this->import(account("mdph-33", access::Role::TerritorialReader), "x");
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, core::ErrorCode::Forbidden);
    auto nobody = this->import(access::Principal::anonymous(), "x");
    EXPECT_EQ(nobody.error().code, core::ErrorCode::Unauthenticated);
    EXPECT_EQ(count("SELECT COUNT(*) FROM imports"), 1);
}

TEST_P(ImportTest, EachOrganisationSeesItsOwnImports)
{
    auto gironde = gironde_account();
    auto landes = account("cd-40", access::Role::TerritorialEditor);
    auto admin = admin_account();
    auto ours = this->import(gironde, "donnee;territoire;periode;valeur\nessai_mensuel;33;2025-01;1\n");
    auto theirs = this->import(landes, "donnee;territoire;periode;valeur\nessai_mensuel;40;2025-01;1\n");
    ASSERT_TRUE(ours.ok() && theirs.ok());
    database().read([&](storage::Connection& connection) {
        auto mine = list_imports(connection, gironde, {1, 20});
        ASSERT_TRUE(mine.ok());
        ASSERT_EQ(mine->total, 1);
        EXPECT_EQ(mine->items[0].id, ours->id);
        EXPECT_TRUE(mine->items[0].report.empty()) << "lists carry no report";
        EXPECT_EQ(find_import(connection, gironde, theirs->id).error().code, core::ErrorCode::NotFound);
        auto everything = list_imports(connection, admin, {1, 20});
        EXPECT_EQ(everything->total, 2);
        EXPECT_EQ(everything->items[0].id, theirs->id) << "newest first";
    });
}

BOUSSOLE_INSTANTIATE_BACKEND_TESTS(ImportTest);

}  // namespace boussole::collection
