#pragma once
// The values that cross the storage boundary: NULL, 64-bit integers (booleans
// are 0/1), doubles and UTF-8 text. Both backends read and write exactly these.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace boussole::storage {

class Value {
public:
    using Variant = std::variant<std::monostate, std::int64_t, double, std::string>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(std::nullopt_t) {}
    Value(int value) : m_value(std::int64_t{value}) {}
    Value(long value) : m_value(std::int64_t{value}) {}
    Value(long long value) : m_value(static_cast<std::int64_t>(value)) {}
    Value(unsigned value) : m_value(std::int64_t{value}) {}
    Value(bool value) : m_value(std::int64_t{value ? 1 : 0}) {}
    Value(double value) : m_value(value) {}
    Value(std::string value) : m_value(std::move(value)) {}
    Value(std::string_view value) : m_value(std::string(value)) {}
    Value(const char* value) : m_value(std::string(value)) {}
    template <typename T>
    Value(const std::optional<T>& value)
    {
        if (value)
            *this = Value(*value);
    }

    bool is_null() const { return std::holds_alternative<std::monostate>(m_value); }
    bool is_integer() const { return std::holds_alternative<std::int64_t>(m_value); }
    bool is_real() const { return std::holds_alternative<double>(m_value); }
    bool is_text() const { return std::holds_alternative<std::string>(m_value); }

    // Typed reads; a NULL or a value of another kind throws DatabaseError
    // (a schema mismatch is a programming error, not user input).
    std::int64_t as_integer() const;
    double as_real() const;  // integers are widened
    const std::string& as_text() const;
    bool as_bool() const { return as_integer() != 0; }

    const Variant& variant() const { return m_value; }

private:
    Variant m_value;
};

using Params = std::vector<Value>;

}  // namespace boussole::storage
