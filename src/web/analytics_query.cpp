#include "web/analytics_query.hpp"

#include "analytics/period_ordinal.hpp"
#include "catalogue/formula.hpp"
#include "collection/value_checks.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace boussole::web::analytics_views {

namespace {

using collection::shown;

const std::vector<std::string> kParameters = {"indicators", "territories", "periods", "from",
                                              "to",         "period_type", "format"};

core::Error refused(const std::string& parameter, const std::string& message,
                    std::optional<std::string> value = std::nullopt)
{
    return core::Error::invalid("Paramètre « " + parameter + " » invalide : " + message,
                                {{parameter, message, std::nullopt, std::move(value)}});
}

// Every value given for name joined by commas, UTF-8 checked.
core::Result<std::string> joined(const http::Params& params, const char* name)
{
    std::string text;
    for (auto value : params.get_all(name)) {
        if (!core::is_valid_utf8(value))
            return refused(name, "texte illisible : encodez-le en UTF-8.");
        text += (text.empty() ? "" : ",") + std::string(value);
    }
    return text;
}

// "a, b,,c" -> {"a", "b", "c"}
std::vector<std::string> items_of(std::string_view text)
{
    std::vector<std::string> items;
    while (!text.empty()) {
        auto comma = text.find(',');
        auto item = core::trim(text.substr(0, comma));
        if (!item.empty())
            items.emplace_back(item);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return items;
}

// what: "indicateurs", "territoires" or "périodes", with its participle.
core::Status within_limit(const char* parameter, std::size_t count, std::size_t limit, const char* what,
                          const char* asked = "demandés")
{
    if (count <= limit)
        return {};
    return refused(parameter,
                   std::to_string(limit) + " " + what + " au plus par requête (" + std::to_string(count) + " " + asked +
                       ") : découpez la demande.",
                   std::to_string(count));
}

template <typename T>
void add_once(std::vector<T>& list, const T& item)
{
    if (std::find(list.begin(), list.end(), item) == list.end())
        list.push_back(item);
}

core::Status read_indicators(const http::Params& params, const catalogue::Catalogue& catalogue, AnalyticsQuery& query)
{
    auto text = joined(params, "indicators");
    if (!text.ok())
        return std::move(text).error();
    auto codes = items_of(*text);
    if (codes.empty())
        return refused("indicators",
                       "obligatoire : un ou plusieurs codes d'indicateurs séparés par des virgules (ex. "
                       "indicators=mdph_delai_traitement,cdca_nombre_reunions ; liste sur /api/v1/indicators).");
    BOUSSOLE_TRY(within_limit("indicators", codes.size(), kMaxIndicators, "indicateurs"));
    for (const auto& code : codes) {
        auto indicator = parse_indicator(code, "indicators", catalogue);
        if (!indicator.ok())
            return std::move(indicator).error();
        add_once(query.indicators, *indicator);
    }
    return {};
}

// "regions", "departments", "departments:REG-75", or one territory.
core::Status add_territories(const std::string& item, const territory::TerritoryRegistry& registry,
                             const analytics::TerritoryLayout& layout, std::vector<int>& rows)
{
    auto add_all = [&](const std::vector<const territory::Territory*>& territories) {
        for (const auto* territory : territories)
            if (auto row = layout.row_of(territory->key))
                add_once(rows, *row);
    };
    if (item == "regions") {
        add_all(registry.regions());
        return {};
    }
    if (item == "departments") {
        add_all(registry.departments());
        return {};
    }
    if (item.rfind("departments:", 0) == 0) {
        auto region = registry.resolve(item.substr(12));
        if (!region.ok() || (*region)->key.level() != territory::Level::Region)
            return refused("territories",
                           "« " + shown(item) +
                               " » : après « departments: », une région est attendue (ex. "
                               "departments:REG-75). " +
                               (region.ok() ? std::string() : region.error().message),
                           shown(item));
        add_all(registry.departments_within((*region)->key));
        return {};
    }
    auto row = parse_territory_row(item, "territories", registry, layout);
    if (!row.ok())
        return std::move(row).error();
    add_once(rows, *row);
    return {};
}

core::Status read_territories(const http::Params& params, const territory::TerritoryRegistry& registry,
                              const analytics::TerritoryLayout& layout, AnalyticsQuery& query)
{
    auto text = joined(params, "territories");
    if (!text.ok())
        return std::move(text).error();
    auto items = items_of(*text);
    if (items.empty())
        items.push_back("FR");
    // Counted before resolving: a list of thousands is refused at once.
    BOUSSOLE_TRY(within_limit("territories", items.size(), kMaxTerritories, "territoires"));
    for (const auto& item : items)
        BOUSSOLE_TRY(add_territories(item, registry, layout, query.rows));
    return within_limit("territories", query.rows.size(), kMaxTerritories, "territoires");
}

core::Result<core::Period> period_of(std::string_view text, const char* parameter)
{
    auto period = core::Period::parse(text);
    if (!period.ok())
        return refused(parameter, period.error().message, shown(text));
    return *period;
}

core::Result<std::optional<core::PeriodType>> period_type_of(const http::Params& params)
{
    auto text = joined(params, "period_type");
    if (!text.ok())
        return std::move(text).error();
    if (text->empty())
        return std::optional<core::PeriodType>{};
    auto type = core::parse_period_type(core::trim(*text));
    if (!type.ok())
        return refused("period_type", "attendu month, quarter ou year.", shown(*text));
    return std::optional<core::PeriodType>{*type};
}

// A bound of a range at type: a coarser period gives its first (or last)
// sub-period; a finer one is refused.
core::Result<core::Period> bound_at(const core::Period& period, std::optional<core::PeriodType> type, bool first,
                                    const char* parameter)
{
    if (!type || period.type() == *type)
        return period;
    if (!core::fits_into(*type, period.type()))
        return refused(parameter,
                       "la période " + period.to_string() + " (" + core::label(period.type()) +
                           ") est plus fine que period_type (" + core::label(*type) + ").",
                       period.to_string());
    auto parts = period.subdivide(*type);
    return first ? parts.front() : parts.back();
}

core::Status read_range(const std::string& from_text, const std::string& to_text, std::optional<core::PeriodType> type,
                        PeriodSelection& selection)
{
    if (from_text.empty() || to_text.empty())
        return refused(from_text.empty() ? "from" : "to",
                       "from et to vont ensemble : la première et la dernière période (ex. from=2023&to=2025).");
    auto from = period_of(from_text, "from");
    if (!from.ok())
        return std::move(from).error();
    auto to = period_of(to_text, "to");
    if (!to.ok())
        return std::move(to).error();
    if (!type && from->type() != to->type())
        return refused("to",
                       "de même type que from (" + std::string(core::label(from->type())) + "), ou donnez period_type.",
                       to->to_string());
    auto first = bound_at(*from, type, true, "from");
    if (!first.ok())
        return std::move(first).error();
    auto last = bound_at(*to, type.value_or(from->type()), false, "to");
    if (!last.ok())
        return std::move(last).error();
    long count = static_cast<long>(analytics::ordinal(*last)) - analytics::ordinal(*first) + 1;
    if (count < 1)
        return refused("to", "la dernière période précède la première (" + first->to_string() + ").",
                       last->to_string());
    BOUSSOLE_TRY(within_limit("to", static_cast<std::size_t>(count), kMaxPeriods, "périodes", "demandées"));
    selection.kind = PeriodSelection::Kind::List;
    selection.periods = core::Period::range(*first, *last);
    return {};
}

core::Status read_periods(const http::Params& params, PeriodSelection& selection)
{
    auto list = joined(params, "periods");
    auto from = joined(params, "from");
    auto to = joined(params, "to");
    auto type = period_type_of(params);
    for (const auto* result : {&list, &from, &to})
        if (!result->ok())
            return result->error();
    if (!type.ok())
        return std::move(type).error();
    selection.type = *type;
    bool range = !from->empty() || !to->empty();
    if (range && !list->empty())
        return refused("periods", "donnez soit periods (une liste), soit from et to (une plage), pas les deux.");
    if (range)
        return read_range(std::string(core::trim(*from)), std::string(core::trim(*to)), *type, selection);
    auto items = items_of(*list);
    if (items.empty())
        return {};
    BOUSSOLE_TRY(within_limit("periods", items.size(), kMaxPeriods, "périodes", "demandées"));
    if (*type)
        return refused("period_type", "sans objet avec periods, dont chaque période dit son type.");
    selection.kind = PeriodSelection::Kind::List;
    for (const auto& item : items) {
        auto period = period_of(item, "periods");
        if (!period.ok())
            return std::move(period).error();
        add_once(selection.periods, *period);
    }
    return {};
}

core::Result<bool> read_format(const http::Params& params)
{
    auto text = joined(params, "format");
    if (!text.ok())
        return std::move(text).error();
    auto format = core::trim(*text);
    if (format.empty() || format == "json")
        return false;
    if (format == "csv")
        return true;
    return refused("format", "attendu json (par défaut) ou csv.", shown(format));
}

core::Status check_cells(const AnalyticsQuery& query)
{
    std::size_t periods = query.periods.kind == PeriodSelection::Kind::List ? query.periods.periods.size() : 1;
    std::size_t cells = query.indicators.size() * query.rows.size() * periods;
    if (cells <= kMaxCells)
        return {};
    return refused("periods",
                   "la demande porte sur " + std::to_string(cells) + " valeurs (" +
                       std::to_string(query.indicators.size()) + " indicateurs × " + std::to_string(query.rows.size()) +
                       " territoires × " + std::to_string(periods) + " périodes), " + std::to_string(kMaxCells) +
                       " au plus : réduisez les indicateurs, les territoires ou les périodes.",
                   std::to_string(cells));
}

// A period finer than an indicator's periodicity cannot be computed (a
// quarter of a yearly indicator): refused before anything is computed.
core::Status check_periodicity(const AnalyticsQuery& query)
{
    const auto& selection = query.periods;
    for (const auto* indicator : query.indicators) {
        std::vector<core::PeriodType> types;
        for (const auto& period : selection.periods)
            types.push_back(period.type());
        if (selection.kind == PeriodSelection::Kind::Latest && selection.type)
            types.push_back(*selection.type);
        for (auto type : types)
            if (!core::fits_into(indicator->periodicity, type))
                return refused(selection.kind == PeriodSelection::Kind::List ? "periods" : "period_type",
                               "l'indicateur « " + indicator->code + " » se calcule par " +
                                   core::label(indicator->periodicity) + " au plus fin : pas par " + core::label(type) +
                                   ". Demandez des périodes de ce type ou plus longues.");
    }
    return {};
}

std::string normalised(const AnalyticsQuery& query)
{
    std::string text = "i=";
    for (const auto* indicator : query.indicators)
        text += indicator->code + ",";
    text += ";t=";
    for (int row : query.rows)
        text += std::to_string(row) + ",";
    text += ";p=";
    for (const auto& period : query.periods.periods)
        text += period.to_string() + ",";
    if (query.periods.type)
        text += std::string(";type=") + core::to_string(*query.periods.type);
    return text + (query.csv ? ";f=csv" : ";f=json");
}

}  // namespace

core::Status only_parameters(const http::Params& params, const std::vector<std::string>& allowed)
{
    for (const auto& [name, value] : params) {
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end())
            continue;
        std::string list;
        for (std::size_t i = 0; i < allowed.size(); ++i)
            list += (i == 0 ? "" : i + 1 == allowed.size() ? " et " : ", ") + allowed[i];
        return core::Error::invalid(
            "Paramètre « " + shown(name) + " » inconnu : les paramètres possibles sont " + list + ".",
            {{shown(name), "paramètre inconnu", std::nullopt, std::nullopt}});
    }
    return {};
}

