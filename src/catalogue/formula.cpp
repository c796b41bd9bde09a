// Parsing and writing formulas (formula.hpp). The grammar, by precedence:
//
//     expression := term (("+" | "-") term)*
//     term       := unary (("*" | "/") unary)*
//     unary      := "-" unary | primary
//     primary    := number | code | "ind:" code | "(" expression ")"
//
// Operators of the same precedence group to the left: a - b - c is (a - b) - c.
#include "catalogue/formula.hpp"

#include "core/text.hpp"

#include <charconv>
#include <cmath>

namespace boussole::catalogue {

namespace {

std::string at(std::size_t position)
{
    return "en position " + std::to_string(position);
}

bool is_identifier_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_identifier_part(char c)
{
    return is_identifier_start(c) || (c >= '0' && c <= '9');
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    std::optional<Node> parse()
    {
        skip_spaces();
        if (m_offset == m_text.size()) {
            fail("Formule vide : écrivez par exemple « mdph_jours_traitement_cumules / mdph_decisions ».", 1);
            return std::nullopt;
        }
        auto root = expression();
        if (!root)
            return std::nullopt;
        skip_spaces();
        if (m_offset < m_text.size()) {
            if (m_text[m_offset] == ')')
                fail("Parenthèse fermante " + at(position()) +
                     " sans parenthèse ouvrante : retirez-la ou ajoutez la "
                     "parenthèse ouvrante qui lui correspond.");
            else
                unexpected_after_operand();
            return std::nullopt;
        }
        return root;
    }

    const std::optional<FormulaProblem>& problem() const { return m_problem; }

private:
    // The 1-based character position of the current offset (UTF-8 aware).
    std::size_t position() const { return position_of(m_offset); }
    std::size_t position_of(std::size_t offset) const
    {
        std::size_t characters = 0;
        for (std::size_t i = 0; i < offset && i < m_text.size(); ++i)
            if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80)
                ++characters;
        return characters + 1;
    }

    void fail(std::string message, std::optional<std::size_t> where = std::nullopt)
    {
        if (!m_problem)
            m_problem = FormulaProblem{ProblemKind::Syntax, std::move(message), where ? where : position()};
    }

    void skip_spaces()
    {
        while (m_offset < m_text.size() && (m_text[m_offset] == ' ' || m_text[m_offset] == '\t' ||
                                            m_text[m_offset] == '\n' || m_text[m_offset] == '\r'))
            ++m_offset;
    }

    // The character (one code point) at the current offset, for messages.
    std::string current_character() const
    {
        std::size_t length = 1;
        auto lead = static_cast<unsigned char>(m_text[m_offset]);
        if (lead >= 0xF0)
            length = 4;
        else if (lead >= 0xE0)
            length = 3;
        else if (lead >= 0xC0)
            length = 2;
        return std::string(m_text.substr(m_offset, length));
    }

    std::optional<Node> binary(NodeKind kind, std::size_t where, Node left, std::optional<Node> right)
    {
        if (!right)
            return std::nullopt;
        Node node;
        node.kind = kind;
        node.position = where;
        node.children.push_back(std::move(left));
        node.children.push_back(std::move(*right));
        return node;
    }

    std::optional<Node> expression()
    {
        auto left = term();
        while (left) {
            skip_spaces();
            if (m_offset >= m_text.size() || (m_text[m_offset] != '+' && m_text[m_offset] != '-'))
                return left;
            auto kind = m_text[m_offset] == '+' ? NodeKind::Add : NodeKind::Subtract;
            auto where = position();
            ++m_offset;
            left = binary(kind, where, std::move(*left), term());
        }
        return left;
    }

    std::optional<Node> term()
    {
        auto left = unary();
        while (left) {
            skip_spaces();
            if (m_offset >= m_text.size() || (m_text[m_offset] != '*' && m_text[m_offset] != '/'))
                return left;
            auto kind = m_text[m_offset] == '*' ? NodeKind::Multiply : NodeKind::Divide;
            auto where = position();
            ++m_offset;
            left = binary(kind, where, std::move(*left), unary());
        }
        return left;
    }

