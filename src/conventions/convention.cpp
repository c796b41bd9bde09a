#include "conventions/convention.hpp"

#include "access/policy.hpp"
#include "actors/organisation.hpp"
#include "conventions/commitment_store.hpp"
#include "conventions/convention_store.hpp"
#include "conventions/template.hpp"
#include "core/faults.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::conventions {

using core::Faults;

namespace {

constexpr std::size_t kLongestTitle = 300;

constexpr const char* kSelectConvention =
    "SELECT id, title, period_start, period_end, template_id, status, amendment, version, updated_at, updated_by "
    "FROM conventions WHERE id = $1";
constexpr const char* kSelectTerritories =
    "SELECT ct.territory_key FROM convention_territories ct JOIN territories t ON t.key = ct.territory_key "
    "WHERE ct.convention_id = $1 ORDER BY t.position";
constexpr const char* kSelectParties =
    "SELECT p.organisation_id, o.slug, o.name, p.role, p.signed_at, p.signed_by FROM convention_parties p "
    "JOIN organisations o ON o.id = p.organisation_id WHERE p.convention_id = $1 ORDER BY p.position";
// A convention of an overlapping period for the department, whatever its
// status: the convention is unique for its period.
constexpr const char* kSelectOverlapping =
    "SELECT c.id, c.status, c.period_start, c.period_end FROM convention_territories ct "
    "JOIN conventions c ON c.id = ct.convention_id "
    "WHERE ct.territory_key = $1 AND ct.period_start <= $3 AND ct.period_end >= $2";
constexpr const char* kInsertConvention =
    "INSERT INTO conventions (title, period_start, period_end, template_id, status, amendment, version, created_at, "
    "updated_at, updated_by) VALUES ($1, $2, $3, $4, 'draft', 0, 1, $5, $5, $6) RETURNING id";
constexpr const char* kInsertTerritory =
    "INSERT INTO convention_territories (convention_id, territory_key, period_start, period_end) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (territory_key, period_start, period_end) DO NOTHING";
constexpr const char* kInsertParty =
    "INSERT INTO convention_parties (convention_id, organisation_id, role, position) VALUES ($1, $2, $3, $4)";
constexpr const char* kSelectIds =
    "SELECT c.id, c.period_start, c.period_end, MIN(t.position) AS first_position FROM conventions c "
    "JOIN convention_territories ct ON ct.convention_id = c.id JOIN territories t ON t.key = ct.territory_key "
    "GROUP BY c.id, c.period_start, c.period_end ORDER BY c.period_start, c.period_end, first_position";

bool covers(const actors::Organisation& organisation, const territory::TerritoryKey& key)
{
    return std::find(organisation.territories.begin(), organisation.territories.end(), key) !=
           organisation.territories.end();
}

bool of_type(const actors::Organisation& organisation, std::string_view type)
{
    return organisation.type && organisation.type->code == type;
}

void add_party(std::vector<Party>& parties, const actors::Organisation& organisation, PartyRole role)
{
    for (const auto& party : parties)
        if (party.organisation_id == organisation.id)
            return;
    parties.push_back({organisation.id, organisation.slug, organisation.name, role, std::nullopt, {}});
}

// The parties the departments call for: the CNSA, the ARS of their region,
// the collectivities covering all of them, their MDPH or MDA.
core::Result<std::vector<Party>> branch_parties(storage::Connection& connection,
                                                const territory::TerritoryRegistry& registry,
                                                const std::vector<territory::TerritoryKey>& departments)
{
    std::vector<Party> parties;
    actors::OrganisationQuery national;
    national.type = "cnsa";
    if (auto found = actors::search_organisations(connection, national); found.ok())
        for (const auto& organisation : found->items)
            add_party(parties, organisation, PartyRole::Cnsa);
    std::vector<actors::Organisation> collectivities;
    bool first = true;
    for (const auto& key : departments) {
        auto present = actors::organisations_in_territory(connection, key);
        for (const auto& organisation : present)
            if (of_type(organisation, "ars"))
                add_party(parties, organisation, PartyRole::Ars);
        std::vector<actors::Organisation> here;
        for (const auto& organisation : present)
            if (of_type(organisation, "departement") && organisation.active && covers(organisation, key) &&
                (first || std::any_of(collectivities.begin(), collectivities.end(),
                                      [&](const auto& kept) { return kept.id == organisation.id; })))
                here.push_back(organisation);
        collectivities = std::move(here);
        first = false;
    }
    if (collectivities.empty()) {
        std::string names;
        for (const auto& key : departments)
            names += (names.empty() ? "" : ", ") + registry.find(key)->label();
        return core::Error::invalid(
            "Départements : aucune collectivité ne couvre ensemble " + names +
                ". Une convention porte sur un département, ou sur plusieurs quand une même collectivité les couvre "
                "(Alsace 67 et 68, Corse 2A et 2B).",
            {{"territories", "Aucune collectivité commune à ces départements.", std::nullopt, std::nullopt}});
    }
    for (const auto& organisation : collectivities)
        add_party(parties, organisation, PartyRole::Departement);
    for (const auto& key : departments)
        for (const auto& organisation : actors::organisations_in_territory(connection, key))
            if ((of_type(organisation, "mdph") || of_type(organisation, "mda")) && covers(organisation, key))
                add_party(parties, organisation, PartyRole::Mdph);
    std::stable_sort(parties.begin(), parties.end(), [](const Party& a, const Party& b) {
        return static_cast<int>(a.role) < static_cast<int>(b.role);
    });
    return parties;
}

std::vector<territory::TerritoryKey> check_departments(Faults& faults, const territory::TerritoryRegistry& registry,
                                                       const std::vector<std::string>& texts)
{
    std::vector<territory::TerritoryKey> keys;
    if (texts.empty())
        faults.add("territories", "Départements : obligatoire, au moins un (ex. « DEP-33 »).");
    for (const auto& text : texts) {
        auto resolved = registry.resolve(core::trim(text));
        if (!resolved.ok()) {
            faults.add("territories", "Départements : " + resolved.error().message, text);
        } else if ((*resolved)->key.level() != territory::Level::Department) {
            faults.add("territories",
                       "Départements : « " + text +
                           " » n'est pas un département ; une convention porte sur un ou "
                           "plusieurs départements.",
                       text);
        } else if (std::find(keys.begin(), keys.end(), (*resolved)->key) == keys.end()) {
            keys.push_back((*resolved)->key);
        }
    }
    return keys;
}

}  // namespace

