#include "collection/approval.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "collection/cell_store.hpp"
#include "collection/value_checks.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

namespace boussole::collection {

namespace {

using namespace std::string_literals;

constexpr const char* kOrganisationType = "SELECT type FROM organisations WHERE id = $1";

// One statement changes every value of the group, so that a writer holding
// one of them (PostgreSQL row lock) is waited for and re-read, never skipped.
const std::string kChangeStatus =
    "UPDATE data_values SET status = $1, version = version + 1, updated_at = $2, updated_by = $3, change_seq = $7 "
    "WHERE territory_key = $4 AND period = $5 AND status = $6 AND deleted = 0 RETURNING "s +
    cells::kCellColumns;

constexpr const char* kCountStatuses =
    "SELECT status, COUNT(*) AS n FROM data_values WHERE territory_key = $1 AND period = $2 AND deleted = 0 "
    "GROUP BY status";

constexpr const char* kInsertEvent =
    "INSERT INTO approval_events (territory_key, period, action, values_affected, reason, actor_label, user_id, "
    "token_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

constexpr std::size_t kLongestReason = 1000;

struct Transition {
    ValueStatus from;
    ValueStatus to;
};

Transition transition_of(ApprovalAction action)
{
    switch (action) {
    case ApprovalAction::Submit: return {ValueStatus::Draft, ValueStatus::Submitted};
    case ApprovalAction::Validate: return {ValueStatus::Submitted, ValueStatus::Validated};
    case ApprovalAction::Reopen: return {ValueStatus::Validated, ValueStatus::Submitted};
    }
    return {ValueStatus::Draft, ValueStatus::Submitted};
}

bool belongs_to_an_ars(storage::Connection& connection, const access::Principal& principal)
{
    if (!principal.organisation_id)
        return false;
    auto rows = connection.query(kOrganisationType, {*principal.organisation_id});
    return !rows.empty() && rows.front().text("type") == "ars";
}

core::Result<std::string> check_reason(ApprovalAction action, std::string_view reason)
{
    auto checked = check_comment(reason);
    if (!checked.ok())
        return core::Error::invalid("Motif invalide : " + checked.error().message,
                                    {{"reason", checked.error().message, std::nullopt, shown(reason)}});
    if (checked->empty() && action == ApprovalAction::Reopen)
        return core::Error::invalid(
            "Motif obligatoire : dites pourquoi ces valeurs validées doivent être rouvertes (il est conservé dans "
            "leur historique).",
            {{"reason", "motif obligatoire pour rouvrir", std::nullopt, std::nullopt}});
    if (core::utf8_length(*checked) > kLongestReason)
        return core::Error::invalid(
            "Motif trop long : " + std::to_string(kLongestReason) + " caractères au plus. Résumez-le.",
            {{"reason", "1 000 caractères au plus", std::nullopt, std::nullopt}});
    return checked;
}

std::string plural(std::int64_t count, const char* singular, const char* plural_form)
{
    return std::to_string(count) + " " + (count > 1 ? plural_form : singular);
}

core::Error nothing_to_do(storage::Connection& connection, ApprovalAction action,
                          const territory::Territory& department, const core::Period& period)
{
    std::int64_t counts[3] = {0, 0, 0};
    for (auto row : connection.query(kCountStatuses, {department.key.to_string(), period.to_string()})) {
        auto status = parse_value_status(row.text("status"));
        if (status.ok())
            counts[static_cast<int>(*status)] = row.integer("n");
    }
    std::string where = department.label() + ", " + period.label();
    std::string state;
    if (counts[0] + counts[1] + counts[2] == 0)
        state = " Aucune valeur n'y est saisie.";
    else
        state = " État actuel : " + plural(counts[0], "valeur en brouillon", "valeurs en brouillon") + ", " +
                plural(counts[1], "transmise", "transmises") + ", " + plural(counts[2], "validée", "validées") + ".";
    switch (action) {
    case ApprovalAction::Submit:
        return core::Error::conflict("Rien à transmettre pour " + where + " : aucune valeur en brouillon." + state +
                                     " Saisissez ou corrigez d'abord des valeurs.");
    case ApprovalAction::Validate:
        return core::Error::conflict("Rien à valider pour " + where + " : aucune valeur transmise." + state +
                                     " Le département doit d'abord transmettre ses valeurs.");
    case ApprovalAction::Reopen:
        return core::Error::conflict("Rien à rouvrir pour " + where + " : aucune valeur validée." + state);
    }
    return core::Error::conflict("Rien à faire pour " + where + "." + state);
}

}  // namespace

const char* to_string(ApprovalAction action)
{
    switch (action) {
    case ApprovalAction::Submit: return "submit";
    case ApprovalAction::Validate: return "validate";
    case ApprovalAction::Reopen: return "reopen";
    }
    return "submit";
}

const char* label(ApprovalAction action)
{
    switch (action) {
    case ApprovalAction::Submit: return "transmission";
    case ApprovalAction::Validate: return "validation";
    case ApprovalAction::Reopen: return "réouverture";
    }
    return "transmission";
}

core::Result<ApprovalAction> parse_approval_action(std::string_view text)
{
    for (auto action : {ApprovalAction::Submit, ApprovalAction::Validate, ApprovalAction::Reopen})
        if (text == to_string(action))
            return action;
    return core::Error::invalid("Action « " + shown(text) +
                                    " » inconnue : attendu submit (transmettre), validate (valider) ou reopen "
                                    "(rouvrir, avec un motif).",
                                {{"action", "attendu submit, validate ou reopen", std::nullopt, shown(text)}});
}

core::Status may_approve(storage::Connection& connection, const access::Principal& principal, ApprovalAction action,
                         const territory::TerritoryKey& department)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    if (action == ApprovalAction::Submit)
        return access::require_territorial_write(principal, {department}, "transmettre les valeurs de ce département");
    if (principal.is_national_admin() && principal.can_write)
        return {};
    const char* what = action == ApprovalAction::Validate ? "valider" : "rouvrir";
    if (principal.kind != access::PrincipalKind::User)
        return core::Error::forbidden(std::string("Un jeton d'API ne peut pas ") + what +
                                      " des valeurs : c'est l'acte d'une personne. Connectez-vous avec un compte de "
                                      "l'ARS de la région.");
    if (principal.role != access::Role::TerritorialEditor || !principal.can_write ||
        !belongs_to_an_ars(connection, principal))
        return core::Error::forbidden(std::string("Seule l'ARS de la région, ou l'équipe nationale, peut ") + what +
                                      " les valeurs d'un département. " +
                                      (action == ApprovalAction::Validate
                                           ? "Transmettez-les : elles apparaîtront dans sa file de validation."
                                           : "Demandez-lui de les rouvrir en précisant le motif."));
    if (!principal.scope.covers(department))
        return core::Error::forbidden("Le département " + department.to_string() +
                                      " n'est pas dans la région de votre ARS : sa validation revient à l'ARS de sa "
                                      "région.");
    return {};
}

