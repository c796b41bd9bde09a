#include "render/csv_writer.hpp"

#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace boussole::render {

TEST(CsvWriter, StartsWithBomAndEndsRecordsWithCrLf)
{
    CsvWriter writer;
    writer.add_row({"slug", "nom"});
    writer.add_row({"cd-33", "Département de la Gironde"});
    EXPECT_EQ(writer.text(), "\xEF\xBB\xBF\"slug\";\"nom\"\r\n\"cd-33\";\"Département de la Gironde\"\r\n");
}

TEST(CsvWriter, QuotesSeparatorsQuotesAndLineBreaks)
{
    EXPECT_EQ(csv_field("ARS de Guadeloupe; Saint-Martin"), "\"ARS de Guadeloupe; Saint-Martin\"");
    EXPECT_EQ(csv_field("dit \"le Sud\""), "\"dit \"\"le Sud\"\"\"");
    EXPECT_EQ(csv_field("1 rue X\nBordeaux"), "\"1 rue X\nBordeaux\"");
    EXPECT_EQ(csv_field(""), "\"\"");
}

TEST(CsvWriter, NeutralisesFormulas)
{
    EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csv_field("+33 5 56 00 00 00"), "\"'+33 5 56 00 00 00\"");
    EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
    EXPECT_EQ(csv_field("-2+3+cmd|' /C calc'!A0"), "\"'-2+3+cmd|' /C calc'!A0\"");
    EXPECT_EQ(csv_field("-1,5E3"), "\"'-1,5E3\"");
    EXPECT_EQ(csv_field("-"), "\"'-\"");
    EXPECT_EQ(csv_field("Conseil = départemental"), "\"Conseil = départemental\"");
}

TEST(CsvWriter, KeepsNegativeNumbersAsNumbers)
{
    EXPECT_EQ(csv_field("-1"), "\"-1\"");
    EXPECT_EQ(csv_field("-1234,56"), "\"-1234,56\"");
    EXPECT_EQ(csv_field("-3,"), "\"'-3,\"");
    EXPECT_EQ(csv_field("-,5"), "\"'-,5\"");
}

TEST(CsvWriter, ReadsBackWithTheSameFields)
{
    CsvWriter writer;
    std::vector<std::string> record{"a;b", "c\"d", "e\r\nf", "Île-de-France"};
    writer.add_row({"un", "deux", "trois", "quatre"});
    writer.add_row(record);
    auto table = core::parse_csv(writer.text(), ';');
    ASSERT_TRUE(table.ok()) << table.error().message;
    ASSERT_EQ(table->records.size(), 1u);
    EXPECT_EQ(table->records[0].fields, record);
}

}  // namespace boussole::render
