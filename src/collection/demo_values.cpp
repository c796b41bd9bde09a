// Generation of the synthetic values (demo_values.hpp); their storage is in
// demo_values_store.cpp.
#include "collection/demo_values.hpp"

#include "collection/demo_profiles.hpp"
#include "collection/outliers.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numbers>
#include <set>

namespace boussole::collection {

namespace {

using namespace std::chrono;

// A small generator of our own: the standard distributions are not the same
// from one library to the next, and the demo must be.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double between(double low, double high) { return low + (high - low) * uniform(); }
    bool chance(double probability) { return uniform() < probability; }
    double normal()
    {
        double u = 1.0 - uniform();  // (0, 1]
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * uniform());
    }

private:
    std::uint64_t m_state;
};

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xCBF29CE484222325ULL)
{
    for (unsigned char c : text)
        hash = (hash ^ c) * 0x100000001B3ULL;
    return hash;
}

// A generator for one purpose of one cell: its draws do not depend on what
// else is generated, or in which order.
Random stream(std::string_view element, std::string_view territory, std::string_view purpose, long index = 0)
{
    std::uint64_t hash = fnv1a(purpose, fnv1a(territory, fnv1a(element)));
    return Random(hash ^ (static_cast<std::uint64_t>(index) * 0xD6E8FEB86659FD93ULL));
}

constexpr double kQuarterSeason[] = {1.04, 1.03, 0.88, 1.05};  // summer slows the MDPH down
constexpr double kMonthSeason[] = {1.02, 1.0, 1.06, 1.0, 0.98, 1.02, 0.92, 0.72, 1.04, 1.08, 1.06, 1.1};

double season(const core::Period& period)
{
    if (period.type() == core::PeriodType::Quarter)
        return kQuarterSeason[period.index() - 1] / ((1.04 + 1.03 + 0.88 + 1.05) / 4);
    if (period.type() == core::PeriodType::Month) {
        double mean = 0;
        for (double factor : kMonthSeason)
            mean += factor / 12;
        return kMonthSeason[period.index() - 1] / mean;
    }
    return 1;
}

double share_of_year(const core::Period& period)
{
    switch (period.type()) {
    case core::PeriodType::Year: return 1;
    case core::PeriodType::Quarter: return 0.25;
    case core::PeriodType::Month: return 1.0 / 12;
    }
    return 1;
}

struct Populations {
    double total, under_20, from_20_to_59, from_20_to_64, from_60, from_75;
};

Populations populations_of(const territory::PopulationTable& table, const territory::TerritoryKey& key)
{
    const auto* pyramid = table.find(key, territory::Sex::All);
    if (pyramid == nullptr)
        return {660000, 151800, 310200, 369600, 178200, 66000};
    return {static_cast<double>(pyramid->total()),         static_cast<double>(pyramid->between(0, 19)),
            static_cast<double>(pyramid->between(20, 59)), static_cast<double>(pyramid->between(20, 64)),
            static_cast<double>(pyramid->between(60, -1)), static_cast<double>(pyramid->between(75, -1))};
}

double base_population(demo::Base base, const Populations& people)
{
    switch (base) {
    case demo::Base::Total: return people.total;
    case demo::Base::Under20: return people.under_20;
    case demo::Base::From20To59: return people.from_20_to_59;
    case demo::Base::From20To64: return people.from_20_to_64;
    case demo::Base::From60: return people.from_60;
    case demo::Base::From75: return people.from_75;
    default: return 1;
    }
}

// Collected elements, each after the elements it is computed from or
// compared with (its parent share and its not_above partner).
std::vector<const catalogue::DataElement*> in_dependency_order(const catalogue::Catalogue& catalogue)
{
    std::vector<const catalogue::DataElement*> ordered;
    std::set<std::string> placed;
    std::set<std::string> visiting;
    std::function<void(const catalogue::DataElement&)> place = [&](const catalogue::DataElement& element) {
        if (placed.contains(element.code) || visiting.contains(element.code))
            return;  // a cycle in the catalogue: the element is placed where the cycle closes
        visiting.insert(element.code);
        for (const auto& code : {demo::profile_of(element).parent, element.not_above_code})
            if (const auto* dependency = catalogue.find_element(code); dependency && dependency->collected)
                place(*dependency);
        visiting.erase(element.code);
        placed.insert(element.code);
        ordered.push_back(&element);
    };
    for (const auto& element : catalogue.elements())
        if (element.collected)
            place(element);
    return ordered;
}

double rounded(const catalogue::DataElement& element, double value)
{
    if (element.minimum)
        value = std::max(value, *element.minimum);
    if (element.maximum)
        value = std::min(value, *element.maximum);
    if (element.value_type == catalogue::ValueType::Integer)
        return std::round(value);
    return std::round(value * 100) / 100;
}

// The values of every element, department and period, reported or not.
using Series = std::vector<std::vector<double>>;  // [department][period]

struct ElementValues {
    Series clean;   // before typing slips: what shares of this element start from
    Series stored;  // what is reported: slips, rounding, rules; what partners compare with
};

