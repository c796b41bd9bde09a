#pragma once
// Periods as consecutive integers, so that the cube stores a data element as
// an array indexed by period: a month is year × 12 + month − 1, a quarter
// year × 4 + quarter − 1, a year itself. A coarser period of a finer ordinal
// is then one integer division.

#include "core/period.hpp"

namespace boussole::analytics {

int ordinal(const core::Period& period);
core::Period period_at(core::PeriodType type, int ordinal);

// How many periods of finer make one of coarser (fits_into(finer, coarser)):
// 3 months a quarter, 12 a year, 4 quarters a year, 1 for the same type.
int periods_per(core::PeriodType finer, core::PeriodType coarser);

// The ordinal of the coarser period containing the finer one.
inline int coarser_ordinal(int finer_ordinal, core::PeriodType finer, core::PeriodType coarser)
{
    int per = periods_per(finer, coarser);
    return finer_ordinal >= 0 ? finer_ordinal / per : (finer_ordinal - per + 1) / per;
}

}  // namespace boussole::analytics
