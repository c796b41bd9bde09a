#include "steering/demo_steering.hpp"

#include "steering/demo_texts.hpp"
#include "steering/roadmap_store.hpp"
#include "steering/territory.hpp"
#include "storage/database.hpp"
#include "storage/multi_row.hpp"

#include <map>
#include <set>
#include <stdexcept>

namespace boussole::steering {

namespace {

using namespace std::chrono;

constexpr const char* kAuthor = "démonstration";
constexpr const char* kSynthetic = " Action fictive de démonstration.";

constexpr const char* kDemoTerritories = "SELECT DISTINCT territory_key FROM roadmap_actions WHERE origin = 'demo'";
constexpr const char* kOrganisations =
    "SELECT o.id, o.slug, o.type, o.short_name, t.territory_key FROM organisations o "
    "JOIN organisation_territories t ON t.organisation_id = o.id ORDER BY o.id";
constexpr const char* kDemoActions =
    "SELECT id, territory_key, title FROM roadmap_actions WHERE origin = 'demo' AND created_at = $1 ORDER BY id";
constexpr const char* kConventions =
    "SELECT ct.territory_key, c.id, c.amendment FROM convention_territories ct "
    "JOIN conventions c ON c.id = ct.convention_id ORDER BY c.period_start";

struct Organisation {
    std::int64_t id = 0;
    std::string slug;
    std::string short_name;
};

// The organisations of each type per territory key (regions and
// departments alike).
using Directory = std::map<std::pair<std::string, std::string>, Organisation>;

std::uint32_t seed_of(const std::string& text)
{
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : text)
        hash = (hash ^ c) * 16777619u;
    return hash;
}

std::string shifted(year_month_day day, int offset)
{
    return day_text(year_month_day{sys_days{day} + days{offset}});
}

struct Planned {
    Action action;
    std::int64_t lead_id = 0;
    std::vector<Note> notes;
};

}  // namespace

