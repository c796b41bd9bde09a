#pragma once
// For the SVG tests only: a small XML well-formedness check (balanced tags,
// quoted attributes, escaped text, one root) and an occurrence counter. It is
// not a parser: enough to catch what a string-built document gets wrong.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::render::test_support {

inline std::size_t count_of(std::string_view text, std::string_view needle)
{
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size()))
        ++count;
    return count;
}

// Empty when the text is well-formed, else what is wrong and where.
inline std::string xml_problem(std::string_view text)
{
    auto is_name_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == ':' || c == '.';
    };
    // An ampersand must start one of the five entities or a character reference.
    auto entity_ok = [&](std::size_t at) {
        for (std::string_view entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
            if (text.substr(at, entity.size()) == entity)
                return true;
        }
        if (text.substr(at, 2) != "&#")
            return false;
        auto end = text.find(';', at);
        return end != std::string_view::npos && end - at <= 10;
    };
    std::vector<std::string> open;
    bool root_seen = false;
    std::size_t at = 0;
    while (at < text.size()) {
        char c = text[at];
        if (c == '&') {
            if (!entity_ok(at))
                return "« & » non échappé à la position " + std::to_string(at);
            ++at;
            continue;
        }
        if (c == '>')
            return "« > » hors balise à la position " + std::to_string(at);
        if (c != '<') {
            if (open.empty() && c != ' ' && c != '\n')
                return "texte hors de l'élément racine à la position " + std::to_string(at);
            ++at;
            continue;
        }
        if (text.substr(at, 5) == "<?xml" || text.substr(at, 4) == "<!--") {
            auto end = text.find(text[at + 1] == '?' ? "?>" : "-->", at);
            if (end == std::string_view::npos)
                return "déclaration ou commentaire non fermé";
            at = end + 2;
            continue;
        }
        bool closing = at + 1 < text.size() && text[at + 1] == '/';
        std::size_t name_start = at + (closing ? 2 : 1);
        std::size_t name_end = name_start;
        while (name_end < text.size() && is_name_char(text[name_end]))
            ++name_end;
        if (name_end == name_start)
            return "nom de balise absent à la position " + std::to_string(at);
        std::string name(text.substr(name_start, name_end - name_start));
        at = name_end;
        if (closing) {
            if (at >= text.size() || text[at] != '>')
                return "balise fermante </" + name + " mal formée";
            if (open.empty() || open.back() != name)
                return "</" + name + "> ne ferme pas " + (open.empty() ? std::string("rien") : "<" + open.back() + ">");
            open.pop_back();
            ++at;
            continue;
        }
        if (open.empty() && root_seen)
            return "second élément racine <" + name + ">";
        root_seen = true;
        // Attributes: name="value" separated by spaces, values without '<'.
        while (true) {
            while (at < text.size() && (text[at] == ' ' || text[at] == '\n'))
                ++at;
            if (at >= text.size())
                return "balise <" + name + "> non fermée";
            if (text[at] == '>') {
                open.push_back(name);
                ++at;
                break;
            }
            if (text.substr(at, 2) == "/>") {
                at += 2;
                break;
            }
            std::size_t attribute_start = at;
            while (at < text.size() && is_name_char(text[at]))
                ++at;
            if (at == attribute_start || at + 1 >= text.size() || text[at] != '=' ||
                (text[at + 1] != '"' && text[at + 1] != '\''))
                return "attribut mal formé dans <" + name + "> à la position " + std::to_string(attribute_start);
            char quote = text[at + 1];
            auto end = text.find(quote, at + 2);
            if (end == std::string_view::npos)
                return "valeur d'attribut non fermée dans <" + name + ">";
            for (std::size_t index = at + 2; index < end; ++index) {
                if (text[index] == '<' || (text[index] == '&' && !entity_ok(index)))
                    return "valeur d'attribut non échappée dans <" + name + ">";
            }
            at = end + 1;
        }
    }
    if (!open.empty())
        return "<" + open.back() + "> jamais fermée";
    if (!root_seen)
        return "aucun élément";
    return "";
}

}  // namespace boussole::render::test_support
