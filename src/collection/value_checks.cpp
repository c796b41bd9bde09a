#include "collection/value_checks.hpp"

#include "access/policy.hpp"
#include "core/french.hpp"
#include "core/text.hpp"

#include <cmath>

namespace boussole::collection {

namespace {

core::FieldError fault(const ValueInput& input, const char* field, std::string_view received, std::string message)
{
    return {field, std::move(message), input.line, shown(received)};
}

bool has_control_characters(std::string_view text)
{
    for (unsigned char c : text)
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
            return true;
    return false;
}

std::optional<const catalogue::DataElement*> check_element(const ValueInput& input,
                                                           const catalogue::Catalogue& catalogue,
                                                           std::vector<core::FieldError>& faults)
{
    auto code = core::trim(input.element);
    if (code.empty()) {
        faults.push_back(fault(input, "element", input.element,
                               "Élément de donnée manquant : donnez son code (ex. mdph_decisions), tel qu'il figure "
                               "au catalogue."));
        return std::nullopt;
    }
    if (!core::is_valid_utf8(code)) {
        faults.push_back(fault(input, "element", code,
                               "Code d'élément illisible (texte qui n'est pas en UTF-8) : donnez le code tel qu'il "
                               "figure au catalogue, par exemple mdph_decisions."));
        return std::nullopt;
    }
    auto element = catalogue.element(code);
    if (!element.ok()) {
        faults.push_back(fault(input, "element", code, element.error().message));
        return std::nullopt;
    }
    if (!(*element)->collected) {
        faults.push_back(fault(input, "element", code,
                               "« " + (*element)->code + " » (" + (*element)->name +
                                   ") est calculé par Boussole à partir des données de référence : il ne se saisit "
                                   "pas. Retirez cette valeur de l'envoi."));
        return std::nullopt;
    }
    return *element;
}

std::optional<const territory::Territory*> check_territory(const ValueInput& input, const access::Principal& principal,
                                                           const territory::TerritoryRegistry& registry,
                                                           std::vector<core::FieldError>& faults)
{
    if (!core::is_valid_utf8(input.territory)) {
        faults.push_back(fault(input, "territory", input.territory,
                               "Territoire illisible (texte qui n'est pas en UTF-8) : donnez le code du département, "
                               "par exemple 33 ou DEP-33."));
        return std::nullopt;
    }
    auto department = resolve_department(registry, core::trim(input.territory));
    if (!department.ok()) {
        faults.push_back(fault(input, "territory", input.territory, department.error().message));
        return std::nullopt;
    }
    auto allowed =
        access::require_territorial_write(principal, {(*department)->key}, "saisir des valeurs pour ce département");
    if (!allowed.ok()) {
        faults.push_back(fault(input, "territory", input.territory, allowed.error().message));
        return std::nullopt;
    }
    return *department;
}

std::optional<core::Period> check_period(const ValueInput& input, const catalogue::DataElement* element,
                                         std::chrono::year_month_day today, std::vector<core::FieldError>& faults)
{
    if (!core::is_valid_utf8(input.period)) {
        faults.push_back(fault(input, "period", input.period,
                               "Période illisible (texte qui n'est pas en UTF-8) : formes attendues 2025-07 (mois), "
                               "2025-T3 (trimestre), 2025 (année)."));
        return std::nullopt;
    }
    auto text = core::trim(input.period);
    if (text.empty()) {
        faults.push_back(fault(input, "period", input.period,
                               "Période manquante : formes attendues 2025-07 (mois), 2025-T3 (trimestre), 2025 "
                               "(année)."));
        return std::nullopt;
    }
    auto period = element ? core::Period::parse(text, element->period_type) : core::Period::parse(text);
    if (!period.ok()) {
        std::string message = period.error().message;
        if (element)
            message += " « " + element->code + " » se saisit par " + core::label(element->period_type) + ".";
        faults.push_back(fault(input, "period", input.period, message));
        return std::nullopt;
    }
    if (period->first_day() > today) {
        faults.push_back(fault(input, "period", input.period,
                               "La période " + period->label() + " n'a pas commencé (elle débute le " +
                                   core::format_date(period->first_day()) +
                                   ") : une valeur se saisit une fois sa période commencée."));
        return std::nullopt;
    }
    return *period;
}

}  // namespace

core::Result<const territory::Territory*> resolve_department(const territory::TerritoryRegistry& registry,
                                                             std::string_view text)
{
    if (text.empty())
        return core::Error::invalid("Territoire manquant : donnez le code du département, par exemple 33 ou DEP-33.");
    bool keyed = text.find('-') != std::string_view::npos || text == "FR" || text == "fr";
    auto found = keyed ? registry.resolve(text) : registry.resolve_department_code(text);
    if (!found.ok())
        return core::Error::invalid(found.error().message);
    const auto* territory = *found;
    if (territory->key.level() == territory::Level::Department)
        return territory;
    std::string example;
    for (const auto* department : registry.departments_within(territory->key)) {
        example = department->key.to_string() + " pour " + department->label();
        break;
    }
    std::string what = territory->key.level() == territory::Level::Region ? "une région" : "la France entière";
    return core::Error::invalid("« " + std::string(text) + " » désigne " + what + " (" + territory->name +
                                ") : les valeurs se saisissent par département. Donnez le code d'un département" +
                                (example.empty() ? "" : ", par exemple " + example) + ".");
}

core::Status check_value(const catalogue::DataElement& element, double value)
{
    if (!std::isfinite(value))
        return core::Error::invalid("Valeur non finie : attendu un nombre (ex. 1234 ou 12,5).");
    if (std::fabs(value) > kLargestValue)
        return core::Error::invalid("Valeur " + format_value(value) +
                                    " hors des ordres de grandeur possibles : attendu au plus 10^15 en valeur "
                                    "absolue. Vérifiez l'unité (" +
                                    element.unit + ").");
    if (element.value_type == catalogue::ValueType::Integer && value != std::trunc(value))
        return core::Error::invalid("« " + element.code + " » se compte en nombres entiers (" + element.unit +
                                    ") : attendu un entier, sans décimale, au lieu de " + format_value(value) + ".");
    if (element.minimum && value < *element.minimum) {
        std::string expected =
            *element.minimum == 0 ? "un nombre positif ou nul" : "au moins " + format_value(*element.minimum);
        return core::Error::invalid("Valeur " + format_value(value) + " inférieure au minimum de « " + element.code +
                                    " » : attendu " + expected + ".");
    }
    if (element.maximum && value > *element.maximum)
        return core::Error::invalid("Valeur " + format_value(value) + " supérieure au maximum de « " + element.code +
                                    " » : attendu au plus " + format_value(*element.maximum) + ".");
    return {};
}

core::Result<std::string> check_comment(std::string_view comment)
{
    if (!core::is_valid_utf8(comment))
        return core::Error::invalid(
            "Commentaire illisible : le texte n'est pas en UTF-8. Retapez-le, ou enregistrez le fichier en UTF-8.");
    auto trimmed = core::trim(comment);
    if (has_control_characters(trimmed))
        return core::Error::invalid(
            "Commentaire invalide : il contient des caractères de contrôle. Gardez du texte simple, retours à la "
            "ligne compris.");
    if (core::utf8_length(trimmed) > kLongestComment)
        return core::Error::invalid("Commentaire trop long : " + std::to_string(kLongestComment) +
                                    " caractères au plus. Résumez-le.");
    return std::string(trimmed);
}

std::optional<CheckedInput> check_input(const ValueInput& input, const access::Principal& principal,
                                        const territory::TerritoryRegistry& registry,
                                        const catalogue::Catalogue& catalogue, std::chrono::year_month_day today,
                                        std::vector<core::FieldError>& faults)
{
    auto faults_before = faults.size();
    auto element = check_element(input, catalogue, faults);
    auto territory = check_territory(input, principal, registry, faults);
    // A known element gives the period type to expect; an unknown one still
    // gets its period read, so that every fault of the line shows at once.
    auto period = check_period(input, element.value_or(nullptr), today, faults);
    if (element && input.value) {
        if (auto checked = check_value(**element, *input.value); !checked.ok())
            faults.push_back({"value", checked.error().message, input.line,
                              std::isfinite(*input.value) ? format_value(*input.value) : std::string("non fini")});
    }
    auto comment = check_comment(input.comment);
    if (!comment.ok())
        faults.push_back(fault(input, "comment", input.comment, comment.error().message));
    if (faults.size() != faults_before)
        return std::nullopt;
    return CheckedInput{&input, *element, *territory, *period, input.value, *comment};
}

std::string format_value(double value)
{
    if (!std::isfinite(value))
        return "non fini";
    if (value == std::trunc(value) && std::fabs(value) < 9e15)
        return core::format_integer(static_cast<std::int64_t>(value));
    std::string text = core::format_decimal(value, 6);
    while (!text.empty() && text.back() == '0')
        text.pop_back();
    if (!text.empty() && text.back() == ',')
        text.pop_back();
    return text;
}

std::string shown(std::string_view text)
{
    if (!core::is_valid_utf8(text))
        return "(texte illisible : pas en UTF-8)";
    if (core::utf8_length(text) <= 100)
        return std::string(text);
    // Cut on a character boundary: continuation bytes start with 10xxxxxx.
    std::size_t end = 0;
    for (std::size_t characters = 0; end < text.size() && characters < 100; ++characters) {
        ++end;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            ++end;
    }
    return std::string(text.substr(0, end)) + "…";
}

std::chrono::year_month_day paris_today(core::Timestamp now)
{
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(core::to_paris_time(now))};
}

}  // namespace boussole::collection
