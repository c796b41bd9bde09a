#include "calendar/event.hpp"

#include <algorithm>
#include <array>

namespace boussole::calendar {

namespace {

struct KindName {
    EventKind kind;
    const char* code;
    const char* label;
};

constexpr std::array<KindName, 14> kKinds{{
    {EventKind::CallForProjects, "appel_a_projets", "Appel à projets ou à manifestation d'intérêt"},
    {EventKind::BudgetCampaign, "campagne_budgetaire", "Campagne budgétaire"},
    {EventKind::CpomNegotiation, "negociation_cpom", "Négociation de CPOM"},
    {EventKind::Ita, "ita", "Instance territoriale de l'autonomie (ITA)"},
    {EventKind::Cdca, "cdca", "CDCA"},
    {EventKind::FundersConference, "conference_financeurs", "Conférence des financeurs"},
    {EventKind::Comex, "comex", "COMEX de la MDPH"},
    {EventKind::Cdaph, "cdaph", "CDAPH"},
    {EventKind::DecisionDeadline, "echeance_decision", "Échéance de décision"},
    {EventKind::NationalDay, "journee_nationale", "Journée nationale"},
    {EventKind::TerritorialMeeting, "rencontre_territoriale", "Rencontre territoriale"},
    {EventKind::ThematicGroup, "groupe_thematique", "Groupe thématique"},
    {EventKind::Training, "formation", "Formation"},
    {EventKind::Other, "autre", "Autre"},
}};

const KindName& entry(EventKind kind)
{
    return *std::find_if(kKinds.begin(), kKinds.end(), [&](const KindName& k) { return k.kind == kind; });
}

}  // namespace

const std::vector<EventKind>& all_event_kinds()
{
    static const std::vector<EventKind> kinds = [] {
        std::vector<EventKind> all;
        for (const auto& k : kKinds)
            all.push_back(k.kind);
        return all;
    }();
    return kinds;
}

const char* to_string(EventKind kind)
{
    return entry(kind).code;
}

const char* label(EventKind kind)
{
    return entry(kind).label;
}

core::Result<EventKind> parse_event_kind(std::string_view text)
{
    for (const auto& k : kKinds)
        if (text == k.code)
            return k.kind;
    std::string expected;
    for (const auto& k : kKinds)
        expected += (expected.empty() ? "« " : ", « ") + std::string(k.code) + " »";
    return core::Error::invalid("Type d'événement : « " + std::string(text) +
                                " » inconnu. Types attendus : " + expected + ".");
}

bool is_period(EventKind kind)
{
    return kind == EventKind::CallForProjects || kind == EventKind::BudgetCampaign ||
           kind == EventKind::DecisionDeadline || kind == EventKind::NationalDay;
}

const char* to_string(EventStatus status)
{
    switch (status) {
    case EventStatus::Confirmed: return "confirmed";
    case EventStatus::Cancelled: return "cancelled";
    case EventStatus::Planned: break;
    }
    return "planned";
}

const char* label(EventStatus status)
{
    switch (status) {
    case EventStatus::Confirmed: return "confirmé";
    case EventStatus::Cancelled: return "annulé";
    case EventStatus::Planned: break;
    }
    return "prévu";
}

core::Result<EventStatus> parse_event_status(std::string_view text)
{
    if (text == "planned" || text.empty())
        return EventStatus::Planned;
    if (text == "confirmed")
        return EventStatus::Confirmed;
    if (text == "cancelled")
        return EventStatus::Cancelled;
    return core::Error::invalid(
        "Statut : attendu « planned » (prévu), « confirmed » (confirmé) ou « cancelled » "
        "(annulé).");
}

std::vector<std::int64_t> Event::holders() const
{
    std::vector<std::int64_t> ids = co_organiser_ids;
    ids.push_back(organiser_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

nlohmann::json to_json(const EventException& exception)
{
    if (exception.excluded)
        return {{"recurrence", exception.recurrence}, {"excluded", true}};
    return {{"recurrence", exception.recurrence}, {"excluded", false},        {"starts", exception.starts_local},
            {"ends", exception.ends_local},       {"place", exception.place}, {"status", to_string(exception.status)}};
}

nlohmann::json to_json(const Event& event)
{
    nlohmann::json json{{"id", event.id},
                        {"uid", event.uid},
                        {"title", event.title},
                        {"kind", to_string(event.kind)},
                        {"organiser_id", event.organiser_id},
                        {"co_organiser_ids", event.co_organiser_ids},
                        {"audience_ids", event.audience_ids},
                        {"priorities", event.priority_codes},
                        {"territory", event.territory.to_string()},
                        {"all_day", event.all_day},
                        {"starts", event.starts_local},
                        {"ends", event.ends_local},
                        {"time_zone", event.time_zone},
                        {"rrule", event.rrule},
                        {"place", event.place},
                        {"online_link", event.online_link},
                        {"description", event.description},
                        {"status", to_string(event.status)},
                        {"origin", event.origin},
                        {"version", event.version},
                        {"updated_at", core::to_iso8601(event.updated_at)},
                        {"updated_by", event.updated_by}};
    json["replaced_by"] = event.replaced_by ? nlohmann::json(*event.replaced_by) : nlohmann::json(nullptr);
    auto exceptions = nlohmann::json::array();
    for (const auto& exception : event.exceptions)
        exceptions.push_back(to_json(exception));
    json["exceptions"] = exceptions;
    return json;
}

}  // namespace boussole::calendar
