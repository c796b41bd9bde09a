// What a commitment shows: its members and where it stands.
#include "conventions/commitments.hpp"

namespace boussole::conventions {

namespace {

nlohmann::json optional_number(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json optional_period(const std::optional<core::Period>& period)
{
    return period ? nlohmann::json(period->to_string()) : nlohmann::json(nullptr);
}

nlohmann::json optional_text(const std::string& text)
{
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

targets::TrajectoryAssessment assess_commitment(const Commitment& commitment, const catalogue::Catalogue& catalogue,
                                                const std::vector<territory::TerritoryKey>& territories,
                                                const LatestValue& latest)
{
    const auto* indicator = commitment.indicator.empty() ? nullptr : catalogue.find_indicator(commitment.indicator);
    if (!indicator || !commitment.baseline_period || !commitment.baseline_value || !commitment.target_value ||
        !commitment.deadline) {
        targets::TrajectoryAssessment none;
        none.explanation = indicator ? "Non mesurable : la référence, la cible ou l'échéance manque."
                                     : "Non mesurable : l'engagement n'a pas d'indicateur.";
        return none;
    }
    targets::Trajectory trajectory{*commitment.baseline_period, *commitment.baseline_value, *commitment.deadline,
                                   *commitment.target_value,    indicator->direction,       indicator->decimals};
    return targets::assess(trajectory, latest ? latest(*indicator, territories) : std::nullopt);
}

nlohmann::json to_json(const Commitment& commitment, const targets::TrajectoryAssessment* assessment)
{
    nlohmann::json json = {{"id", commitment.id},
                           {"convention_id", commitment.convention_id},
                           {"section", to_string(commitment.section)},
                           {"section_label", label(commitment.section)},
                           {"partner", optional_text(commitment.partner)},
                           {"from_template", commitment.template_item_id.has_value()},
                           {"priority", commitment.priority},
                           {"title", commitment.title},
                           {"text", commitment.text},
                           {"lead", commitment.lead},
                           {"contributors", commitment.contributors},
                           {"indicator", optional_text(commitment.indicator)},
                           {"baseline_period", optional_period(commitment.baseline_period)},
                           {"baseline_value", optional_number(commitment.baseline_value)},
                           {"target_value", optional_number(commitment.target_value)},
                           {"deadline", optional_period(commitment.deadline)},
                           {"national_target", optional_number(commitment.national_target)},
                           {"final_assessment", optional_text(commitment.final_assessment)},
                           {"deleted", commitment.deleted},
                           {"version", commitment.version},
                           {"updated_at", core::to_iso8601(commitment.updated_at)},
                           {"updated_by", commitment.updated_by}};
    if (assessment) {
        json["status"] = targets::to_string(assessment->status);
        json["status_label"] = targets::label(assessment->status);
        json["status_explanation"] = assessment->explanation;
        json["latest_value"] = optional_number(assessment->latest);
        json["latest_period"] = optional_period(assessment->latest_period);
    }
    return json;
}

}  // namespace boussole::conventions
