#include "conventions/template.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "conventions/author.hpp"
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "framework/framework.hpp"
#include "storage/connection.hpp"

#include <algorithm>
#include <cmath>

namespace boussole::conventions {

using core::Faults;

namespace {

constexpr std::size_t kLongestTitle = 300;
constexpr std::size_t kLongestText = 5000;
constexpr std::size_t kMostItems = 200;

constexpr const char* kNextVersion =
    "SELECT COALESCE(MAX(version), 0) AS version FROM convention_templates WHERE period_start = $1 AND period_end = $2";
constexpr const char* kInsertTemplate =
    "INSERT INTO convention_templates (period_start, period_end, version, note, published_at, published_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (period_start, period_end, version) DO NOTHING RETURNING id";
constexpr const char* kInsertItem =
    "INSERT INTO convention_template_items (template_id, position, priority_code, title, body, indicator_code, "
    "target_value, target_period) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr const char* kSelectTemplate =
    "SELECT id, period_start, period_end, version, note, published_at, published_by FROM convention_templates "
    "WHERE id = $1";
constexpr const char* kSelectLatest =
    "SELECT id FROM convention_templates WHERE period_start = $1 AND period_end = $2 ORDER BY version DESC LIMIT 1";
constexpr const char* kSelectAll =
    "SELECT id, period_start, period_end, version, note, published_at, published_by FROM convention_templates "
    "ORDER BY period_start DESC, period_end DESC, version DESC";
constexpr const char* kSelectItems =
    "SELECT id, priority_code, title, body, indicator_code, target_value, target_period "
    "FROM convention_template_items WHERE template_id = $1 ORDER BY position";

Template template_from_row(const storage::Row& row)
{
    Template model;
    model.id = row.integer("id");
    model.period_start = static_cast<int>(row.integer("period_start"));
    model.period_end = static_cast<int>(row.integer("period_end"));
    model.version = static_cast<int>(row.integer("version"));
    model.note = row.text("note");
    model.published_at = core::parse_iso8601(row.text("published_at")).value_or(core::Timestamp{});
    model.published_by = row.text("published_by");
    return model;
}

// The last period of the convention period at the indicator's periodicity:
// the default deadline of a national target.
core::Period end_of(int year, core::PeriodType type)
{
    if (type == core::PeriodType::Month)
        return core::Period::month(year, 12);
    if (type == core::PeriodType::Quarter)
        return core::Period::quarter(year, 4);
    return core::Period::year(year);
}

void check_text(Faults& faults, const std::string& field, const char* name, const std::string& text,
                std::size_t longest, bool required)
{
    auto trimmed = core::trim(text);
    if (required && trimmed.empty())
        faults.add(field, std::string(name) + " : obligatoire.");
    else if (!core::is_valid_utf8(text) || core::utf8_length(trimmed) > longest)
        faults.add(field, std::string(name) + " : " + core::format_integer(static_cast<std::int64_t>(longest)) +
                              " caractères au plus, en UTF-8.");
}

std::optional<TemplateItem> check_item(Faults& faults, const catalogue::Catalogue& catalogue,
                                       const std::vector<std::string>& priorities, const TemplateItemInput& input,
                                       std::size_t index, int period_start, int period_end)
{
    auto prefix = "items[" + std::to_string(index) + "].";
    auto where = "Objectif " + std::to_string(index + 1) + ", ";
    auto before = faults.empty();
    TemplateItem item;
    item.priority = std::string(core::trim(input.priority));
    if (std::find(priorities.begin(), priorities.end(), item.priority) == priorities.end())
        faults.add(prefix + "priority",
                   where + "priorité : « " + item.priority + " » n'est pas une priorité du cadre national (P1 à P11).",
                   item.priority);
    check_text(faults, prefix + "title", (where + "intitulé").c_str(), input.title, kLongestTitle, true);
    check_text(faults, prefix + "text", (where + "texte").c_str(), input.text, kLongestText, false);
    item.title = std::string(core::trim(input.title));
    item.text = std::string(core::trim(input.text));
    item.indicator = std::string(core::trim(input.indicator));
    if (!item.indicator.empty()) {
        const auto* indicator = catalogue.find_indicator(item.indicator);
        if (!indicator) {
            faults.add(prefix + "indicator", where + "indicateur « " + item.indicator + " » inconnu du catalogue.",
                       item.indicator);
        } else if (indicator->kind == catalogue::IndicatorKind::Equity) {
            faults.add(prefix + "indicator",
                       where + "« " + item.indicator +
                           " » mesure l'écart entre départements : il ne peut pas être l'indicateur partagé d'une "
                           "convention départementale.",
                       item.indicator);
        } else {
            if (!input.target_value || !std::isfinite(*input.target_value))
                faults.add(prefix + "target_value",
                           where + "cible nationale : obligatoire avec un indicateur partagé.");
            item.target_value = input.target_value;
            auto deadline_text = std::string(core::trim(input.target_period));
            if (deadline_text.empty()) {
                item.target_period = end_of(period_end, indicator->periodicity);
            } else if (auto parsed = core::Period::parse(deadline_text, indicator->periodicity); !parsed.ok()) {
                faults.add(prefix + "target_period", where + "échéance : " + parsed.error().message, deadline_text);
            } else if (parsed->year_number() < period_start || parsed->year_number() > period_end) {
                faults.add(prefix + "target_period",
                           where + "échéance : elle doit tomber dans la période " +
                               period_text(period_start, period_end) + ".",
                           deadline_text);
            } else {
                item.target_period = *parsed;
            }
        }
    } else if (input.target_value) {
        faults.add(prefix + "target_value", where + "cible nationale : elle suppose un indicateur partagé.");
    }
    if (before && !faults.empty())
        return std::nullopt;
    return item;
}

}  // namespace

std::string period_text(int start, int end)
{
    return std::to_string(start) + "-" + std::to_string(end);
}

nlohmann::json to_json(const Template& model)
{
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : model.items)
        items.push_back(
            {{"id", item.id},
             {"priority", item.priority},
             {"title", item.title},
             {"text", item.text},
             {"indicator", item.indicator.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.indicator)},
             {"target_value", item.target_value ? nlohmann::json(*item.target_value) : nlohmann::json()},
             {"target_period",
              item.target_period ? nlohmann::json(item.target_period->to_string()) : nlohmann::json()}});
    return {{"id", model.id},
            {"period", period_text(model.period_start, model.period_end)},
            {"period_start", model.period_start},
            {"period_end", model.period_end},
            {"version", model.version},
            {"note", model.note},
            {"published_at", core::to_iso8601(model.published_at)},
            {"published_by", model.published_by},
            {"items", items}};
}

