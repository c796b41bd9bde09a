#pragma once
// The JSON shapes of the API's resources, shared by the handlers that return
// them (a territory appears in its own resource, in lists and in actors).

#include "access/users.hpp"
#include "actors/organisation.hpp"
#include "framework/framework.hpp"
#include "territory/population.hpp"
#include "territory/registry.hpp"

#include <nlohmann/json.hpp>

namespace boussole::web {

nlohmann::json territory_json(const territory::Territory& territory);
nlohmann::json population_json(const territory::PopulationTable& population, const territory::TerritoryKey& key);
nlohmann::json organisation_json(const actors::Organisation& organisation,
                                 const territory::TerritoryRegistry& registry);
nlohmann::json framework_item_json(const framework::FrameworkItem& item);
nlohmann::json user_json(const access::User& user);

// {"items": [...], "page": n, "page_size": n, "total": n, "page_count": n}
template <typename T, typename ToJson>
nlohmann::json page_json(const core::Page<T>& page, ToJson&& to_json)
{
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : page.items)
        items.push_back(to_json(item));
    return {{"items", items},
            {"page", page.number},
            {"page_size", page.size},
            {"total", page.total},
            {"page_count", page.page_count()}};
}

}  // namespace boussole::web
