#include "conventions/statistics.hpp"

#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "conventions/versions.hpp"

#include <map>

namespace boussole::conventions {

nlohmann::json statistics(storage::Connection& connection, const access::Principal& principal,
                          const territory::TerritoryRegistry& registry)
{
    std::map<std::string, int> by_status;
    std::map<std::string, int> by_priority;
    std::size_t total = 0;
    nlohmann::json rows = nlohmann::json::array();
    auto found = list_conventions(connection, principal, registry, {});
    for (const auto& convention : found) {
        ++by_status[to_string(convention.status)];
        auto commitments = list_commitments(connection, convention.id);
        total += commitments.size();
        for (const auto& commitment : commitments)
            ++by_priority[commitment.priority];
        nlohmann::json versions = nlohmann::json::array();
        for (const auto& version : list_versions(connection, convention.id)) {
            auto snapshot = version_snapshot(connection, convention.id, version.number);
            auto count = snapshot ? snapshot->value("commitments", nlohmann::json::array()).size() : 0;
            versions.push_back({{"number", version.number}, {"commitments", count}});
        }
        nlohmann::json territories = nlohmann::json::array();
        for (const auto& key : convention.territories)
            territories.push_back(key.to_string());
        rows.push_back({{"id", convention.id},
                        {"title", convention.title},
                        {"territories", territories},
                        {"status", to_string(convention.status)},
                        {"commitments", commitments.size()},
                        {"versions", versions}});
    }
    return {{"conventions", found.size()},
            {"by_status", by_status},
            {"commitments", total},
            {"by_priority", by_priority},
            {"commitment_cap", commitment_cap(connection)},
            {"per_convention", rows}};
}

}  // namespace boussole::conventions