class Generator {
public:
    Generator(const catalogue::Catalogue& catalogue, const territory::TerritoryRegistry& registry,
              const territory::PopulationTable& population, year_month_day today)
        : m_catalogue(catalogue), m_today(today)
    {
        for (const auto* department : registry.departments()) {
            m_departments.push_back(department->key.to_string());
            m_people.push_back(populations_of(population, department->key));
        }
        for (auto type : {core::PeriodType::Year, core::PeriodType::Quarter, core::PeriodType::Month})
            m_periods[type] = demo_periods(type, today);
    }

    std::vector<DemoCell> run()
    {
        std::vector<DemoCell> cells;
        for (const auto* element : in_dependency_order(m_catalogue)) {
            true_values(*element);
            report(*element, m_values[element->code].stored, cells);
        }
        return cells;
    }

private:
    const ElementValues* series_of(const std::string& code, core::PeriodType type) const
    {
        const auto* element = m_catalogue.find_element(code);
        auto found = m_values.find(code);
        if (element == nullptr || element->period_type != type || found == m_values.end())
            return nullptr;
        return &found->second;
    }

    void true_values(const catalogue::DataElement& element)
    {
        demo::Profile profile = demo::profile_of(element);
        const auto& periods = m_periods[element.period_type];
        const ElementValues* parent = nullptr;
        if (profile.base == demo::Base::Parent) {
            parent = series_of(profile.parent, element.period_type);
            // A parent of another period type, or gone from the catalogue:
            // what the element alone suggests, and at worst a small count.
            if (parent == nullptr)
                profile = demo::guessed_profile(element);
            if (parent == nullptr && profile.base == demo::Base::Parent)
                parent = series_of(profile.parent, element.period_type);
            if (parent == nullptr && profile.base == demo::Base::Parent)
                profile = demo::Profile{demo::Base::Total, 0.001, 0.3, 0.0};
        }
        const ElementValues* partner = series_of(element.not_above_code, element.period_type);
        bool flow = element.time_aggregation == catalogue::TimeAggregation::Sum;
        auto start = sys_days(periods.front().first_day());

        ElementValues values{Series(m_departments.size(), std::vector<double>(periods.size(), 0)), {}};
        values.stored = values.clean;
        for (std::size_t d = 0; d < m_departments.size(); ++d) {
            const auto& key = m_departments[d];
            // Bounded, so that no department lands beyond the published
            // national ranges by luck alone.
            double factor = std::clamp(
                stream(profile.factor_of.empty() ? element.code : profile.factor_of, key, "department").normal(), -2.5,
                2.2);
            Random adoption = stream(element.code, key, "adoption");
            double switch_year = (adoption.uniform() - profile.rate) / std::max(profile.trend, 1e-6);
            for (std::size_t i = 0; i < periods.size(); ++i) {
                const auto& period = periods[i];
                double years = (sys_days(period.first_day()) - start).count() / 365.25;
                Random noise = stream(element.code, key, "noise", static_cast<long>(i));
                double value = 0;
                switch (profile.base) {
                case demo::Base::Parent: {
                    double share =
                        profile.absolute_spread
                            ? profile.rate + profile.spread * factor + profile.trend * years + 0.02 * noise.normal()
                            : profile.rate * std::exp(profile.spread * factor + 0.05 * noise.normal()) +
                                  profile.trend * years;
                    value = parent->clean[d][i] * std::clamp(share, profile.lowest, profile.highest);
                    break;
                }
                case demo::Base::Adoption: value = years >= switch_year ? 1 : 0; break;
                case demo::Base::Fixed:
                    value = profile.rate * std::exp(profile.spread * factor + 0.08 * noise.normal()) *
                            std::pow(1 + profile.trend, years);
                    break;
                default:
                    value = base_population(profile.base, m_people[d]) * profile.rate *
                            std::exp(profile.spread * factor + (flow ? 0.07 : 0.015) * noise.normal()) *
                            std::pow(1 + profile.trend, years) * (flow ? share_of_year(period) * season(period) : 1);
                }
                values.clean[d][i] = value;
                // A few typing slips, several times too much or too little,
                // for the outlier flags to find.
                Random slip = stream(element.code, key, "slip", static_cast<long>(i));
                if (profile.base != demo::Base::Adoption && slip.chance(0.003))
                    value *= slip.chance(0.5) ? slip.between(4, 8) : 1 / slip.between(4, 8);
                value = rounded(element, value);
                if (partner != nullptr)
                    value = std::min(value, partner->stored[d][i]);
                values.stored[d][i] = value;
            }
        }
        m_values[element.code] = std::move(values);
    }