const Party* Convention::party_of(std::int64_t organisation_id) const
{
    for (const auto& party : parties)
        if (party.organisation_id == organisation_id)
            return &party;
    return nullptr;
}

bool Convention::all_signed() const
{
    return !parties.empty() &&
           std::all_of(parties.begin(), parties.end(), [](const Party& party) { return party.signed_at.has_value(); });
}

nlohmann::json to_json(const Convention& convention)
{
    nlohmann::json territories = nlohmann::json::array();
    for (const auto& key : convention.territories)
        territories.push_back(key.to_string());
    nlohmann::json parties = nlohmann::json::array();
    for (const auto& party : convention.parties)
        parties.push_back({{"organisation", party.slug},
                           {"name", party.name},
                           {"role", to_string(party.role)},
                           {"role_label", label(party.role)},
                           {"signed_at", party.signed_at ? nlohmann::json(core::to_iso8601(*party.signed_at))
                                                         : nlohmann::json(nullptr)},
                           {"signed_by", party.signed_at ? nlohmann::json(party.signed_by) : nlohmann::json(nullptr)}});
    return {{"id", convention.id},
            {"title", convention.title},
            {"period", period_text(convention.period_start, convention.period_end)},
            {"period_start", convention.period_start},
            {"period_end", convention.period_end},
            {"template_id", convention.template_id},
            {"status", to_string(convention.status)},
            {"status_label", label(convention.status)},
            {"amendment", convention.amendment},
            {"version", convention.version},
            {"territories", territories},
            {"parties", parties},
            {"updated_at", core::to_iso8601(convention.updated_at)},
            {"updated_by", convention.updated_by}};
}

