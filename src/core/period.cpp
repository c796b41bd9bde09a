#include "core/period.hpp"

#include <array>
#include <charconv>

namespace boussole::core {

namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

bool digits(std::string_view text)
{
    if (text.empty())
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return true;
}

int number(std::string_view text)
{
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

Error malformed(std::string_view text)
{
    std::string message = "Période « " + std::string(text) + " » non reconnue.";
    bool looks_like_date = (text.size() == 10 && (text[4] == '-' || text[2] == '/')) ||
                           (text.size() == 7 && text[2] == '/');
    if (looks_like_date)
        message += " Une période n'est pas une date :";
    return Error::invalid(message + " Formes attendues : 2025-07 (mois), 2025-T3 (trimestre), 2025 (année).");
}

int months_in(PeriodType type)
{
    switch (type) {
    case PeriodType::Month: return 1;
    case PeriodType::Quarter: return 3;
    case PeriodType::Year: return 12;
    }
    return 1;
}

int periods_per_year(PeriodType type)
{
    return 12 / months_in(type);
}

}  // namespace

const char* to_string(PeriodType type)
{
    switch (type) {
    case PeriodType::Month: return "month";
    case PeriodType::Quarter: return "quarter";
    case PeriodType::Year: return "year";
    }
    return "year";
}

const char* label(PeriodType type)
{
    switch (type) {
    case PeriodType::Month: return "mois";
    case PeriodType::Quarter: return "trimestre";
    case PeriodType::Year: return "année";
    }
    return "année";
}

Result<PeriodType> parse_period_type(std::string_view text)
{
    for (PeriodType type : {PeriodType::Month, PeriodType::Quarter, PeriodType::Year})
        if (text == to_string(type))
            return type;
    return Error::invalid("Type de période « " + std::string(text) + " » inconnu : attendu month, quarter ou year.");
}

bool fits_into(PeriodType finer, PeriodType coarser)
{
    return months_in(finer) <= months_in(coarser);
}

Result<Period> Period::parse(std::string_view text)
{
    if (text.size() < 4 || !digits(text.substr(0, 4)))
        return malformed(text);
    int year = number(text.substr(0, 4));
    if (year < kFirstYear || year > kLastYear)
        return Error::invalid("Année « " + std::string(text.substr(0, 4)) + " » hors des bornes : attendu de " +
                              std::to_string(kFirstYear) + " à " + std::to_string(kLastYear) + ".");
    if (text.size() == 4)
        return Period::year(year);
    if (text.size() == 7 && text[4] == '-' && digits(text.substr(5, 2))) {
        int month = number(text.substr(5, 2));
        if (month < 1 || month > 12)
            return Error::invalid("Mois « " + std::string(text) + " » invalide : attendu de 01 à 12.");
        return Period::month(year, month);
    }
    if (text.size() == 7 && text[4] == '-' && (text[5] == 'T' || text[5] == 'Q' || text[5] == 't' || text[5] == 'q') &&
        text[6] >= '1' && text[6] <= '4')
        return Period::quarter(year, text[6] - '0');
    if (text.size() == 7 && text[4] == '-' && (text[5] == 'T' || text[5] == 'Q'))
        return Error::invalid("Trimestre « " + std::string(text) + " » invalide : attendu T1 à T4 (ex. 2025-T3).");
    return malformed(text);
}

Result<Period> Period::parse(std::string_view text, PeriodType expected)
{
    auto period = parse(text);
    if (!period.ok())
        return period;
    if (period->type() != expected)
        return Error::invalid("Période « " + std::string(text) + " » : une période de type " + core::label(expected) +
                              " est attendue (ex. " +
                              (expected == PeriodType::Month     ? "2025-07"
                               : expected == PeriodType::Quarter ? "2025-T3"
                                                                 : "2025") +
                              "), pas un" + (period->type() == PeriodType::Year ? "e " : " ") +
                              core::label(period->type()) + ".");
    return period;
}

std::string Period::to_string() const
{
    std::string year = std::to_string(m_year);
    switch (m_type) {
    case PeriodType::Month: return year + "-" + (m_index < 10 ? "0" : "") + std::to_string(m_index);
    case PeriodType::Quarter: return year + "-T" + std::to_string(m_index);
    case PeriodType::Year: return year;
    }
    return year;
}

std::string Period::label() const
{
    static constexpr std::array<const char*, 12> kMonths = {"janvier", "février", "mars",      "avril",
                                                            "mai",     "juin",    "juillet",   "août",
                                                            "septembre", "octobre", "novembre", "décembre"};
    switch (m_type) {
    case PeriodType::Month: return std::string(kMonths[static_cast<std::size_t>(m_index - 1)]) + " " + std::to_string(m_year);
    case PeriodType::Quarter:
        return std::to_string(m_index) + (m_index == 1 ? "er" : "e") + " trimestre " + std::to_string(m_year);
    case PeriodType::Year: return std::to_string(m_year);
    }
    return std::to_string(m_year);
}

std::chrono::year_month_day Period::first_day() const
{
    int first_month = (m_index - 1) * months_in(m_type) + 1;
    return std::chrono::year{m_year} / std::chrono::month{static_cast<unsigned>(first_month)} / std::chrono::day{1};
}

std::chrono::year_month_day Period::last_day() const
{
    int last_month = m_index * months_in(m_type);
    return std::chrono::year_month_day_last{std::chrono::year{m_year},
                                            std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(last_month)}}};
}

Period Period::next() const
{
    if (m_index < periods_per_year(m_type))
        return Period(m_type, m_year, m_index + 1);
    return Period(m_type, m_year + 1, 1);
}

Period Period::previous() const
{
    if (m_index > 1)
        return Period(m_type, m_year, m_index - 1);
    return Period(m_type, m_year - 1, periods_per_year(m_type));
}

Period Period::enclosing(PeriodType coarser) const
{
    int first_month = (m_index - 1) * months_in(m_type) + 1;
    return Period(coarser, m_year, (first_month - 1) / months_in(coarser) + 1);
}

std::vector<Period> Period::subdivide(PeriodType finer) const
{
    std::vector<Period> parts;
    int per_part = months_in(finer);
    int first_month = (m_index - 1) * months_in(m_type) + 1;
    for (int month = first_month; month < first_month + months_in(m_type); month += per_part)
        parts.push_back(Period(finer, m_year, (month - 1) / per_part + 1));
    return parts;
}

std::vector<Period> Period::range(const Period& first, const Period& last)
{
    std::vector<Period> periods;
    if (first.type() != last.type())
        return periods;
    for (Period current = first; current <= last && periods.size() < 1000; current = current.next())
        periods.push_back(current);
    return periods;
}

}  // namespace boussole::core
