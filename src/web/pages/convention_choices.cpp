// The organisations a convention's forms offer to choose from, so that the
// lead, the contributors and the partners are picked from the directory
// rather than typed.
#include "storage/connection.hpp"
#include "web/pages/convention_pages.hpp"

#include <algorithm>
#include <set>

namespace boussole::web::pages {

std::vector<actors::Organisation> organisations_for(storage::Connection& connection,
                                                    const conventions::Convention& convention)
{
    std::vector<actors::Organisation> parties;
    std::vector<actors::Organisation> present;
    std::set<std::int64_t> seen;
    for (const auto& party : convention.parties)
        if (auto found = actors::find_organisation(connection, party.organisation_id); found.ok()) {
            seen.insert(found->id);
            parties.push_back(*found);
        }
    for (const auto& key : convention.territories)
        for (auto& organisation : actors::organisations_in_territory(connection, key))
            if (organisation.active && seen.insert(organisation.id).second)
                present.push_back(std::move(organisation));
    std::sort(present.begin(), present.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    parties.insert(parties.end(), std::make_move_iterator(present.begin()), std::make_move_iterator(present.end()));
    return parties;
}

std::vector<actors::Organisation> partner_candidates(storage::Connection& connection,
                                                     const conventions::Convention& convention)
{
    std::vector<actors::Organisation> candidates;
    for (auto& organisation : organisations_for(connection, convention))
        if (organisation.type && organisation.type->family == actors::Family::Partner &&
            !convention.party_of(organisation.id))
            candidates.push_back(std::move(organisation));
    return candidates;
}

std::string organisation_choice_label(const actors::Organisation& organisation)
{
    if (!organisation.type)
        return organisation.name;
    return organisation.name + " (" + std::string(organisation.type->label) + ")";
}

}  // namespace boussole::web::pages
