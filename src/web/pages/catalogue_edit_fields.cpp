#include "web/pages/catalogue_edit_fields.hpp"

#include "core/text.hpp"

#include <tuple>

namespace boussole::web::pages {

namespace {

FormField text(const char* name, const char* id, const char* label, const char* hint, std::string value,
               FieldKind kind = FieldKind::Text)
{
    return {name, id, label, hint, kind, std::move(value), {}, {}};
}

FormField select(const char* name, const char* id, const char* label, const char* hint, std::string value,
                 std::vector<FieldOption> choices)
{
    return {name, id, label, hint, FieldKind::Select, std::move(value), std::move(choices), {}};
}

std::vector<FieldOption> source_options(const catalogue::Catalogue& catalogue)
{
    std::vector<FieldOption> choices;
    for (const auto& source : catalogue.sources())
        choices.push_back({source.code, source.name});
    return choices;
}

std::string optional_decimal(const std::optional<double>& value)
{
    return value ? decimal_text(*value) : "";
}

const std::vector<FieldOption> kPeriods =
    options({{"month", "Par mois"}, {"quarter", "Par trimestre"}, {"year", "Par année"}});

// Reads one choice; a field absent from the form keeps the entry's value.
template <typename Enum>
void choice(const http::Params& form, const char* name, const char* label, Enum& target,
            core::Result<Enum> (*parse)(std::string_view), std::vector<core::FieldError>& errors)
{
    auto value = form.get(name);
    if (!value)
        return;
    auto parsed = parse(*value);
    if (parsed.ok())
        target = *parsed;
    else
        errors.push_back({name, std::string(label) + " : choisissez une valeur de la liste.", std::nullopt,
                          std::string(value->substr(0, 100))});
}

std::string field(const http::Params& form, const char* name)
{
    return std::string(form.get(name).value_or(""));
}

core::Status finish(std::vector<core::FieldError> errors)
{
    if (errors.empty())
        return {};
    std::string message = errors.front().message;
    return core::Error::invalid(std::move(message), std::move(errors));
}

}  // namespace

std::vector<FormField> element_fields(const catalogue::DataElement& element, const catalogue::Catalogue& catalogue)
{
    using catalogue::to_string;
    return {
        text("name", "donnee-nom", "Nom", "Obligatoire, 200 caractères au plus.", element.name),
        text("description", "donnee-definition", "Définition",
             "Ce que la donnée compte, à quelle date et dans quel périmètre.", element.description,
             FieldKind::TextArea),
        text("unit", "donnee-unite", "Unité", "Au pluriel : décisions, jours, places, euros…", element.unit),
        select("value_type", "donnee-type", "Type de valeur", "", to_string(element.value_type),
               options({{"integer", "Nombre entier"}, {"decimal", "Nombre décimal"}})),
        select("period_type", "donnee-periode", "Période", "Une valeur par mois, par trimestre ou par année.",
               core::to_string(element.period_type), kPeriods),
        select("territory_aggregation", "donnee-agregation-territoires", "Agrégation entre territoires",
               "Comment les départements se combinent en région et en France.",
               to_string(element.territory_aggregation),
               options({{"sum", "Somme des départements"},
                        {"average", "Moyenne des départements"},
                        {"weighted_average", "Moyenne pondérée par une autre donnée"},
                        {"min", "Plus petite valeur"},
                        {"max", "Plus grande valeur"},
                        {"none", "Aucune (pas de valeur régionale ni nationale)"}})),
        text("weight_element_code", "donnee-ponderation", "Donnée de pondération",
             "Code d'une donnée de même période ; seulement pour une moyenne pondérée.", element.weight_element_code),
        select("time_aggregation", "donnee-agregation-temps", "Agrégation dans le temps",
               "Comment les périodes se combinent en périodes plus longues.", to_string(element.time_aggregation),
               options({{"sum", "Somme des périodes (un flux)"},
                        {"last", "Dernière valeur (un stock)"},
                        {"average", "Moyenne des périodes"},
                        {"none", "Aucune (ne se regroupe pas)"}})),
        select("source_code", "donnee-source", "Source", "", element.source_code, source_options(catalogue)),
        text("minimum", "donnee-minimum", "Minimum", "Laissez vide pour aucune borne ; virgule ou point décimal.",
             optional_decimal(element.minimum)),
        text("maximum", "donnee-maximum", "Maximum", "Laissez vide pour aucune borne.",
             optional_decimal(element.maximum)),
        text("not_above_code", "donnee-plafond", "Plafond : ne dépasse pas la donnée",
             "Code d'une donnée de même période (par exemple mdph_repondants pour les répondants satisfaits) ; "
             "laissez vide pour aucun.",
             element.not_above_code),
        text("due_days", "donnee-delai", "Délai de transmission, en jours",
             "Jours après la fin de la période, de 0 à 730.", std::to_string(element.due_days)),
        {"collected",
         "donnee-collectee",
         "Transmise par les territoires",
         "Décochée : calculée par Boussole (populations de l'INSEE), jamais téléversée.",
         FieldKind::Checkbox,
         element.collected ? "1" : "",
         {},
         {}},
    };
}

std::vector<FormField> indicator_fields(const catalogue::Indicator& indicator, const catalogue::Catalogue& catalogue,
                                        const std::vector<const framework::FrameworkItem*>& priorities)
{
    using catalogue::to_string;
    std::vector<FieldOption> priority_options;
    for (const auto* priority : priorities)
        priority_options.push_back({priority->code, std::to_string(priority->position) + ". " + priority->title});
    return {
        text("name", "indicateur-nom", "Nom", "Obligatoire, 200 caractères au plus.", indicator.name),
        text("definition", "indicateur-definition", "Définition", "Ce que l'indicateur mesure, en une ou deux phrases.",
             indicator.definition, FieldKind::TextArea),
        select("kind", "indicateur-nature", "Nature", "", to_string(indicator.kind),
               options({{"ratio", "Ratio : numérateur ÷ dénominateur × facteur"},
                        {"equity", "Dispersion entre départements d'un autre indicateur"}})),
        text("numerator", "indicateur-numerateur", "Numérateur",
             "Codes de données, nombres (point décimal), + - * / et parenthèses ; ind:code pour un autre indicateur. "
             "Vide pour une dispersion.",
             indicator.numerator),
        text("denominator", "indicateur-denominateur", "Dénominateur", "Laissez vide pour diviser par 1.",
             indicator.denominator),
        text("factor", "indicateur-facteur", "Facteur", "1, 100 pour un pourcentage, 1000 pour un taux pour 1 000.",
             decimal_text(indicator.factor)),
        text("base_indicator_code", "indicateur-base", "Indicateur de base",
             "Dispersion seulement : le code de l'indicateur dont on mesure l'écart entre départements.",
             indicator.base_indicator_code),
        select("statistic", "indicateur-mesure", "Mesure de dispersion", "Dispersion seulement.",
               indicator.statistic ? to_string(*indicator.statistic) : "",
               options({{"", "Aucune (ratio)"},
                        {"cv", "Coefficient de variation (écart type ÷ moyenne × 100)"},
                        {"stddev", "Écart type"},
                        {"max_min_ratio", "Rapport entre le maximum et le minimum"}})),
        text("unit", "indicateur-unite", "Unité", "Par exemple %, mois, pour 1 000 habitants.", indicator.unit),
        text("decimals", "indicateur-decimales", "Décimales affichées", "De 0 à 6.",
             std::to_string(indicator.decimals)),
        select("direction", "indicateur-sens", "Sens", "", to_string(indicator.direction),
               options({{"higher_is_better", "Plus élevé, mieux c'est"},
                        {"lower_is_better", "Plus bas, mieux c'est"},
                        {"neutral", "Neutre"}})),
        select("periodicity", "indicateur-periodicite", "Périodicité", "", core::to_string(indicator.periodicity),
               kPeriods),
        select("source_code", "indicateur-source", "Source", "", indicator.source_code, source_options(catalogue)),
        select("definition_status", "indicateur-statut", "Statut de la définition", "",
               to_string(indicator.definition_status),
               options({{"published", "Publiée (CNSA, DREES, ANAP, Baromètre)"}, {"to_confirm", "À préciser"}})),
        text("reference_note", "indicateur-ordres-de-grandeur", "Ordres de grandeur publiés",
             "Les valeurs nationales publiées, avec leur année ; facultatif.", indicator.reference_note,
             FieldKind::TextArea),
        {"priorities", "indicateur-priorites", "Priorités suivies", "Au moins une.", FieldKind::Checkboxes, "",
         priority_options, indicator.priorities},
    };
}

core::Status read_form(const http::Params& form, catalogue::DataElement& element)
{
    std::vector<core::FieldError> errors;
    element.name = field(form, "name");
    element.description = field(form, "description");
    element.unit = field(form, "unit");
    element.weight_element_code = field(form, "weight_element_code");
    element.not_above_code = field(form, "not_above_code");
    choice(form, "value_type", "Type de valeur", element.value_type, catalogue::parse_value_type, errors);
    choice(form, "period_type", "Période", element.period_type, core::parse_period_type, errors);
    choice(form, "territory_aggregation", "Agrégation entre territoires", element.territory_aggregation,
           catalogue::parse_territory_aggregation, errors);
    choice(form, "time_aggregation", "Agrégation dans le temps", element.time_aggregation,
           catalogue::parse_time_aggregation, errors);
    element.source_code = form.get("source_code") ? field(form, "source_code") : element.source_code;
    for (auto [name, label, target] :
         {std::tuple{"minimum", "Minimum", &element.minimum}, std::tuple{"maximum", "Maximum", &element.maximum}}) {
        auto typed = field(form, name);
        if (core::trim(typed).empty())
            target->reset();
        else if (auto value = read_decimal(typed, name, label, errors))
            *target = *value;
    }
    if (auto days = read_whole(field(form, "due_days"), "due_days", "Délai de transmission", errors))
        element.due_days = *days;
    element.collected = field(form, "collected") == "1";
    return finish(std::move(errors));
}

core::Status read_form(const http::Params& form, catalogue::Indicator& indicator)
{
    std::vector<core::FieldError> errors;
    indicator.name = field(form, "name");
    indicator.definition = field(form, "definition");
    indicator.numerator = field(form, "numerator");
    indicator.denominator = field(form, "denominator");
    indicator.base_indicator_code = field(form, "base_indicator_code");
    indicator.unit = field(form, "unit");
    indicator.reference_note = field(form, "reference_note");
    choice(form, "kind", "Nature", indicator.kind, catalogue::parse_indicator_kind, errors);
    choice(form, "direction", "Sens", indicator.direction, catalogue::parse_direction, errors);
    choice(form, "periodicity", "Périodicité", indicator.periodicity, core::parse_period_type, errors);
    choice(form, "definition_status", "Statut de la définition", indicator.definition_status,
           catalogue::parse_definition_status, errors);
    if (auto statistic = form.get("statistic")) {
        if (statistic->empty())
            indicator.statistic.reset();
        else if (auto parsed = catalogue::parse_equity_statistic(*statistic); parsed.ok())
            indicator.statistic = *parsed;
        else
            errors.push_back({"statistic", "Mesure de dispersion : choisissez une valeur de la liste.", std::nullopt,
                              std::string(statistic->substr(0, 100))});
    }
    indicator.source_code = form.get("source_code") ? field(form, "source_code") : indicator.source_code;
    if (auto factor = read_decimal(field(form, "factor"), "factor", "Facteur", errors))
        indicator.factor = *factor;
    if (auto decimals = read_whole(field(form, "decimals"), "decimals", "Décimales affichées", errors))
        indicator.decimals = *decimals;
    indicator.priorities.clear();
    for (auto priority : form.get_all("priorities"))
        indicator.priorities.emplace_back(priority);
    return finish(std::move(errors));
}

}  // namespace boussole::web::pages
