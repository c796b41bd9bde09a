#pragma once
// Multi-row statements: "INSERT … VALUES (…), (…), …" that write a few
// hundred rows per round trip, for the bulk loads (reference data, demo
// values) where one statement per row would cost seconds on PostgreSQL.
// Only the shape of the text varies, never a value: every value is bound.

#include "storage/connection.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace boussole::storage {

// "($1, $2, 'x'), ($3, $4, 'x')…": `rows` copies of row_template, where each
// '?' stands for the next parameter marker.
std::string values_list(std::string_view row_template, std::size_t rows);

class MultiRowStatement {
public:
    // head + values_list(row_template, n) + tail, e.g. head "INSERT INTO t
    // (a, b) VALUES ", row_template "?, ?", tail " ON CONFLICT … DO NOTHING".
    MultiRowStatement(std::string head, std::string row_template, std::string tail,
                      std::size_t rows_per_statement = 200);

    std::size_t rows_per_statement() const { return m_rows_per_statement; }
    // The text for `rows` rows; the full slices share one text, prepared
    // once per connection.
    std::string text(std::size_t rows) const;

    // Runs the statement over rows (each one row's parameters) in slices;
    // returns the number of rows changed.
    std::int64_t execute(Connection& connection, const std::vector<Params>& rows) const;
    // The same for a statement that returns rows (RETURNING …): on_rows
    // receives the result of each slice.
    void query(Connection& connection, const std::vector<Params>& rows,
               const std::function<void(const Rows&)>& on_rows) const;

private:
    template <typename Run>
    void in_slices(const std::vector<Params>& rows, Run run) const;

    std::string m_head;
    std::string m_row_template;
    std::string m_tail;
    std::size_t m_rows_per_statement;
    std::string m_full;
};

}  // namespace boussole::storage
