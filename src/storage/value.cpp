#include "storage/value.hpp"

#include "storage/database_error.hpp"

namespace boussole::storage {

namespace {

const char* kind_name(const Value::Variant& value)
{
    switch (value.index()) {
    case 0: return "NULL";
    case 1: return "an integer";
    case 2: return "a real";
    default: return "text";
    }
}

[[noreturn]] void throw_mismatch(const char* expected, const Value::Variant& found)
{
    throw DatabaseError(DatabaseError::Kind::Schema,
                        std::string("expected ") + expected + ", found " + kind_name(found));
}

}  // namespace

std::int64_t Value::as_integer() const
{
    if (const auto* integer = std::get_if<std::int64_t>(&m_value))
        return *integer;
    throw_mismatch("an integer", m_value);
}

double Value::as_real() const
{
    if (const auto* real = std::get_if<double>(&m_value))
        return *real;
    if (const auto* integer = std::get_if<std::int64_t>(&m_value))
        return static_cast<double>(*integer);
    throw_mismatch("a real", m_value);
}

const std::string& Value::as_text() const
{
    if (const auto* text = std::get_if<std::string>(&m_value))
        return *text;
    throw_mismatch("text", m_value);
}

}  // namespace boussole::storage
