#include "catalogue/validation.hpp"

#include "catalogue/formula.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::catalogue {

namespace {

// The faults of one entry, gathered so that a form shows them all at once.
class Faults {
public:
    void add(std::string field, std::string message, std::optional<std::string> value = std::nullopt)
    {
        m_errors.push_back({std::move(field), std::move(message), std::nullopt, std::move(value)});
    }

    void text(const char* field, const char* label, const std::string& value, std::size_t minimum, std::size_t maximum)
    {
        if (!core::is_valid_utf8(value)) {
            add(field, std::string(label) + " : caractères illisibles, saisissez le texte en UTF-8.");
            return;
        }
        auto length = core::utf8_length(value);
        if (length < minimum && minimum == 1)
            add(field, std::string(label) + " : obligatoire (" + std::to_string(maximum) + " caractères au plus).");
        else if (length < minimum || length > maximum)
            add(field,
                std::string(label) + " : de " + std::to_string(minimum) + " à " + std::to_string(maximum) +
                    " caractères (" + std::to_string(length) + " saisis).",
                value.substr(0, 200));
    }

    void code(const std::string& value)
    {
        if (!is_valid_code(value))
            add("code",
                "Code : de 2 à 63 caractères, lettres minuscules sans accent, chiffres et « _ », en "
                "commençant par une lettre (ex. mdph_decisions).",
                core::is_valid_utf8(value) ? value.substr(0, 100) : "");
    }

    void append(std::vector<core::FieldError> errors)
    {
        for (auto& error : errors)
            m_errors.push_back(std::move(error));
    }

    std::vector<core::FieldError> take() { return std::move(m_errors); }

