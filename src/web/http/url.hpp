#pragma once
// URL encoding as query strings and HTML forms use it: percent-decoding that
// never fails, and the ordered name/value pairs it produces.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::http {

// Decoded name/value pairs of a query string or form, ordered by name; values of
// a repeated name keep the order in which they came.
class Params {
public:
    using Map = std::multimap<std::string, std::string, std::less<>>;

    // The first value given for the name.
    std::optional<std::string_view> get(std::string_view name) const;
    std::vector<std::string_view> get_all(std::string_view name) const;
    bool contains(std::string_view name) const;
    void add(std::string name, std::string value);

    Map::const_iterator begin() const { return m_values.begin(); }
    Map::const_iterator end() const { return m_values.end(); }
    std::size_t size() const { return m_values.size(); }
    bool empty() const { return m_values.empty(); }

private:
    Map m_values;
};

// Percent-decoding that never fails: a '%' not followed by two hex digits stays
// as it is, and the bytes are not checked for UTF-8. Whether such text is
// acceptable is the application's decision (core::is_valid_utf8), not the
// transport's. With PlusIsSpace::Yes, '+' becomes a space (query strings and
// forms, not paths).
enum class PlusIsSpace { No, Yes };
std::string percent_decode(std::string_view text, PlusIsSpace plus = PlusIsSpace::No);
// Encodes everything but RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text);

// "a=1&b=x+y&a=%C3%A9" -> {a: 1, a: é, b: "x y"}. Empty pairs are skipped; a
// name without '=' has an empty value.
Params parse_urlencoded(std::string_view text);

}  // namespace boussole::http
