#include "web/pages/dashboard_views.hpp"

#include "core/french.hpp"
#include "render/svg_charts.hpp"
#include "web/http/url.hpp"

#include <cmath>
#include <set>

namespace boussole::web::pages {

namespace {

using analytics_views::Summary;
using analytics_views::Trend;
using analytics_views::TrendMeaning;

std::string capitalised(std::string text)
{
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

const char* status_badge(targets::TargetStatus status)
{
    switch (status) {
    case targets::TargetStatus::Reached: return "fr-badge--success";
    case targets::TargetStatus::OnTrack: return "fr-badge--info";
    case targets::TargetStatus::Late: return "fr-badge--error";
    case targets::TargetStatus::NotMeasurable: return "";
    }
    return "";
}

nlohmann::json target_view(const Summary& summary)
{
    if (!summary.target || !summary.assessment)
        return nullptr;
    const auto& target = *summary.target;
    const auto& indicator = *summary.indicator;
    return {{"status", capitalised(targets::label(summary.assessment->status))},
            {"badge_class", status_badge(summary.assessment->status)},
            {"target", "Cible " + std::string(targets::label(target.scope)) + " : " +
                           analytics_views::value_text(target.target_value, indicator) + " en " +
                           target.target_period.label()},
            {"explanation", summary.assessment->explanation}};
}

nlohmann::json trend_view(const Summary& summary)
{
    const char* icon = summary.trend == Trend::Up     ? "fr-icon-arrow-right-up-line"
                       : summary.trend == Trend::Down ? "fr-icon-arrow-right-down-line"
                                                      : "fr-icon-arrow-right-line";
    const char* badge = summary.meaning == TrendMeaning::Better  ? "success"
                        : summary.meaning == TrendMeaning::Worse ? "error"
                                                                 : "info";
    return {
        {"text", trend_text(summary)}, {"icon", icon}, {"badge", badge}, {"known", summary.trend != Trend::Unknown}};
}

nlohmann::json flags_view(const Summary& summary)
{
    nlohmann::json flags = nlohmann::json::array();
    if (summary.value && summary.figure.includes_unvalidated)
        flags.push_back({{"label", "inclut des valeurs non validées"}, {"badge", "warning"}});
    if (summary.value && summary.figure.includes_synthetic)
        flags.push_back({{"label", "données de démonstration"}, {"badge", "new"}});
    if (summary.newer_withheld)
        flags.push_back({{"label", "valeur plus récente en cours de validation"}, {"badge", "info"}});
    return flags;
}

std::string equity_text(const Summary& summary)
{
    const auto& indicator = *summary.indicator;
    std::string text;
    if (summary.cv)
        text = "Coefficient de variation entre départements : " + core::format_decimal(*summary.cv, 1) + "\u00a0%";
    if (summary.rank)
        text += (text.empty() ? "" : " ; ") + rank_text(*summary.rank, summary.ranked);
    if (summary.gap_to_nation)
        text += (text.empty() ? "" : " ; ") + std::string("écart à la France : ") +
                gap_text(*summary.gap_to_nation, indicator);
    return text.empty() ? "–" : text;
}

}  // namespace

std::string indicator_href(const catalogue::Indicator& indicator, const territory::TerritoryKey& territory)
{
    std::string href = "/indicateurs/" + http::percent_encode(indicator.code);
    if (territory.level() != territory::Level::Nation)
        href += "?territoire=" + territory.to_string();
    return href;
}

nlohmann::json framework_sections(
    const framework::Framework& framework, const catalogue::Catalogue& catalogue,
    const std::function<nlohmann::json(const catalogue::Indicator&, const std::string& section)>& view)
{
    std::set<std::string> placed;
    nlohmann::json axes = nlohmann::json::array();
    for (const auto& axis : framework.axes) {
        nlohmann::json priorities = nlohmann::json::array();
        for (const auto* priority : framework.priorities_of(axis.code)) {
            nlohmann::json indicators = nlohmann::json::array();
            for (const auto* indicator : catalogue.indicators_of_priority(priority->code)) {
                indicators.push_back(view(*indicator, priority->code));
                placed.insert(indicator->code);
            }
            priorities.push_back(
                {{"code", priority->code},
                 {"number", priority->position},
                 {"title", priority->title},
                 {"caption", "Priorité " + std::to_string(priority->position) + ". " + priority->title},
                 {"anchor", "priorite-" + priority->code},
                 {"has_indicators", !indicators.empty()},
                 {"indicators", indicators}});
        }
        axes.push_back({{"code", axis.code},
                        {"number", axis.position},
                        {"title", axis.title},
                        {"anchor", "axe-" + axis.code},
                        {"priorities", priorities}});
    }
    nlohmann::json others = nlohmann::json::array();
    for (const auto& indicator : catalogue.indicators())
        if (!placed.count(indicator.code))
            others.push_back(view(indicator, "autres"));
    nlohmann::json rest{{"code", "autres"},
                        {"caption", "Autres indicateurs"},
                        {"has_indicators", !others.empty()},
                        {"indicators", others}};
    return {{"axes", axes}, {"others", rest}, {"has_others", !others.empty()}};
}

nlohmann::json summary_view(const Summary& summary, const std::string& sparkline_id)
{
    const auto& indicator = *summary.indicator;
    std::string missing = !summary.applicable      ? "Sans objet : l'indicateur mesure l'écart entre départements"
                          : summary.newer_withheld ? "Non publiée : inclut des valeurs en cours de validation"
                                                   : "Pas encore de donnée";
    nlohmann::json view{{"code", indicator.code},
                        {"name", indicator.name},
                        {"has_value", summary.value.has_value()},
                        {"value", analytics_views::value_text(summary.value, indicator)},
                        {"missing", missing},
                        {"period", summary.period ? summary.period->label() : ""},
                        {"trend", trend_view(summary)},
                        {"target", target_view(summary)},
                        {"equity", equity_text(summary)},
                        {"completeness", summary.value ? analytics_views::completeness_text(summary.figure) : "–"},
                        {"complete", summary.figure.complete()},
                        {"flags", flags_view(summary)},
                        {"history", history_text(summary.history, indicator)}};
    if (!sparkline_id.empty() && summary.history.size() > 1) {
        std::vector<std::optional<double>> values;
        for (const auto& point : summary.history)
            values.push_back(point.value);
        view["sparkline"] = render::sparkline(
            values, "Évolution de « " + indicator.name + " » : " + history_text(summary.history, indicator),
            sparkline_id);
    }
    return view;
}

std::string trend_text(const Summary& summary)
{
    if (summary.trend == Trend::Unknown || !summary.previous || !summary.previous_period)
        return "Pas de période précédente à comparer.";
    const auto& indicator = *summary.indicator;
    std::string since = " depuis " + summary.previous_period->label() + " (" +
                        analytics_views::value_text(summary.previous, indicator) + ")";
    if (summary.trend == Trend::Stable)
        return "Stable" + since + ".";
    std::string text = (summary.trend == Trend::Up ? "En hausse" : "En baisse") + since;
    if (summary.meaning == TrendMeaning::Better)
        return text + " : amélioration.";
    if (summary.meaning == TrendMeaning::Worse)
        return text + " : dégradation.";
    return text + ".";
}

std::string rank_text(int rank, int count)
{
    return std::to_string(rank) + (rank == 1 ? "er" : "e") + " sur " + std::to_string(count);
}

std::string gap_text(double gap, const catalogue::Indicator& indicator)
{
    std::string number = core::format_decimal(gap, indicator.decimals);
    if (gap > 0 && number.find_first_not_of("0,\u00a0") != std::string::npos)
        number = "+" + number;
    if (indicator.unit == "%")
        return number + "\u00a0point" + (std::abs(gap) >= 2 ? "s" : "");
    return indicator.unit.empty() ? number : number + "\u00a0" + indicator.unit;
}

std::string history_text(const std::vector<analytics_views::HistoryPoint>& history,
                         const catalogue::Indicator& indicator)
{
    std::string text;
    for (const auto& point : history)
        text += (text.empty() ? "" : " ; ") + point.period.label() + " : " +
                (point.value ? analytics_views::value_text(point.value, indicator) : "pas de valeur");
    return text.empty() ? "aucune valeur" : text;
}

nlohmann::json audience_notice(analytics_views::Audience audience)
{
    if (audience == analytics_views::Audience::Public)
        return {{"title", "Chiffres publics : valeurs validées seulement"},
                {"text",
                 "Un chiffre qui inclut une valeur en cours de validation n'est pas publié ; le tableau montre alors "
                 "le dernier chiffre validé. Les personnes connectées voient aussi les chiffres en cours de "
                 "validation, signalés."},
                {"sign_in", true}};
    return {{"title", "Chiffres en cours de validation inclus"},
            {"text",
             "Les chiffres incluent les valeurs transmises ou en brouillon, signalées par la mention « inclut des "
             "valeurs non validées ». Le public ne voit que les chiffres entièrement validés."},
            {"sign_in", false}};
}

}  // namespace boussole::web::pages
