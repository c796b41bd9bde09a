#include "collection/population_values.hpp"

#include "collection/cell_store.hpp"
#include "storage/connection.hpp"

#include <charconv>
#include <map>

namespace boussole::collection {

namespace {

constexpr std::string_view kPrefix = "pop_";
constexpr const char* kAuthor = "données de référence INSEE";

// Reads an age on a five-year edge ("20", "75"); nothing otherwise.
std::optional<int> age(std::string_view text)
{
    int value = -1;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > 95 || value % 5 != 0)
        return std::nullopt;
    return value;
}

std::optional<std::pair<int, int>> ages_of(std::string_view group)
{
    if (group == "totale")
        return std::pair{0, -1};
    if (group.starts_with("moins_")) {
        auto upper = age(group.substr(6));
        if (!upper || *upper == 0)
            return std::nullopt;
        return std::pair{0, *upper - 1};
    }
    auto separator = group.find('_');
    if (separator == std::string_view::npos)
        return std::nullopt;
    auto lower = age(group.substr(0, separator));
    auto rest = group.substr(separator + 1);
    if (!lower)
        return std::nullopt;
    if (rest == "plus")
        return std::pair{*lower, -1};
    // "20_59": the upper bound ends a group, so it is an edge minus one.
    int upper = -1;
    auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), upper);
    if (error != std::errc() || end != rest.data() + rest.size() || !age(std::to_string(upper + 1)) || upper < *lower)
        return std::nullopt;
    return std::pair{*lower, upper};
}

std::string comment_of(const territory::PopulationTable& population)
{
    return "Estimation de population au 1er janvier " + std::to_string(population.year()) + " (" + population.source() +
           ").";
}

}  // namespace

std::optional<PopulationGroup> population_group(std::string_view code)
{
    if (!code.starts_with(kPrefix))
        return std::nullopt;
    auto rest = code.substr(kPrefix.size());
    auto sex = territory::Sex::All;
    for (auto [suffix, value] : {std::pair{std::string_view("_hommes"), territory::Sex::Men},
                                 std::pair{std::string_view("_femmes"), territory::Sex::Women}}) {
        if (rest.ends_with(suffix)) {
            sex = value;
            rest.remove_suffix(suffix.size());
            break;
        }
    }
    auto ages = ages_of(rest);
    if (!ages)
        return std::nullopt;
    return PopulationGroup{sex, ages->first, ages->second};
}

PopulationReport materialise_population(storage::Connection& connection, const territory::TerritoryRegistry& registry,
                                        const territory::PopulationTable& population,
                                        const catalogue::Catalogue& catalogue)
{
    PopulationReport report;
    report.year = population.year();
    if (population.empty())
        return report;
    auto period = core::Period::year(population.year());
    auto comment = comment_of(population);
    cells::Author author{kAuthor, std::nullopt, std::nullopt, core::now()};
    for (const auto& element : catalogue.elements()) {
        auto group = population_group(element.code);
        // Only the elements meant for it: yearly and computed by Boussole,
        // never a collected element that happens to share the prefix.
        if (!group || element.collected || element.period_type != core::PeriodType::Year)
            continue;
        report.elements.push_back(element.code);
        for (const auto* department : registry.departments()) {
            const auto* pyramid = population.find(department->key, group->sex);
            if (!pyramid)
                continue;
            double value = static_cast<double>(pyramid->between(group->min_age, group->max_age));
            cells::CellState state{value, comment, ValueStatus::Validated, ValueOrigin::Reference, std::nullopt,
                                   false, false};
            auto key = department->key.to_string();
            auto current = cells::lock_cell(connection, element.code, key, period.to_string());
            if (!current) {
                if (cells::insert_cell(connection, element.code, key, period, state, author)) {
                    ++report.written;
                    continue;
                }
                current = cells::lock_cell(connection, element.code, key, period.to_string());
            }
            if (!current->deleted && current->value == value && current->comment == comment &&
                current->status == ValueStatus::Validated && current->origin == ValueOrigin::Reference) {
                ++report.unchanged;
                continue;
            }
            cells::update_cell(connection, *current, state, current->deleted ? "restore" : "update", author);
            ++report.written;
        }
    }
    return report;
}

}  // namespace boussole::collection
