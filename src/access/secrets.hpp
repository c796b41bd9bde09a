#pragma once
// Passwords and random secrets. Passwords are hashed with Argon2id (libargon2);
// session and API tokens are 256 random bits (libsodium) of which only the
// SHA-256 is stored, so a copy of the database opens no session.

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace boussole::access {

// Checks the password rules (length 12 to 256 characters, valid UTF-8, not
// only spaces) and returns a French message on failure.
core::Status check_password_rules(std::string_view password);

// The encoded Argon2id hash ("$argon2id$v=19$m=19456,t=2,p=1$…").
std::string hash_password(std::string_view password);

// Constant-time check of a password against an encoded hash; false for a
// malformed hash.
bool verify_password(std::string_view password, const std::string& encoded_hash);

// 32 random bytes, base64url without padding (43 characters).
std::string random_token();

// SHA-256 of the text, lower-case hex.
std::string sha256_hex(std::string_view text);

// Constant-time equality of two strings of the same length.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace boussole::access
