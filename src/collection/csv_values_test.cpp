// Reading import files in the dialects French administrations produce, down
// to the values handed to write_values and the faults of each line.
#include "collection/csv_values.hpp"
#include "collection/csv_columns.hpp"

#include <gtest/gtest.h>

namespace boussole::collection {

namespace {

struct Read {
    std::vector<ValueInput> inputs;
    std::vector<core::FieldError> errors;
    std::optional<ReadSummary> summary;
    std::optional<core::Error> failure;
    int batches = 0;
};

Read read(std::string_view bytes, std::size_t batch_size = 5000)
{
    Read result;
    auto decoded = DecodedText::decode(bytes);
    if (!decoded.ok()) {
        result.failure = decoded.error();
        return result;
    }
    ReadOptions options;
    options.batch_size = batch_size;
    auto summary = read_values(
        *decoded,
        [&](ValueBatch& batch) {
            ++result.batches;
            for (auto& input : batch.inputs)
                result.inputs.push_back(input);
            for (auto& fault : batch.faults)
                result.errors.push_back(fault.error);
        },
        options);
    if (summary.ok())
        result.summary = *summary;
    else
        result.failure = summary.error();
    return result;
}

const core::FieldError* error_on_line(const Read& result, long line)
{
    for (const auto& error : result.errors)
        if (error.line == line)
            return &error;
    return nullptr;
}

}  // namespace

TEST(CsvValues, ReadsASpreadsheetExportWithSemicolonsDecimalCommaBomAndCrLf)
{
    auto result = read(
        "\xEF\xBB\xBF"
        "Donnée;Département;Période;Valeur;Commentaire\r\n"
        "mdph_decisions;33;2025-t3;1 234;\r\n"
        "\r\n"
        "cfppa_montants_engages;dep-2a;2025;12 345,67;\"provisoire; à confirmer\"\r\n"
        ";;;;\r\n"
        "mdph_decisions;971;2025-Q3;;suppression\r\n");
    ASSERT_FALSE(result.failure) << result.failure->message;
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.inputs.size(), 3u);
    EXPECT_EQ(result.inputs[0].line, 2);
    EXPECT_EQ(result.inputs[0].element, "mdph_decisions");
    EXPECT_EQ(result.inputs[0].territory, "33");
    EXPECT_EQ(result.inputs[0].period, "2025-T3");
    EXPECT_EQ(result.inputs[0].value, 1234);
    EXPECT_EQ(result.inputs[1].line, 4);
    EXPECT_EQ(result.inputs[1].territory, "DEP-2A");
    EXPECT_EQ(result.inputs[1].value, 12345.67);
    EXPECT_EQ(result.inputs[1].comment, "provisoire; à confirmer");
    EXPECT_EQ(result.inputs[2].line, 6);
    EXPECT_FALSE(result.inputs[2].value.has_value()) << "an empty value deletes the cell";
    EXPECT_EQ(result.summary->data_lines, 3);
    EXPECT_EQ(result.summary->describe(),
              "séparateur point-virgule, virgule décimale, UTF-8 avec BOM, fins de ligne Windows (CRLF)");
}

TEST(CsvValues, ReadsCommasWithDecimalPointsAndEnglishHeaders)
{
    auto result = read("element,territory,period,value,comment\nmdph_decisions,DEP-33,2025-T3,1234.5,\"a, b\"\n");
    ASSERT_FALSE(result.failure);
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_EQ(result.inputs[0].value, 1234.5);
    EXPECT_EQ(result.inputs[0].comment, "a, b");
    EXPECT_EQ(result.summary->describe(), "séparateur virgule, point décimal, UTF-8, fins de ligne Unix (LF)");
}

TEST(CsvValues, ReadsTabsAndColumnsInAnyOrder)
{
    auto result = read("valeur\tperiode\tterritoire\tdonnee\n12,5\t2025\t2B\tcfppa_montants_engages\n");
    ASSERT_FALSE(result.failure);
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_EQ(result.inputs[0].element, "cfppa_montants_engages");
    EXPECT_EQ(result.inputs[0].territory, "2B");
    EXPECT_EQ(result.inputs[0].value, 12.5);
    EXPECT_EQ(result.summary->dialect.separator, '\t');
}

TEST(CsvValues, ReadsWindows1252WithAccents)
{
    auto result = read(
        "Donn\xE9"
        "e;Territoire;P\xE9riode;Valeur;Commentaire\r\n"
        "mdph_decisions;33;2025-T3;1\xA0"
        "234;Donn\xE9"
        "e r\xE9vis\xE9"
        "e\r\n");
    ASSERT_FALSE(result.failure) << result.failure->message;
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_EQ(result.inputs[0].value, 1234) << "0xA0 is the no-break space in Windows-1252";
    EXPECT_EQ(result.inputs[0].comment, "Donnée révisée");
    EXPECT_NE(result.summary->describe().find("Windows-1252 converti en UTF-8"), std::string::npos);
}

