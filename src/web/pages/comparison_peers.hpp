#pragma once
// The departments a department is compared with on the comparison page:
// those of its region, or those that look most like it by their population
// (INSEE): its size and its share of people aged 75 or more, the two things
// that most shape the demand the branch answers. Pure functions of the
// population table and the layout: safe from any thread.

#include "analytics/territory_layout.hpp"
#include "territory/population.hpp"

#include <optional>
#include <string>
#include <vector>

namespace boussole::web::pages {

enum class PeerRule { Profile, Region };

const char* to_string(PeerRule rule);  // "profil", "region"

// How many departments the profile rule keeps.
inline constexpr int kProfilePeers = 5;

struct Peer {
    int row = 0;                     // a department row of the layout
    std::optional<double> distance;  // the profile rule's distance; absent for the region rule
    std::int64_t population = 0;
    std::optional<double> share_75_plus;  // in %, absent without population
};

struct PeerChoice {
    PeerRule rule = PeerRule::Profile;
    std::vector<Peer> peers;  // nearest first (profile) or in the registry's order (region)
    Peer self;
    // Set when the profile rule was asked but the population table is empty:
    // the region's departments are given instead.
    bool fell_back = false;
};

// The peers of department_row (a department row of layout) under rule.
// Profile: the kProfilePeers departments nearest in the plane of (natural
// logarithm of the population, share of 75 and over), each axis divided by
// its standard deviation over all departments so that both weigh the same.
// A department without population is never a peer.
PeerChoice similar_departments(const territory::PopulationTable& population, const analytics::TerritoryLayout& layout,
                               int department_row, PeerRule rule);

}  // namespace boussole::web::pages
