#include "storage/rows.hpp"

#include "storage/database_error.hpp"

namespace boussole::storage {

namespace {

[[noreturn]] void throw_schema(const std::string& message)
{
    throw DatabaseError(DatabaseError::Kind::Schema, message);
}

// Reads a value through one of Value's typed accessors, adding the column's
// name to the message when the value does not match, so that a log line says
// which column of which query is wrong.
template <typename Read>
auto read_column(const Row& row, std::string_view column, Read read) -> decltype(read(row[column]))
{
    const Value& value = row[column];
    try {
        return read(value);
    } catch (const DatabaseError& error) {
        throw_schema("column \"" + std::string(column) + "\": " + error.what());
    }
}

}  // namespace

const Value& Row::operator[](std::size_t column) const
{
    if (m_index >= m_rows->size())
        throw_schema("row " + std::to_string(m_index) + " requested from a result of " +
                     std::to_string(m_rows->size()) + " rows");
    if (column >= m_rows->columns().size())
        throw_schema("column " + std::to_string(column) + " requested from a result of " +
                     std::to_string(m_rows->columns().size()) + " columns");
    return m_rows->at(m_index, column);
}

const Value& Row::operator[](std::string_view column) const
{
    return (*this)[m_rows->column_index(column)];
}

std::int64_t Row::integer(std::string_view column) const
{
    return read_column(*this, column, [](const Value& value) { return value.as_integer(); });
}

double Row::real(std::string_view column) const
{
    return read_column(*this, column, [](const Value& value) { return value.as_real(); });
}

const std::string& Row::text(std::string_view column) const
{
    return read_column(*this, column, [](const Value& value) -> const std::string& { return value.as_text(); });
}

std::optional<std::string> Row::optional_text(std::string_view column) const
{
    if (is_null(column))
        return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> Row::optional_integer(std::string_view column) const
{
    if (is_null(column))
        return std::nullopt;
    return integer(column);
}

std::optional<double> Row::optional_real(std::string_view column) const
{
    if (is_null(column))
        return std::nullopt;
    return real(column);
}

std::size_t Rows::column_index(std::string_view name) const
{
    for (std::size_t index = 0; index < m_columns.size(); ++index)
        if (m_columns[index] == name)
            return index;
    std::string known;
    for (const auto& column : m_columns)
        known += (known.empty() ? "" : ", ") + column;
    throw_schema("no column \"" + std::string(name) + "\" in the result (columns: " + known + ")");
}

}  // namespace boussole::storage
