// The members of an ITA: added, changed from the version read, removed as a
// recorded change (see ita.hpp).
#include "core/text.hpp"
#include "steering/ita.hpp"
#include "steering/ita_support.hpp"
#include "steering/roadmap_store.hpp"
#include "storage/connection.hpp"

namespace boussole::steering {

using core::Faults;
using detail::audit;
using detail::author;

namespace {

constexpr const char* kInsertMember =
    "INSERT INTO ita_members (territory_key, organisation_id, person, role, starts_on, ends_on, created_at, "
    "created_by, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $7, $8) RETURNING id";
constexpr const char* kUpdateMember =
    "UPDATE ita_members SET organisation_id = $1, person = $2, role = $3, starts_on = $4, ends_on = $5, "
    "version = version + 1, updated_at = $6, updated_by = $7 WHERE id = $8 AND territory_key = $9 AND version = $10 "
    "AND deleted = 0";
constexpr const char* kRemoveMember =
    "UPDATE ita_members SET deleted = 1, version = version + 1, updated_at = $1, updated_by = $2 "
    "WHERE id = $3 AND territory_key = $4 AND version = $5 AND deleted = 0";
constexpr const char* kSelectMembers =
    "SELECT m.id, o.slug, o.name, m.person, m.role, m.starts_on, m.ends_on, m.version, m.updated_at, m.updated_by, "
    "m.created_at, m.created_by FROM ita_members m LEFT JOIN organisations o ON o.id = m.organisation_id "
    "WHERE m.territory_key = $1 AND m.deleted = 0 ";
constexpr const char* kMemberOrder =
    "ORDER BY CASE m.role WHEN 'copresidence_ars' THEN 0 WHEN 'copresidence_cd' THEN 1 WHEN 'mdph' THEN 2 "
    "WHEN 'cdca' THEN 3 WHEN 'conference_financeurs' THEN 4 ELSE 5 END, m.id";

Member member_of(const storage::Row& row)
{
    Member member;
    member.id = row.integer("id");
    member.organisation = row.optional_text("slug").value_or("");
    member.organisation_name = row.optional_text("name").value_or("");
    member.person = row.text("person");
    if (auto role = parse_member_role(row.text("role")); role.ok())
        member.role = *role;
    member.starts_on = row.optional_text("starts_on").value_or("");
    member.ends_on = row.optional_text("ends_on").value_or("");
    member.version = static_cast<int>(row.integer("version"));
    // Members recorded before they carried who changed them show their creation.
    auto updated_at = row.text("updated_at");
    member.updated_at =
        core::parse_iso8601(updated_at.empty() ? row.text("created_at") : updated_at).value_or(core::Timestamp{});
    member.updated_by = row.text("updated_by").empty() ? row.text("created_by") : row.text("updated_by");
    return member;
}

std::optional<std::string> optional_day(const std::string& day)
{
    return day.empty() ? std::nullopt : std::optional(day);
}

// The member as the input describes it, with its organisation's row id.
core::Result<std::pair<Member, std::optional<std::int64_t>>> checked_member(storage::Connection& connection,
                                                                            const MemberInput& input)
{
    Faults faults;
    Member member;
    auto role = parse_member_role(core::trim(input.role));
    if (!role.ok())
        faults.add("role", role.error().message, input.role);
    else
        member.role = *role;
    member.organisation = std::string(core::trim(input.organisation));
    member.person = std::string(core::trim(input.person));
    std::optional<std::int64_t> organisation_id;
    if (!member.organisation.empty()) {
        organisation_id = store::organisation_id(connection, member.organisation);
        if (!organisation_id)
            faults.add("organisation", "Organisation « " + member.organisation + " » inconnue de l'annuaire.",
                       member.organisation);
    }
    if (member.organisation.empty() && member.person.empty())
        faults.add("person", "Membre : une organisation, une personne, ou les deux.");
    if (core::utf8_length(member.person) > 200 || !core::is_valid_utf8(member.person))
        faults.add("person", "Personne : 200 caractères au plus.");
    member.starts_on = std::string(core::trim(input.starts_on));
    member.ends_on = std::string(core::trim(input.ends_on));
    if (!member.starts_on.empty() && !parse_day(member.starts_on))
        faults.add("starts_on", "Membre depuis : une date est attendue, au format AAAA-MM-JJ (par exemple 2026-01-15).",
                   member.starts_on);
    if (!member.ends_on.empty() && !parse_day(member.ends_on))
        faults.add("ends_on", "Membre jusqu'au : une date est attendue, au format AAAA-MM-JJ (par exemple 2028-12-31).",
                   member.ends_on);
    else if (!member.ends_on.empty() && parse_day(member.starts_on) && member.ends_on < member.starts_on)
        faults.add("ends_on", "Membre jusqu'au : la fin suit le début (" + member.starts_on + ").", member.ends_on);
    if (!faults.empty())
        return faults.error();
    return std::pair(member, organisation_id);
}

core::Error member_not_found(const SteeredTerritory& territory, std::int64_t id)
{
    return core::Error::not_found("Membre n° " + std::to_string(id) + " introuvable dans l'ITA de " + territory.name +
                                  " (il a peut-être été retiré).");
}

std::string who(const Member& member)
{
    if (member.organisation_name.empty())
        return member.person;
    return member.person.empty() ? member.organisation_name : member.person + " (" + member.organisation_name + ")";
}

}  // namespace

core::Result<Member> add_member(storage::Connection& connection, const access::Principal& principal,
                                const SteeredTerritory& territory, const MemberInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto checked = checked_member(connection, input);
    if (!checked.ok())
        return std::move(checked).error();
    auto [member, organisation_id] = *checked;
    auto at = core::to_iso8601(core::now());
    member.id =
        connection
            .query(kInsertMember, {territory.key.to_string(), organisation_id, member.person, to_string(member.role),
                                   optional_day(member.starts_on), optional_day(member.ends_on), at, author(principal)})
            .front()
            .integer("id");
    auto saved = find_member(connection, territory, member.id);
    audit(connection, principal, "create", "ita_member", member.id, to_json(*saved));
    return *saved;
}

core::Result<Member> change_member(storage::Connection& connection, const access::Principal& principal,
                                   const SteeredTerritory& territory, std::int64_t id, int expected_version,
                                   const MemberInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto current = find_member(connection, territory, id);
    if (!current)
        return member_not_found(territory, id);
    if (current->version != expected_version)
        return detail::stale("La fiche du membre « " + who(*current) + " »", current->updated_by, current->updated_at,
                             current->version, expected_version);
    auto checked = checked_member(connection, input);
    if (!checked.ok())
        return std::move(checked).error();
    const auto& [member, organisation_id] = *checked;
    if (connection.execute(kUpdateMember,
                           {organisation_id, member.person, to_string(member.role), optional_day(member.starts_on),
                            optional_day(member.ends_on), core::to_iso8601(core::now()), author(principal), id,
                            territory.key.to_string(), expected_version}) == 0)
        return core::Error::conflict("Le membre vient d'être modifié par quelqu'un d'autre : rechargez la page.");
    auto saved = find_member(connection, territory, id);
    audit(connection, principal, "update", "ita_member", id, to_json(*saved), to_json(*current));
    return *saved;
}

core::Result<Member> remove_member(storage::Connection& connection, const access::Principal& principal,
                                   const SteeredTerritory& territory, std::int64_t id,
                                   std::optional<int> expected_version)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto current = find_member(connection, territory, id);
    if (!current)
        return member_not_found(territory, id);
    if (expected_version && current->version != *expected_version)
        return detail::stale("La fiche du membre « " + who(*current) + " »", current->updated_by, current->updated_at,
                             current->version, *expected_version);
    auto at = core::now();
    if (connection.execute(kRemoveMember, {core::to_iso8601(at), author(principal), id, territory.key.to_string(),
                                           current->version}) == 0)
        return core::Error::conflict("Le membre vient d'être modifié par quelqu'un d'autre : rechargez la page.");
    auto removed = *current;
    removed.version = current->version + 1;
    removed.updated_at = at;
    removed.updated_by = author(principal);
    auto after = to_json(removed);
    after["deleted"] = true;
    audit(connection, principal, "delete", "ita_member", id, after, to_json(*current));
    return removed;
}

std::vector<Member> list_members(storage::Connection& connection, const SteeredTerritory& territory)
{
    std::vector<Member> members;
    for (auto row : connection.query(std::string(kSelectMembers) + kMemberOrder, {territory.key.to_string()}))
        members.push_back(member_of(row));
    return members;
}

std::optional<Member> find_member(storage::Connection& connection, const SteeredTerritory& territory, std::int64_t id)
{
    auto rows = connection.query(std::string(kSelectMembers) + "AND m.id = $2", {territory.key.to_string(), id});
    if (rows.empty())
        return std::nullopt;
    return member_of(rows.front());
}

}  // namespace boussole::steering