core::Result<Template> publish_template(storage::Connection& connection, const access::Principal& principal,
                                        const catalogue::Catalogue& catalogue, const TemplateInput& input)
{
    BOUSSOLE_TRY(access::require_national_admin(principal, "publier le socle commun des conventions"));
    Faults faults;
    int start = input.period_start.value_or(0);
    int end = input.period_end.value_or(0);
    if (!input.period_start || start < 2000 || start > 2100)
        faults.add("period_start", "Début de période : obligatoire, une année entre 2000 et 2100 (ex. 2026).");
    if (!input.period_end || end < start || end > start + 9)
        faults.add("period_end",
                   "Fin de période : obligatoire, une année de la période, au plus 10 ans après son "
                   "début (ex. 2029 pour 2026-2029).");
    check_text(faults, "note", "Note de version", input.note, kLongestText, false);
    if (input.items.empty())
        faults.add("items", "Objectifs : le socle commun en compte au moins un.");
    if (input.items.size() > kMostItems)
        faults.add("items", "Objectifs : 200 au plus.");
    if (!faults.empty())
        return faults.error();

    std::vector<std::string> priorities;
    for (const auto& priority : framework::load_framework(connection).priorities)
        priorities.push_back(priority.code);
    Template model;
    for (std::size_t index = 0; index < input.items.size(); ++index)
        if (auto item = check_item(faults, catalogue, priorities, input.items[index], index, start, end))
            model.items.push_back(std::move(*item));
    if (!faults.empty())
        return faults.error();

    auto author = Author::of(principal);
    model.period_start = start;
    model.period_end = end;
    model.note = std::string(core::trim(input.note));
    model.version = static_cast<int>(connection.query(kNextVersion, {start, end}).front().integer("version")) + 1;
    auto inserted = connection.query(kInsertTemplate, {start, end, model.version, model.note, author.at, author.name});
    if (inserted.empty())
        return core::Error::conflict("Une autre version du socle commun " + period_text(start, end) +
                                     " vient d'être publiée : rechargez la page et vérifiez-la avant de publier.");
    model.id = inserted.front().integer("id");
    model.published_at = core::parse_iso8601(author.at).value_or(core::Timestamp{});
    model.published_by = author.name;
    int position = 0;
    for (auto& item : model.items) {
        std::optional<std::string> indicator;
        if (!item.indicator.empty())
            indicator = item.indicator;
        std::optional<std::string> deadline;
        if (item.target_period)
            deadline = item.target_period->to_string();
        item.id = connection
                      .query(kInsertItem, {model.id, ++position, item.priority, item.title, item.text, indicator,
                                           item.target_value, deadline})
                      .front()
                      .integer("id");
    }
    access::record_audit(
        connection, principal,
        {"publish", "convention_template", std::to_string(model.id), std::nullopt, to_json(model).dump()});
    return model;
}

std::optional<Template> find_template(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelectTemplate, {id});
    if (rows.empty())
        return std::nullopt;
    auto model = template_from_row(rows.front());
    for (auto row : connection.query(kSelectItems, {id})) {
        TemplateItem item;
        item.id = row.integer("id");
        item.priority = row.text("priority_code");
        item.title = row.text("title");
        item.text = row.text("body");
        item.indicator = row.optional_text("indicator_code").value_or("");
        item.target_value = row.optional_real("target_value");
        if (auto deadline = row.optional_text("target_period"))
            if (auto parsed = core::Period::parse(*deadline); parsed.ok())
                item.target_period = *parsed;
        model.items.push_back(std::move(item));
    }
    return model;
}

std::optional<Template> latest_template(storage::Connection& connection, int period_start, int period_end)
{
    auto rows = connection.query(kSelectLatest, {period_start, period_end});
    if (rows.empty())
        return std::nullopt;
    return find_template(connection, rows.front().integer("id"));
}

std::vector<Template> list_templates(storage::Connection& connection)
{
    std::vector<Template> models;
    for (auto row : connection.query(kSelectAll))
        models.push_back(template_from_row(row));
    return models;
}

}  // namespace boussole::conventions
