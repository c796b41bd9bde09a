// Checking a formula against the catalogue before an indicator is saved
// (formula.hpp): every code known, no constant zero divisor, no loop between
// indicators, periods that fit into the indicator's periodicity.
#include "catalogue/formula.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace boussole::catalogue {

namespace {

// "par trimestre", "par année"
std::string per(core::PeriodType type)
{
    switch (type) {
    case core::PeriodType::Month: return "par mois";
    case core::PeriodType::Quarter: return "par trimestre";
    case core::PeriodType::Year: return "par année";
    }
    return "par année";
}

std::string position_text(std::size_t position)
{
    return " (position " + std::to_string(position) + ")";
}

std::string lowered(std::string_view text)
{
    std::string result(text);
    for (auto& c : result)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string suggestion_sentence(const std::vector<std::string>& codes, const char* prefix)
{
    if (codes.empty())
        return "";
    std::string text = " Vouliez-vous dire : ";
    for (std::size_t i = 0; i < codes.size(); ++i)
        text += (i == 0 ? "" : ", ") + std::string(prefix) + codes[i];
    return text + " ?";
}

class Checker {
public:
    Checker(const Formula& formula, const FormulaContext& context) : m_formula(formula), m_context(context)
    {
        for (const auto& element : context.catalogue->elements())
            m_element_codes.push_back(element.code);
        for (const auto& indicator : context.catalogue->indicators())
            m_indicator_codes.push_back(indicator.code);
    }

    // The problems in the order of the text, so that a person fixes them from
    // left to right.
    std::vector<FormulaProblem> run()
    {
        visit(m_formula.root());
        check_cycles();
        std::stable_sort(m_problems.begin(), m_problems.end(), [](const FormulaProblem& a, const FormulaProblem& b) {
            return a.position.value_or(0) < b.position.value_or(0);
        });
        return std::move(m_problems);
    }

private:
    void add(ProblemKind kind, std::string message, std::optional<std::size_t> position)
    {
        m_problems.push_back({kind, std::move(message), position});
    }

    void visit(const Node& node)
    {
        switch (node.kind) {
        case NodeKind::Element: element(node); break;
        case NodeKind::Indicator: indicator(node); break;
        case NodeKind::Divide:
            if (auto divisor = fold_constant(node.children[1]); divisor && *divisor == 0)
                add(ProblemKind::DivisionByZero,
                    "Division par zéro" + position_text(node.position) + " : le diviseur « " +
                        format_formula(node.children[1], [](const Node& leaf) { return leaf.code; }) +
                        " » vaut toujours 0. Corrigez le diviseur.",
                    node.position);
            break;
        default: break;
        }
        for (const auto& child : node.children)
            visit(child);
    }

    void element(const Node& node)
    {
        if (!m_seen.insert("e:" + node.code).second)
            return;
        const auto* found = m_context.catalogue->find_element(node.code);
        if (!found) {
            std::string message =
                "Donnée « " + node.code + " » inconnue du catalogue" + position_text(node.position) + ".";
            if (m_context.catalogue->find_indicator(node.code))
                message += " C'est un indicateur : écrivez ind:" + node.code + ".";
            else if (auto close = close_codes(node.code, m_element_codes); !close.empty())
                message += suggestion_sentence(close, "");
            else
                message += " Consultez la liste des données sur la page Catalogue.";
            add(ProblemKind::UnknownElement, std::move(message), node.position);
            return;
        }
        period(node, "La donnée « ", "collectée ", "elle", found->period_type);
        if (found->period_type != m_context.periodicity && core::fits_into(found->period_type, m_context.periodicity) &&
            found->time_aggregation == TimeAggregation::None)
            add(ProblemKind::NotAggregable,
                "La donnée « " + node.code + " »" + position_text(node.position) + " est collectée " +
                    per(found->period_type) + " et sa règle d'agrégation dans le temps (« " +
                    label(found->time_aggregation) +
                    " ») interdit de regrouper ses périodes : calculez "
                    "l'indicateur " +
                    per(found->period_type) + " ou changez la règle de la donnée.",
                node.position);
    }

    void indicator(const Node& node)
    {
        if (!m_seen.insert("i:" + node.code).second)
            return;
        const auto* found = m_context.catalogue->find_indicator(node.code);
        if (!found) {
            std::string message =
                "Indicateur « " + node.code + " » inconnu du catalogue" + position_text(node.position) + ".";
            if (m_context.catalogue->find_element(node.code))
                message += " C'est une donnée : écrivez " + node.code + " sans « ind: ».";
            else if (auto close = close_codes(node.code, m_indicator_codes); !close.empty())
                message += suggestion_sentence(close, "ind:");
            else
                message += " Consultez la liste des indicateurs sur la page Catalogue.";
            add(ProblemKind::UnknownIndicator, std::move(message), node.position);
            return;
        }
        if (found->kind == IndicatorKind::Equity) {
            add(ProblemKind::EquityReference,
                "L'indicateur « " + node.code + " »" + position_text(node.position) +
                    " mesure une dispersion entre "
                    "départements : il n'a pas de valeur par territoire et ne peut entrer dans une formule. Citez "
                    "plutôt "
                    "l'indicateur dont il mesure la dispersion (ind:" +
                    found->base_indicator_code + ").",
                node.position);
            return;
        }
        period(node, "L'indicateur « ", "calculé ", "il", found->periodicity);
    }

    void period(const Node& node, const char* what, const char* made, const char* pronoun, core::PeriodType type)
    {
        if (core::fits_into(type, m_context.periodicity))
            return;
        add(ProblemKind::PeriodMismatch,
            what + node.code + " »" + position_text(node.position) + " est " + made + per(type) + " : " + pronoun +
                " ne peut pas entrer dans un indicateur calculé " + per(m_context.periodicity) +
                ". Choisissez une référence de même périodicité ou plus fine, ou changez la périodicité de "
                "l'indicateur.",
            node.position);
    }

    // The indicators an indicator refers to: its formulas' ind: codes and its
    // base indicator.
    const std::vector<std::string>& references_of(const std::string& code)
    {
        auto cached = m_references.find(code);
        if (cached != m_references.end())
            return cached->second;
        std::vector<std::string> references;
        if (const auto* indicator = m_context.catalogue->find_indicator(code)) {
            for (const auto* text : {&indicator->numerator, &indicator->denominator})
                if (auto parsed = Formula::try_parse(*text); parsed.formula)
                    for (auto& reference : parsed.formula->indicator_codes())
                        references.push_back(std::move(reference));
            if (!indicator->base_indicator_code.empty())
                references.push_back(indicator->base_indicator_code);
        }
        return m_references.emplace(code, std::move(references)).first->second;
    }

    // A loop back to the indicator being saved, through the indicators this
    // formula names, or any loop among them (which a save should have
    // refused, but a hand-edited database might hold).
    void check_cycles()
    {
        const auto& owner = m_context.indicator_code;
        std::vector<std::string> path;
        if (!owner.empty())
            path.push_back(owner);
        std::set<std::string> finished;
        std::function<bool(const std::string&)> walk = [&](const std::string& code) {
            auto loop = std::find(path.begin(), path.end(), code);
            if (loop != path.end()) {
                std::string chain;
                for (auto it = loop; it != path.end(); ++it)
                    chain += "ind:" + *it + " → ";
                report_cycle(chain + "ind:" + code);
                return true;
            }
            if (finished.count(code) || !m_context.catalogue->find_indicator(code))
                return false;
            path.push_back(code);
            for (const auto& next : references_of(code))
                if (walk(next))
                    return true;
            path.pop_back();
            finished.insert(code);
            return false;
        };
        for (const auto& code : m_formula.indicator_codes())
            if (walk(code))
                return;
    }

    void report_cycle(const std::string& chain)
    {
        std::optional<std::size_t> position;
        std::function<void(const Node&)> first = [&](const Node& node) {
            if (!position && node.kind == NodeKind::Indicator)
                position = node.position;
            for (const auto& child : node.children)
                first(child);
        };
        first(m_formula.root());
        add(ProblemKind::Cycle,
            "Référence circulaire : " + chain +
                ". Un indicateur ne peut pas dépendre de lui-même, même par "
                "l'intermédiaire d'un autre : retirez l'une de ces références.",
            position);
    }

    const Formula& m_formula;
    const FormulaContext& m_context;
    std::vector<std::string> m_element_codes;
    std::vector<std::string> m_indicator_codes;
    std::set<std::string> m_seen;
    std::map<std::string, std::vector<std::string>> m_references;
    std::vector<FormulaProblem> m_problems;
};

}  // namespace

std::vector<FormulaProblem> check_formula(std::string_view text, const FormulaContext& context)
{
    auto outcome = Formula::try_parse(text);
    if (!outcome.formula)
        return {*outcome.problem};
    return Checker(*outcome.formula, context).run();
}

std::vector<std::string> close_codes(std::string_view code, const std::vector<std::string>& candidates,
                                     std::size_t limit)
{
    // A code longer than any catalogue code is no typo, and comparing it
    // would cost its length times every candidate's.
    if (code.size() > 100)
        return {};
    auto wanted = lowered(code);
    std::size_t tolerance = std::max<std::size_t>(2, wanted.size() / 4);
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& candidate : candidates) {
        auto distance = edit_distance(wanted, candidate);
        // A code cut short or completed ("mdph_decision", "decisions") is
        // close even when many characters differ.
        bool contains = wanted.size() >= 4 && (candidate.find(wanted) != std::string::npos ||
                                               (candidate.size() >= 4 && wanted.find(candidate) != std::string::npos));
        if (distance <= tolerance || contains)
            ranked.emplace_back(contains ? std::min(distance, tolerance) : distance, candidate);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> result;
    for (std::size_t i = 0; i < ranked.size() && i < limit; ++i)
        result.push_back(ranked[i].second);
    return result;
}

core::Error formula_error(std::string_view field, std::string_view label, std::string_view text,
                          const std::vector<FormulaProblem>& problems)
{
    std::string message(label);
    message += " : ";
    std::vector<core::FieldError> fields;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        message += (i == 0 ? "" : " ") + problems[i].message;
        fields.push_back(
            {std::string(field), std::string(label) + " : " + problems[i].message, std::nullopt, std::string(text)});
    }
    return core::Error::invalid(std::move(message), std::move(fields));
}

}  // namespace boussole::catalogue
