#include "analytics/cube.hpp"

#include <algorithm>

namespace boussole::analytics {

namespace {

// Columns grow by whole years at least, so that a month after month of new
// values does not copy the column each time.
constexpr int kGrowthSlack = 12;

}  // namespace

Column& Cube::column_for(const std::string& element, core::PeriodType type)
{
    auto [found, inserted] = m_columns.try_emplace(element);
    if (inserted)
        found->second.type = type;
    return found->second;
}

void Cube::grow(Column& column, int departments, int period_ordinal)
{
    if (column.count > 0 && period_ordinal >= column.first && period_ordinal <= column.last())
        return;
    int first = column.count == 0 ? period_ordinal : std::min(column.first, period_ordinal);
    int last = column.count == 0 ? period_ordinal : std::max(column.last(), period_ordinal);
    if (column.count > 0) {
        // Leave room on the side that grew.
        if (period_ordinal > column.last())
            last += kGrowthSlack - 1;
        else
            first -= kGrowthSlack - 1;
    }
    int count = last - first + 1;
    std::vector<double> values(static_cast<std::size_t>(departments) * count, kNoValue);
    std::vector<std::uint8_t> flags(values.size(), 0);
    for (int d = 0; d < departments && column.count > 0; ++d) {
        auto from = static_cast<std::size_t>(d) * column.count;
        auto to = static_cast<std::size_t>(d) * count + (column.first - first);
        std::copy_n(column.values.begin() + from, column.count, values.begin() + to);
        std::copy_n(column.flags.begin() + from, column.count, flags.begin() + to);
    }
    column.values = std::move(values);
    column.flags = std::move(flags);
    column.first = first;
    column.count = count;
}

void Cube::reserve(Column& column, int departments, int first, int last)
{
    grow(column, departments, first);
    if (last > column.last())
        grow(column, departments, last);
}

void Cube::set(Column& column, int department, int period_ordinal, double value, std::uint8_t flags)
{
    auto index = static_cast<std::size_t>(department) * column.count + (period_ordinal - column.first);
    column.values[index] = value;
    column.flags[index] = flags;
}

void Cube::apply(const CellUpdate& update)
{
    if (update.department < 0 || update.department >= m_departments)
        return;
    auto existing = m_columns.find(update.element);
    if (!update.value && existing == m_columns.end())
        return;
    Column& column = column_for(update.element, update.period.type());
    if (column.type != update.period.type())
        return;  // the catalogue forbids it; a stray row never corrupts a column
    int period = ordinal(update.period);
    if (!update.value && (column.count == 0 || period < column.first || period > column.last()))
        return;
    grow(column, m_departments, period);
    set(column, update.department, period, update.value.value_or(kNoValue), update.value ? update.flags : 0);
}

const Column* Cube::column(std::string_view element) const
{
    auto found = m_columns.find(element);
    return found == m_columns.end() ? nullptr : &found->second;
}

std::int64_t Cube::values() const
{
    std::int64_t count = 0;
    for (const auto& [code, column] : m_columns)
        count += std::count_if(column.values.begin(), column.values.end(), has_value);
    return count;
}

std::size_t Cube::memory_bytes() const
{
    std::size_t bytes = 0;
    for (const auto& [code, column] : m_columns)
        bytes += column.values.capacity() * sizeof(double) + column.flags.capacity() + code.capacity();
    return bytes;
}

}  // namespace boussole::analytics
