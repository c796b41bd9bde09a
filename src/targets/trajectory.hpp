#pragma once
// Where an indicator stands against its target: a straight line from the
// baseline (period, value) to the target (deadline, value), and the latest
// value of the indicator compared with it. A pure function: the values are
// computed elsewhere (the analytics module) and passed in. Thread-safe.

#include "catalogue/catalogue.hpp"
#include "core/period.hpp"

#include <optional>
#include <string>
#include <utility>

namespace boussole::targets {

enum class TargetStatus { Reached, OnTrack, Late, NotMeasurable };

const char* to_string(TargetStatus status);  // "reached", "on_track", "late", "not_measurable"
const char* label(TargetStatus status);      // "atteinte", "en bonne voie", "en retard", "non mesurable"

struct Trajectory {
    core::Period baseline_period = core::Period::year(2000);
    double baseline = 0;
    core::Period target_period = core::Period::year(2000);  // the deadline
    double target = 0;
    catalogue::Direction direction = catalogue::Direction::Neutral;
    int decimals = 1;  // how the explanation shows the values (the indicator's decimals)
};

struct TrajectoryAssessment {
    TargetStatus status = TargetStatus::NotMeasurable;
    // The value the trajectory expects at the latest period (the target once
    // the deadline is past); absent when not measurable.
    std::optional<double> expected_now;
    std::optional<double> latest;
    std::optional<core::Period> latest_period;
    // One French sentence: « 12,4 en 2025 pour 13,0 attendu sur la
    // trajectoire vers 15,0 en 2029 : en retard. »
    std::string explanation;
};

// latest: the most recent (period, value) of the indicator for the territory,
// at the indicator's periodicity; empty when nothing is measured yet.
//
// "Better" follows the direction: larger for HigherIsBetter, smaller for
// LowerIsBetter, and for Neutral the way from the baseline to the target
// (when they are equal, only the target value itself counts as reached).
// Reached: the latest value is at least as good as the target, whenever it
// was measured after the baseline. Otherwise the expected value is
// interpolated linearly between the baseline and the target on the first
// days of the periods, and clamped to the target after the deadline: OnTrack
// when the latest value is at least as good as expected before the
// deadline, Late otherwise (and always Late after the deadline).
// NotMeasurable: no latest value, or one from before the baseline period.
TrajectoryAssessment assess(const Trajectory& trajectory, std::optional<std::pair<core::Period, double>> latest);

}  // namespace boussole::targets
