// What a parsed formula cites, constant folding, and writing a formula back
// as text (formula.hpp).
#include "catalogue/formula.hpp"

#include "core/french.hpp"

#include <charconv>
#include <cmath>
#include <set>

namespace boussole::catalogue {

namespace {

void collect(const Node& node, NodeKind kind, std::vector<std::string>& codes, std::set<std::string>& seen)
{
    if (node.kind == kind && seen.insert(node.code).second)
        codes.push_back(node.code);
    for (const auto& child : node.children)
        collect(child, kind, codes, seen);
}

int precedence(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Add:
    case NodeKind::Subtract: return 1;
    case NodeKind::Multiply:
    case NodeKind::Divide: return 2;
    case NodeKind::Negate: return 3;
    case NodeKind::Number:
    case NodeKind::Element:
    case NodeKind::Indicator: return 4;
    }
    return 4;
}

}  // namespace

bool is_binary(NodeKind kind)
{
    return kind == NodeKind::Add || kind == NodeKind::Subtract || kind == NodeKind::Multiply ||
           kind == NodeKind::Divide;
}

std::vector<std::string> Formula::element_codes() const
{
    std::vector<std::string> codes;
    std::set<std::string> seen;
    collect(m_root, NodeKind::Element, codes, seen);
    return codes;
}

std::vector<std::string> Formula::indicator_codes() const
{
    std::vector<std::string> codes;
    std::set<std::string> seen;
    collect(m_root, NodeKind::Indicator, codes, seen);
    return codes;
}

std::optional<double> Formula::constant_value() const
{
    return fold_constant(m_root);
}

std::optional<double> fold_constant(const Node& node)
{
    switch (node.kind) {
    case NodeKind::Number: return node.number;
    case NodeKind::Element:
    case NodeKind::Indicator: return std::nullopt;
    case NodeKind::Negate: {
        auto operand = fold_constant(node.children[0]);
        return operand ? std::optional<double>(-*operand) : std::nullopt;
    }
    case NodeKind::Add:
    case NodeKind::Subtract:
    case NodeKind::Multiply:
    case NodeKind::Divide: break;
    }
    auto left = fold_constant(node.children[0]);
    auto right = fold_constant(node.children[1]);
    if (!left || !right)
        return std::nullopt;
    switch (node.kind) {
    case NodeKind::Add: return *left + *right;
    case NodeKind::Subtract: return *left - *right;
    case NodeKind::Multiply: return *left * *right;
    case NodeKind::Divide:
        if (*right == 0)
            return std::nullopt;
        return *left / *right;
    default: return std::nullopt;
    }
}

std::string format_number(double value)
{
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string format_formula(const Node& node, const std::function<std::string(const Node&)>& leaf, FormatStyle style)
{
    auto wrap = [&](const Node& child, bool parenthesise) {
        auto text = format_formula(child, leaf, style);
        return parenthesise ? "(" + text + ")" : text;
    };
    switch (node.kind) {
    case NodeKind::Number: {
        if (!style.french_numbers)
            return format_number(node.number);
        if (node.number == std::floor(node.number) && std::fabs(node.number) < 1e15)
            return core::format_integer(static_cast<std::int64_t>(node.number));
        auto text = format_number(node.number);
        for (auto& c : text)
            if (c == '.')
                c = ',';
        return text;
    }
    case NodeKind::Element:
    case NodeKind::Indicator: return leaf(node);
    case NodeKind::Negate:
        return (style.french_signs ? "−" : "-") +
               wrap(node.children[0], precedence(node.children[0].kind) < precedence(NodeKind::Negate));
    default: break;
    }
    const char* sign = "+";
    switch (node.kind) {
    case NodeKind::Add: sign = "+"; break;
    case NodeKind::Subtract: sign = style.french_signs ? "−" : "-"; break;
    case NodeKind::Multiply: sign = style.french_signs ? "×" : "*"; break;
    case NodeKind::Divide: sign = style.french_signs ? "÷" : "/"; break;
    default: break;
    }
    int own = precedence(node.kind);
    // The right operand keeps its parentheses at equal precedence, so that
    // a - (b - c) and a / (b * c) read back to the same tree.
    return wrap(node.children[0], precedence(node.children[0].kind) < own) + " " + sign + " " +
           wrap(node.children[1], precedence(node.children[1].kind) <= own);
}

}  // namespace boussole::catalogue