TEST(CsvValues, ReportsEveryFaultyLineWithItsField)
{
    auto result = read(
        "donnee;territoire;periode;valeur\n"
        "mdph_decisions;33;2025-T3;douze\n"
        ";33;2025-T3;1\n"
        "mdph_decisions;33\n"
        "mdph_decisions;33;2025-T4;1;2\n"
        "mdph_decisions;34;2025-T3;1\n"
        "mdph_decisions;DEP-34;2025-Q3;2\n");
    ASSERT_FALSE(result.failure);
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_EQ(result.inputs[0].line, 6);
    ASSERT_EQ(result.errors.size(), 5u);
    EXPECT_EQ(error_on_line(result, 2)->field, "valeur");
    EXPECT_EQ(error_on_line(result, 2)->value, "douze");
    EXPECT_EQ(error_on_line(result, 3)->field, "donnee");
    EXPECT_EQ(error_on_line(result, 4)->field, "ligne");
    EXPECT_NE(error_on_line(result, 5)->message.find("5 champs"), std::string::npos);
    EXPECT_NE(error_on_line(result, 7)->message.find("qu'à la ligne 6"), std::string::npos)
        << "DEP-34 and 34, 2025-Q3 and 2025-T3 are the same cell";
}

TEST(CsvValues, RefusesAMissingColumnInOneMessage)
{
    auto result = read("donnee;territoire;valeur\nmdph_decisions;33;1\n");
    ASSERT_TRUE(result.failure);
    EXPECT_NE(result.failure->message.find("Colonne obligatoire absente : « periode »"), std::string::npos)
        << result.failure->message;
    EXPECT_NE(result.failure->message.find("Colonnes lues : « donnee », « territoire », « valeur »"),
              std::string::npos);

    auto twice = read("donnee;territoire;periode;valeur;value\n");
    ASSERT_TRUE(twice.failure);
    EXPECT_NE(twice.failure->message.find("apparaît deux fois"), std::string::npos);
}

TEST(CsvValues, IgnoresUnknownColumnsAndSaysSo)
{
    auto result = read("donnee;libellé;territoire;periode;valeur\nmdph_decisions;Décisions;33;2025-T3;4\n");
    ASSERT_FALSE(result.failure);
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_NE(result.summary->describe().find("colonnes ignorées : « libellé »"), std::string::npos);
}

TEST(CsvValues, SettlesAmbiguousNumbersWithTheRestOfTheFile)
{
    // "1.234" comes before the line that shows the decimal comma.
    auto comma_file = read("donnee;territoire;periode;valeur\na;33;2025;1.234\na;34;2025;2,5\n");
    ASSERT_TRUE(comma_file.errors.empty());
    ASSERT_EQ(comma_file.inputs.size(), 2u);
    for (const auto& input : comma_file.inputs)
        EXPECT_EQ(input.value, input.line == 2 ? 1234 : 2.5);

    auto point_file = read("donnee,territoire,periode,valeur\na,33,2025,1.234\na,34,2025,2.5\n");
    ASSERT_EQ(point_file.inputs.size(), 2u);
    for (const auto& input : point_file.inputs)
        EXPECT_EQ(input.value, input.line == 2 ? 1.234 : 2.5);

    auto unsettled = read("donnee;territoire;periode;valeur\na;33;2025;1.234\na;34;2025;12\n");
    ASSERT_EQ(unsettled.errors.size(), 1u);
    EXPECT_EQ(unsettled.errors[0].line, 2);
    EXPECT_NE(unsettled.errors[0].message.find("ambigu"), std::string::npos);
}

TEST(CsvValues, DeliversLargeFilesInBatches)
{
    std::string text = "donnee;territoire;periode;valeur\n";
    for (int i = 0; i < 2500; ++i)
        text += "mdph_decisions;33;" + std::to_string(1000 + i) + ";" + std::to_string(i) + "\n";
    auto result = read(text, 1000);
    EXPECT_EQ(result.batches, 3);
    EXPECT_EQ(result.inputs.size(), 2500u);
    EXPECT_EQ(result.inputs.back().line, 2501);
}

TEST(CsvValues, RefusesBrokenQuotingWithTheLine)
{
    auto result = read("donnee;territoire;periode;valeur\na;33;2025;1\na;34;2025;\"2\n");
    ASSERT_TRUE(result.failure);
    EXPECT_NE(result.failure->message.find("ligne 3"), std::string::npos) << result.failure->message;
}

TEST(CsvValues, TheTemplateReadsBackAsTwoValues)
{
    auto result = read(import_template_csv());
    ASSERT_FALSE(result.failure) << result.failure->message;
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(result.inputs.size(), 2u);
    EXPECT_EQ(result.summary->dialect.encoding, TextEncoding::Utf8WithBom);
}

}  // namespace boussole::collection