core::Result<const catalogue::Indicator*> parse_indicator(std::string_view code, const char* parameter,
                                                          const catalogue::Catalogue& catalogue)
{
    if (const auto* found = catalogue.find_indicator(code))
        return found;
    std::vector<std::string> codes;
    for (const auto& indicator : catalogue.indicators())
        codes.push_back(indicator.code);
    std::string suggestions;
    for (const auto& close : catalogue::close_codes(code, codes))
        suggestions += (suggestions.empty() ? "" : ", ") + close;
    return refused(parameter,
                   "indicateur « " + shown(code) + " » inconnu du catalogue. " +
                       (suggestions.empty() ? "La liste des indicateurs est sur /api/v1/indicators."
                                            : "Vouliez-vous dire : " + suggestions + " ?"),
                   shown(code));
}

core::Result<int> parse_territory_row(std::string_view text, const char* parameter,
                                      const territory::TerritoryRegistry& registry,
                                      const analytics::TerritoryLayout& layout)
{
    auto trimmed = core::trim(text);
    bool keyed = trimmed.find('-') != std::string_view::npos || trimmed == "FR" || trimmed == "fr";
    auto found = keyed ? registry.resolve(trimmed) : registry.resolve_department_code(trimmed);
    if (!found.ok())
        return refused(parameter,
                       found.error().message +
                           " Formes attendues : FR, REG-75, DEP-33 ou 33, regions, departments, "
                           "departments:REG-75.",
                       shown(trimmed));
    auto row = layout.row_of((*found)->key);
    if (!row)
        return refused(parameter, "territoire « " + shown(trimmed) + " » hors des chiffres de Boussole.",
                       shown(trimmed));
    return *row;
}

core::Result<AnalyticsQuery> parse_query(const http::Params& params, const catalogue::Catalogue& catalogue,
                                         const territory::TerritoryRegistry& registry,
                                         const analytics::TerritoryLayout& layout)
{
    BOUSSOLE_TRY(only_parameters(params, kParameters));
    AnalyticsQuery query;
    BOUSSOLE_TRY(read_indicators(params, catalogue, query));
    BOUSSOLE_TRY(read_territories(params, registry, layout, query));
    BOUSSOLE_TRY(read_periods(params, query.periods));
    auto csv = read_format(params);
    if (!csv.ok())
        return std::move(csv).error();
    query.csv = *csv;
    BOUSSOLE_TRY(check_cells(query));
    BOUSSOLE_TRY(check_periodicity(query));
    query.normalised = normalised(query);
    return query;
}

}  // namespace boussole::web::analytics_views
