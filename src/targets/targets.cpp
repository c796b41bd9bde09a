#include "targets/targets.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "core/faults.hpp"
#include "core/french.hpp"
#include "core/text.hpp"
#include "targets/target_rows.hpp"

#include <cmath>

namespace boussole::targets {

namespace {

constexpr std::size_t kLongestComment = 2000;

using core::Faults;

// An input once checked.
struct Checked {
    const catalogue::Indicator* indicator = nullptr;
    const territory::Territory* territory = nullptr;
    TargetScope scope = TargetScope::National;
    Target target;
};

// Whether the principal may write targets at all, whatever the territory:
// the role is checked before the input, so that a reader learns at once that
// correcting the form would not help.
core::Status may_write_targets(const access::Principal& principal)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    if (principal.is_national_admin() && principal.can_write)
        return {};
    bool editor =
        principal.kind == access::PrincipalKind::ApiToken || principal.role == access::Role::TerritorialEditor;
    if (!editor || !principal.can_write)
        return core::Error::forbidden("Votre rôle (" + std::string(access::label(principal.role)) +
                                      ") ne permet pas de fixer des cibles : demandez-le à un contributeur de votre "
                                      "organisation ou à l'équipe nationale.");
    return {};
}

// National targets belong to the national administrators; a local target to
// the actors whose scope covers its territory (national administrators
// included).
core::Status may_change(const access::Principal& principal, TargetScope scope, const territory::TerritoryKey& key)
{
    if (scope == TargetScope::National) {
        auto allowed = access::require_national_admin(principal, "fixer, modifier ou supprimer une cible nationale");
        if (!allowed.ok() && allowed.error().code == core::ErrorCode::Forbidden && principal.can_write &&
            principal.scope.covers(key))
            return core::Error::forbidden(allowed.error().message +
                                          " Pour ce territoire, vous pouvez fixer une cible locale.");
        return allowed;
    }
    return access::require_territorial_write(principal, {key}, "fixer, modifier ou supprimer une cible locale ici");
}

std::string where(const Target& target, const territory::TerritoryRegistry& registry)
{
    const auto* territory = registry.find(target.territory);
    return "« " + target.indicator + " », " + (territory ? territory->label() : target.territory.to_string());
}

std::optional<core::Period> check_period(Faults& faults, const char* field, const char* name, const std::string& text,
                                         const catalogue::Indicator* indicator)
{
    if (core::trim(text).empty()) {
        faults.add(field, std::string(name) + " : obligatoire, une période de la périodicité de l'indicateur " +
                              "(« 2025 », « 2025-T3 » ou « 2025-07 »).");
        return std::nullopt;
    }
    auto period = indicator ? core::Period::parse(core::trim(text), indicator->periodicity)
                            : core::Period::parse(core::trim(text));
    if (!period.ok()) {
        faults.add(field, std::string(name) + " : " + period.error().message, text);
        return std::nullopt;
    }
    return *period;
}

std::optional<double> check_value(Faults& faults, const char* field, const char* name,
                                  const std::optional<double>& value)
{
    if (!value)
        faults.add(field, std::string(name) + " : obligatoire, un nombre (par exemple 12.5).");
    else if (!std::isfinite(*value) || std::fabs(*value) > 1e15)
        faults.add(field, std::string(name) + " : un nombre fini est attendu, d'au plus 15 chiffres.");
    else
        return value;
    return std::nullopt;
}

// Reads and checks every field; a faulty scope or territory stops before the
// permission check, the other faults come after it.
core::Result<Checked> check(const access::Principal& principal, const territory::TerritoryRegistry& registry,
                            const catalogue::Catalogue& catalogue, const TargetInput& input)
{
    Faults faults;
    Checked checked;
    auto indicator_code = std::string(core::trim(input.indicator));
    checked.indicator = catalogue.find_indicator(indicator_code);
    if (indicator_code.empty())
        faults.add("indicator", "Indicateur : obligatoire, le code d'un indicateur du catalogue.");
    else if (!checked.indicator)
        faults.add("indicator",
                   "Indicateur « " + indicator_code + " » inconnu : vérifiez son code sur la page Catalogue.",
                   indicator_code);

    auto territory_text = std::string(core::trim(input.territory));
    if (territory_text.empty()) {
        faults.add("territory", "Territoire : obligatoire (« FR », « REG-84 » ou « DEP-33 »).");
    } else if (auto territory = registry.resolve(territory_text); !territory.ok()) {
        faults.add("territory", "Territoire : " + territory.error().message, territory_text);
    } else {
        checked.territory = *territory;
    }

    auto scope = parse_target_scope(core::trim(input.scope));
    if (!scope.ok())
        faults.add("scope", scope.error().message, input.scope);
    else
        checked.scope = *scope;

    if (scope.ok() && checked.territory) {
        BOUSSOLE_TRY(may_change(principal, checked.scope, checked.territory->key));
        if (checked.scope == TargetScope::Local && checked.territory->key.level() == territory::Level::Nation)
            faults.add("scope",
                       "Portée : une cible locale porte sur une région ou un département ; pour la France, "
                       "la cible est nationale.",
                       "local");
    }
    if (checked.indicator && checked.territory && checked.indicator->kind == catalogue::IndicatorKind::Equity &&
        checked.territory->key.level() == territory::Level::Department)
        faults.add("territory",
                   "Territoire : « " + checked.indicator->code +
                       " » mesure l'écart entre départements ; sa cible porte sur la France ou une région.",
                   territory_text);

    auto baseline_period =
        check_period(faults, "baseline_period", "Période de référence", input.baseline_period, checked.indicator);
    auto baseline_value = check_value(faults, "baseline_value", "Valeur de référence", input.baseline_value);
    auto target_period = check_period(faults, "target_period", "Échéance", input.target_period, checked.indicator);
    auto target_value = check_value(faults, "target_value", "Valeur cible", input.target_value);
    if (baseline_period && target_period && baseline_period->type() == target_period->type() &&
        *target_period <= *baseline_period)
        faults.add("target_period",
                   "Échéance : elle doit venir après la période de référence (" + baseline_period->label() + ") ; « " +
                       target_period->to_string() + " » n'est pas après.",
                   target_period->to_string());
    if (checked.indicator && checked.indicator->direction == catalogue::Direction::Neutral && baseline_value &&
        target_value && *baseline_value == *target_value)
        faults.add("target_value",
                   "Valeur cible : « " + checked.indicator->code +
                       " » n'a pas de sens de progression (neutre) ; c'est l'écart entre la valeur de référence et "
                       "la cible qui le donne. Choisissez une cible différente de la référence.");

    auto comment = std::string(core::trim(input.comment));
    if (!core::is_valid_utf8(comment) || core::utf8_length(comment) > kLongestComment)
        faults.add("comment", "Commentaire : 2 000 caractères au plus, en UTF-8.");

    if (!faults.empty())
        return faults.error();
    auto& target = checked.target;
    target.indicator = checked.indicator->code;
    target.territory = checked.territory->key;
    target.scope = checked.scope;
    target.baseline_period = *baseline_period;
    target.baseline_value = *baseline_value;
    target.target_period = *target_period;
    target.target_value = *target_value;
    target.comment = comment;
    return checked;
}

bool same_content(const Target& a, const Target& b)
{
    return a.baseline_period == b.baseline_period && a.baseline_value == b.baseline_value &&
           a.target_period == b.target_period && a.target_value == b.target_value && a.comment == b.comment;
}

void audit(storage::Connection& connection, const access::Principal& principal, const char* action,
           const Target* before, const Target& after)
{
    access::record_audit(
        connection, principal,
        {action, "indicator_target", std::to_string(after.id),
         before ? std::optional<std::string>(to_json(*before).dump()) : std::nullopt, to_json(after).dump()});
}

core::Error stale(const Target& current, int expected_version)
{
    return core::Error::conflict("La cible a été modifiée par " + current.updated_by +
                                 " depuis votre lecture (version " + std::to_string(current.version) +
                                 ", vous partiez de la version " + std::to_string(expected_version) +
                                 ") : rechargez-la et refaites votre modification.");
}

core::Error raced()
{
    return core::Error::conflict(
        "La cible vient d'être modifiée par quelqu'un d'autre : rechargez-la et refaites votre modification.");
}

}  // namespace

