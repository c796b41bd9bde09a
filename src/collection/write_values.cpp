// write_values: checks a batch of value inputs, reads the cells they touch
// (locked, one element and territory at a time, in a fixed order so that two
// writers never wait for each other in a cycle), decides what each input does
// to its cell, checks the rules that compare cells, flags outliers, then
// writes every change with its history row.
#include "collection/cell_store.hpp"
#include "collection/data_values.hpp"
#include "collection/outliers.hpp"
#include "collection/value_checks.hpp"

#include "access/policy.hpp"
#include "core/french.hpp"
#include "storage/connection.hpp"

#include <map>
#include <set>
#include <tuple>

namespace boussole::collection {

namespace {

using CellKey = std::tuple<std::string, std::string, std::string>;  // element, territory, period
using GroupKey = std::pair<std::string, std::string>;               // element, territory

enum class Change { Unchanged, Create, Update, Delete, Restore };

const char* action_of(Change change)
{
    switch (change) {
    case Change::Create: return "create";
    case Change::Update: return "update";
    case Change::Delete: return "delete";
    case Change::Restore: return "restore";
    case Change::Unchanged: break;
    }
    return "update";
}

struct Plan {
    CheckedInput input;
    std::optional<cells::Cell> current;
    Change change = Change::Unchanged;
    bool faulty = false;
    bool outlier = false;

