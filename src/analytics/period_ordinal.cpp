#include "analytics/period_ordinal.hpp"

namespace boussole::analytics {

int ordinal(const core::Period& period)
{
    switch (period.type()) {
    case core::PeriodType::Month:
        return period.year_number() * 12 + period.index() - 1;
    case core::PeriodType::Quarter:
        return period.year_number() * 4 + period.index() - 1;
    case core::PeriodType::Year:
        break;
    }
    return period.year_number();
}

core::Period period_at(core::PeriodType type, int ordinal)
{
    switch (type) {
    case core::PeriodType::Month:
        return core::Period::month(ordinal / 12, ordinal % 12 + 1);
    case core::PeriodType::Quarter:
        return core::Period::quarter(ordinal / 4, ordinal % 4 + 1);
    case core::PeriodType::Year:
        break;
    }
    return core::Period::year(ordinal);
}

int periods_per(core::PeriodType finer, core::PeriodType coarser)
{
    if (finer == coarser)
        return 1;
    if (finer == core::PeriodType::Month)
        return coarser == core::PeriodType::Quarter ? 3 : 12;
    return 4;  // quarters into a year
}

}  // namespace boussole::analytics
