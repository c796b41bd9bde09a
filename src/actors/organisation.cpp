#include "actors/organisation.hpp"

#include "core/text.hpp"
#include "storage/connection.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace boussole::actors {

namespace {

constexpr const char* kColumns =
    "o.id, o.slug, o.type, o.name, o.short_name, o.description, o.website, o.email, o.phone, o.address, o.origin, "
    "o.to_confirm, o.active, o.version, o.updated_at";

// $1 type or '', $2…$5 LIKE patterns ('%' when unused), $6 territory key or ''.
constexpr const char* kFilter =
    " FROM organisations o WHERE o.active = 1 AND ($1 = '' OR o.type = $1) "
    "AND o.search_key LIKE $2 ESCAPE '\\' AND o.search_key LIKE $3 ESCAPE '\\' "
    "AND o.search_key LIKE $4 ESCAPE '\\' AND o.search_key LIKE $5 ESCAPE '\\' "
    "AND ($6 = '' OR EXISTS (SELECT 1 FROM organisation_territories ot JOIN territory_closure c "
    "ON c.ancestor_key = ot.territory_key WHERE ot.organisation_id = o.id AND c.descendant_key = $6 "
    "AND (ot.territory_key <> 'FR' OR $6 = 'FR')) "
    "OR EXISTS (SELECT 1 FROM organisation_territories ot JOIN territory_closure c "
    "ON c.descendant_key = ot.territory_key WHERE ot.organisation_id = o.id AND c.ancestor_key = $6))";

const std::string kSearchByName =
    std::string("SELECT ") + kColumns + kFilter + " ORDER BY o.search_key, o.id LIMIT $7 OFFSET $8";
const std::string kSearchByType =
    std::string("SELECT ") + kColumns + kFilter + " ORDER BY o.type, o.search_key, o.id LIMIT $7 OFFSET $8";
const std::string kCount = std::string("SELECT COUNT(*) AS total") + kFilter;
const std::string kAllMatching = std::string("SELECT ") + kColumns + kFilter + " ORDER BY o.search_key, o.id";
constexpr const char* kCoverageOf =
    "SELECT ot.organisation_id, ot.territory_key FROM organisation_territories ot WHERE ot.organisation_id IN ";
const std::string kCoverageOfMatching =
    std::string(kCoverageOf) + "(SELECT o.id" + kFilter + ") ORDER BY ot.organisation_id, ot.territory_key";
const std::string kCoverageOfPageByName = std::string(kCoverageOf) + "(SELECT o.id" + kFilter +
                                          " ORDER BY o.search_key, o.id LIMIT $7 OFFSET $8) "
                                          "ORDER BY ot.organisation_id, ot.territory_key";
const std::string kCoverageOfPageByType = std::string(kCoverageOf) + "(SELECT o.id" + kFilter +
                                          " ORDER BY o.type, o.search_key, o.id LIMIT $7 OFFSET $8) "
                                          "ORDER BY ot.organisation_id, ot.territory_key";

const std::string kSelectById = std::string("SELECT ") + kColumns + " FROM organisations o WHERE o.id = $1";
const std::string kSelectBySlug = std::string("SELECT ") + kColumns + " FROM organisations o WHERE o.slug = $1";
constexpr const char* kSelectCoverage =
    "SELECT organisation_id, territory_key FROM organisation_territories WHERE organisation_id = $1 "
    "ORDER BY territory_key";
constexpr const char* kCountByType = "SELECT type, COUNT(*) AS n FROM organisations WHERE active = 1 GROUP BY type";

Organisation from_row(const storage::Row& row)
{
    Organisation organisation;
    organisation.id = row.integer("id");
    organisation.slug = row.text("slug");
    auto type = find_organisation_type(row.text("type"));
    organisation.type = type.ok() ? *type : &organisation_types().back();
    organisation.name = row.text("name");
    organisation.short_name = row.text("short_name");
    organisation.description = row.text("description");
    organisation.website = row.text("website");
    organisation.email = row.text("email");
    organisation.phone = row.text("phone");
    organisation.address = row.text("address");
    organisation.origin = row.text("origin");
    organisation.to_confirm = row.boolean("to_confirm");
    organisation.active = row.boolean("active");
    organisation.version = static_cast<int>(row.integer("version"));
    organisation.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    return organisation;
}

void attach_coverage(std::vector<Organisation>& organisations, const storage::Rows& coverage)
{
    std::map<std::int64_t, std::vector<territory::TerritoryKey>> by_organisation;
    for (auto row : coverage) {
        auto key = territory::TerritoryKey::parse(row.text("territory_key"));
        if (key.ok())
            by_organisation[row.integer("organisation_id")].push_back(*key);
    }
    for (auto& organisation : organisations)
        organisation.territories = by_organisation[organisation.id];
}

// The LIKE patterns for up to four words of the search; the rest are ignored.
std::vector<std::string> word_patterns(const std::string& search)
{
    std::vector<std::string> patterns;
    std::istringstream words(core::fold_for_search(search));
    std::string word;
    while (words >> word && patterns.size() < 4)
        patterns.push_back("%" + core::escape_like(word) + "%");
    while (patterns.size() < 4)
        patterns.emplace_back("%");
    return patterns;
}

storage::Params filter_params(const OrganisationQuery& query)
{
    auto patterns = word_patterns(query.search);
    return {query.type,  patterns[0], patterns[1],
            patterns[2], patterns[3], query.territory ? query.territory->to_string() : std::string()};
}

std::size_t type_position(const OrganisationType* type)
{
    const auto& types = organisation_types();
    for (std::size_t i = 0; i < types.size(); ++i)
        if (&types[i] == type)
            return i;
    return types.size();
}

}  // namespace