    CellKey key() const { return {input.element->code, input.territory->key.to_string(), input.period.to_string()}; }
    std::string where() const
    {
        return "« " + input.element->code + " », " + input.territory->label() + ", " + input.period.label();
    }
};

core::Status may_write(const access::Principal& principal)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    std::vector<territory::TerritoryKey> territories;
    if (principal.scope.national())
        territories.push_back(territory::TerritoryKey::nation());
    else
        territories.assign(principal.scope.territories().begin(), principal.scope.territories().end());
    return access::require_territorial_write(principal, territories, "saisir des valeurs");
}

core::FieldError locked(const Plan& plan)
{
    return {"value",
            "La valeur de " + plan.where() +
                " est validée, donc verrouillée. Pour la changer, demandez à l'ARS de la région (ou à l'équipe "
                "nationale) de la rouvrir en indiquant le motif.",
            plan.input.input->line, plan.input.value ? format_value(*plan.input.value) : std::string("(suppression)")};
}

// What the input does to its cell as it stands; a fault when it would change
// a validated value.
std::optional<core::FieldError> decide(Plan& plan)
{
    const auto& current = plan.current;
    const auto& input = plan.input;
    if (!input.value) {
        if (!current || current->deleted) {
            plan.change = Change::Unchanged;
            return std::nullopt;
        }
        if (current->status == ValueStatus::Validated)
            return locked(plan);
        plan.change = Change::Delete;
        return std::nullopt;
    }
    if (!current) {
        plan.change = Change::Create;
        return std::nullopt;
    }
    if (!current->deleted && current->value == input.value && current->comment == input.comment) {
        plan.change = Change::Unchanged;
        return std::nullopt;
    }
    if (current->status == ValueStatus::Validated)
        return locked(plan);
    plan.change = current->deleted ? Change::Restore : Change::Update;
    return std::nullopt;
}

core::FieldError above_partner(const Plan& plan, const catalogue::DataElement& partner, double partner_value)
{
    return {"value",
            "Valeur " + format_value(*plan.input.value) + " supérieure à celle de « " + partner.code + " » (" +
                format_value(partner_value) + ") pour " + plan.input.territory->label() + ", " +
                plan.input.period.label() + " : « " + plan.input.element->code +
                " » ne peut pas la dépasser. "
                "Vérifiez les deux valeurs.",
            plan.input.input->line, format_value(*plan.input.value)};
}

core::FieldError below_partner(const Plan& plan, const std::string& partner_code, double partner_value)
{
    return {"value",
            "Valeur " + format_value(*plan.input.value) + " inférieure à celle de « " + partner_code + " » (" +
                format_value(partner_value) + ") déjà enregistrée pour " + plan.input.territory->label() + ", " +
                plan.input.period.label() + ", qui ne peut pas la dépasser. Vérifiez les deux valeurs.",
            plan.input.input->line, format_value(*plan.input.value)};
}

// numerator <= denominator, against the value the batch writes for the
// partner cell or, when the batch does not touch it, the stored one. A pair
// whose two cells are both in the batch is checked once, on the numerator.
void check_partners(storage::Connection& connection, const catalogue::Catalogue& catalogue, std::vector<Plan>& plans,
                    std::vector<core::FieldError>& faults)
{
    std::map<std::string, std::vector<std::string>> numerators_of;
    for (const auto& element : catalogue.elements())
        if (!element.not_above_code.empty())
            numerators_of[element.not_above_code].push_back(element.code);
    std::map<CellKey, const Plan*> batch;
    for (const auto& plan : plans)
        if (!plan.faulty)
            batch.emplace(plan.key(), &plan);

    auto partner_value = [&](const std::string& code, const Plan& plan) -> std::optional<double> {
        CellKey key{code, plan.input.territory->key.to_string(), plan.input.period.to_string()};
        if (auto in_batch = batch.find(key); in_batch != batch.end())
            return in_batch->second->input.value;
        return cells::current_value(connection, code, std::get<1>(key), std::get<2>(key));
    };

    std::vector<std::pair<Plan*, core::FieldError>> found;
    for (auto& plan : plans) {
        if (plan.faulty || !plan.input.value || plan.change == Change::Unchanged)
            continue;
        const auto& element = *plan.input.element;
        if (const auto* partner = catalogue.find_element(element.not_above_code)) {
            auto value = partner_value(partner->code, plan);
            if (value && *plan.input.value > *value)
                found.emplace_back(&plan, above_partner(plan, *partner, *value));
        }
        for (const auto& numerator : numerators_of[element.code]) {
            if (batch.count({numerator, plan.input.territory->key.to_string(), plan.input.period.to_string()}))
                continue;
            auto value = cells::current_value(connection, numerator, plan.input.territory->key.to_string(),
                                              plan.input.period.to_string());
            if (value && *value > *plan.input.value)
                found.emplace_back(&plan, below_partner(plan, numerator, *value));
        }
    }
    for (auto& [plan, fault] : found) {
        plan->faulty = true;
        faults.push_back(std::move(fault));
    }
}

// Flags the values far from the territory's earlier values of the element,
// the batch's own earlier periods included.
void flag_outliers(const std::vector<cells::Cell>& stored, const std::vector<Plan*>& group,
                   std::vector<core::FieldError>& warnings)
{
    std::map<std::string, double> values;  // period -> value, as it will stand
    for (const auto& cell : stored)
        if (!cell.deleted && cell.value)
            values[cell.period] = *cell.value;
    for (const auto* plan : group) {
        if (plan->faulty)
            continue;
        if (plan->input.value)
            values[plan->input.period.to_string()] = *plan->input.value;
        else
            values.erase(plan->input.period.to_string());
    }
    for (auto* plan : group) {
        if (plan->faulty || !plan->input.value)
            continue;
        if (plan->change == Change::Unchanged) {
            plan->outlier = plan->current && plan->current->outlier;
            continue;
        }
        std::vector<double> earlier;
        auto period = plan->input.period.to_string();
        for (auto it = values.begin(); it != values.end() && it->first < period; ++it)
            earlier.push_back(it->second);
        auto check = check_outlier(*plan->input.value, std::move(earlier));
        plan->outlier = check && check->outlier;
        if (plan->outlier)
            warnings.push_back(
                {"value",
                 "Valeur inhabituelle pour " + plan->where() + " : " + format_value(*plan->input.value) +
                     " s'écarte fortement des valeurs précédentes de ce département (médiane " +
                     format_value(check->median) + " sur " + std::to_string(check->history_size) +
                     " périodes). Elle est enregistrée ; vérifiez-la et corrigez-la si c'est une erreur de saisie.",
                 plan->input.input->line, format_value(*plan->input.value)});
    }
}

cells::CellState state_of(const Plan& plan, const WriteContext& context)
{
    bool deleting = plan.change == Change::Delete;
    return {deleting ? std::nullopt : plan.input.value,
            plan.input.comment,
            ValueStatus::Draft,
            context.origin,
            context.import_id,
            deleting,
            !deleting && plan.outlier};
}

class Savepoint {
public:
    explicit Savepoint(storage::Connection& connection)
        : m_connection(connection), m_had_sequence(connection.change_sequence().has_value())
    {
        m_connection.execute("SAVEPOINT boussole_write_values");
    }
    void release() { m_connection.execute("RELEASE SAVEPOINT boussole_write_values"); }
    void roll_back()
    {
        m_connection.execute("ROLLBACK TO SAVEPOINT boussole_write_values");
        release();
        // The change sequence taken since was rolled back with the rest.
        if (!m_had_sequence)
            m_connection.clear_change_sequence();
    }

private:
    storage::Connection& m_connection;
    bool m_had_sequence;
};

}  // namespace

