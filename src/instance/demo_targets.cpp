#include "instance/demo_targets.hpp"

#include "analytics/analytics.hpp"
#include "catalogue/catalogue.hpp"
#include "targets/targets.hpp"
#include "territory/registry.hpp"

#include <optional>

namespace boussole::instance {

namespace {

// The deadline: the end of the 2026–2029 convention period, at the
// indicator's periodicity.
core::Period deadline(core::PeriodType type)
{
    switch (type) {
    case core::PeriodType::Month: return core::Period::month(2029, 12);
    case core::PeriodType::Quarter: return core::Period::quarter(2029, 4);
    case core::PeriodType::Year: break;
    }
    return core::Period::year(2029);
}

struct Anchor {
    core::Period period;
    double value;
};

std::optional<Anchor> first_value(const analytics::Grid& grid, int row)
{
    for (int p = grid.first; p < grid.first + grid.count; ++p)
        if (double value = grid.value(row, p); analytics::has_value(value))
            return Anchor{analytics::period_at(grid.type, p), value};
    return std::nullopt;
}

// Three ambitions in turn: the latest value itself (reached), a small step
// (on track where the data moves that way), a large one (late).
double ambition(int rank, double baseline, double latest, catalogue::Direction direction)
{
    const double sign = direction == catalogue::Direction::LowerIsBetter ? -1.0 : 1.0;
    switch (rank % 3) {
    case 0: return latest == baseline ? baseline * (1 + sign * 0.01) : latest;
    case 1: return baseline * (1 + sign * 0.05);
    default: return baseline * (1 + sign * 0.40);
    }
}

}  // namespace

core::Result<int> create_demo_targets(storage::Database& database)
{
    std::optional<territory::TerritoryRegistry> loaded_registry;
    std::optional<catalogue::Catalogue> loaded_catalogue;
    {
        auto connection = database.acquire();  // given back before the write takes one
        loaded_registry = territory::TerritoryRegistry::load(*connection);
        loaded_catalogue = catalogue::Catalogue::load(*connection);
    }
    const auto& registry = *loaded_registry;
    const auto& catalogue = *loaded_catalogue;
    analytics::Analytics analytics(registry);
    analytics.catch_up(database);

    const auto principal = access::Principal::system("démonstration");
    const territory::TerritoryKey territories[] = {territory::TerritoryKey::nation(),
                                                   territory::TerritoryKey::department("33")};
    return database.write([&](storage::Connection& writer) -> core::Result<int> {
        int created = 0;
        int rank = 0;
        for (const auto& indicator : catalogue.indicators()) {
            if (rank == kDemoTargetIndicators)
                break;
            if (indicator.kind != catalogue::IndicatorKind::Ratio ||
                indicator.direction == catalogue::Direction::Neutral)
                continue;
            auto grid = analytics.grid(catalogue, indicator, indicator.periodicity);
            if (!grid)
                continue;
            bool used = false;
            for (const auto& key : territories) {
                auto row = analytics.layout().row_of(key);
                auto latest = row ? grid->latest(*row) : std::nullopt;
                auto baseline = row ? first_value(*grid, *row) : std::nullopt;
                if (!latest || !baseline || baseline->period == deadline(indicator.periodicity))
                    continue;
                targets::TargetInput input;
                input.indicator = indicator.code;
                input.territory = key.to_string();
                input.scope = "national";
                input.baseline_period = baseline->period.to_string();
                input.baseline_value = baseline->value;
                input.target_period = deadline(indicator.periodicity).to_string();
                input.target_value = ambition(rank, baseline->value, grid->value(*row, *latest), indicator.direction);
                input.comment = "Cible de démonstration (fictive), fixée à partir des valeurs synthétiques.";
                auto target = targets::set_target(writer, principal, registry, catalogue, input);
                used = true;
                if (!target.ok()) {
                    if (target.error().code == core::ErrorCode::Conflict)
                        continue;  // set by an earlier run
                    return std::move(target).error();
                }
                ++created;
            }
            rank += used ? 1 : 0;
        }
        return created;
    });
}

}  // namespace boussole::instance
