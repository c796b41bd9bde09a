#include "web/pages/indicator_filters.hpp"

#include "core/text.hpp"

namespace boussole::web::pages {

namespace {

// No territory key, period or order is longer: a longer text is refused
// without being repeated back.
constexpr std::size_t kLongestParameter = 20;

core::FieldError field(const char* name, std::string message)
{
    return {name, std::move(message), std::nullopt, std::nullopt};
}

// The text of a parameter when it is usable; an error otherwise.
std::optional<std::string> read_text(const http::Params& query, const char* name, std::vector<core::FieldError>& errors)
{
    auto raw = query.get(name);
    if (!raw)
        return std::nullopt;
    auto text = core::trim(*raw);
    if (text.empty())
        return std::nullopt;
    if (!core::is_valid_utf8(text) || text.size() > kLongestParameter) {
        errors.push_back(
            field(name, "Valeur illisible pour « " + std::string(name) + " » : choisissez-la dans le formulaire."));
        return std::nullopt;
    }
    return std::string(text);
}

std::optional<core::Period> read_period(const http::Params& query, const catalogue::Indicator& indicator,
                                        std::vector<core::FieldError>& errors)
{
    auto text = read_text(query, "periode", errors);
    if (!text)
        return std::nullopt;
    auto period = core::Period::parse(*text);
    if (!period.ok()) {
        errors.push_back(field("periode", period.error().message));
        return std::nullopt;
    }
    if (!core::fits_into(indicator.periodicity, period->type())) {
        errors.push_back(field("periode", "Période « " + *text + " » : cet indicateur se calcule par " +
                                              core::label(indicator.periodicity) + ", pas par " +
                                              core::label(period->type()) + ". Choisissez une période de type " +
                                              core::label(indicator.periodicity) + " ou plus longue."));
        return std::nullopt;
    }
    return *period;
}

}  // namespace

const char* to_string(TableOrder order)
{
    switch (order) {
    case TableOrder::Rank: return "rang";
    case TableOrder::Name: return "nom";
    case TableOrder::Value: return "valeur";
    }
    return "rang";
}

std::vector<core::PeriodType> readable_types(const catalogue::Indicator& indicator)
{
    std::vector<core::PeriodType> types;
    for (auto type : {core::PeriodType::Month, core::PeriodType::Quarter, core::PeriodType::Year})
        if (core::fits_into(indicator.periodicity, type))
            types.push_back(type);
    return types;
}

core::Result<int> parse_territory_parameter(std::string_view text, const char* field_name,
                                            const territory::TerritoryRegistry& registry,
                                            const analytics::TerritoryLayout& layout,
                                            std::optional<territory::Level> level)
{
    auto invalid = [&](std::string message) { return core::Error::invalid(message, {field(field_name, message)}); };
    auto found = registry.resolve(text);
    if (!found.ok())
        return invalid("Territoire « " + std::string(text) + " » : " + found.error().message);
    if (level && (*found)->key.level() != *level) {
        if (*level == territory::Level::Region)
            return invalid("« " + std::string(text) +
                           " » n'est pas une région : choisissez une région, par exemple "
                           "REG-75 pour la Nouvelle-Aquitaine.");
        return invalid("« " + std::string(text) +
                       " » n'est pas un département : choisissez un département, par "
                       "exemple DEP-33 pour la Gironde.");
    }
    auto row = layout.row_of((*found)->key);
    if (!row)
        return invalid("Territoire « " + std::string(text) + " » inconnu des statistiques.");
    return *row;
}

core::Result<IndicatorFilters> parse_indicator_filters(const http::Params& query, const catalogue::Indicator& indicator,
                                                       const territory::TerritoryRegistry& registry,
                                                       const analytics::TerritoryLayout& layout)
{
    IndicatorFilters filters;
    std::vector<core::FieldError> errors;
    filters.period = read_period(query, indicator, errors);
    if (auto text = read_text(query, "region", errors)) {
        auto row = parse_territory_parameter(*text, "region", registry, layout, territory::Level::Region);
        if (row.ok())
            filters.region_row = *row;
        else
            errors.push_back(row.error().fields.front());
    }
    if (auto text = read_text(query, "territoire", errors)) {
        auto row = parse_territory_parameter(*text, "territoire", registry, layout);
        if (row.ok())
            filters.territory_row = *row;
        else
            errors.push_back(row.error().fields.front());
    }
    if (auto text = read_text(query, "tri", errors)) {
        if (*text == "rang")
            filters.order = TableOrder::Rank;
        else if (*text == "nom")
            filters.order = TableOrder::Name;
        else if (*text == "valeur")
            filters.order = TableOrder::Value;
        else
            errors.push_back(field("tri", "Ordre « " + *text + " » inconnu : attendu rang, nom ou valeur."));
    }
    if (errors.empty())
        return filters;
    std::string message =
        errors.size() == 1 ? errors.front().message : std::to_string(errors.size()) + " paramètres sont invalides.";
    return core::Error::invalid(message, std::move(errors));
}

}  // namespace boussole::web::pages
