#pragma once
// A formula of the catalogue (catalogue/formula.hpp) compiled once into a
// short program that evaluates over whole arrays: every territory × period of
// a result in one pass per operation, rather than a tree walk per cell.
// Division by zero, and any operation on a missing value, gives no value
// (NaN), never infinity nor zero.

#include "catalogue/formula.hpp"

#include <span>
#include <string>
#include <vector>

namespace boussole::analytics {

class CompiledFormula {
public:
    // The references of root become inputs, numbered in order of first
    // appearance: element_codes()[i] is element input i, indicator_codes()[j]
    // indicator input j.
    static CompiledFormula compile(const catalogue::Node& root);
    // The constant 1 (an empty denominator).
    static CompiledFormula one();

    const std::vector<std::string>& element_codes() const { return m_element_codes; }
    const std::vector<std::string>& indicator_codes() const { return m_indicator_codes; }

    // Evaluates over arrays of length size: elements[i] and indicators[j]
    // point to the inputs. out receives size values.
    void evaluate(std::span<const double* const> elements, std::span<const double* const> indicators,
                  std::size_t size, std::vector<double>& out) const;

private:
    enum class Op { Constant, Element, Indicator, Negate, Add, Subtract, Multiply, Divide };
    struct Instruction {
        Op op = Op::Constant;
        double constant = 0;
        std::size_t input = 0;
    };

    void emit(const catalogue::Node& node);
    static std::size_t slot(std::vector<std::string>& codes, const std::string& code);

    std::vector<Instruction> m_program;  // postfix
    std::vector<std::string> m_element_codes;
    std::vector<std::string> m_indicator_codes;
};

}  // namespace boussole::analytics
