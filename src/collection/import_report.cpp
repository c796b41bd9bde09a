#include "collection/import_report.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace boussole::collection {

namespace {

std::string number_text(double value)
{
    if (std::floor(value) == value && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    std::string text = std::to_string(value);
    while (text.ends_with('0'))
        text.pop_back();
    if (auto point = text.find('.'); point != std::string::npos)
        text[point] = ',';
    return text;
}

std::string expected_value(const catalogue::DataElement* element)
{
    if (element == nullptr)
        return "un nombre (1 234,5 ou 1234.5), ou une cellule vide pour supprimer la valeur";
    std::string text = element->value_type == catalogue::ValueType::Integer ? "un nombre entier" : "un nombre";
    if (element->minimum && element->maximum)
        text += " de " + number_text(*element->minimum) + " à " + number_text(*element->maximum);
    else if (element->minimum)
        text += *element->minimum == 0 ? " positif ou nul" : " d'au moins " + number_text(*element->minimum);
    else if (element->maximum)
        text += " d'au plus " + number_text(*element->maximum);
    if (!element->unit.empty())
        text += " (" + element->unit + ")";
    if (!element->not_above_code.empty())
        text += ", qui ne dépasse pas « " + element->not_above_code + " » du même territoire et de la même période";
    return text + " ; une cellule vide supprime la valeur";
}

std::string expected_period(const catalogue::DataElement* element)
{
    if (element == nullptr)
        return "une période selon la donnée : année 2025, trimestre 2025-T3 ou mois 2025-07";
    switch (element->period_type) {
    case core::PeriodType::Year: return "une année, par exemple 2025 (« " + element->code + " » est annuelle)";
    case core::PeriodType::Quarter:
        return "un trimestre, par exemple 2025-T3 ou 2025-Q3 (« " + element->code + " » est trimestrielle)";
    case core::PeriodType::Month: return "un mois, par exemple 2025-07 (« " + element->code + " » est mensuelle)";
    }
    return "";
}

}  // namespace

std::string column_of(std::string_view field)
{
    if (field == "element" || field == "element_code" || field == "donnee")
        return "donnee";
    if (field == "territory" || field == "territory_key" || field == "territoire")
        return "territoire";
    if (field == "period" || field == "periode")
        return "periode";
    if (field == "value" || field == "valeur")
        return "valeur";
    if (field == "comment" || field == "commentaire")
        return "commentaire";
    return std::string(field);
}

std::string expected_for(std::string_view column, const catalogue::DataElement* element,
                         const catalogue::Catalogue& catalogue)
{
    if (column == "donnee") {
        for (const auto& candidate : catalogue.elements())
            if (candidate.collected)
                return "le code d'une donnée collectée du catalogue, par exemple " + candidate.code;
        return "le code d'une donnée collectée du catalogue";
    }
    if (column == "territoire")
        return "un département de votre périmètre : 01 à 95, 2A, 2B, 971 à 976, ou sa clé DEP-33";
    if (column == "periode")
        return expected_period(element);
    if (column == "valeur")
        return expected_value(element);
    if (column == "commentaire")
        return "un texte libre, facultatif";
    if (column == "ligne")
        return "une ligne par cellule, avec un champ par colonne de l'en-tête";
    return "un fichier CSV dont la première ligne nomme les colonnes donnee;territoire;periode;valeur";
}

ImportLine report_line(const core::FieldError& fault, std::string_view element_code,
                       const catalogue::Catalogue& catalogue, bool warning)
{
    ImportLine line;
    line.line = fault.line;
    line.field = column_of(fault.field);
    line.value = fault.value.value_or("");
    line.message = fault.message;
    line.expected = expected_for(line.field, catalogue.find_element(element_code), catalogue);
    line.warning = warning;
    return line;
}

nlohmann::json report_json(const std::vector<ImportLine>& report)
{
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& line : report)
        entries.push_back({{"line", line.line ? nlohmann::json(*line.line) : nlohmann::json(nullptr)},
                           {"field", line.field},
                           {"value", line.value},
                           {"message", line.message},
                           {"expected", line.expected},
                           {"severity", line.warning ? "warning" : "error"}});
    return entries;
}

std::string report_text(const std::vector<ImportLine>& report)
{
    // Replacing invalid UTF-8 rather than throwing: a value quoted from a file
    // is UTF-8 by then, but a report must never be lost over one byte.
    return report_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<ImportLine> parse_report(std::string_view text)
{
    std::vector<ImportLine> report;
    auto entries = nlohmann::json::parse(text, nullptr, false);
    if (!entries.is_array())
        return report;
    for (const auto& entry : entries) {
        if (!entry.is_object())
            continue;
        ImportLine line;
        if (entry.contains("line") && entry["line"].is_number_integer())
            line.line = entry["line"].get<long>();
        line.field = entry.value("field", "");
        line.value = entry.value("value", "");
        line.message = entry.value("message", "");
        line.expected = entry.value("expected", "");
        line.warning = entry.value("severity", "error") == "warning";
        report.push_back(std::move(line));
    }
    return report;
}

}  // namespace boussole::collection
