#pragma once
// The organisations of the branch and their partners ("mieux se connaître"):
// who they are, which territories they cover, how to reach them. An
// organisation covers one or more territories; a territory lists every
// organisation present in it.

#include "access/principal.hpp"
#include "actors/organisation_type.hpp"
#include "core/clock.hpp"
#include "core/page.hpp"
#include "territory/territory_key.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::actors {

struct Organisation {
    std::int64_t id = 0;
    std::string slug;  // stable readable identifier: "ars-75", "cea-alsace"
    const OrganisationType* type = nullptr;
    std::string name;
    std::string short_name;
    std::string description;
    std::string website;
    std::string email;
    std::string phone;
    std::string address;
    std::string origin;       // reference, synthetic (demo), user
    bool to_confirm = false;  // reference data whose name or coverage awaits confirmation
    bool active = true;
    int version = 1;
    std::vector<territory::TerritoryKey> territories;
    core::Timestamp updated_at;
};

enum class OrganisationSort { Name, Type };

struct OrganisationQuery {
    std::string search;  // words, all of which must appear (name, short name, territory codes)
    std::string type;    // type code, empty for all
    // Organisations present in the territory: covering it, a territory within
    // it, or the region around it. National organisations only for FR.
    std::optional<territory::TerritoryKey> territory;
    OrganisationSort sort = OrganisationSort::Name;
    core::PageRequest page;
};

// Public directory data: no access check. Invalid for an unknown type.
core::Result<core::Page<Organisation>> search_organisations(storage::Connection& connection,
                                                            const OrganisationQuery& query);

core::Result<Organisation> find_organisation(storage::Connection& connection, std::int64_t id);
core::Result<Organisation> find_organisation_by_slug(storage::Connection& connection, std::string_view slug);

// Every organisation present in a territory (see OrganisationQuery::territory),
// in type order then name.
std::vector<Organisation> organisations_in_territory(storage::Connection& connection,
                                                     const territory::TerritoryKey& key);

// Organisation count per type code, for the directory's filters.
std::vector<std::pair<std::string, std::int64_t>> count_by_type(storage::Connection& connection);

// What an organisation is, as the audit log keeps it before and after a
// change (and the base of the API's representation).
nlohmann::json organisation_snapshot(const Organisation& organisation);

// The folded text searches look in.
std::string organisation_search_key(const std::string& name, const std::string& short_name,
                                    const std::vector<territory::TerritoryKey>& territories);

}  // namespace boussole::actors