    core::Status finish()
    {
        if (m_errors.empty())
            return {};
        std::string message = m_errors.size() == 1
                                  ? m_errors.front().message
                                  : std::to_string(m_errors.size()) + " champs à corriger. " + m_errors.front().message;
        return core::Error::invalid(std::move(message), std::move(m_errors));
    }

private:
    std::vector<core::FieldError> m_errors;
};

std::string suggest(const std::string& code, const std::vector<std::string>& candidates)
{
    auto close = close_codes(code, candidates);
    if (close.empty())
        return " Consultez le catalogue pour choisir un code existant.";
    std::string text = " Vouliez-vous dire : ";
    for (std::size_t i = 0; i < close.size(); ++i)
        text += (i == 0 ? "" : ", ") + close[i];
    return text + " ?";
}

template <typename Entry>
std::vector<std::string> codes_of(const std::vector<Entry>& entries)
{
    std::vector<std::string> codes;
    for (const auto& entry : entries)
        codes.push_back(entry.code);
    return codes;
}

void source_exists(const std::string& code, const Catalogue& catalogue, Faults& faults)
{
    if (code.empty())
        faults.add("source_code", "Source : obligatoire, choisissez le système d'information d'où vient la donnée.");
    else if (!catalogue.find_source(code))
        faults.add("source_code", "Source « " + code + " » inconnue." + suggest(code, codes_of(catalogue.sources())),
                   code);
}

void check_formula_field(const Indicator& indicator, const Catalogue& catalogue, const char* field, const char* label,
                         const std::string& text, Faults& faults)
{
    FormulaContext context{&catalogue, indicator.periodicity, indicator.code};
    auto problems = check_formula(text, context);
    if (!problems.empty()) {
        faults.append(formula_error(field, label, text, problems).fields);
        return;
    }
    auto formula = Formula::try_parse(text).formula;
    if (std::string_view(field) == "numerator" && formula->element_codes().empty() &&
        formula->indicator_codes().empty())
        faults.add(field,
                   std::string(label) +
                       " : citez au moins une donnée ou un indicateur ; une constante seule "
                       "ne mesure rien.",
                   text);
    if (std::string_view(field) == "denominator" && formula->constant_value() == 0.0)
        faults.add(field,
                   std::string(label) +
                       " : vaut toujours 0, le ratio serait une division par zéro. "
                       "Corrigez-le, ou laissez-le vide pour diviser par 1.",
                   text);
}

// The checks of an indicator that depend on the rest of the catalogue: its
// formulas or its base indicator.
std::vector<core::FieldError> reference_faults(const Indicator& indicator, const Catalogue& catalogue)
{
    Faults faults;
    if (indicator.kind == IndicatorKind::Ratio) {
        if (indicator.numerator.empty())
            faults.add("numerator", "Numérateur : obligatoire, par exemple « mdph_jours_traitement_cumules ».");
        else
            check_formula_field(indicator, catalogue, "numerator", "Numérateur", indicator.numerator, faults);
        if (!indicator.denominator.empty())
            check_formula_field(indicator, catalogue, "denominator", "Dénominateur", indicator.denominator, faults);
        if (!indicator.base_indicator_code.empty())
            faults.add("base_indicator_code",
                       "Indicateur de base : réservé aux indicateurs de dispersion (nature "
                       "equity) ; videz-le pour un ratio.");
        if (indicator.statistic)
            faults.add("statistic",
                       "Mesure de dispersion : réservée aux indicateurs de dispersion (nature equity) ; "
                       "videz-la pour un ratio.");
        return faults.take();
    }
    if (!indicator.numerator.empty() || !indicator.denominator.empty())
        faults.add(indicator.numerator.empty() ? "denominator" : "numerator",
                   "Un indicateur de dispersion n'a ni numérateur ni dénominateur : il mesure l'écart entre "
                   "départements de son indicateur de base. Videz les deux formules.");
    if (!indicator.statistic)
        faults.add("statistic",
                   "Mesure de dispersion : obligatoire, cv (coefficient de variation), stddev (écart "
                   "type) ou max_min_ratio (rapport entre le maximum et le minimum).");
    const auto& base_code = indicator.base_indicator_code;
    if (base_code.empty()) {
        faults.add("base_indicator_code",
                   "Indicateur de base : obligatoire, l'indicateur dont on mesure la "
                   "dispersion entre départements.");
        return faults.take();
    }
    const auto* base = catalogue.find_indicator(base_code);
    if (base_code == indicator.code)
        faults.add("base_indicator_code", "Indicateur de base : un indicateur ne peut mesurer sa propre dispersion.",
                   base_code);
    else if (!base)
        faults.add(
            "base_indicator_code",
            "Indicateur de base « " + base_code + " » inconnu." + suggest(base_code, codes_of(catalogue.indicators())),
            base_code);
    else if (base->kind != IndicatorKind::Ratio)
        faults.add("base_indicator_code",
                   "Indicateur de base « " + base_code +
                       " » : c'est déjà une dispersion ; "
                       "choisissez un ratio, qui a une valeur par département.",
                   base_code);
    else if (!core::fits_into(base->periodicity, indicator.periodicity))
        faults.add("periodicity", std::string("Périodicité : l'indicateur de base est calculé par ") +
                                      core::label(base->periodicity) + ", sa dispersion ne peut l'être par " +
                                      core::label(indicator.periodicity) +
                                      ". Choisissez une périodicité égale ou "
                                      "plus longue.");
    return faults.take();
}

bool cites(const Indicator& indicator, const std::string& code, bool as_indicator)
{
    for (const auto* text : {&indicator.numerator, &indicator.denominator}) {
        auto parsed = Formula::try_parse(*text);
        if (!parsed.formula)
            continue;
        auto codes = as_indicator ? parsed.formula->indicator_codes() : parsed.formula->element_codes();
        if (std::find(codes.begin(), codes.end(), code) != codes.end())
            return true;
    }
    return as_indicator && indicator.base_indicator_code == code;
}

// Indicators citing the entry must stay valid with the entry as it would be.
void check_dependent_indicators(const std::string& code, bool as_indicator, const Catalogue& catalogue, Faults& faults)
{
    for (const auto& dependent : catalogue.indicators()) {
        if (dependent.code == code || !cites(dependent, code, as_indicator))
            continue;
        auto broken = reference_faults(dependent, catalogue);
        if (!broken.empty())
            faults.add("used_by", "L'indicateur « " + dependent.code +
                                      " » utilise cette entrée et ne le pourrait "
                                      "plus : " +
                                      broken.front().message + " Modifiez d'abord cet indicateur.");
    }
}

std::string period_word(core::PeriodType type)
{
    return core::label(type);
}

}  // namespace

