#include "calendar/demo_calendar.hpp"

#include "calendar/event_rows.hpp"
#include "storage/connection.hpp"

#include <algorithm>
#include <cstdio>

namespace boussole::calendar {

namespace {

using namespace std::chrono;

constexpr const char* kSynthetic = "Événement fictif de l'instance de démonstration (données synthétiques).";

// The organisation of a type that covers a territory, if any (several
// departments share a collectivity: Alsace, Corsica).
constexpr const char* kCovering =
    "SELECT o.id FROM organisations o JOIN organisation_territories t ON t.organisation_id = o.id "
    "WHERE o.type = $1 AND t.territory_key = $2 ORDER BY o.id LIMIT 1";
constexpr const char* kBySlug = "SELECT id FROM organisations WHERE slug = $1";

std::optional<std::int64_t> covering(storage::Connection& connection, const char* type,
                                     const territory::TerritoryKey& key)
{
    auto rows = connection.query(kCovering, {type, key.to_string()});
    if (rows.empty())
        return std::nullopt;
    return rows.front().integer("id");
}

// Overseas territories are not in Paris time.
std::string zone_of(const std::string& code)
{
    if (code == "971" || code == "01")
        return "America/Guadeloupe";
    if (code == "972" || code == "02")
        return "America/Martinique";
    if (code == "973" || code == "03")
        return "America/Cayenne";
    if (code == "974" || code == "04")
        return "Indian/Reunion";
    if (code == "976" || code == "06")
        return "Indian/Mayotte";
    return "Europe/Paris";
}

std::string day_text(year_month_day day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

year_month_day nth(year year, month month, weekday weekday, unsigned index)
{
    return year_month_day{sys_days{year / month / weekday[index]}};
}

class Programme {
public:
    Programme(storage::Connection& connection, std::chrono::year year) : m_connection(connection), m_year(year) {}

    // An event, unless its UID exists. Times: "HH:MM" with a day, or an
    // all-day range when `from` and `to` are both empty.
    void add(const std::string& uid, std::string title, EventKind kind, std::int64_t organiser,
             const territory::TerritoryKey& territory, year_month_day first, year_month_day last,
             const std::string& from, const std::string& to, std::vector<std::int64_t> co_organisers,
             std::vector<std::int64_t> audience, std::vector<std::string> priorities, std::string rrule = {},
             std::vector<EventException> exceptions = {})
    {
        auto full_uid = "demo-" + uid + "-" + std::to_string(static_cast<int>(m_year)) + "@boussole.invalid";
        if (rows::select_by_uid(m_connection, full_uid))
            return;
        Event event;
        event.uid = full_uid;
        event.title = std::move(title);
        event.kind = kind;
        event.organiser_id = organiser;
        event.territory = territory;
        event.all_day = from.empty();
        event.starts_local = day_text(first) + (event.all_day ? "" : "T" + from);
        event.ends_local = day_text(last) + (event.all_day ? "" : "T" + to);
        event.time_zone = zone_of(territory.code());
        event.rrule = std::move(rrule);
        event.exceptions = std::move(exceptions);
        event.co_organiser_ids = std::move(co_organisers);
        std::erase(event.co_organiser_ids, organiser);
        event.audience_ids = std::move(audience);
        std::sort(event.audience_ids.begin(), event.audience_ids.end());
        event.priority_codes = std::move(priorities);
        event.description = kSynthetic;
        event.status = EventStatus::Confirmed;
        event.origin = "demo";
        event.updated_at = core::now();
        event.updated_by = "démonstration";
        rows::insert(m_connection, std::move(event));
        ++m_created;
    }

    std::chrono::year year() const { return m_year; }
    int created() const { return m_created; }

private:
    storage::Connection& m_connection;
    std::chrono::year m_year;
    int m_created = 0;
};

std::vector<std::int64_t> present(std::initializer_list<std::optional<std::int64_t>> ids)
{
    std::vector<std::int64_t> found;
    for (const auto& id : ids)
        if (id)
            found.push_back(*id);
    return found;
}

void department_programme(Programme& programme, storage::Connection& connection, const territory::Territory& department,
                          std::size_t index)
{
    const auto& key = department.key;
    const auto& code = key.code();
    auto cd = covering(connection, "departement", key);
    if (!cd)
        return;
    auto mdph = covering(connection, "mdph", key);
    if (!mdph)
        mdph = covering(connection, "mda", key);
    auto cdca = covering(connection, "cdca", key);
    auto ars = department.parent ? covering(connection, "ars", *department.parent) : std::nullopt;
    auto year = programme.year();
    auto name = department.name;

    // The monthly CDAPH does not meet in August.
    auto cdaph_day = nth(year, January, Thursday, 2);
    auto august_cdaph = day_text(nth(year, August, Thursday, 2)) + "T14:00";
    programme.add(code + "-cdaph", "CDAPH plénière — " + name, EventKind::Cdaph, mdph.value_or(*cd), key, cdaph_day,
                  cdaph_day, "14:00", "17:00", {}, present({cd}), {"P5"}, "FREQ=MONTHLY;BYDAY=2TH;COUNT=12",
                  {EventException{august_cdaph, true}});
    auto ita_day = nth(year, February, Tuesday, 1);
    programme.add(code + "-ita", "Instance territoriale de l'autonomie — " + name, EventKind::Ita, *cd, key, ita_day,
                  ita_day, "10:00", "12:30", present({ars}), present({mdph, cdca}), {"P1", "P9"},
                  "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU;COUNT=4");
    auto cdca_day = nth(year, March, Wednesday, 3);
    programme.add(code + "-cdca", "CDCA en formation plénière — " + name, EventKind::Cdca, *cd, key, cdca_day, cdca_day,
                  "14:00", "16:30", {}, present({cdca, mdph}), {"P3"}, "FREQ=MONTHLY;INTERVAL=6;BYDAY=3WE;COUNT=2");
    auto funders_day = nth(year, April, Tuesday, 3);
    programme.add(code + "-cfppa", "Conférence des financeurs de la prévention — " + name, EventKind::FundersConference,
                  *cd, key, funders_day, funders_day, "09:30", "12:00", present({ars}), present({cdca}), {"P4", "P7"});
    // Two calls for projects on home living, three weeks apart: a joint one
    // would serve the same promoters.
    programme.add(code + "-aap-cd", "Appel à projets habitat inclusif (département) — " + name,
                  EventKind::CallForProjects, *cd, key, year / May / 4, year / June / 30, "", "", {}, {}, {"P6", "P7"});
    if (ars)
        programme.add(code + "-aap-ars", "Appel à manifestation d'intérêt habitat inclusif (ARS) — " + name,
                      EventKind::CallForProjects, *ars, key, year / May / 26, year / July / 17, "", "", {}, {},
                      {"P6", "P7"});
    // The department's call for projects on respite for carers, two weeks
    // and a half after the region's (created with the region's events).
    programme.add(code + "-aap-aidants", "Appel à projets aide aux aidants (département) — " + name,
                  EventKind::CallForProjects, *cd, key, year / October / 1, year / November / 30, "", "", {}, {},
                  {"P7"});
    if (ars) {
        auto cpom_day = nth(year, October, Tuesday, 2);
        programme.add(code + "-cpom", "Négociation des CPOM médico-sociaux — " + name, EventKind::CpomNegotiation, *ars,
                      key, cpom_day, cpom_day, "14:00", "17:00", present({cd}), {}, {"P8", "P11"});
    }
    // A deliberate conflict in one department out of ten: the CD's follow-up
    // committee at the hour of its first ITA.
    if (index % 10 == 0)
        programme.add(code + "-comite", "Comité de suivi de la convention territoriale — " + name, EventKind::Other,
                      *cd, key, ita_day, ita_day, "11:00", "12:00", {}, present({mdph}), {"P9"});
}

}  // namespace

int create_demo_calendar(storage::Database& database, const territory::TerritoryRegistry& registry,
                         std::chrono::year year)
{
    return database.write([&](storage::Connection& connection) {
        Programme programme(connection, year);
        auto cnsa = connection.query(kBySlug, {"cnsa"});
        if (!cnsa.empty()) {
            auto id = cnsa.front().integer("id");
            auto nation = territory::TerritoryKey::nation();
            programme.add("fr-aidants", "Journée nationale des aidants", EventKind::NationalDay, id, nation,
                          year / October / 6, year / October / 6, "", "", {}, {}, {"P7"});
            auto seeph = nth(year, November, Monday, 3);
            programme.add("fr-seeph", "Semaine européenne pour l'emploi des personnes handicapées",
                          EventKind::NationalDay, id, nation, seeph, year_month_day{sys_days{seeph} + days{4}}, "", "",
                          {}, {}, {"P6"});
        }
        for (const auto* region : registry.children(territory::TerritoryKey::nation())) {
            auto ars = covering(connection, "ars", region->key);
            if (!ars)
                continue;
            const auto& code = region->key.code();
            auto meeting = nth(year, June, Thursday, 2);
            programme.add("reg-" + code + "-rencontre", "Rencontre territoriale annuelle — " + region->name,
                          EventKind::TerritorialMeeting, *ars, region->key, meeting, meeting, "09:30", "16:30", {}, {},
                          {"P9", "P10"});
            programme.add("reg-" + code + "-campagne", "Campagne budgétaire médico-sociale — " + region->name,
                          EventKind::BudgetCampaign, *ars, region->key, year / April / 1, year / June / 30, "", "", {},
                          {}, {"P11"});
            // A regional call for projects that each department's own call
            // could join: a mutualisation across levels.
            programme.add("reg-" + code + "-aap-aidants",
                          "Appel à projets régional répit des aidants (ARS) — " + region->name,
                          EventKind::CallForProjects, *ars, region->key, year / September / 14, year / November / 13,
                          "", "", {}, {}, {"P7"});
        }
        std::size_t index = 0;
        for (const auto* department : registry.departments())
            department_programme(programme, connection, *department, index++);
        return programme.created();
    });
}

}  // namespace boussole::calendar