const char* to_string(TargetScope scope)
{
    return scope == TargetScope::Local ? "local" : "national";
}

const char* label(TargetScope scope)
{
    return scope == TargetScope::Local ? "locale" : "nationale";
}

core::Result<TargetScope> parse_target_scope(std::string_view text)
{
    if (text == "national")
        return TargetScope::National;
    if (text == "local")
        return TargetScope::Local;
    return core::Error::invalid(
        "Portée : attendu « national » (cible fixée par l'équipe nationale) ou « local » "
        "(cible fixée par les acteurs du territoire).");
}

Trajectory trajectory_of(const Target& target, const catalogue::Indicator& indicator)
{
    return {target.baseline_period, target.baseline_value, target.target_period,
            target.target_value,    indicator.direction,   indicator.decimals};
}

nlohmann::json to_json(const Target& target)
{
    return {{"id", target.id},
            {"indicator", target.indicator},
            {"territory", target.territory.to_string()},
            {"scope", to_string(target.scope)},
            {"baseline_period", target.baseline_period.to_string()},
            {"baseline_value", target.baseline_value},
            {"target_period", target.target_period.to_string()},
            {"target_value", target.target_value},
            {"comment", target.comment},
            {"deleted", target.deleted},
            {"version", target.version},
            {"updated_at", core::to_iso8601(target.updated_at)},
            {"updated_by", target.updated_by}};
}

