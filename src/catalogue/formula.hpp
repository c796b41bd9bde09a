#pragma once
// The formulas of indicators: a small expression language over data element
// codes ("mdph_decisions"), other indicators ("ind:mdph_delai_traitement"),
// numbers with a decimal point, + - * /, unary minus and parentheses.
//
//     mdph_jours_traitement_cumules / (mdph_decisions * 30.4)
//
// A Formula is parsed once into a tree of Nodes that the analytics compile and
// evaluate over whole arrays; it is immutable and may be shared between
// threads. check_formula verifies a formula against the catalogue before an
// indicator is saved.

#include "catalogue/catalogue.hpp"
#include "core/period.hpp"
#include "core/result.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::catalogue {

enum class NodeKind {
    Number,     // number
    Element,    // code: a data element
    Indicator,  // code: another indicator, written "ind:code"
    Negate,     // children[0]
    Add,        // children[0] + children[1]
    Subtract,   // children[0] - children[1]
    Multiply,   // children[0] * children[1]
    Divide,     // children[0] / children[1]
};

struct Node {
    NodeKind kind = NodeKind::Number;
    double number = 0;           // Number only
    std::string code;            // Element and Indicator only
    std::size_t position = 0;    // 1-based character of the token in the text (the operator for operations)
    std::vector<Node> children;  // one for Negate, two for the binary operations, none for leaves
};

bool is_binary(NodeKind kind);

enum class ProblemKind {
    Syntax,            // the text is not a formula
    UnknownElement,    // no data element has this code
    UnknownIndicator,  // no indicator has this code
    DivisionByZero,    // a divisor that is the constant zero, after folding
    Cycle,             // indicators that reference each other in a loop
    PeriodMismatch,    // a reference of a coarser period type than the indicator
    NotAggregable,     // a finer element whose rule forbids adding its periods up
    EquityReference,   // an equity indicator used inside a formula
};

struct FormulaProblem {
    ProblemKind kind = ProblemKind::Syntax;
    std::string message;                  // French, complete, says what to do
    std::optional<std::size_t> position;  // 1-based character of the fault in the text
};

// A parse that keeps the syntax problem, with its position, as data.
struct ParseOutcome;

class Formula {
public:
    // Reads text (at most kMaximumLength characters, parentheses nested at
    // most kMaximumDepth deep). Fails with Invalid whose message gives the
    // 1-based position of the fault and says how to fix it; the one FieldError
    // is named "formula" and carries the text.
    static core::Result<Formula> parse(std::string_view text);
    // The same, with the problem as data (check_formula, the API's check).
    static ParseOutcome try_parse(std::string_view text);

    static constexpr std::size_t kMaximumLength = 2000;
    static constexpr int kMaximumDepth = 64;

    const Node& root() const { return m_root; }
    // The text as given, trimmed.
    const std::string& text() const { return m_text; }

    // Distinct codes in order of first appearance.
    std::vector<std::string> element_codes() const;
    std::vector<std::string> indicator_codes() const;

    // The value when the formula names no element nor indicator ("30.4",
    // "2 - 2"); nothing otherwise.
    std::optional<double> constant_value() const;

private:
    Formula(std::string text, Node root) : m_text(std::move(text)), m_root(std::move(root)) {}

    std::string m_text;
    Node m_root;
};

struct ParseOutcome {
    std::optional<Formula> formula;
    std::optional<FormulaProblem> problem;  // set exactly when formula is not
};

// The value of a subtree without any reference (constant folding); nothing
// when it names an element or an indicator, or divides by zero.
std::optional<double> fold_constant(const Node& node);

// Writes a tree back with the fewest parentheses that keep its shape;
// leaf(node) gives the text of each Element and Indicator node. Numbers are
// written with a decimal point ("30.4"), or with a decimal comma when
// french_numbers is true, and operators as + - * / or, for people, as the
// signs − × ÷ when french_signs is true.
struct FormatStyle {
    bool french_numbers = false;
    bool french_signs = false;
};
std::string format_formula(const Node& node, const std::function<std::string(const Node&)>& leaf,
                           FormatStyle style = {});

// "30.4" with a point, the shortest text that reads back to the same double.
std::string format_number(double value);

// What a formula is checked against.
struct FormulaContext {
    // The elements and indicators the formula may name.
    const Catalogue* catalogue = nullptr;
    // The periodicity of the indicator the formula belongs to: every reference
    // must have it or a finer type that fits into it.
    core::PeriodType periodicity = core::PeriodType::Year;
    // The indicator the formula belongs to, empty when none: a chain of
    // references that leads back to it is a cycle. Its stored formulas are
    // not followed, since this formula is about to replace one of them.
    std::string indicator_code;
};

// Parses and checks text; returns every problem found (only the syntax one
// when the text does not parse), empty when the formula may be saved.
std::vector<FormulaProblem> check_formula(std::string_view text, const FormulaContext& context);

// Codes of candidates close to code (a typo, a missing suffix), best first, at
// most limit.
std::vector<std::string> close_codes(std::string_view code, const std::vector<std::string>& candidates,
                                     std::size_t limit = 3);

// One Invalid error for the problems of one formula field ("numerator"),
// whose label ("Numérateur") starts each message.
core::Error formula_error(std::string_view field, std::string_view label, std::string_view text,
                          const std::vector<FormulaProblem>& problems);

}  // namespace boussole::catalogue
