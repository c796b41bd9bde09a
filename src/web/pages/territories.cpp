// The territories: the regions with their departments, and a page per region
// or department with the actors present and the population by age and sex.
#include "actors/organisation.hpp"
#include "core/french.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"

namespace boussole::web::pages {

namespace {

using territory::Level;
using territory::Sex;
using territory::Territory;
using territory::TerritoryKey;

std::string territory_href(const TerritoryKey& key)
{
    return "/territoires/" + key.to_string();
}

// "12,3 %" with a no-break space, as French typography wants.
std::string share(std::int64_t part, std::int64_t whole)
{
    if (whole <= 0)
        return "–";
    return core::format_decimal(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "\u00a0%";
}

std::string population_text(const AppState& state, const TerritoryKey& key)
{
    auto total = state.population.groups(key).total;
    return total > 0 ? core::format_integer(total) : "–";
}

nlohmann::json department_rows(const AppState& state, const std::vector<const Territory*>& departments)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto* department : departments) {
        auto groups = state.population.groups(department->key);
        rows.push_back({{"code", department->key.code()},
                        {"name", department->name},
                        {"href", territory_href(department->key)},
                        {"population", population_text(state, department->key)},
                        {"from_75", groups.total > 0 ? core::format_integer(groups.from_75) : "–"},
                        {"from_75_share", share(groups.from_75, groups.total)}});
    }
    return rows;
}

http::Response territory_list(AppState& state, http::Request& request)
{
    nlohmann::json regions = nlohmann::json::array();
    for (const auto* region : state.registry.regions()) {
        auto departments = state.registry.departments_within(region->key);
        regions.push_back({{"name", region->name},
                           {"code", region->key.code()},
                           {"anchor", "region-" + region->key.code()},
                           {"href", territory_href(region->key)},
                           {"population", population_text(state, region->key)},
                           {"department_count", departments.size()},
                           {"plural", departments.size() > 1},
                           {"departments", department_rows(state, departments)}});
    }
    nlohmann::json context{{"regions", regions},
                           {"region_count", state.registry.regions().size()},
                           {"department_count", state.registry.departments().size()},
                           {"population", population_text(state, TerritoryKey::nation())},
                           {"population_year", std::to_string(state.population.year())},
                           {"population_source", state.population.source()}};
    PageMeta meta;
    meta.title = "Territoires";
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", ""}};
    return render_page(state, request, "territories", context, meta);
}

nlohmann::json actor_groups(const AppState& state, const std::vector<actors::Organisation>& organisations)
{
    nlohmann::json groups = nlohmann::json::array();
    const actors::OrganisationType* current = nullptr;
    for (const auto& organisation : organisations) {
        if (organisation.type != current) {
            current = organisation.type;
            groups.push_back({{"label", std::string(current->plural)},
                              {"id", "acteurs-" + std::string(current->code)},
                              {"actors", nlohmann::json::array()}});
        }
        std::string covered;
        for (const auto& key : organisation.territories) {
            const auto* territory = state.registry.find(key);
            covered += (covered.empty() ? "" : ", ") + (territory ? territory->label() : key.to_string());
        }
        groups.back()["actors"].push_back({{"name", organisation.name},
                                           {"href", "/acteurs/" + organisation.slug},
                                           {"covered", covered},
                                           {"to_confirm", organisation.to_confirm}});
    }
    for (auto& group : groups)
        group["count"] = group["actors"].size();
    return groups;
}

nlohmann::json population_view(const AppState& state, const Territory& territory)
{
    const auto* all = state.population.find(territory.key, Sex::All);
    const auto* men = state.population.find(territory.key, Sex::Men);
    const auto* women = state.population.find(territory.key, Sex::Women);
    if (!all || !men || !women)
        return {{"available", false}};
    nlohmann::json rows = nlohmann::json::array();
    for (int group = 0; group < territory::kAgeGroupCount; ++group)
        rows.push_back({{"label", territory::age_group_label(group)},
                        {"women", core::format_integer(women->counts[group])},
                        {"men", core::format_integer(men->counts[group])},
                        {"all", core::format_integer(all->counts[group])}});
    auto groups = state.population.groups(territory.key);
    auto group_row = [&](const char* label, std::int64_t count) {
        return nlohmann::json{
            {"label", label}, {"count", core::format_integer(count)}, {"share", share(count, groups.total)}};
    };
    return {{"available", true},
            {"rows", rows},
            {"total_women", core::format_integer(women->total())},
            {"total_men", core::format_integer(men->total())},
            {"total_all", core::format_integer(all->total())},
            {"groups",
             {group_row("Moins de 20 ans", groups.under_20), group_row("20 à 59 ans", groups.from_20_to_59),
              group_row("60 ans et plus", groups.from_60), group_row("dont 75 ans et plus", groups.from_75)}}};
}

http::Response territory_page(AppState& state, http::Request& request)
{
    auto key_text = request.path_param("key");
    auto found = state.registry.resolve(key_text);
    if (!found.ok())
        return error_page(state, request,
                          core::Error::not_found(found.error().message +
                                                 " Choisissez un territoire existant depuis le menu « Territoires »."));
    const Territory& territory = **found;
    if (territory.key.level() == Level::Nation)
        return http::Response::redirect(303, "/territoires");
    // One address per territory: "dep-2a" leads to "DEP-2A".
    if (key_text != territory.key.to_string())
        return http::Response::redirect(301, territory_href(territory.key));

    auto organisations = state.database.read(
        [&](storage::Connection& connection) { return actors::organisations_in_territory(connection, territory.key); });
    bool department = territory.key.level() == Level::Department;
    nlohmann::json context{{"name", territory.name},
                           {"label", territory.label()},
                           {"of_name", territory.with_preposition()},
                           {"key", territory.key.to_string()},
                           {"code", territory.key.code()},
                           {"is_department", department},
                           {"is_region", !department},
                           {"population", population_text(state, territory.key)},
                           {"population_year", std::to_string(state.population.year())},
                           {"population_source", state.population.source()},
                           {"pyramid", population_view(state, territory)},
                           {"actor_groups", actor_groups(state, organisations)},
                           {"actor_count", organisations.size()},
                           {"has_actors", !organisations.empty()},
                           {"directory_href", "/acteurs?territoire=" + territory.key.to_string()}};
    PageMeta meta;
    meta.title = territory.label();
    meta.section = "territoires";
    meta.breadcrumbs = {{"Territoires", "/territoires"}};
    if (department && territory.parent) {
        if (const auto* region = state.registry.find(*territory.parent)) {
            context["region"] = {{"name", region->name}, {"href", territory_href(region->key)}};
            meta.breadcrumbs.push_back({region->name, territory_href(region->key)});
        }
    }
    if (!department) {
        auto departments = state.registry.departments_within(territory.key);
        context["departments"] = department_rows(state, departments);
        context["department_count"] = departments.size();
        context["departments_plural"] = departments.size() > 1;
    }
    meta.breadcrumbs.push_back({territory.label(), ""});
    return render_page(state, request, "territory", context, meta);
}

}  // namespace

void register_territory_routes(http::Router& router, AppState& state)
{
    router.get("/territoires", [&state](http::Request& request) { return territory_list(state, request); });
    router.get("/territoires/{key}", [&state](http::Request& request) { return territory_page(state, request); });
}

}  // namespace boussole::web::pages
