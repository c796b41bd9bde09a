#include "steering/ita.hpp"

#include "steering/ita_support.hpp"

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

namespace detail {

namespace {
constexpr std::size_t kLongestText = 20000;
}

std::string author(const access::Principal& principal)
{
    return principal.display_name.empty() ? principal.label : principal.display_name;
}

void audit(storage::Connection& connection, const access::Principal& principal, const char* what, const char* entity,
           std::int64_t id, const nlohmann::json& after, std::optional<nlohmann::json> before)
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

core::Error stale(const std::string& what, const std::string& by, core::Timestamp at, int version, int expected_version)
{
    return core::Error::conflict(what + " a été modifiée par " + by + " le " + core::format_datetime(at) +
                                 " depuis votre lecture (version " + std::to_string(version) +
                                 ", vous partiez de la version " + std::to_string(expected_version) +
                                 ") : rechargez-la et refaites votre modification.");
}

}  // namespace detail

using detail::audit;
using detail::author;
using detail::check_day;
using detail::check_text;

namespace {

constexpr const char* kInsertMeeting =
    "INSERT INTO ita_meetings (territory_key, held_on, agenda, attendees, minutes, version, created_at, updated_at, "
    "updated_by) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7) RETURNING id";
constexpr const char* kUpdateMeeting =
    "UPDATE ita_meetings SET held_on = $1, agenda = $2, attendees = $3, minutes = $4, version = version + 1, "
    "updated_at = $5, updated_by = $6 WHERE id = $7 AND territory_key = $8 AND version = $9";
constexpr const char* kSelectMeetings =
    "SELECT id, held_on, agenda, attendees, minutes, version, updated_at, updated_by FROM ita_meetings "
    "WHERE territory_key = $1 ORDER BY held_on DESC, id DESC";
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
            {"role_label", label(member.role)},
            {"starts_on", member.starts_on.empty() ? nlohmann::json() : nlohmann::json(member.starts_on)},
            {"ends_on", member.ends_on.empty() ? nlohmann::json() : nlohmann::json(member.ends_on)},
            {"version", member.version},
            {"updated_at", core::to_iso8601(member.updated_at)},
            {"updated_by", member.updated_by}};
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
            {"created_by", decision.created_by},
            {"deleted", decision.deleted},
            {"version", decision.version},
            {"updated_at", core::to_iso8601(decision.updated_at)},
            {"updated_by", decision.updated_by}};
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

}  // namespace boussole::steering