core::Result<Convention> create_convention(storage::Connection& connection, const access::Principal& principal,
                                           const territory::TerritoryRegistry& registry, const ConventionInput& input)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    Faults faults;
    auto departments = check_departments(faults, registry, input.territories);
    if (!faults.empty())
        return faults.error();
    BOUSSOLE_TRY(access::require_territorial_write(principal, departments, "créer une convention ici"));
    int start = input.period_start.value_or(0);
    int end = input.period_end.value_or(0);
    if (!input.period_start || !input.period_end)
        faults.add(input.period_start ? "period_end" : "period_start",
                   "Période : obligatoire, début et fin (ex. 2026 et 2029).");
    auto title = std::string(core::trim(input.title));
    if (!core::is_valid_utf8(title) || core::utf8_length(title) > kLongestTitle)
        faults.add("title", "Intitulé : 300 caractères au plus, en UTF-8.");
    std::optional<Template> model;
    if (input.period_start && input.period_end) {
        model = latest_template(connection, start, end);
        if (!model)
            faults.add("period_start", "Période : aucun socle commun n'est publié pour " + period_text(start, end) +
                                           " ; l'équipe nationale doit d'abord le publier.");
    }
    std::vector<actors::Organisation> partners;
    for (const auto& slug : input.partners) {
        auto found = actors::find_organisation_by_slug(connection, core::trim(slug));
        if (!found.ok())
            faults.add("partners", "Partenaires : organisation « " + slug + " » inconnue de l'annuaire.", slug);
        else if (!found->type || found->type->family != actors::Family::Partner)
            faults.add("partners",
                       "Partenaires : « " + found->name +
                           " » est un acteur de la branche, pas un partenaire ; il "
                           "signe la convention elle-même.",
                       slug);
        else
            partners.push_back(std::move(*found));
    }
    if (!faults.empty())
        return faults.error();

    for (const auto& key : departments) {
        auto existing = connection.query(kSelectOverlapping, {key.to_string(), start, end});
        if (existing.empty())
            continue;
        const auto& row = existing.front();
        auto status = parse_status(row.text("status"));
        return core::Error::conflict(
            registry.find(key)->label() + " a déjà une convention pour " +
            period_text(static_cast<int>(row.integer("period_start")), static_cast<int>(row.integer("period_end"))) +
            " (n° " + std::to_string(row.integer("id")) + ", " + (status.ok() ? label(*status) : "") +
            ") : la convention est unique ; modifiez-la ou préparez un avenant plutôt que d'en créer une autre.");
    }
    auto parties = branch_parties(connection, registry, departments);
    if (!parties.ok())
        return std::move(parties).error();
    for (const auto& partner : partners)
        add_party(*parties, partner, PartyRole::Partner);

    if (title.empty()) {
        std::string names;
        for (const auto& key : departments)
            names += (names.empty() ? "" : " et ") + registry.find(key)->name;
        title = "Convention territoriale unique — " + names + " " + period_text(start, end);
    }
    auto author = Author::of(principal);
    Convention convention;
    convention.id = connection.query(kInsertConvention, {title, start, end, model->id, author.at, author.name})
                        .front()
                        .integer("id");
    for (const auto& key : departments)
        if (connection.execute(kInsertTerritory, {convention.id, key.to_string(), start, end}) == 0)
            return core::Error::conflict(registry.find(key)->label() + " vient de recevoir une convention pour " +
                                         period_text(start, end) + " : rechargez la liste des conventions.");
    int position = 0;
    std::int64_t lead_id = 0;
    for (const auto& party : *parties) {
        connection.execute(kInsertParty, {convention.id, party.organisation_id, to_string(party.role), ++position});
        if (party.role == PartyRole::Departement && lead_id == 0)
            lead_id = party.organisation_id;
    }
    store::insert_socle(connection, convention.id, *model, lead_id, author);
    auto created = find_convention(connection, convention.id);
    store::audit(connection, principal, "create", nullptr, *created);
    return *created;
}

