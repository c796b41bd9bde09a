#include "core/text.hpp"

#include <gtest/gtest.h>

namespace boussole::core {

TEST(Text, AcceptsWellFormedUtf8)
{
    EXPECT_TRUE(is_valid_utf8("Île-de-France"));
    EXPECT_TRUE(is_valid_utf8("Collectivité européenne d’Alsace"));
    EXPECT_TRUE(is_valid_utf8(""));
}

TEST(Text, RejectsMalformedUtf8)
{
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated sequence
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong slash
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("caf\xE9"));           // Windows-1252 é
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(Text, FoldsForSearch)
{
    EXPECT_EQ(fold_for_search("Île-de-France"), "ile de france");
    EXPECT_EQ(fold_for_search("  Provence-Alpes-Côte d'Azur "), "provence alpes cote d azur");
    EXPECT_EQ(fold_for_search("ŒUVRE Cœur"), "oeuvre coeur");
    EXPECT_EQ(fold_for_search("MDPH’33"), "mdph 33");
    EXPECT_EQ(fold_for_search("%_' OR 1=1 --"), "or 1 1");
}

TEST(Text, EscapesLikeWildcards)
{
    EXPECT_EQ(escape_like("100%_a\\b"), "100\\%\\_a\\\\b");
}

TEST(Text, ParsesPositiveIntegersOnly)
{
    EXPECT_EQ(parse_positive_integer("42"), 42);
    EXPECT_EQ(parse_positive_integer("9223372036854775807"), 9223372036854775807);
    for (const char* text : {"", "0", "-1", "+1", " 1", "1 ", "1e3", "12a", "9223372036854775808"})
        EXPECT_FALSE(parse_positive_integer(text)) << text;
}

TEST(Text, Trims)
{
    EXPECT_EQ(trim("  a b \r\n"), "a b");
    EXPECT_EQ(trim("   "), "");
}

}  // namespace boussole::core
