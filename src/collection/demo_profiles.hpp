#pragma once
// How the synthetic values of each data element are made plausible: the
// population they scale on (the age group the element concerns), the
// national order of magnitude (INDICATORS.md), the dispersion between
// departments and the trend over the years. Elements that are part of
// another (online requests among requests, satisfied respondents among
// respondents) are a share of it, so that ratios land where the published
// figures are.

#include "catalogue/catalogue.hpp"

#include <string>

namespace boussole::collection::demo {

enum class Base {
    Total,  // everyone
    Under20,
    From20To59,
    From20To64,
    From60,
    From75,
    Parent,    // a share (or a multiple) of another element, same cell
    Fixed,     // a number of things per department, not tied to population
    Adoption,  // 0 or 1: a department switches to 1 at some point and stays
};

struct Profile {
    Base base = Base::Total;
    // Total…From75: per inhabitant of the base, per year for flows (summed
    // over time) or at any date for stocks. Parent: the share of the parent
    // (or a multiple: days per decision). Fixed: the typical count. Adoption:
    // the share of departments at 1 at the start.
    double rate = 0;
    // Dispersion between departments: the standard deviation of the log of a
    // department's factor; for a Parent share, of the share itself when
    // absolute_spread is set.
    double spread = 0.2;
    // Per year: relative growth (population bases, Fixed), change of the
    // share (Parent), departments switching to 1 (Adoption).
    double trend = 0;
    std::string parent;
    // Parent shares: false when spread is relative (days per decision vary
    // by a factor between departments, not by a number of days).
    bool absolute_spread = true;
    double lowest = 0;  // clamps of a Parent share
    double highest = 1e9;
    // The element whose department factor this one shares: a department
    // whose MDPH is slow is slow for adults and children alike.
    std::string factor_of;
};

// The profile guessed from the element alone (unit, bounds, partner).
Profile guessed_profile(const catalogue::DataElement& element);

// The profile of a catalogue element: its own when Boussole ships one for
// its code, otherwise one guessed from its unit, rules and partner so that an
// element an administrator adds gets plausible values too.
Profile profile_of(const catalogue::DataElement& element);

}  // namespace boussole::collection::demo