nlohmann::json organisation_snapshot(const Organisation& organisation)
{
    nlohmann::json territories = nlohmann::json::array();
    for (const auto& key : organisation.territories)
        territories.push_back(key.to_string());
    return {{"id", organisation.id},
            {"slug", organisation.slug},
            {"type", organisation.type->code},
            {"name", organisation.name},
            {"short_name", organisation.short_name},
            {"description", organisation.description},
            {"website", organisation.website},
            {"email", organisation.email},
            {"phone", organisation.phone},
            {"address", organisation.address},
            {"territories", territories},
            {"version", organisation.version}};
}

std::string organisation_search_key(const std::string& name, const std::string& short_name,
                                    const std::vector<territory::TerritoryKey>& territories)
{
    std::string text = name + " " + short_name;
    for (const auto& key : territories)
        text += " " + key.code();
    return core::fold_for_search(text);
}

core::Result<core::Page<Organisation>> search_organisations(storage::Connection& connection,
                                                            const OrganisationQuery& query)
{
    if (!query.type.empty()) {
        auto type = find_organisation_type(query.type);
        if (!type.ok())
            return std::move(type).error();
    }
    auto params = filter_params(query);
    core::Page<Organisation> page;
    page.number = query.page.number;
    page.size = query.page.size;
    page.total = connection.query(kCount, params).front().integer("total");

    auto paged = params;
    paged.emplace_back(query.page.size);
    paged.emplace_back(query.page.offset());
    bool by_type = query.sort == OrganisationSort::Type;
    for (auto row : connection.query(by_type ? kSearchByType : kSearchByName, paged))
        page.items.push_back(from_row(row));
    // The coverage of the page's organisations, in one more query.
    attach_coverage(page.items, connection.query(by_type ? kCoverageOfPageByType : kCoverageOfPageByName, paged));
    return page;
}

core::Result<Organisation> find_organisation(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectById, {id});
    if (rows.empty())
        return core::Error::not_found("Organisation " + std::to_string(id) + " introuvable.");
    std::vector<Organisation> found{from_row(rows.front())};
    attach_coverage(found, connection.query(kSelectCoverage, {id}));
    return found.front();
}

core::Result<Organisation> find_organisation_by_slug(storage::Connection& connection, std::string_view slug)
{
    auto rows = connection.query(kSelectBySlug, {slug});
    if (rows.empty())
        return core::Error::not_found("Organisation « " + std::string(slug) + " » introuvable.");
    return find_organisation(connection, rows.front().integer("id"));
}

std::vector<Organisation> organisations_in_territory(storage::Connection& connection,
                                                     const territory::TerritoryKey& key)
{
    OrganisationQuery query;
    query.territory = key;
    auto params = filter_params(query);
    std::vector<Organisation> organisations;
    for (auto row : connection.query(kAllMatching, params))
        organisations.push_back(from_row(row));
    attach_coverage(organisations, connection.query(kCoverageOfMatching, params));
    std::stable_sort(organisations.begin(), organisations.end(), [](const Organisation& a, const Organisation& b) {
        return type_position(a.type) < type_position(b.type);
    });
    return organisations;
}

std::vector<std::pair<std::string, std::int64_t>> count_by_type(storage::Connection& connection)
{
    std::map<std::string, std::int64_t> counts;
    for (auto row : connection.query(kCountByType))
        counts[row.text("type")] = row.integer("n");
    std::vector<std::pair<std::string, std::int64_t>> ordered;
    for (const auto& type : organisation_types())
        ordered.emplace_back(std::string(type.code), counts[std::string(type.code)]);
    return ordered;
}

}  // namespace boussole::actors
