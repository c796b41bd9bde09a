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

nlohmann::json party_options(const conventions::Convention& convention, const std::string& selected, bool partners_only)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto& party : convention.parties)
        if (!partners_only || party.role == conventions::PartyRole::Partner)
            options.push_back({{"value", party.slug},
                               {"label", party.name + " (" + conventions::label(party.role) + ")"},
                               {"selected", party.slug == selected}});
    return options;
}

nlohmann::json contributor_options(const std::vector<actors::Organisation>& choices,
                                   const std::vector<std::string>& chosen)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto& organisation : choices)
        options.push_back({{"value", organisation.slug},
                           {"option_id", "contributeur-" + organisation.slug},
                           {"label", organisation_choice_label(organisation)},
                           {"selected", std::find(chosen.begin(), chosen.end(), organisation.slug) != chosen.end()}});
    return options;
}

std::string organisation_choice_label(const actors::Organisation& organisation)
{
    if (!organisation.type)
        return organisation.name;
    return organisation.name + " (" + std::string(organisation.type->label) + ")";
}

}  // namespace boussole::web::pages