core::Result<ApprovalResult> apply_approval(storage::Connection& connection, const access::Principal& principal,
                                            const territory::TerritoryRegistry& registry,
                                            const ApprovalRequest& request)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto department = resolve_department(registry, core::trim(request.territory));
    if (!department.ok())
        return core::Error::invalid(department.error().message, {{"territory", department.error().message, std::nullopt,
                                                                  shown(request.territory)}});
    auto period = core::Period::parse(core::trim(request.period));
    if (!period.ok())
        return core::Error::invalid(period.error().message,
                                    {{"period", period.error().message, std::nullopt, shown(request.period)}});
    auto reason = check_reason(request.action, request.reason);
    if (!reason.ok())
        return std::move(reason).error();
    BOUSSOLE_TRY(may_approve(connection, principal, request.action, (*department)->key));

    auto transition = transition_of(request.action);
    auto author = cells::Author::of(principal, core::now());
    auto at = core::to_iso8601(author.at);
    auto changed =
        connection.query(kChangeStatus, {to_string(transition.to), at, author.label, (*department)->key.to_string(),
                                         period->to_string(), to_string(transition.from),
                                         cells::change_sequence(connection)});
    if (changed.empty())
        return nothing_to_do(connection, request.action, **department, *period);
    for (auto row : changed)
        cells::record_version(connection, cells::cell_from_row(row), to_string(request.action), author, *reason);

    auto count = static_cast<std::int64_t>(changed.size());
    connection.execute(kInsertEvent, {(*department)->key.to_string(), period->to_string(), to_string(request.action),
                                      count, *reason, author.label, author.user_id, author.token_id, at});
    access::record_audit(
        connection, principal,
        {to_string(request.action), "data_values", (*department)->key.to_string() + "/" + period->to_string(),
         nlohmann::json{{"status", to_string(transition.from)}, {"values", count}}.dump(),
         nlohmann::json{{"status", to_string(transition.to)}, {"values", count}, {"reason", *reason}}.dump()});
    return ApprovalResult{(*department)->key, *period, request.action, count};
}

}  // namespace boussole::collection