    void report(const catalogue::DataElement& element, const Series& values, std::vector<DemoCell>& cells)
    {
        const auto& periods = m_periods[element.period_type];
        std::string reporter =
            element.code.starts_with("mdph_") ? "MDPH (démonstration)" : "Conseil départemental (démonstration)";
        auto today = sys_days(m_today);
        for (std::size_t d = 0; d < m_departments.size(); ++d) {
            std::vector<double> history;
            for (std::size_t i = 0; i < periods.size(); ++i) {
                const auto& period = periods[i];
                Random draw = stream(element.code, m_departments[d], "report", static_cast<long>(i));
                if (draw.chance(0.015))
                    continue;  // never reported
                auto due = sys_days(period.last_day()) + days(element.due_days);
                bool late = draw.chance(0.12);
                auto reported = late ? due + days(1 + static_cast<int>(draw.between(0, 100)))
                                     : due - days(static_cast<int>(draw.between(0, std::min(40, element.due_days))));
                reported = std::max(reported, sys_days(period.last_day()) + days(1));
                if (reported > today)
                    continue;  // not reported yet
                DemoCell cell;
                cell.element = &element;
                cell.territory_key = m_departments[d];
                cell.period = period;
                cell.late = late;
                double value = values[d][i];
                // A 0/1 element has no spread to measure a distance with:
                // its switch from 0 to 1 is news, not an outlier.
                auto check = check_outlier(value, history);
                cell.outlier = check && check->outlier && element.maximum != 1.0;
                history.push_back(value);
                versions(cell, draw, value, reported, due, today, reporter);
                cells.push_back(std::move(cell));
            }
        }
    }

    static void versions(DemoCell& cell, Random& draw, double value, sys_days reported, sys_days due, sys_days today,
                         const std::string& reporter)
    {
        auto at = [&](sys_days day) {
            return core::Timestamp(day) + hours(7) + minutes(static_cast<int>(draw.between(0, 600)));
        };
        std::string comment;
        if (cell.late && draw.chance(0.3))
            comment = "Transmis après la date limite : données consolidées tardivement.";
        else if (draw.chance(0.01))
            comment = "Chiffre provisoire.";
        auto age = (today - due).count();
        double pick = draw.uniform();
        ValueStatus status = age > 365   ? (pick < 0.97 ? ValueStatus::Validated : ValueStatus::Submitted)
                             : age > 120 ? (pick < 0.7    ? ValueStatus::Validated
                                            : pick < 0.95 ? ValueStatus::Submitted
                                                          : ValueStatus::Draft)
                                         : (pick < 0.15   ? ValueStatus::Validated
                                            : pick < 0.65 ? ValueStatus::Submitted
                                                          : ValueStatus::Draft);
        auto created = reported;
        // Now and then a first figure corrected a few days later.
        if (draw.chance(0.04) && reported + days(20) <= today) {
            double first = value * draw.between(0.9, 1.1);
            if (cell.element->value_type == catalogue::ValueType::Integer)
                first = std::round(first);
            cell.versions.push_back({"create", first, "", ValueStatus::Draft, at(created), reporter});
            created = reported + days(1 + static_cast<int>(draw.between(0, 19)));
            cell.versions.push_back({"update", value, comment, ValueStatus::Draft, at(created), reporter});
        } else {
            cell.versions.push_back({"create", value, comment, ValueStatus::Draft, at(created), reporter});
        }
        if (status == ValueStatus::Draft)
            return;
        auto submitted = created + days(static_cast<int>(draw.between(0, 8)));
        if (submitted > today)
            return;
        cell.versions.push_back({"submit", value, comment, ValueStatus::Submitted, at(submitted), reporter});
        auto validated = submitted + days(10 + static_cast<int>(draw.between(0, 50)));
        if (status == ValueStatus::Validated && validated <= today)
            cell.versions.push_back(
                {"validate", value, comment, ValueStatus::Validated, at(validated), "ARS (démonstration)"});
    }

    const catalogue::Catalogue& m_catalogue;
    year_month_day m_today;
    std::vector<std::string> m_departments;
    std::vector<Populations> m_people;
    std::map<core::PeriodType, std::vector<core::Period>> m_periods;
    std::map<std::string, ElementValues, std::less<>> m_values;
};

}  // namespace

std::vector<core::Period> demo_periods(core::PeriodType type, year_month_day today)
{
    int year = static_cast<int>(today.year());
    unsigned month = static_cast<unsigned>(today.month());
    switch (type) {
    case core::PeriodType::Year: return core::Period::range(core::Period::year(year - 5), core::Period::year(year - 1));
    case core::PeriodType::Quarter: {
        auto last = core::Period::quarter(year, static_cast<int>((month - 1) / 3 + 1)).previous();
        auto first = last;
        for (int i = 1; i < 20; ++i)
            first = first.previous();
        return core::Period::range(first, last);
    }
    case core::PeriodType::Month: {
        auto last = core::Period::month(year, static_cast<int>(month)).previous();
        auto first = last;
        for (int i = 1; i < 60; ++i)
            first = first.previous();
        return core::Period::range(first, last);
    }
    }
    return {};
}

std::vector<DemoCell> generate_demo_values(const catalogue::Catalogue& catalogue,
                                           const territory::TerritoryRegistry& registry,
                                           const territory::PopulationTable& population, year_month_day today)
{
    return Generator(catalogue, registry, population, today).run();
}

}  // namespace boussole::collection
