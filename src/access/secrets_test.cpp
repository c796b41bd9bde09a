#include "access/secrets.hpp"

#include <gtest/gtest.h>

namespace boussole::access {

TEST(Secrets, HashesPasswordsWithArgon2id)
{
    auto hash = hash_password("une phrase de passe solide");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verify_password("une phrase de passe solide", hash));
    EXPECT_FALSE(verify_password("une phrase de passe solidE", hash));
    // Salted: the same password never gives the same hash.
    EXPECT_NE(hash, hash_password("une phrase de passe solide"));
}

TEST(Secrets, RefusesMalformedHashes)
{
    EXPECT_FALSE(verify_password("x", ""));
    EXPECT_FALSE(verify_password("x", "$2b$10$bcrypt-is-not-accepted"));
    EXPECT_FALSE(verify_password("x", "$argon2id$garbage"));
}

TEST(Secrets, ChecksPasswordRules)
{
    EXPECT_FALSE(check_password_rules("court").ok());
    EXPECT_FALSE(check_password_rules("            ").ok());
    EXPECT_FALSE(check_password_rules("mot de passe \xC3").ok());
    EXPECT_FALSE(check_password_rules(std::string(257, 'a')).ok());
    EXPECT_TRUE(check_password_rules("cheval agrafe batterie").ok());
    // Twelve characters, not twelve bytes: accents count once.
    EXPECT_FALSE(check_password_rules("éééééééééé").ok());
}

TEST(Secrets, MakesRandomTokens)
{
    auto first = random_token();
    auto second = random_token();
    EXPECT_EQ(first.size(), 43u);
    EXPECT_NE(first, second);
    EXPECT_EQ(first.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
}

TEST(Secrets, HashesTokensWithSha256)
{
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(constant_time_equals("abc", "abc"));
    EXPECT_FALSE(constant_time_equals("abc", "abd"));
    EXPECT_FALSE(constant_time_equals("abc", "abcd"));
}

}  // namespace boussole::access
