#include "analytics/compiled_formula.hpp"

#include "analytics/cube.hpp"

#include <algorithm>

namespace boussole::analytics {

CompiledFormula CompiledFormula::compile(const catalogue::Node& root)
{
    CompiledFormula formula;
    formula.emit(root);
    return formula;
}

CompiledFormula CompiledFormula::one()
{
    CompiledFormula formula;
    formula.m_program.push_back({Op::Constant, 1, 0});
    return formula;
}

std::size_t CompiledFormula::slot(std::vector<std::string>& codes, const std::string& code)
{
    auto found = std::find(codes.begin(), codes.end(), code);
    if (found != codes.end())
        return static_cast<std::size_t>(found - codes.begin());
    codes.push_back(code);
    return codes.size() - 1;
}

void CompiledFormula::emit(const catalogue::Node& node)
{
    // Constant subtrees become one instruction ("30.4 * 12").
    if (auto constant = catalogue::fold_constant(node)) {
        m_program.push_back({Op::Constant, *constant, 0});
        return;
    }
    using catalogue::NodeKind;
    switch (node.kind) {
    case NodeKind::Number:
        // Only reached when folding refused: a division by zero.
        m_program.push_back({Op::Constant, kNoValue, 0});
        return;
    case NodeKind::Element:
        m_program.push_back({Op::Element, 0, slot(m_element_codes, node.code)});
        return;
    case NodeKind::Indicator:
        m_program.push_back({Op::Indicator, 0, slot(m_indicator_codes, node.code)});
        return;
    case NodeKind::Negate:
        emit(node.children.at(0));
        m_program.push_back({Op::Negate, 0, 0});
        return;
    case NodeKind::Add:
    case NodeKind::Subtract:
    case NodeKind::Multiply:
    case NodeKind::Divide:
        emit(node.children.at(0));
        emit(node.children.at(1));
        m_program.push_back({node.kind == NodeKind::Add        ? Op::Add
                             : node.kind == NodeKind::Subtract ? Op::Subtract
                             : node.kind == NodeKind::Multiply ? Op::Multiply
                                                               : Op::Divide,
                             0, 0});
        return;
    }
}

void CompiledFormula::evaluate(std::span<const double* const> elements, std::span<const double* const> indicators,
                               std::size_t size, std::vector<double>& out) const
{
    // A stack of operands: a leaf is read where it lies, an operation writes
    // into a buffer of its own. NaN propagates through + - * by IEEE rules,
    // and the one case IEEE would turn into infinity, x / 0, is made NaN.
    struct Operand {
        const double* data = nullptr;
        std::vector<double> owned;
    };
    std::vector<Operand> stack;
    stack.reserve(8);
    auto own = [size](Operand& operand) -> double* {
        if (operand.owned.empty()) {
            operand.owned.assign(operand.data, operand.data + size);
            operand.data = operand.owned.data();
        }
        return operand.owned.data();
    };
    for (const auto& instruction : m_program) {
        switch (instruction.op) {
        case Op::Constant: {
            Operand operand;
            operand.owned.assign(size, instruction.constant);
            operand.data = operand.owned.data();
            stack.push_back(std::move(operand));
            break;
        }
        case Op::Element:
            stack.push_back({elements[instruction.input], {}});
            break;
        case Op::Indicator:
            stack.push_back({indicators[instruction.input], {}});
            break;
        case Op::Negate: {
            double* values = own(stack.back());
            for (std::size_t i = 0; i < size; ++i)
                values[i] = -values[i];
            break;
        }
        default: {
            Operand right = std::move(stack.back());
            stack.pop_back();
            double* l = own(stack.back());
            const double* r = right.data;
            switch (instruction.op) {
            case Op::Add:
                for (std::size_t i = 0; i < size; ++i)
                    l[i] += r[i];
                break;
            case Op::Subtract:
                for (std::size_t i = 0; i < size; ++i)
                    l[i] -= r[i];
                break;
            case Op::Multiply:
                for (std::size_t i = 0; i < size; ++i)
                    l[i] *= r[i];
                break;
            default:
                for (std::size_t i = 0; i < size; ++i)
                    l[i] = r[i] == 0 ? kNoValue : l[i] / r[i];
                break;
            }
        }
        }
    }
    if (stack.empty()) {
        out.assign(size, kNoValue);
        return;
    }
    own(stack.back());
    out = std::move(stack.back().owned);
}

}  // namespace boussole::analytics