std::optional<Convention> find_convention(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectConvention, {id});
    if (rows.empty())
        return std::nullopt;
    const auto& row = rows.front();
    Convention convention;
    convention.id = row.integer("id");
    convention.title = row.text("title");
    convention.period_start = static_cast<int>(row.integer("period_start"));
    convention.period_end = static_cast<int>(row.integer("period_end"));
    convention.template_id = row.integer("template_id");
    if (auto status = parse_status(row.text("status")); status.ok())
        convention.status = *status;
    convention.amendment = static_cast<int>(row.integer("amendment"));
    convention.version = static_cast<int>(row.integer("version"));
    convention.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    convention.updated_by = row.text("updated_by");
    for (auto territory_row : connection.query(kSelectTerritories, {id}))
        if (auto key = territory::TerritoryKey::parse(territory_row.text("territory_key")); key.ok())
            convention.territories.push_back(*key);
    for (auto party_row : connection.query(kSelectParties, {id})) {
        Party party;
        party.organisation_id = party_row.integer("organisation_id");
        party.slug = party_row.text("slug");
        party.name = party_row.text("name");
        auto role = party_row.text("role");
        for (auto candidate :
             {PartyRole::Cnsa, PartyRole::Ars, PartyRole::Departement, PartyRole::Mdph, PartyRole::Partner})
            if (role == to_string(candidate))
                party.role = candidate;
        if (auto at = party_row.optional_text("signed_at"))
            party.signed_at = core::parse_iso8601(*at);
        party.signed_by = party_row.optional_text("signed_by").value_or("");
        convention.parties.push_back(std::move(party));
    }
    return convention;
}

core::Status may_read(const access::Principal& principal, const Convention& convention)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    if (access::is_national(principal.role) || principal.scope.national())
        return {};
    for (const auto& key : convention.territories)
        if (principal.scope.covers(key))
            return {};
    if (principal.organisation_id && convention.party_of(*principal.organisation_id))
        return {};
    return core::Error::forbidden("Cette convention ne concerne pas le périmètre de votre organisation.");
}

core::Status may_steer(const access::Principal& principal, const Convention& convention, std::string_view what)
{
    return access::require_territorial_write(principal, convention.territories, what);
}

std::vector<Convention> list_conventions(storage::Connection& connection, const access::Principal& principal,
                                         const territory::TerritoryRegistry& registry, const ConventionFilter& filter)
{
    std::vector<Convention> found;
    for (auto row : connection.query(kSelectIds)) {
        if (filter.period_start && row.integer("period_start") != *filter.period_start)
            continue;
        auto convention = find_convention(connection, row.integer("id"));
        if (!convention || !may_read(principal, *convention).ok())
            continue;
        if (filter.status && convention->status != *filter.status)
            continue;
        if (filter.territory &&
            std::none_of(convention->territories.begin(), convention->territories.end(),
                         [&](const auto& key) { return registry.contains(*filter.territory, key); }))
            continue;
        found.push_back(std::move(*convention));
    }
    return found;
}

core::Result<Convention> rename_convention(storage::Connection& connection, const access::Principal& principal,
                                           std::int64_t id, int expected_version, const std::string& title)
{
    auto current = find_convention(connection, id);
    if (!current)
        return store::not_found(id);
    BOUSSOLE_TRY(may_steer(principal, *current, "renommer cette convention"));
    auto trimmed = std::string(core::trim(title));
    if (trimmed.empty() || !core::is_valid_utf8(trimmed) || core::utf8_length(trimmed) > kLongestTitle)
        return core::Error::invalid(
            "Intitulé : obligatoire, 300 caractères au plus.",
            {{"title", "Intitulé : obligatoire, 300 caractères au plus.", std::nullopt, std::nullopt}});
    if (current->version != expected_version)
        return store::stale(*current, expected_version);
    if (current->title == trimmed)
        return *current;
    auto after = *current;
    after.title = trimmed;
    auto saved = store::update(connection, after, current->version, Author::of(principal));
    if (!saved)
        return store::raced();
    store::audit(connection, principal, "update", &*current, *saved);
    return *saved;
}

}  // namespace boussole::conventions
