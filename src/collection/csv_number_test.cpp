#include "collection/csv_number.hpp"

#include <gtest/gtest.h>

namespace boussole::collection {

namespace {

double number(std::string_view text)
{
    auto reading = read_number(text);
    EXPECT_EQ(reading.kind, NumberReading::Kind::Number) << text << " : " << reading.problem;
    return reading.value;
}

std::string problem(std::string_view text)
{
    auto reading = read_number(text);
    EXPECT_EQ(reading.kind, NumberReading::Kind::Invalid) << text;
    return reading.problem;
}

}  // namespace

TEST(CsvNumber, ReadsFrenchAndEnglishNotations)
{
    EXPECT_DOUBLE_EQ(number("1234"), 1234);
    EXPECT_DOUBLE_EQ(number("1234,5"), 1234.5);
    EXPECT_DOUBLE_EQ(number("1234.5"), 1234.5);
    EXPECT_DOUBLE_EQ(number("1 234,5"), 1234.5);
    EXPECT_DOUBLE_EQ(number("1\xC2\xA0"
                            "234,5"),
                     1234.5);  // no-break space
    EXPECT_DOUBLE_EQ(number("1\xE2\x80\xAF"
                            "234\xE2\x80\xAF"
                            "567,25"),
                     1234567.25);  // narrow no-break space
    EXPECT_DOUBLE_EQ(number("1.234,5"), 1234.5);
    EXPECT_DOUBLE_EQ(number("1,234.5"), 1234.5);
    EXPECT_DOUBLE_EQ(number("1.234.567"), 1234567);
    EXPECT_DOUBLE_EQ(number("1,234,567"), 1234567);
    EXPECT_DOUBLE_EQ(number("  -12,75 "), -12.75);
    EXPECT_DOUBLE_EQ(number("+3"), 3);
    EXPECT_DOUBLE_EQ(number("0,125"), 0.125);         // a group never starts with 0
    EXPECT_DOUBLE_EQ(number("1 234,567"), 1234.567);  // spaces group, so the comma is decimal
    EXPECT_DOUBLE_EQ(number("\xC2\xA0"
                            "42\xC2\xA0"),
                     42);
}

TEST(CsvNumber, SaysWhichMarkTheNumberShows)
{
    EXPECT_EQ(read_number("1,5").evidence, DecimalMark::Comma);
    EXPECT_EQ(read_number("1234.5").evidence, DecimalMark::Point);
    EXPECT_EQ(read_number("1.234,5").evidence, DecimalMark::Comma);
    EXPECT_EQ(read_number("1.234.567").evidence, DecimalMark::Comma);
    EXPECT_EQ(read_number("1,234,567").evidence, DecimalMark::Point);
    EXPECT_FALSE(read_number("1 234").evidence.has_value());
}

TEST(CsvNumber, RefusesWhatIsNotANumberAndSaysWhy)
{
    EXPECT_NE(problem("douze").find("« douze » n'est pas un nombre"), std::string::npos);
    EXPECT_NE(problem("82,5 %").find("sans le signe %"), std::string::npos);
    EXPECT_NE(problem("1e6").find("notation scientifique"), std::string::npos);
    EXPECT_NE(problem("12 34").find("groupes de trois chiffres"), std::string::npos);
    EXPECT_NE(problem(",5").find("0,5"), std::string::npos);
    problem("1,2,3");
    problem("1.2,3.4");
    problem("1,5.");
    problem("-");
    problem("1 234,5 6");
    problem("2025-07-01");
    problem("ND");
}

TEST(CsvNumber, SettlesAThreeDigitGroupWithTheFileConvention)
{
    auto point = read_number("1.234");
    ASSERT_EQ(point.kind, NumberReading::Kind::Ambiguous);
    EXPECT_EQ(settle(point, DecimalMark::Comma), 1234);
    EXPECT_EQ(settle(point, DecimalMark::Point), 1.234);
    EXPECT_FALSE(settle(point, std::nullopt).has_value());
    EXPECT_NE(point.problem.find("Écrivez 1234 ou 1,234"), std::string::npos) << point.problem;

    auto comma = read_number("12,500");
    ASSERT_EQ(comma.kind, NumberReading::Kind::Ambiguous);
    EXPECT_EQ(settle(comma, DecimalMark::Comma), 12.5);
    EXPECT_EQ(settle(comma, DecimalMark::Point), 12500);
    EXPECT_EQ(settle(comma, std::nullopt), 12.5) << "French files read a lone comma as decimal";
}

}  // namespace boussole::collection
