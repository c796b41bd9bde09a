#include "web/http/url.hpp"

namespace boussole::http {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string_view> Params::get(std::string_view name) const
{
    auto found = m_values.find(name);
    if (found == m_values.end())
        return std::nullopt;
    return found->second;
}

std::vector<std::string_view> Params::get_all(std::string_view name) const
{
    std::vector<std::string_view> values;
    auto [first, last] = m_values.equal_range(name);
    for (auto it = first; it != last; ++it)
        values.emplace_back(it->second);
    return values;
}

bool Params::contains(std::string_view name) const
{
    return m_values.find(name) != m_values.end();
}

void Params::add(std::string name, std::string value)
{
    m_values.emplace(std::move(name), std::move(value));
}

std::string percent_decode(std::string_view text, PlusIsSpace plus)
{
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                decoded.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        decoded.push_back(c == '+' && plus == PlusIsSpace::Yes ? ' ' : c);
    }
    return decoded;
}

std::string percent_encode(std::string_view text)
{
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (char c : text) {
        bool unreserved = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        if (unreserved) {
            encoded.push_back(c);
            continue;
        }
        auto byte = static_cast<unsigned char>(c);
        encoded.push_back('%');
        encoded.push_back(kHex[byte >> 4]);
        encoded.push_back(kHex[byte & 0x0F]);
    }
    return encoded;
}

Params parse_urlencoded(std::string_view text)
{
    Params params;
    while (!text.empty()) {
        auto end = text.find('&');
        std::string_view pair = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (pair.empty())
            continue;
        auto equals = pair.find('=');
        std::string_view name = pair.substr(0, equals);
        std::string_view value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
        params.add(percent_decode(name, PlusIsSpace::Yes), percent_decode(value, PlusIsSpace::Yes));
    }
    return params;
}

}  // namespace boussole::http
