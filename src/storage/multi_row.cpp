#include "storage/multi_row.hpp"

#include <algorithm>
#include <stdexcept>

namespace boussole::storage {

std::string values_list(std::string_view row_template, std::size_t rows)
{
    std::string text;
    int parameter = 1;
    for (std::size_t row = 0; row < rows; ++row) {
        text += row == 0 ? "(" : ", (";
        for (char c : row_template) {
            if (c == '?')
                text += "$" + std::to_string(parameter++);
            else
                text += c;
        }
        text += ")";
    }
    return text;
}

MultiRowStatement::MultiRowStatement(std::string head, std::string row_template, std::string tail,
                                     std::size_t rows_per_statement)
    : m_head(std::move(head)),
      m_row_template(std::move(row_template)),
      m_tail(std::move(tail)),
      m_rows_per_statement(std::max<std::size_t>(1, rows_per_statement)),
      m_full(m_head + values_list(m_row_template, m_rows_per_statement) + m_tail)
{}

std::string MultiRowStatement::text(std::size_t rows) const
{
    return rows == m_rows_per_statement ? m_full : m_head + values_list(m_row_template, rows) + m_tail;
}

template <typename Run>
void MultiRowStatement::in_slices(const std::vector<Params>& rows, Run run) const
{
    auto markers = static_cast<std::size_t>(std::count(m_row_template.begin(), m_row_template.end(), '?'));
    for (std::size_t start = 0; start < rows.size(); start += m_rows_per_statement) {
        std::size_t count = std::min(m_rows_per_statement, rows.size() - start);
        Params params;
        params.reserve(count * markers);
        for (std::size_t i = start; i < start + count; ++i) {
            if (rows[i].size() != markers)
                throw std::logic_error("multi-row statement: a row has " + std::to_string(rows[i].size()) +
                                       " values for " + std::to_string(markers) + " markers");
            params.insert(params.end(), rows[i].begin(), rows[i].end());
        }
        run(count == m_rows_per_statement ? m_full : text(count), params);
    }
}

std::int64_t MultiRowStatement::execute(Connection& connection, const std::vector<Params>& rows) const
{
    std::int64_t changed = 0;
    in_slices(rows, [&](const std::string& sql, const Params& params) { changed += connection.execute(sql, params); });
    return changed;
}

void MultiRowStatement::query(Connection& connection, const std::vector<Params>& rows,
                              const std::function<void(const Rows&)>& on_rows) const
{
    in_slices(rows, [&](const std::string& sql, const Params& params) { on_rows(connection.query(sql, params)); });
}

}  // namespace boussole::storage
