#pragma once
// What the national and territorial dashboards share: the framework's axes
// and priorities with their indicators, and the French texts of one
// indicator's summary (value, trend, target, equity, completeness, flags)
// as the templates read them. Every colour of a badge repeats a word.

#include "framework/framework.hpp"
#include "web/analytics_views.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace boussole::web::pages {

// The indicator page of the catalogue, for a territory ("?territoire=DEP-33")
// unless it is the nation.
std::string indicator_href(const catalogue::Indicator& indicator, const territory::TerritoryKey& territory);

// The axes with their priorities, each with the views view() gives for the
// indicators that follow it: {axes: [{code, number, title, anchor,
// priorities: [{code, number, title, caption, anchor, indicators: […],
// has_indicators}]}], others, has_others}. The indicators following no
// priority of the framework are in others, shaped as a priority. view gets
// the priority's code ("autres" for others), to make ids unique on a page
// where an indicator follows two priorities.
nlohmann::json framework_sections(
    const framework::Framework& framework, const catalogue::Catalogue& catalogue,
    const std::function<nlohmann::json(const catalogue::Indicator&, const std::string& section)>& view);

// The cells of one summary: value, period, trend (with its sparkline when
// sparkline_id is not empty), target, completeness, flags.
nlohmann::json summary_view(const analytics_views::Summary& summary, const std::string& sparkline_id);

// "En hausse depuis 2024 (11,9 %) : amélioration."
std::string trend_text(const analytics_views::Summary& summary);

// "12e sur 101", "1er sur 18"
std::string rank_text(int rank, int count);

// "+1,2 point", "-3 places": a difference with its sign and unit.
std::string gap_text(double gap, const catalogue::Indicator& indicator);

// "2021 : 12,3 % ; 2022 : 12,8 %": the text alternative of a small chart.
std::string history_text(const std::vector<analytics_views::HistoryPoint>& history,
                         const catalogue::Indicator& indicator);

// The notice at the top of a dashboard: what the public sees, or that
// figures under validation are included and flagged.
nlohmann::json audience_notice(analytics_views::Audience audience);

}  // namespace boussole::web::pages
