#include "render/csv_writer.hpp"

#include <csv.h>

namespace boussole::render {

namespace {

bool starts_like_formula(std::string_view value)
{
    if (value.empty())
        return false;
    switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': return true;
    default: return false;
    }
}

}  // namespace

std::string csv_field(std::string_view value)
{
    std::string source;
    if (starts_like_formula(value))
        source = "'";
    source.append(value);
    // With no room, csv_write2 only measures: the first call gives the size.
    std::size_t size = csv_write2(nullptr, 0, source.data(), source.size(), '"');
    std::string quoted(size, '\0');
    csv_write2(quoted.data(), quoted.size(), source.data(), source.size(), '"');
    return quoted;
}

CsvWriter::CsvWriter() : m_text("\xEF\xBB\xBF") {}

void CsvWriter::add_row(const std::vector<std::string>& fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            m_text += ';';
        m_text += csv_field(fields[i]);
    }
    m_text += "\r\n";
}

}  // namespace boussole::render