core::Result<Target> set_target(storage::Connection& connection, const access::Principal& principal,
                                const territory::TerritoryRegistry& registry, const catalogue::Catalogue& catalogue,
                                const TargetInput& input, std::optional<int> expected_version)
{
    BOUSSOLE_TRY(may_write_targets(principal));
    auto checked = check(principal, registry, catalogue, input);
    if (!checked.ok())
        return std::move(checked).error();
    auto after = std::move(checked->target);
    auto author = rows::Author::of(principal);
    auto current = rows::select_by_key(connection, after.indicator, after.territory, after.scope);
    auto what = "cible " + std::string(label(after.scope)) + " de " + where(after, registry);

    if (expected_version) {
        if (!current || current->deleted)
            return core::Error::not_found("Aucune " + what + " : rien à modifier. Créez-la d'abord.");
        if (current->version != *expected_version)
            return stale(*current, *expected_version);
        if (same_content(*current, after))
            return *current;
        after.id = current->id;
        auto saved = rows::update(connection, after, current->version, "update", author);
        if (!saved)
            return raced();
        audit(connection, principal, "update", &*current, *saved);
        return *saved;
    }
    if (current && !current->deleted)
        return core::Error::conflict("La " + what + " existe déjà (version " + std::to_string(current->version) +
                                     ", fixée par " + current->updated_by +
                                     ") : modifiez-la plutôt que d'en créer "
                                     "une autre.");
    if (current) {
        after.id = current->id;
        auto saved = rows::update(connection, after, current->version, "restore", author);
        if (!saved)
            return raced();
        audit(connection, principal, "restore", &*current, *saved);
        return *saved;
    }
    auto saved = rows::insert(connection, after, author);
    if (!saved)
        return core::Error::conflict("La " + what +
                                     " vient d'être créée par quelqu'un d'autre : rechargez la liste des cibles et "
                                     "modifiez-la si besoin.");
    audit(connection, principal, "create", nullptr, *saved);
    return *saved;
}

core::Result<Target> delete_target(storage::Connection& connection, const access::Principal& principal, std::int64_t id,
                                   std::optional<int> expected_version)
{
    BOUSSOLE_TRY(may_write_targets(principal));
    auto current = rows::select_by_id(connection, id);
    if (!current || current->deleted)
        return core::Error::not_found("Cible " + std::to_string(id) +
                                      " introuvable ou déjà supprimée : rechargez la liste des cibles.");
    BOUSSOLE_TRY(may_change(principal, current->scope, current->territory));
    if (expected_version && current->version != *expected_version)
        return stale(*current, *expected_version);
    auto after = *current;
    after.deleted = true;
    auto saved = rows::update(connection, after, current->version, "delete", rows::Author::of(principal));
    if (!saved)
        return raced();
    audit(connection, principal, "delete", &*current, *saved);
    return *saved;
}

std::optional<Target> find_target(storage::Connection& connection, std::int64_t id)
{
    return rows::select_by_id(connection, id);
}

std::vector<Target> find_targets(storage::Connection& connection, const TargetFilter& filter)
{
    return rows::select(connection, filter);
}

const char* action_label(std::string_view action)
{
    if (action == "create")
        return "création";
    if (action == "delete")
        return "suppression";
    if (action == "restore")
        return "rétablissement";
    return "modification";
}

core::Result<std::vector<TargetVersion>> target_history(storage::Connection& connection, std::int64_t id)
{
    auto versions = rows::history(connection, id);
    if (versions.empty())
        return core::Error::not_found("Cible " + std::to_string(id) + " introuvable : rechargez la liste des cibles.");
    return versions;
}

}  // namespace boussole::targets
