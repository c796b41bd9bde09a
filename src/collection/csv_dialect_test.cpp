#include "collection/csv_dialect.hpp"

#include <gtest/gtest.h>

namespace boussole::collection {

TEST(CsvDialect, KeepsUtf8AndDropsTheByteOrderMark)
{
    auto plain = DecodedText::decode("donnee;valeur\n");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->encoding(), TextEncoding::Utf8);
    auto with_bom = DecodedText::decode(
        "\xEF\xBB\xBF"
        "donnée;valeur\n");
    ASSERT_TRUE(with_bom.ok());
    EXPECT_EQ(with_bom->encoding(), TextEncoding::Utf8WithBom);
    EXPECT_EQ(with_bom->text(), "donnée;valeur\n");
}

TEST(CsvDialect, ConvertsWindows1252)
{
    // "Donnée;Période\n…;Hérault « test » 5 €" as a French Excel saves it.
    auto decoded = DecodedText::decode(
        "Donn\xE9"
        "e;P\xE9riode\nx;H\xE9rault \xAB test \xBB 5 \x80\n");
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(decoded->encoding(), TextEncoding::Windows1252);
    EXPECT_EQ(decoded->text(), "Donnée;Période\nx;Hérault « test » 5 €\n");
    // Moving keeps the converted text valid.
    DecodedText moved = std::move(decoded).value();
    EXPECT_EQ(moved.text(), "Donnée;Période\nx;Hérault « test » 5 €\n");
}

TEST(CsvDialect, RefusesBytesThatAreNeitherUtf8NorWindows1252)
{
    auto undefined = DecodedText::decode("donnee;valeur\nx;1\ny;\x81\x8D\n");
    ASSERT_FALSE(undefined.ok());
    EXPECT_NE(undefined.error().message.find("ni en UTF-8 ni en Windows-1252"), std::string::npos);
    EXPECT_NE(undefined.error().message.find("ligne 3"), std::string::npos) << undefined.error().message;

    // Well-formed accents with a broken sequence in the middle: UTF-8 damaged,
    // which a conversion would garble further.
    auto broken = DecodedText::decode("donnée;période\nélément;\xC3\x28;été\n");
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().message.find("UTF-8 mais contient une séquence d'octets invalide ligne 2"),
              std::string::npos)
        << broken.error().message;

    auto bom_then_latin = DecodedText::decode(
        "\xEF\xBB\xBF"
        "donn\xE9"
        "e\n");
    ASSERT_FALSE(bom_then_latin.ok());

    auto utf16 = DecodedText::decode(std::string("d\0o\0n\0", 6));
    ASSERT_FALSE(utf16.ok());
    EXPECT_NE(utf16.error().message.find("UTF-16"), std::string::npos);
}

TEST(CsvDialect, DetectsTheSeparatorFromTheHeader)
{
    EXPECT_EQ(*detect_separator("donnee;territoire;periode;valeur"), ';');
    EXPECT_EQ(*detect_separator("donnee,territoire,periode,valeur"), ',');
    EXPECT_EQ(*detect_separator("donnee\tterritoire\tperiode\tvaleur"), '\t');
    EXPECT_EQ(*detect_separator("\"donnee, code\";territoire;periode;valeur"), ';');
    EXPECT_EQ(*detect_separator("a;b,c"), ';') << "a tie goes to the semicolon";
    EXPECT_FALSE(detect_separator("donnee territoire periode valeur").ok());
}

TEST(CsvDialect, FindsTheHeaderAfterCommentsAndBlankLines)
{
    EXPECT_EQ(header_line("# modèle ; colonnes\n\n;;;\r\ndonnee;valeur\r\nx;1\r\n"), "donnee;valeur");
    auto text = DecodedText::decode("# commentaire\r\ndonnee;territoire;periode;valeur\r\n");
    ASSERT_TRUE(text.ok());
    auto dialect = detect_dialect(*text);
    ASSERT_TRUE(dialect.ok());
    EXPECT_EQ(dialect->line_ending, LineEnding::CrLf);
    EXPECT_EQ(describe(*dialect), "séparateur point-virgule, UTF-8, fins de ligne Windows (CRLF)");

    auto empty = DecodedText::decode("\n\n# rien\n");
    ASSERT_TRUE(empty.ok());
    auto refused = detect_dialect(*empty);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("Le fichier est vide"), std::string::npos);
}

}  // namespace boussole::collection