bool is_valid_code(std::string_view code)
{
    if (code.size() < 2 || code.size() > 63 || code[0] < 'a' || code[0] > 'z')
        return false;
    return std::all_of(code.begin(), code.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

void normalise(Source& source)
{
    for (auto* text : {&source.code, &source.name, &source.description, &source.producer, &source.url})
        *text = std::string(core::trim(*text));
}

void normalise(DataElement& element)
{
    for (auto* text : {&element.code, &element.name, &element.description, &element.unit, &element.weight_element_code,
                       &element.source_code, &element.not_above_code})
        *text = std::string(core::trim(*text));
}

void normalise(Indicator& indicator)
{
    for (auto* text :
         {&indicator.code, &indicator.name, &indicator.definition, &indicator.numerator, &indicator.denominator,
          &indicator.base_indicator_code, &indicator.unit, &indicator.source_code, &indicator.reference_note})
        *text = std::string(core::trim(*text));
    for (auto& priority : indicator.priorities)
        priority = std::string(core::trim(priority));
    // P2 before P10: by number, not by text.
    auto number = [](const std::string& code) {
        return code.size() > 1 && code[0] == 'P' ? std::atoi(code.c_str() + 1) : 1000;
    };
    std::sort(
        indicator.priorities.begin(), indicator.priorities.end(),
        [&](const std::string& a, const std::string& b) { return std::pair(number(a), a) < std::pair(number(b), b); });
    indicator.priorities.erase(std::unique(indicator.priorities.begin(), indicator.priorities.end()),
                               indicator.priorities.end());
}

Catalogue with_entry(const Catalogue& catalogue, const Source& source)
{
    auto sources = catalogue.sources();
    auto it = std::find_if(sources.begin(), sources.end(), [&](const Source& s) { return s.code == source.code; });
    if (it == sources.end())
        sources.push_back(source);
    else
        *it = source;
    return Catalogue::from(std::move(sources), catalogue.elements(), catalogue.indicators());
}

Catalogue with_entry(const Catalogue& catalogue, const DataElement& element)
{
    auto elements = catalogue.elements();
    auto it =
        std::find_if(elements.begin(), elements.end(), [&](const DataElement& e) { return e.code == element.code; });
    if (it == elements.end())
        elements.push_back(element);
    else
        *it = element;
    return Catalogue::from(catalogue.sources(), std::move(elements), catalogue.indicators());
}

Catalogue with_entry(const Catalogue& catalogue, const Indicator& indicator)
{
    auto indicators = catalogue.indicators();
    auto it = std::find_if(indicators.begin(), indicators.end(),
                           [&](const Indicator& i) { return i.code == indicator.code; });
    if (it == indicators.end())
        indicators.push_back(indicator);
    else
        *it = indicator;
    return Catalogue::from(catalogue.sources(), catalogue.elements(), std::move(indicators));
}

core::Status validate_source(const Source& source)
{
    Faults faults;
    faults.code(source.code);
    faults.text("name", "Nom", source.name, 1, 200);
    faults.text("producer", "Producteur", source.producer, 0, 200);
    faults.text("description", "Description", source.description, 0, 2000);
    faults.text("url", "Adresse web", source.url, 0, 500);
    bool web = source.url.rfind("https://", 0) == 0 || source.url.rfind("http://", 0) == 0;
    if (!source.url.empty() && (!web || source.url.find_first_of(" \t\"<>") != std::string::npos))
        faults.add("url",
                   "Adresse web : commencez par https:// (ex. https://www.cnsa.fr), sans espace, ou laissez-la "
                   "vide.",
                   source.url.substr(0, 200));
    return faults.finish();
}

core::Status validate_element(const DataElement& element, const Catalogue& catalogue)
{
    Faults faults;
    faults.code(element.code);
    faults.text("name", "Nom", element.name, 1, 200);
    faults.text("description", "Définition", element.description, 0, 4000);
    faults.text("unit", "Unité", element.unit, 1, 60);
    source_exists(element.source_code, catalogue, faults);
    auto elements = codes_of(catalogue.elements());

    // A weight or a bound names a cell of another element: same territory,
    // same period, so the same period type.
    auto partner = [&](const char* field, const char* label, const std::string& code) {
        const auto* other = catalogue.find_element(code);
        if (code == element.code)
            faults.add(field, std::string(label) + " : une donnée ne peut pas se désigner elle-même.", code);
        else if (!other)
            faults.add(field, std::string(label) + " : donnée « " + code + " » inconnue." + suggest(code, elements),
                       code);
        else if (other->period_type != element.period_type)
            faults.add(field,
                       std::string(label) + " : « " + code + " » est collectée par " + period_word(other->period_type) +
                           ", cette donnée par " + period_word(element.period_type) +
                           " ; les deux doivent avoir la même période.",
                       code);
    };
    if (element.territory_aggregation == TerritoryAggregation::WeightedAverage) {
        if (element.weight_element_code.empty())
            faults.add("weight_element_code",
                       "Donnée de pondération : obligatoire pour une moyenne pondérée, par "
                       "exemple le nombre de répondants.");
        else
            partner("weight_element_code", "Donnée de pondération", element.weight_element_code);
    } else if (!element.weight_element_code.empty()) {
        faults.add("weight_element_code",
                   "Donnée de pondération : réservée à l'agrégation « moyenne pondérée » ; "
                   "videz-la ou changez l'agrégation entre territoires.",
                   element.weight_element_code);
    }
    if (!element.not_above_code.empty())
        partner("not_above_code", "Plafond", element.not_above_code);
    if (element.minimum && element.maximum && *element.minimum > *element.maximum)
        faults.add("maximum", "Maximum : doit être supérieur ou égal au minimum.");
    if (element.due_days < 0 || element.due_days > 730)
        faults.add("due_days", "Délai de transmission : de 0 à 730 jours après la fin de la période.",
                   std::to_string(element.due_days));

    check_dependent_indicators(element.code, false, catalogue, faults);
    for (const auto& other : catalogue.elements()) {
        if (other.code == element.code || other.period_type == element.period_type)
            continue;
        if (other.not_above_code == element.code || other.weight_element_code == element.code)
            faults.add("used_by", "La donnée « " + other.code +
                                      " » est plafonnée ou pondérée par celle-ci et doit "
                                      "avoir la même période (" +
                                      period_word(other.period_type) +
                                      ") : gardez cette "
                                      "période ou modifiez d'abord « " +
                                      other.code + " ».");
    }
    return faults.finish();
}

core::Status validate_indicator(const Indicator& indicator, const Catalogue& catalogue,
                                const std::vector<std::string>& priority_codes)
{
    Faults faults;
    faults.code(indicator.code);
    faults.text("name", "Nom", indicator.name, 1, 200);
    faults.text("definition", "Définition", indicator.definition, 1, 4000);
    faults.text("unit", "Unité", indicator.unit, 1, 60);
    faults.text("reference_note", "Ordres de grandeur publiés", indicator.reference_note, 0, 2000);
    source_exists(indicator.source_code, catalogue, faults);
    if (indicator.decimals < 0 || indicator.decimals > 6)
        faults.add("decimals", "Décimales affichées : de 0 à 6.", std::to_string(indicator.decimals));
    if (!(indicator.factor > 0) || !std::isfinite(indicator.factor) || indicator.factor > 1e9)
        faults.add("factor",
                   "Facteur : un nombre strictement positif, par exemple 1, 100 (pourcentage) ou 1000 "
                   "(pour 1 000).",
                   format_number(indicator.factor));
    if (indicator.priorities.empty())
        faults.add("priorities",
                   "Priorités : rattachez l'indicateur à au moins une priorité du cadre national (P1 "
                   "à P11).");
    for (const auto& priority : indicator.priorities)
        if (std::find(priority_codes.begin(), priority_codes.end(), priority) == priority_codes.end())
            faults.add("priorities",
                       "Priorité « " + priority + " » inconnue du cadre national : attendu P1 à P" +
                           std::to_string(priority_codes.size()) + ".",
                       priority);
    faults.append(reference_faults(indicator, catalogue));
    check_dependent_indicators(indicator.code, true, catalogue, faults);
    return faults.finish();
}

}  // namespace boussole::catalogue
