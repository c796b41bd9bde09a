#include "access/secrets.hpp"

#include "core/text.hpp"

#include <argon2.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

namespace boussole::access {

namespace {

// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. About 30 ms here.
constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKiB = 19 * 1024;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

void ensure_sodium()
{
    static const bool ready = [] { return sodium_init() >= 0; }();
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

core::Status check_password_rules(std::string_view password)
{
    if (!core::is_valid_utf8(password))
        return core::Error::invalid("Le mot de passe contient des caractères illisibles (encodage non UTF-8).");
    auto length = core::utf8_length(password);
    if (length < 12)
        return core::Error::invalid(
            "Mot de passe trop court : 12 caractères au moins (une phrase de passe "
            "de plusieurs mots est plus facile à retenir).");
    if (length > 256)
        return core::Error::invalid("Mot de passe trop long : 256 caractères au plus.");
    if (core::trim(password).empty())
        return core::Error::invalid("Le mot de passe ne peut pas être fait que d'espaces.");
    return {};
}

std::string hash_password(std::string_view password)
{
    ensure_sodium();
    std::array<unsigned char, kSaltBytes> salt{};
    randombytes_buf(salt.data(), salt.size());
    std::size_t encoded_length = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(encoded_length, '\0');
    int status = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                                       salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (status != ARGON2_OK)
        throw std::runtime_error(std::string("argon2id hashing failed: ") + argon2_error_message(status));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded_hash)
{
    if (encoded_hash.rfind("$argon2id$", 0) != 0)
        return false;
    return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string random_token()
{
    ensure_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string encoded(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    encoded.resize(encoded.find('\0'));
    return encoded;
}

std::string sha256_hex(std::string_view text)
{
    ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

bool constant_time_equals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    ensure_sodium();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace boussole::access