    std::optional<Node> unary()
    {
        skip_spaces();
        if (m_offset < m_text.size() && m_text[m_offset] == '-') {
            auto where = position();
            ++m_offset;
            if (!enter())
                return std::nullopt;
            auto operand = unary();
            --m_depth;
            if (!operand)
                return std::nullopt;
            Node node;
            node.kind = NodeKind::Negate;
            node.position = where;
            node.children.push_back(std::move(*operand));
            return node;
        }
        return primary();
    }

    bool enter()
    {
        if (++m_depth > Formula::kMaximumDepth) {
            fail("Formule trop imbriquée " + at(position()) + " : " + std::to_string(Formula::kMaximumDepth) +
                 " niveaux de parenthèses ou de signes moins au plus. Simplifiez-la.");
            return false;
        }
        return true;
    }

    std::optional<Node> primary()
    {
        skip_spaces();
        if (m_offset >= m_text.size()) {
            fail("La formule s'arrête sur un opérateur " + at(position()) +
                 " : ajoutez ce qui manque après lui (un "
                 "code de donnée, un nombre ou une parenthèse).");
            return std::nullopt;
        }
        char c = m_text[m_offset];
        if (c == '(') {
            auto opened = position();
            ++m_offset;
            if (!enter())
                return std::nullopt;
            auto inner = expression();
            --m_depth;
            if (!inner)
                return std::nullopt;
            skip_spaces();
            if (m_offset >= m_text.size() || m_text[m_offset] != ')') {
                if (m_offset >= m_text.size())
                    fail("Parenthèse ouverte " + at(opened) + " jamais refermée : ajoutez « ) » à l'endroit voulu.",
                         opened);
                else
                    unexpected_after_operand();
                return std::nullopt;
            }
            ++m_offset;
            return inner;
        }
        if (is_digit(c))
            return number();
        if (is_identifier_start(c))
            return reference();
        unexpected_operand();
        return std::nullopt;
    }

