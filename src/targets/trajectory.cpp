#include "targets/trajectory.hpp"

#include "core/french.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace boussole::targets {

namespace {

// Which values count as better, once Neutral is resolved by the way from the
// baseline to the target.
enum class Better { Higher, Lower, OnlyTheTarget };

Better better_of(const Trajectory& trajectory)
{
    switch (trajectory.direction) {
    case catalogue::Direction::HigherIsBetter: return Better::Higher;
    case catalogue::Direction::LowerIsBetter: return Better::Lower;
    case catalogue::Direction::Neutral: break;
    }
    if (trajectory.target > trajectory.baseline)
        return Better::Higher;
    if (trajectory.target < trajectory.baseline)
        return Better::Lower;
    return Better::OnlyTheTarget;
}

// Values read from the database or computed by ratios carry rounding noise:
// 12.000000001 reaches a target of 12.
bool at_least_as_good(double value, double reference, Better better)
{
    double tolerance = 1e-9 * std::max(1.0, std::fabs(reference));
    switch (better) {
    case Better::Higher: return value >= reference - tolerance;
    case Better::Lower: return value <= reference + tolerance;
    case Better::OnlyTheTarget: break;
    }
    return std::fabs(value - reference) <= tolerance;
}

// Days since 1970 of the first day of the period: months, quarters and years
// on one time line.
double ordinal(const core::Period& period)
{
    return static_cast<double>(std::chrono::sys_days(period.first_day()).time_since_epoch().count());
}

// "en 2025", "en juillet 2025", "au 3e trimestre 2025".
std::string at(const core::Period& period)
{
    return (period.type() == core::PeriodType::Quarter ? "au " : "en ") + period.label();
}

}  // namespace

const char* to_string(TargetStatus status)
{
    switch (status) {
    case TargetStatus::Reached: return "reached";
    case TargetStatus::OnTrack: return "on_track";
    case TargetStatus::Late: return "late";
    case TargetStatus::NotMeasurable: return "not_measurable";
    }
    return "not_measurable";
}

const char* label(TargetStatus status)
{
    switch (status) {
    case TargetStatus::Reached: return "atteinte";
    case TargetStatus::OnTrack: return "en bonne voie";
    case TargetStatus::Late: return "en retard";
    case TargetStatus::NotMeasurable: return "non mesurable";
    }
    return "non mesurable";
}

TrajectoryAssessment assess(const Trajectory& trajectory, std::optional<std::pair<core::Period, double>> latest)
{
    auto number = [&](double value) { return core::format_decimal(value, std::clamp(trajectory.decimals, 0, 6)); };
    auto goal = number(trajectory.target) + " " + at(trajectory.target_period);

    TrajectoryAssessment assessment;
    if (!latest) {
        assessment.explanation = "Pas encore de valeur mesurée : la cible de " + goal + " ne peut pas être suivie.";
        return assessment;
    }
    const auto& [period, value] = *latest;
    assessment.latest = value;
    assessment.latest_period = period;
    if (!std::isfinite(value)) {
        assessment.explanation = "La dernière valeur " + at(period) + " n'est pas un nombre : la cible de " + goal +
                                 " ne peut pas être suivie.";
        return assessment;
    }
    double now = ordinal(period);
    double start = ordinal(trajectory.baseline_period);
    double deadline = ordinal(trajectory.target_period);
    if (now < start) {
        assessment.explanation = "Dernière valeur connue " + at(period) + ", avant la période de référence (" +
                                 trajectory.baseline_period.label() + ") : la trajectoire vers " + goal +
                                 " ne peut pas encore être suivie.";
        return assessment;
    }

    // The deadline is after the baseline (targets.hpp checks it); a
    // trajectory without length expects its target at once.
    double progress = deadline > start ? std::min(1.0, (now - start) / (deadline - start)) : 1.0;
    double expected = trajectory.baseline + (trajectory.target - trajectory.baseline) * progress;
    assessment.expected_now = expected;
    auto better = better_of(trajectory);
    auto measured = number(value) + " " + at(period);

    if (at_least_as_good(value, trajectory.target, better)) {
        assessment.status = TargetStatus::Reached;
        assessment.explanation = measured + " : cible de " + goal + " atteinte.";
        return assessment;
    }
    if (now > deadline) {
        assessment.status = TargetStatus::Late;
        assessment.explanation = measured + " : l'échéance (" + trajectory.target_period.label() +
                                 ") est passée sans que la cible de " + number(trajectory.target) + " soit atteinte.";
        return assessment;
    }
    assessment.status = at_least_as_good(value, expected, better) ? TargetStatus::OnTrack : TargetStatus::Late;
    assessment.explanation = measured + " pour " + number(expected) + " attendu sur la trajectoire vers " + goal +
                             " : " + label(assessment.status) + ".";
    return assessment;
}

}  // namespace boussole::targets
