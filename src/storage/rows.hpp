#pragma once
// The result of a query: column names and rows of values, fully materialised
// (queries in Boussole return pages, not millions of rows).

#include "storage/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {

class Rows;

// A view of one row of a Rows; valid while the Rows lives.
class Row {
public:
    Row(const Rows& rows, std::size_t index) : m_rows(&rows), m_index(index) {}

    const Value& operator[](std::size_t column) const;
    // By column name; an unknown name throws DatabaseError.
    const Value& operator[](std::string_view column) const;

    // Typed reads by column name. A NULL, a value of another kind or an unknown
    // column throws DatabaseError(Schema) naming the column.
    std::int64_t integer(std::string_view column) const;
    double real(std::string_view column) const;  // integers are widened
    const std::string& text(std::string_view column) const;
    bool boolean(std::string_view column) const { return integer(column) != 0; }
    bool is_null(std::string_view column) const { return (*this)[column].is_null(); }
    // The optional_ reads give nullopt for NULL and throw like the others otherwise.
    std::optional<std::string> optional_text(std::string_view column) const;
    std::optional<std::int64_t> optional_integer(std::string_view column) const;
    std::optional<double> optional_real(std::string_view column) const;

private:
    const Rows* m_rows;
    std::size_t m_index;
};

class Rows {
public:
    Rows() = default;
    Rows(std::vector<std::string> columns, std::vector<std::vector<Value>> values)
        : m_columns(std::move(columns)), m_values(std::move(values))
    {}

    std::size_t size() const { return m_values.size(); }
    bool empty() const { return m_values.empty(); }
    Row operator[](std::size_t index) const { return Row(*this, index); }
    Row front() const { return Row(*this, 0); }
    const std::vector<std::string>& columns() const { return m_columns; }
    std::size_t column_index(std::string_view name) const;  // throws DatabaseError when unknown
    const Value& at(std::size_t row, std::size_t column) const { return m_values[row][column]; }

    class Iterator {
    public:
        Iterator(const Rows& rows, std::size_t index) : m_rows(&rows), m_index(index) {}
        Row operator*() const { return Row(*m_rows, m_index); }
        Iterator& operator++()
        {
            ++m_index;
            return *this;
        }
        bool operator!=(const Iterator& other) const { return m_index != other.m_index; }

    private:
        const Rows* m_rows;
        std::size_t m_index;
    };
    Iterator begin() const { return Iterator(*this, 0); }
    Iterator end() const { return Iterator(*this, size()); }

private:
    std::vector<std::string> m_columns;
    std::vector<std::vector<Value>> m_values;
};

}  // namespace boussole::storage
