#include "web/pages/comparison_peers.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::web::pages {

namespace {

Peer describe(const territory::PopulationTable& population, const analytics::TerritoryLayout& layout, int row)
{
    Peer peer;
    peer.row = row;
    auto groups = population.groups(layout.territory(row).key);
    peer.population = groups.total;
    if (groups.total > 0)
        peer.share_75_plus = 100.0 * static_cast<double>(groups.from_75) / static_cast<double>(groups.total);
    return peer;
}

double standard_deviation(const std::vector<double>& values)
{
    if (values.size() < 2)
        return 0;
    double mean = 0;
    for (double value : values)
        mean += value;
    mean /= static_cast<double>(values.size());
    double sum = 0;
    for (double value : values)
        sum += (value - mean) * (value - mean);
    return std::sqrt(sum / static_cast<double>(values.size()));
}

}  // namespace

const char* to_string(PeerRule rule)
{
    return rule == PeerRule::Region ? "region" : "profil";
}

PeerChoice similar_departments(const territory::PopulationTable& population, const analytics::TerritoryLayout& layout,
                               int department_row, PeerRule rule)
{
    PeerChoice choice;
    choice.rule = rule;
    choice.self = describe(population, layout, department_row);
    int department = department_row - layout.first_department_row();
    if (rule == PeerRule::Profile && (population.empty() || !choice.self.share_75_plus)) {
        choice.fell_back = true;
        choice.rule = PeerRule::Region;
    }
    if (choice.rule == PeerRule::Region) {
        for (int other : layout.departments_of_row(layout.region_row_of(department)))
            if (layout.department_row(other) != department_row)
                choice.peers.push_back(describe(population, layout, layout.department_row(other)));
        return choice;
    }

    std::vector<Peer> candidates;
    std::vector<double> sizes, shares;
    for (int other = 0; other < layout.departments(); ++other) {
        auto peer = describe(population, layout, layout.department_row(other));
        if (!peer.share_75_plus)
            continue;
        sizes.push_back(std::log(static_cast<double>(peer.population)));
        shares.push_back(*peer.share_75_plus);
        if (peer.row != department_row)
            candidates.push_back(peer);
    }
    double size_spread = standard_deviation(sizes);
    double share_spread = standard_deviation(shares);
    double own_size = std::log(static_cast<double>(choice.self.population));
    for (auto& peer : candidates) {
        double size = size_spread > 0 ? (std::log(static_cast<double>(peer.population)) - own_size) / size_spread : 0;
        double share = share_spread > 0 ? (*peer.share_75_plus - *choice.self.share_75_plus) / share_spread : 0;
        peer.distance = std::sqrt(size * size + share * share);
    }
    // Ties keep the registry's order, so that the choice is the same every time.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Peer& a, const Peer& b) { return *a.distance < *b.distance; });
    if (candidates.size() > static_cast<std::size_t>(kProfilePeers))
        candidates.resize(kProfilePeers);
    choice.peers = std::move(candidates);
    return choice;
}

}  // namespace boussole::web::pages
