#pragma once
// The national template of the convention (socle commun): for a convention
// period (e.g. 2026–2029), the national objectives by strategic priority and
// the shared indicators with their national targets. National
// administrators publish it; each publication is a new version and a
// published version is never changed, so that the conventions copied from
// it keep what they were copied from. Every publication is in the audit
// log. Thread-safety: reentrant; each call uses the connection it is given.
// Database failures throw storage::DatabaseError.

#include "access/principal.hpp"
#include "catalogue/catalogue.hpp"
#include "core/clock.hpp"
#include "core/period.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::storage {
class Connection;
}

namespace boussole::conventions {

struct TemplateItem {
    std::int64_t id = 0;
    std::string priority;  // framework priority code, "P1"…"P11"
    std::string title;
    std::string text;
    std::string indicator;  // catalogue code; empty: an objective without a shared indicator
    std::optional<double> target_value;
    std::optional<core::Period> target_period;
};

struct Template {
    std::int64_t id = 0;
    int period_start = 0;
    int period_end = 0;
    int version = 1;
    std::string note;
    core::Timestamp published_at;
    std::string published_by;
    std::vector<TemplateItem> items;
};

// "2026-2029"
std::string period_text(int start, int end);

nlohmann::json to_json(const Template& model);

struct TemplateItemInput {
    std::string priority;
    std::string title;
    std::string text;
    std::string indicator;
    std::optional<double> target_value;
    std::string target_period;  // empty: the last period of the convention period
};

struct TemplateInput {
    std::optional<int> period_start;
    std::optional<int> period_end;
    std::string note;
    std::vector<TemplateItemInput> items;
};

// Publishes the next version of the template of that period (version 1 for
// a new period). Forbidden for anyone but a national administrator. Invalid
// with every faulty field named ("period_start", "items[2].indicator"…):
// a period of 1 to 10 years between 2000 and 2100, at least one item, an
// unknown priority or indicator, a shared indicator without a national
// target, an equity indicator (departments are not measured by it), a
// deadline outside the period or not of the indicator's periodicity.
core::Result<Template> publish_template(storage::Connection& connection, const access::Principal& principal,
                                        const catalogue::Catalogue& catalogue, const TemplateInput& input);

// The template of that id with its items; nothing when there is none.
std::optional<Template> find_template(storage::Connection& connection, std::int64_t id);

// The latest published version for that period; nothing when none.
std::optional<Template> latest_template(storage::Connection& connection, int period_start, int period_end);

// Every published version, without their items, newest period first then
// newest version first.
std::vector<Template> list_templates(storage::Connection& connection);

}  // namespace boussole::conventions
