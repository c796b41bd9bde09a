#include "render/csv_writer.hpp"

#include <csv.h>

#include <cstdio>

namespace boussole::render {

namespace {

// A negative number as written for French readers ("-1234,5", "-3"): a
// spreadsheet reads it as a number, never as a formula, and an apostrophe
// would turn it into text that no longer adds up.
bool is_signed_number(std::string_view value)
{
    if (value.size() < 2 || value.front() != '-')
        return false;
    bool digits = false;
    bool comma = false;
    for (std::size_t i = 1; i < value.size(); ++i) {
        char c = value[i];
        if (c >= '0' && c <= '9')
            digits = true;
        else if (c == ',' && !comma && digits)
            comma = true;
        else
            return false;
    }
    return digits && value.back() != ',';
}

bool starts_like_formula(std::string_view value)
{
    if (value.empty() || is_signed_number(value))
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

std::string csv_number(const std::optional<double>& value)
{
    if (!value)
        return "";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", *value);
    std::string text = buffer;
    for (char& c : text)
        if (c == '.')
            c = ',';
    return text;
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