DemoSteering create_demo_steering(storage::Database& database, const territory::TerritoryRegistry& registry,
                                  year_month_day today)
{
    return database.write([&](storage::Connection& connection) {
        DemoSteering report;
        std::set<std::string> done;
        for (auto row : connection.query(kDemoTerritories))
            done.insert(row.text("territory_key"));
        Directory directory;
        for (auto row : connection.query(kOrganisations)) {
            auto key = std::pair{row.text("territory_key"), row.text("type")};
            if (!directory.count(key))
                directory[key] = {row.integer("id"), row.text("slug"), row.optional_text("short_name").value_or("")};
        }
        std::map<std::string, std::pair<std::int64_t, int>> conventions;
        for (auto row : connection.query(kConventions))
            conventions[row.text("territory_key")] = {row.integer("id"), static_cast<int>(row.integer("amendment"))};

        auto at = core::to_iso8601(core::now());
        std::vector<Planned> planned;
        std::vector<storage::Params> members;
        std::vector<storage::Params> meetings;
        struct Territory {
            std::string key;
            std::string name;
        };
        std::vector<Territory> territories;
        std::set<std::string> steered;
        for (const auto* department : registry.departments()) {
            auto territory = steered_territory(connection, registry, department->key.to_string());
            if (!territory.ok() || !steered.insert(territory->key.to_string()).second)
                continue;
            auto key = territory->key.to_string();
            if (done.count(key))
                continue;
            auto region = department->parent ? department->parent->to_string() : std::string();
            auto find = [&](const std::string& type) -> const Organisation* {
                if (type == "ars" || type == "dreets" || type == "carsat") {
                    auto found = directory.find({region, type});
                    return found == directory.end() ? nullptr : &found->second;
                }
                for (const auto& department_key : territory->departments) {
                    auto found = directory.find({department_key.to_string(), type});
                    if (found != directory.end())
                        return &found->second;
                }
                if (type == "mdph")
                    if (auto found = directory.find({key, "mda"}); found != directory.end())
                        return &found->second;
                return nullptr;
            };
            const auto* cd = find("departement");
            if (!cd)
                continue;
            territories.push_back({key, territory->name});
            ++report.territories;
            auto seed = seed_of(key);
            const auto& templates = demo::action_templates();
            int count = 15 + static_cast<int>(seed % 16);
            for (int i = 0; i < count; ++i) {
                const auto& model = templates[(seed + static_cast<std::uint32_t>(i) * 7u) % templates.size()];
                const auto* lead = find(model.lead);
                if (!lead)
                    lead = cd;
                Planned item;
                item.lead_id = lead->id;
                auto& action = item.action;
                action.territory = key;
                action.title = model.title;
                action.description = std::string(model.description) + kSynthetic;
                action.priority = model.priority;
                action.lead = lead->slug;
                for (const auto* type : model.partners)
                    if (const auto* partner = find(type); partner && partner->slug != lead->slug)
                        action.partners.push_back(partner->slug);
                if (*model.indicator)
                    action.indicators.push_back(model.indicator);
                auto variant = (seed / 7 + static_cast<std::uint32_t>(i) * 13u) % 100;
                int start = -330 + static_cast<int>((seed + i * 37u) % 300);
                int length = 150 + static_cast<int>((seed / 3 + i * 53u) % 420);
                action.starts_on = shifted(today, start);
                action.due_on = shifted(today, start + length);
                action.milestones = {
                    {"Lancement", shifted(today, start + 14), start + 14 < 0},
                    {"Bilan intermédiaire", shifted(today, start + length / 2), start + length / 2 < -20}};
                if (model.budget > 0) {
                    action.planned_budget = model.budget * (80 + static_cast<int>(seed % 41)) / 100;
                    action.spent_budget = *action.planned_budget * static_cast<int>(variant % 90) / 100;
                }
                action.co_built = std::string(model.priority) == "P3" || variant % 3 == 0;
                if (variant < 12) {
                    action.status = ActionStatus::Done;
                    action.progress = 100;
                    action.milestones.back().done = true;
                } else if (variant < 18) {
                    action.status = ActionStatus::Abandoned;
                    action.progress = static_cast<int>(variant % 4) * 10;
                    action.abandon_reason = demo::abandon_reasons()[variant % demo::abandon_reasons().size()];
                } else if (variant < 25) {
                    action.status = ActionStatus::Paused;
                    action.progress = 20 + static_cast<int>(variant % 5) * 5;
                } else if (start > 0) {
                    action.status = ActionStatus::Planned;
                } else {
                    action.status = ActionStatus::InProgress;
                    action.progress = 10 + static_cast<int>((variant * 7) % 81);
                }
                if (action.progress > 0 && start < -30) {
                    const auto& notes = demo::progress_notes();
                    item.notes.push_back({0,
                                          shifted(today, start + 30),
                                          notes[variant % notes.size()],
                                          action.progress / 2,
                                          {},
                                          kAuthor});
                    item.notes.push_back({0,
                                          shifted(today, std::min(-5, start + length / 2)),
                                          notes[(variant + 3) % notes.size()],
                                          action.progress,
                                          {},
                                          kAuthor});
                }
                planned.push_back(std::move(item));
            }
            // The ITA: its members and a year of meetings, the next one to come.
            auto member = [&](const char* type, const char* person, const char* role) {
                const auto* organisation = find(type);
                if (organisation || *person)
                    members.push_back({key, organisation ? std::optional(organisation->id) : std::nullopt,
                                       std::string(person), std::string(role), at, std::string(kAuthor)});
            };
            member("ars", "Direction de la délégation départementale", "copresidence_ars");
            member("departement", "Vice-présidence chargée de l'autonomie", "copresidence_cd");
            member("mdph", "Direction de la MDPH", "mdph");
            member("cdca", "Présidence du CDCA", "cdca");
            member("conference_financeurs", "Secrétariat de la conférence des financeurs", "conference_financeurs");
            member("caf", "", "partenaire");
            member("education_nationale", "", "partenaire");
            std::vector<std::string> attendees;
            for (const auto* type : {"ars", "departement", "mdph", "cdca", "conference_financeurs", "caf"})
                if (const auto* organisation = find(type))
                    attendees.push_back(organisation->short_name.empty() ? organisation->slug
                                                                         : organisation->short_name);
            const auto& agendas = demo::meeting_agendas();
            int index = 0;
            for (int offset : {-330, -240, -150, -60, 45}) {
                bool held = offset < 0;
                meetings.push_back({key, shifted(today, offset), std::string(agendas[index % agendas.size()]),
                                    nlohmann::json(held ? attendees : std::vector<std::string>{}).dump(),
                                    held ? std::string("Compte rendu fictif de démonstration : les pilotes ont "
                                                       "présenté l'avancement des actions ; les décisions sont "
                                                       "listées ci-dessous.")
                                         : std::string(),
                                    at, at, std::string(kAuthor)});
                ++index;
            }
        }
        if (territories.empty())
            return report;

        storage::MultiRowStatement insert_actions(
            "INSERT INTO roadmap_actions (territory_key, title, description, priority_code, lead_id, partners, "
            "commitments, indicators, milestones, status, abandon_reason, starts_on, due_on, progress, planned_budget, "
            "spent_budget, co_built, origin, deleted, version, created_at, updated_at, updated_by) VALUES ",
            "?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo', 0, 1, ?, ?, ?", "", 100);
        std::vector<storage::Params> rows;
        for (const auto& item : planned) {
            const auto& action = item.action;
            auto milestones = store::snapshot_of(action)["milestones"].dump();
            rows.push_back({action.territory, action.title, action.description, action.priority, item.lead_id,
                            nlohmann::json(action.partners).dump(), nlohmann::json(action.indicators).dump(),
                            milestones, to_string(action.status), action.abandon_reason, action.starts_on,
                            action.due_on, action.progress, action.planned_budget, action.spent_budget,
                            action.co_built ? 1 : 0, at, at, std::string(kAuthor)});
        }
        insert_actions.execute(connection, rows);
        report.actions = static_cast<int>(rows.size());

        std::map<std::pair<std::string, std::string>, std::int64_t> ids;
        for (auto row : connection.query(kDemoActions, {at}))
            ids[{row.text("territory_key"), row.text("title")}] = row.integer("id");
        std::vector<storage::Params> versions, notes;
        std::map<std::string, std::vector<std::int64_t>> by_territory;
        for (auto& item : planned) {
            auto id = ids[{item.action.territory, item.action.title}];
            item.action.id = id;
            by_territory[item.action.territory].push_back(id);
            versions.push_back({id, 1, "create", store::snapshot_of(item.action).dump(), at, std::string(kAuthor)});
            for (const auto& note : item.notes)
                notes.push_back({id, note.written_on, note.body, note.progress, at, std::string(kAuthor)});
        }
        storage::MultiRowStatement(
            "INSERT INTO roadmap_action_versions (action_id, version, change, snapshot, recorded_at, recorded_by) "
            "VALUES ",
            "?, ?, ?, ?, ?, ?", "", 150)
            .execute(connection, versions);
        storage::MultiRowStatement(
            "INSERT INTO roadmap_notes (action_id, written_on, body, progress, created_at, "
            "created_by) VALUES ",
            "?, ?, ?, ?, ?, ?", "", 150)
            .execute(connection, notes);
        storage::MultiRowStatement(
            "INSERT INTO ita_members (territory_key, organisation_id, person, role, created_at, "
            "created_by) VALUES ",
            "?, ?, ?, ?, ?, ?", "", 150)
            .execute(connection, members);
        storage::MultiRowStatement(
            "INSERT INTO ita_meetings (territory_key, held_on, agenda, attendees, minutes, "
            "version, created_at, updated_at, updated_by) VALUES ",
            "?, ?, ?, ?, ?, 1, ?, ?, ?", "", 150)
            .execute(connection, meetings);
        report.meetings = static_cast<int>(meetings.size());

        // Decisions: at each meeting held, one or two, linked to the
        // territory's actions, and one to the convention's amendment.
        std::vector<storage::Params> decisions;
        for (auto row : connection.query("SELECT id, territory_key, held_on FROM ita_meetings WHERE created_at = $1 "
                                         "AND held_on < $2 ORDER BY id",
                                         {at, day_text(today)})) {
            auto key = row.text("territory_key");
            const auto& actions = by_territory[key];
            auto seed = seed_of(key + row.text("held_on"));
            const auto& texts = demo::decision_texts();
            auto convention = conventions.find(key);
            for (std::uint32_t n = 0; n < 1 + seed % 2; ++n) {
                auto text_index = (seed + n) % texts.size();
                std::vector<std::int64_t> linked;
                if (!actions.empty() && text_index != 2)
                    linked.push_back(actions[(seed / 5 + n) % actions.size()]);
                bool amendment = text_index == 2 && convention != conventions.end();
                decisions.push_back(
                    {key, row.integer("id"), row.text("held_on"), std::string(texts[text_index]),
                     nlohmann::json(linked).dump(), amendment ? std::optional(convention->second.first) : std::nullopt,
                     amendment ? std::optional<std::int64_t>(convention->second.second + 1) : std::nullopt, at,
                     std::string(kAuthor)});
            }
        }
        storage::MultiRowStatement(
            "INSERT INTO ita_decisions (territory_key, meeting_id, decided_on, body, actions, "
            "convention_id, amendment, created_at, created_by) VALUES ",
            "?, ?, ?, ?, ?, ?, ?, ?, ?", "", 150)
            .execute(connection, decisions);
        report.decisions = static_cast<int>(decisions.size());
        // The consultations need the roadmaps above; a failure here is a
        // defect of the demonstration data, not of the person's input.
        auto consulted = create_demo_roadmap_consultations(connection, registry);
        if (!consulted.ok())
            throw std::runtime_error("Consultations de démonstration : " + consulted.error().message);
        report.consultations = *consulted;
        return report;
    });
}

}  // namespace boussole::steering