core::Result<WriteReport> write_values(storage::Connection& connection, const access::Principal& principal,
                                       const territory::TerritoryRegistry& registry,
                                       const catalogue::Catalogue& catalogue, const std::vector<ValueInput>& inputs,
                                       const WriteContext& context)
{
    BOUSSOLE_TRY(may_write(principal));
    auto now = core::now();
    auto today = paris_today(now);
    WriteReport report;
    std::vector<core::FieldError> faults;

    std::vector<Plan> plans;
    plans.reserve(inputs.size());
    std::map<CellKey, long> first_line;
    for (const auto& input : inputs) {
        auto checked = check_input(input, principal, registry, catalogue, today, faults);
        if (!checked)
            continue;
        Plan plan{std::move(*checked)};
        auto [seen, inserted] = first_line.emplace(plan.key(), input.line);
        if (!inserted) {
            faults.push_back({"period",
                              "Même cellule que la ligne " + std::to_string(seen->second) + " (" + plan.where() +
                                  ") : une seule valeur par élément, département et période dans un envoi.",
                              input.line, input.period});
            continue;
        }
        plans.push_back(std::move(plan));
    }

    std::map<GroupKey, std::vector<Plan*>> groups;
    for (auto& plan : plans)
        groups[{plan.input.element->code, plan.input.territory->key.to_string()}].push_back(&plan);
    std::map<GroupKey, std::vector<cells::Cell>> stored;
    for (auto& [key, group] : groups) {
        auto& cells = stored[key] = cells::lock_group(connection, key.first, key.second);
        std::map<std::string, const cells::Cell*> by_period;
        for (const auto& cell : cells)
            by_period.emplace(cell.period, &cell);
        for (auto* plan : group) {
            if (auto found = by_period.find(plan->input.period.to_string()); found != by_period.end())
                plan->current = *found->second;
            if (auto fault = decide(*plan)) {
                plan->faulty = true;
                faults.push_back(std::move(*fault));
            }
        }
    }
    check_partners(connection, catalogue, plans, faults);

    if (!faults.empty() && context.mode == WriteMode::AllOrNothing) {
        report.applied = false;
        report.rejected = std::move(faults);
        return report;
    }
    for (auto& [key, group] : groups)
        flag_outliers(stored[key], group, report.warnings);

    Savepoint savepoint(connection);
    auto author = cells::Author::of(principal, now);
    for (auto& plan : plans) {
        if (plan.faulty)
            continue;
        if (plan.change == Change::Create) {
            if (cells::insert_cell(connection, plan.input.element->code, plan.input.territory->key.to_string(),
                                   plan.input.period, state_of(plan, context), author)) {
                ++report.written;
                continue;
            }
            // Another writer created the cell since it was read: decide
            // again on what it wrote, now locked.
            plan.current = cells::lock_cell(connection, plan.input.element->code, plan.input.territory->key.to_string(),
                                            plan.input.period.to_string());
            if (auto fault = decide(plan)) {
                plan.faulty = true;
                faults.push_back(std::move(*fault));
                if (context.mode == WriteMode::AllOrNothing) {
                    savepoint.roll_back();
                    report = WriteReport{};
                    report.applied = false;
                    report.rejected = std::move(faults);
                    return report;
                }
                continue;
            }
        }
        if (plan.change == Change::Unchanged) {
            ++report.unchanged;
            continue;
        }
        cells::update_cell(connection, *plan.current, state_of(plan, context), action_of(plan.change), author);
        ++report.written;
    }
    savepoint.release();
    report.rejected = std::move(faults);
    return report;
}

}  // namespace boussole::collection
