#include "core/text.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace boussole::core {

bool is_valid_utf8(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    const std::size_t size = text.size();
    while (i < size) {
        unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            code_point = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            code_point = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            code_point = lead & 0x07;
        } else {
            return false;
        }
        if (i + length > size)
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return false;
            code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
        }
        static constexpr std::array<std::uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
        if (code_point < kMinimum[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

namespace {

// Decodes one code point of valid UTF-8 at text[i], advancing i; invalid bytes
// come back as U+FFFD one byte at a time.
std::uint32_t next_code_point(std::string_view text, std::size_t& i)
{
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t code_point = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        code_point = (code_point << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return code_point;
}

void append_utf8(std::string& out, std::uint32_t code_point)
{
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// The base letter of the Latin letters French and its neighbours use, or 0
// when the code point is not one of them. Ligatures expand to two letters.
const char* fold_latin(std::uint32_t c)
{
    switch (c) {
    case U'à':
    case U'á':
    case U'â':
    case U'ã':
    case U'ä':
    case U'å':
    case U'À':
    case U'Á':
    case U'Â':
    case U'Ã':
    case U'Ä':
    case U'Å': return "a";
    case U'æ':
    case U'Æ': return "ae";
    case U'ç':
    case U'Ç': return "c";
    case U'è':
    case U'é':
    case U'ê':
    case U'ë':
    case U'È':
    case U'É':
    case U'Ê':
    case U'Ë': return "e";
    case U'ì':
    case U'í':
    case U'î':
    case U'ï':
    case U'Ì':
    case U'Í':
    case U'Î':
    case U'Ï': return "i";
    case U'ñ':
    case U'Ñ': return "n";
    case U'ò':
    case U'ó':
    case U'ô':
    case U'õ':
    case U'ö':
    case U'ø':
    case U'Ò':
    case U'Ó':
    case U'Ô':
    case U'Õ':
    case U'Ö':
    case U'Ø': return "o";
    case U'œ':
    case U'Œ': return "oe";
    case U'ù':
    case U'ú':
    case U'û':
    case U'ü':
    case U'Ù':
    case U'Ú':
    case U'Û':
    case U'Ü': return "u";
    case U'ý':
    case U'ÿ':
    case U'Ý':
    case U'Ÿ': return "y";
    case U'ß': return "ss";
    default: return nullptr;
    }
}

}  // namespace

std::string fold_for_search(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    std::size_t i = 0;
    while (i < text.size()) {
        std::uint32_t c = next_code_point(text, i);
        std::string piece;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            piece = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            piece = static_cast<char>(c - 'A' + 'a');
        } else if (const char* folded = fold_latin(c)) {
            piece = folded;
        } else if (c < 0x80 || c == 0xA0 || c == 0x202F || c == 0x2019 || c == 0x2013 || c == 0x2014 || c == 0xFFFD) {
            // ASCII punctuation, spaces, apostrophes and dashes separate words.
            pending_space = true;
            continue;
        } else {
            append_utf8(piece, c);
        }
        if (pending_space && !out.empty())
            out += ' ';
        pending_space = false;
        out += piece;
    }
    return out;
}

std::string_view trim(std::string_view text)
{
    constexpr std::string_view kSpaces = " \t\r\n\v\f";
    auto first = text.find_first_not_of(kSpaces);
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(kSpaces);
    return text.substr(first, last - first + 1);
}

std::string escape_like(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

std::optional<std::int64_t> parse_positive_integer(std::string_view text)
{
    std::int64_t value = 0;
    auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || failure != std::errc() || end != text.data() + text.size() || value < 1)
        return std::nullopt;
    return value;
}

std::size_t utf8_length(std::string_view text)
{
    std::size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    return count;
}

}  // namespace boussole::core
