#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace boussole::core {

TEST(Csv, ParsesQuotedFieldsAndKeepsLineNumbers)
{
    auto table = parse_csv(
        "\xEF\xBB\xBF"
        "code,nom\n01,Ain\n\n\"2A\",\"Corse, du \"\"Sud\"\"\"\n"
        "974,\"La\nRéunion\"\n976,Mayotte");
    ASSERT_TRUE(table.ok()) << table.error().message;
    ASSERT_EQ(table->header, (std::vector<std::string>{"code", "nom"}));
    ASSERT_EQ(table->records.size(), 4u);
    EXPECT_EQ(table->records[0].line, 2);
    EXPECT_EQ(table->records[1].fields[1], "Corse, du \"Sud\"");
    EXPECT_EQ(table->records[1].line, 4);
    EXPECT_EQ(table->records[2].fields[1], "La\nRéunion");
    EXPECT_EQ(table->records[3].line, 7);
    EXPECT_EQ(table->column("nom"), 1);
    EXPECT_EQ(table->column("absent"), -1);
}

TEST(Csv, AcceptsSemicolonAndCrLf)
{
    auto table = parse_csv("a;b\r\n1,5;2\r\n", ';');
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->records[0].fields, (std::vector<std::string>{"1,5", "2"}));
}

TEST(Csv, RefusesUnterminatedQuoteWithTheLine)
{
    auto table = parse_csv("a,b\n1,2\n3,\"oops\n");
    ASSERT_FALSE(table.ok());
    EXPECT_NE(table.error().message.find("ligne 3"), std::string::npos) << table.error().message;
}

TEST(Csv, RefusesEmptyText)
{
    EXPECT_FALSE(parse_csv("").ok());
}

}  // namespace boussole::core
