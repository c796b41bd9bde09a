#include "web/http/url.hpp"

#include <gtest/gtest.h>

namespace boussole::http {

TEST(HttpUrl, DecodesPercentEncodingAndPlus)
{
    EXPECT_EQ(percent_decode("%C3%89vry-Courcouronnes"), "Évry-Courcouronnes");
    EXPECT_EQ(percent_decode("a+b"), "a+b");
    EXPECT_EQ(percent_decode("a+b", PlusIsSpace::Yes), "a b");
    EXPECT_EQ(percent_decode("%2e%2E"), "..");
}

TEST(HttpUrl, KeepsMalformedPercentEncodingAsItIs)
{
    EXPECT_EQ(percent_decode("100%"), "100%");
    EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
    EXPECT_EQ(percent_decode("%"), "%");
    EXPECT_EQ(percent_decode("%%41"), "%A");
}

TEST(HttpUrl, EncodesAllButUnreservedCharacters)
{
    EXPECT_EQ(percent_encode("Côte-d'Or 21"), "C%C3%B4te-d%27Or%2021");
    EXPECT_EQ(percent_decode(percent_encode("a/b?c=d&e")), "a/b?c=d&e");
}

TEST(HttpUrl, ParsesUrlencodedPairsInOrder)
{
    Params params = parse_urlencoded("dep=33&q=aide+%C3%A0+domicile&dep=2A&&flag&=orphan");
    EXPECT_EQ(params.get("q"), "aide à domicile");
    ASSERT_EQ(params.get_all("dep").size(), 2U);
    EXPECT_EQ(params.get_all("dep")[0], "33");
    EXPECT_EQ(params.get_all("dep")[1], "2A");
    EXPECT_TRUE(params.contains("flag"));
    EXPECT_EQ(params.get("flag"), "");
    EXPECT_EQ(params.get(""), "orphan");
    EXPECT_FALSE(params.get("absent").has_value());
}

}  // namespace boussole::http
