#include "steering/ita.hpp"

#include "access/audit.hpp"
#include "conventions/convention.hpp"
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "steering/roadmap.hpp"
#include "steering/roadmap_store.hpp"
#include "storage/connection.hpp"

#include <algorithm>

namespace boussole::steering {

using core::Faults;

namespace {

constexpr std::size_t kLongestText = 20000;

constexpr const char* kInsertMember =
    "INSERT INTO ita_members (territory_key, organisation_id, person, role, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr const char* kSelectMembers =
    "SELECT m.id, o.slug, o.name, m.person, m.role FROM ita_members m LEFT JOIN organisations o "
    "ON o.id = m.organisation_id WHERE m.territory_key = $1 ORDER BY CASE m.role WHEN 'copresidence_ars' THEN 0 "
    "WHEN 'copresidence_cd' THEN 1 WHEN 'mdph' THEN 2 WHEN 'cdca' THEN 3 WHEN 'conference_financeurs' THEN 4 "
    "ELSE 5 END, m.id";
constexpr const char* kInsertMeeting =
    "INSERT INTO ita_meetings (territory_key, held_on, agenda, attendees, minutes, version, created_at, updated_at, "
    "updated_by) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7) RETURNING id";
constexpr const char* kUpdateMeeting =
    "UPDATE ita_meetings SET held_on = $1, agenda = $2, attendees = $3, minutes = $4, version = version + 1, "
    "updated_at = $5, updated_by = $6 WHERE id = $7 AND territory_key = $8 AND version = $9";
constexpr const char* kSelectMeetings =
    "SELECT id, held_on, agenda, attendees, minutes, version, updated_at, updated_by FROM ita_meetings "
    "WHERE territory_key = $1 ORDER BY held_on DESC, id DESC";
constexpr const char* kInsertDecision =
    "INSERT INTO ita_decisions (territory_key, meeting_id, decided_on, body, actions, convention_id, amendment, "
    "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr const char* kSelectDecisions =
    "SELECT id, meeting_id, decided_on, body, actions, convention_id, amendment, created_by FROM ita_decisions "
    "WHERE territory_key = $1 ORDER BY decided_on DESC, id DESC";

std::string author(const access::Principal& principal)
{
    return principal.display_name.empty() ? principal.label : principal.display_name;
}

void audit(storage::Connection& connection, const access::Principal& principal, const char* what, const char* entity,
           std::int64_t id, const nlohmann::json& after, std::optional<nlohmann::json> before = std::nullopt)
{
    access::record_audit(connection, principal,
                         {what, entity, std::to_string(id),
                          before ? std::optional<std::string>(before->dump()) : std::nullopt, after.dump()});
}

std::string check_day(Faults& faults, const char* field, const char* name, const std::string& text)
{
    auto trimmed = std::string(core::trim(text));
    if (trimmed.empty())
        faults.add(field, std::string(name) + " : obligatoire, au format AAAA-MM-JJ.");
    else if (!parse_day(trimmed))
        faults.add(field,
                   std::string(name) + " : une date est attendue, au format AAAA-MM-JJ (par exemple 2026-09-30).",
                   trimmed);
    return trimmed;
}

void check_text(Faults& faults, const char* field, const char* name, const std::string& text, bool required)
{
    auto trimmed = core::trim(text);
    if (required && trimmed.empty())
        faults.add(field, std::string(name) + " : obligatoire.");
    else if (!core::is_valid_utf8(text) || core::utf8_length(trimmed) > kLongestText)
        faults.add(field, std::string(name) + " : 20 000 caractères au plus, en UTF-8.");
}

Meeting meeting_of(const storage::Row& row)
{
    Meeting meeting;
    meeting.id = row.integer("id");
    meeting.held_on = row.text("held_on");
    meeting.agenda = row.text("agenda");
    auto attendees = nlohmann::json::parse(row.text("attendees"), nullptr, false);
    for (const auto& name : attendees.is_array() ? attendees : nlohmann::json::array())
        if (name.is_string())
            meeting.attendees.push_back(name.get<std::string>());
    meeting.minutes = row.text("minutes");
    meeting.version = static_cast<int>(row.integer("version"));
    meeting.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    meeting.updated_by = row.text("updated_by");
    return meeting;
}

core::Result<Meeting> checked_meeting(const MeetingInput& input)
{
    Faults faults;
    Meeting meeting;
    meeting.held_on = check_day(faults, "held_on", "Date de la réunion", input.held_on);
    check_text(faults, "agenda", "Ordre du jour", input.agenda, true);
    check_text(faults, "minutes", "Compte rendu", input.minutes, false);
    meeting.agenda = std::string(core::trim(input.agenda));
    meeting.minutes = std::string(core::trim(input.minutes));
    for (const auto& name : input.attendees)
        if (!core::trim(name).empty())
            meeting.attendees.emplace_back(core::trim(name));
    if (meeting.attendees.size() > 200)
        faults.add("attendees", "Participants : 200 au plus.");
    if (!faults.empty())
        return faults.error();
    return meeting;
}

}  // namespace

const char* to_string(MemberRole role)
{
    switch (role) {
    case MemberRole::CoChairArs: return "copresidence_ars";
    case MemberRole::CoChairCd: return "copresidence_cd";
    case MemberRole::Mdph: return "mdph";
    case MemberRole::Cdca: return "cdca";
    case MemberRole::ConferenceFinanceurs: return "conference_financeurs";
    default: return "partenaire";
    }
}

const char* label(MemberRole role)
{
    switch (role) {
    case MemberRole::CoChairArs: return "co-présidence ARS";
    case MemberRole::CoChairCd: return "co-présidence département";
    case MemberRole::Mdph: return "MDPH / MDA";
    case MemberRole::Cdca: return "représentant du CDCA";
    case MemberRole::ConferenceFinanceurs: return "représentant de la conférence des financeurs";
    default: return "partenaire";
    }
}

core::Result<MemberRole> parse_member_role(std::string_view text)
{
    for (auto role : kMemberRoles)
        if (text == to_string(role))
            return role;
    return core::Error::invalid(
        "Rôle : attendu « copresidence_ars », « copresidence_cd », « mdph », « partenaire », "
        "« cdca » ou « conference_financeurs ».");
}

nlohmann::json to_json(const Member& member)
{
    return {{"id", member.id},
            {"organisation", member.organisation.empty() ? nlohmann::json() : nlohmann::json(member.organisation)},
            {"organisation_name", member.organisation_name},
            {"person", member.person},
            {"role", to_string(member.role)},
            {"role_label", label(member.role)}};
}

nlohmann::json to_json(const Meeting& meeting)
{
    return {{"id", meeting.id},
            {"held_on", meeting.held_on},
            {"agenda", meeting.agenda},
            {"attendees", meeting.attendees},
            {"minutes", meeting.minutes},
            {"version", meeting.version},
            {"updated_at", core::to_iso8601(meeting.updated_at)},
            {"updated_by", meeting.updated_by}};
}

nlohmann::json to_json(const Decision& decision)
{
    return {{"id", decision.id},
            {"meeting_id", decision.meeting_id ? nlohmann::json(*decision.meeting_id) : nlohmann::json()},
            {"decided_on", decision.decided_on},
            {"text", decision.text},
            {"actions", decision.actions},
            {"convention_id", decision.convention_id ? nlohmann::json(*decision.convention_id) : nlohmann::json()},
            {"amendment", decision.amendment ? nlohmann::json(*decision.amendment) : nlohmann::json()},
            {"created_by", decision.created_by}};
}

core::Result<Member> add_member(storage::Connection& connection, const access::Principal& principal,
                                const SteeredTerritory& territory, const MemberInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
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
    if (core::utf8_length(member.person) > 200)
        faults.add("person", "Personne : 200 caractères au plus.");
    if (!faults.empty())
        return faults.error();
    member.id = connection
                    .query(kInsertMember, {territory.key.to_string(), organisation_id, member.person,
                                           to_string(member.role), core::to_iso8601(core::now()), author(principal)})
                    .front()
                    .integer("id");
    audit(connection, principal, "create", "ita_member", member.id, to_json(member));
    return member;
}

std::vector<Member> list_members(storage::Connection& connection, const SteeredTerritory& territory)
{
    std::vector<Member> members;
    for (auto row : connection.query(kSelectMembers, {territory.key.to_string()})) {
        Member member;
        member.id = row.integer("id");
        member.organisation = row.optional_text("slug").value_or("");
        member.organisation_name = row.optional_text("name").value_or("");
        member.person = row.text("person");
        if (auto role = parse_member_role(row.text("role")); role.ok())
            member.role = *role;
        members.push_back(std::move(member));
    }
    return members;
}

core::Result<Meeting> add_meeting(storage::Connection& connection, const access::Principal& principal,
                                  const SteeredTerritory& territory, const MeetingInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto meeting = checked_meeting(input);
    if (!meeting.ok())
        return meeting;
    auto at = core::to_iso8601(core::now());
    meeting->id =
        connection
            .query(kInsertMeeting, {territory.key.to_string(), meeting->held_on, meeting->agenda,
                                    nlohmann::json(meeting->attendees).dump(), meeting->minutes, at, author(principal)})
            .front()
            .integer("id");
    meeting->updated_at = core::parse_iso8601(at).value_or(core::Timestamp{});
    meeting->updated_by = author(principal);
    audit(connection, principal, "create", "ita_meeting", meeting->id, to_json(*meeting));
    return meeting;
}

core::Result<Meeting> change_meeting(storage::Connection& connection, const access::Principal& principal,
                                     const SteeredTerritory& territory, std::int64_t id, int expected_version,
                                     const MeetingInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    auto meetings = list_meetings(connection, territory);
    auto current = std::find_if(meetings.begin(), meetings.end(), [&](const Meeting& m) { return m.id == id; });
    if (current == meetings.end())
        return core::Error::not_found("Réunion n° " + std::to_string(id) + " introuvable pour l'ITA de " +
                                      territory.name + ".");
    if (current->version != expected_version)
        return core::Error::conflict("La réunion du " + current->held_on + " a été modifiée par " +
                                     current->updated_by + " le " + core::format_datetime(current->updated_at) +
                                     " depuis votre lecture (version " + std::to_string(current->version) +
                                     ", vous partiez de la version " + std::to_string(expected_version) +
                                     ") : rechargez-la et refaites votre modification.");
    auto meeting = checked_meeting(input);
    if (!meeting.ok())
        return meeting;
    auto at = core::to_iso8601(core::now());
    if (connection.execute(kUpdateMeeting, {meeting->held_on, meeting->agenda,
                                            nlohmann::json(meeting->attendees).dump(), meeting->minutes, at,
                                            author(principal), id, territory.key.to_string(), expected_version}) == 0)
        return core::Error::conflict("La réunion vient d'être modifiée par quelqu'un d'autre : rechargez-la.");
    meeting->id = id;
    meeting->version = expected_version + 1;
    meeting->updated_at = core::parse_iso8601(at).value_or(core::Timestamp{});
    meeting->updated_by = author(principal);
    audit(connection, principal, "update", "ita_meeting", id, to_json(*meeting), to_json(*current));
    return meeting;
}

std::vector<Meeting> list_meetings(storage::Connection& connection, const SteeredTerritory& territory)
{
    std::vector<Meeting> meetings;
    for (auto row : connection.query(kSelectMeetings, {territory.key.to_string()}))
        meetings.push_back(meeting_of(row));
    return meetings;
}

core::Result<Decision> add_decision(storage::Connection& connection, const access::Principal& principal,
                                    const SteeredTerritory& territory, const DecisionInput& input)
{
    BOUSSOLE_TRY(may_write(principal, territory, "modifier l'ITA de " + territory.name));
    Faults faults;
    Decision decision;
    decision.decided_on = check_day(faults, "decided_on", "Date de la décision", input.decided_on);
    check_text(faults, "text", "Décision", input.text, true);
    decision.text = std::string(core::trim(input.text));
    if (input.meeting_id) {
        auto meetings = list_meetings(connection, territory);
        if (std::none_of(meetings.begin(), meetings.end(),
                         [&](const Meeting& meeting) { return meeting.id == *input.meeting_id; }))
            faults.add("meeting_id", "Réunion : la réunion n° " + std::to_string(*input.meeting_id) +
                                         " n'est pas une réunion de cette ITA.");
        decision.meeting_id = input.meeting_id;
    }
    for (auto id : input.actions) {
        auto action = find_action(connection, territory, id);
        if (!action || action->deleted)
            faults.add(
                "actions",
                "Actions : l'action n° " + std::to_string(id) + " n'est pas dans la feuille de route de ce territoire.",
                std::to_string(id));
        else if (std::find(decision.actions.begin(), decision.actions.end(), id) == decision.actions.end())
            decision.actions.push_back(id);
    }
    if (input.amendment) {
        auto convention =
            territory.convention_id ? conventions::find_convention(connection, *territory.convention_id) : std::nullopt;
        if (!convention)
            faults.add("amendment", "Avenant : ce territoire n'a pas encore de convention.");
        else if (*input.amendment < 0 || *input.amendment > convention->amendment + 1)
            faults.add("amendment", "Avenant : la convention en est à l'avenant n° " +
                                        std::to_string(convention->amendment) +
                                        " ; une décision peut porter sur celui-ci ou sur le suivant.");
        else {
            decision.convention_id = convention->id;
            decision.amendment = input.amendment;
        }
    }
    if (!faults.empty())
        return faults.error();
    decision.created_by = author(principal);
    decision.id =
        connection
            .query(kInsertDecision, {territory.key.to_string(), decision.meeting_id, decision.decided_on, decision.text,
                                     nlohmann::json(decision.actions).dump(), decision.convention_id,
                                     decision.amendment, core::to_iso8601(core::now()), decision.created_by})
            .front()
            .integer("id");
    audit(connection, principal, "create", "ita_decision", decision.id, to_json(decision));
    return decision;
}

std::vector<Decision> list_decisions(storage::Connection& connection, const SteeredTerritory& territory)
{
    std::vector<Decision> decisions;
    for (auto row : connection.query(kSelectDecisions, {territory.key.to_string()})) {
        Decision decision;
        decision.id = row.integer("id");
        decision.meeting_id = row.optional_integer("meeting_id");
        decision.decided_on = row.text("decided_on");
        decision.text = row.text("body");
        auto actions = nlohmann::json::parse(row.text("actions"), nullptr, false);
        for (const auto& id : actions.is_array() ? actions : nlohmann::json::array())
            if (id.is_number_integer())
                decision.actions.push_back(id.get<std::int64_t>());
        decision.convention_id = row.optional_integer("convention_id");
        if (auto amendment = row.optional_integer("amendment"))
            decision.amendment = static_cast<int>(*amendment);
        decision.created_by = row.text("created_by");
        decisions.push_back(std::move(decision));
    }
    return decisions;
}

}  // namespace boussole::steering