    std::optional<Node> number()
    {
        auto start = m_offset;
        while (m_offset < m_text.size() && is_digit(m_text[m_offset]))
            ++m_offset;
        if (m_offset < m_text.size() && m_text[m_offset] == ',' && m_offset + 1 < m_text.size() &&
            is_digit(m_text[m_offset + 1])) {
            fail("Virgule " + at(position()) +
                 " dans un nombre : écrivez les décimales avec un point (30.4, et non "
                 "30,4).");
            return std::nullopt;
        }
        if (m_offset < m_text.size() && m_text[m_offset] == '.') {
            ++m_offset;
            if (m_offset >= m_text.size() || !is_digit(m_text[m_offset])) {
                fail("Chiffre attendu après le point décimal " + at(position()) + " : écrivez par exemple 30.4.");
                return std::nullopt;
            }
            while (m_offset < m_text.size() && is_digit(m_text[m_offset]))
                ++m_offset;
        }
        Node node;
        node.kind = NodeKind::Number;
        node.position = position_of(start);
        auto digits = m_text.substr(start, m_offset - start);
        auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), node.number);
        if (parsed.ec != std::errc() || !std::isfinite(node.number)) {
            fail("Nombre « " + std::string(digits) + " » " + at(node.position) +
                     " trop grand : écrivez un nombre "
                     "plus petit.",
                 node.position);
            return std::nullopt;
        }
        return node;
    }

    std::optional<Node> reference()
    {
        auto start = m_offset;
        while (m_offset < m_text.size() && is_identifier_part(m_text[m_offset]))
            ++m_offset;
        auto word = m_text.substr(start, m_offset - start);
        Node node;
        node.kind = NodeKind::Element;
        node.position = position_of(start);
        if (m_offset < m_text.size() && m_text[m_offset] == ':') {
            if (word != "ind") {
                fail("Préfixe « " + std::string(word) + ": » inconnu " + at(node.position) +
                         " : seul « ind: » "
                         "précède un code, pour désigner un indicateur (ind:mdph_delai_traitement).",
                     node.position);
                return std::nullopt;
            }
            ++m_offset;
            auto code_start = m_offset;
            while (m_offset < m_text.size() && is_identifier_part(m_text[m_offset]))
                ++m_offset;
            if (code_start == m_offset || !is_identifier_start(m_text[code_start])) {
                fail("Code d'indicateur attendu après « ind: » " + at(position_of(code_start)) +
                         " : écrivez par exemple ind:mdph_delai_traitement.",
                     position_of(code_start));
                return std::nullopt;
            }
            node.kind = NodeKind::Indicator;
            node.code = std::string(m_text.substr(code_start, m_offset - code_start));
            return node;
        }
        node.code = std::string(word);
        return node;
    }

    // Where an operand (a code, a number, a parenthesis) is expected.
    void unexpected_operand()
    {
        auto character = current_character();
        if (character == "+" || character == "*" || character == "/")
            fail("Opérateur « " + character + " » " + at(position()) +
                 " sans rien avant lui : ajoutez un code de "
                 "donnée, un nombre ou une parenthèse.");
        else if (character == ")")
            fail("Parenthèse fermante " + at(position()) + " inattendue : il manque ce qu'elle doit refermer.");
        else
            unknown_character(character);
    }

    // Where an operator (or the end) is expected, after a complete operand.
    void unexpected_after_operand()
    {
        auto character = current_character();
        if (is_identifier_start(character[0]) || is_digit(character[0]) || character == "(")
            fail("Opérateur attendu " + at(position()) +
                 " : deux termes ne peuvent se suivre sans + - * ou / "
                 "entre eux.");
        else
            unknown_character(character);
    }

    void unknown_character(const std::string& character)
    {
        if (character == "×")
            fail("Signe « " + character + " » " + at(position()) + " : multipliez avec « * ».");
        else if (character == "÷" || character == ":")
            fail("Signe « " + character + " » " + at(position()) + " : divisez avec « / ».");
        else if (character == "−" || character == "–")
            fail("Signe « " + character + " » " + at(position()) + " : soustrayez avec le tiret simple « - ».");
        else if (character == ",")
            fail("Virgule " + at(position()) +
                 " : écrivez les décimales avec un point (30.4) ; une formule ne "
                 "sépare rien par des virgules.");
        else
            fail("Caractère « " + character + " » inattendu " + at(position()) +
                 " : une formule ne contient que "
                 "des codes de données, des nombres, les opérateurs + - * / et des parenthèses.");
    }

    std::string_view m_text;
    std::size_t m_offset = 0;
    int m_depth = 0;
    std::optional<FormulaProblem> m_problem;
};

}  // namespace

ParseOutcome Formula::try_parse(std::string_view text)
{
    auto trimmed = core::trim(text);
    if (!core::is_valid_utf8(trimmed) || core::utf8_length(trimmed) > kMaximumLength)
        return {std::nullopt, FormulaProblem{ProblemKind::Syntax,
                                             "Formule illisible ou trop longue : " + std::to_string(kMaximumLength) +
                                                 " caractères (UTF-8) au plus.",
                                             std::nullopt}};
    Parser parser(trimmed);
    auto root = parser.parse();
    if (!root)
        return {std::nullopt, parser.problem()};
    return {Formula(std::string(trimmed), std::move(*root)), std::nullopt};
}

core::Result<Formula> Formula::parse(std::string_view text)
{
    auto outcome = try_parse(text);
    if (!outcome.formula) {
        auto shown = core::trim(text).substr(0, 200);
        return formula_error("formula", "Formule", core::is_valid_utf8(shown) ? shown : "", {*outcome.problem});
    }
    return std::move(*outcome.formula);
}

}  // namespace boussole::catalogue
