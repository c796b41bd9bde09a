#include "conventions/commitments.hpp"

#include "access/audit.hpp"
#include "access/policy.hpp"
#include "conventions/commitment_store.hpp"
#include "conventions/convention_store.hpp"
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

bool in_preparation(Status status)
{
    return status == Status::Draft || status == Status::Consultation;
}

core::Status editable(const Convention& convention)
{
    if (in_preparation(convention.status))
        return {};
    return core::Error::conflict("La convention est « " + std::string(label(convention.status)) +
                                 " » : ses engagements ne se modifient qu'en brouillon ou en consultation. " +
                                 (convention.status == Status::InForce ? "Ouvrez un avenant pour la modifier."
                                                                       : "Rouvrez-la en brouillon pour la modifier."));
}

// The socle and the briques locales belong to those who steer the
// convention; an annex also to the members of its partner organisation.
core::Status may_edit(const access::Principal& principal, const Convention& convention, Section section,
                      const std::string& partner)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto steering = may_steer(principal, convention, "modifier les engagements de cette convention");
    if (steering.ok() || section != Section::Partner)
        return steering;
    for (const auto& party : convention.parties)
        if (party.slug == partner && principal.organisation_id == party.organisation_id && principal.can_write)
            return {};
    auto owner = std::find_if(convention.parties.begin(), convention.parties.end(),
                              [&](const Party& party) { return party.slug == partner; });
    return core::Error::forbidden("Le volet partenaire de « " +
                                  (owner != convention.parties.end() ? owner->name : partner) +
                                  " » appartient à ce partenaire : seuls ses membres et les signataires du territoire "
                                  "peuvent le modifier.");
}

// A socle target may be more ambitious than the national one, never weaker;
// the indicator's direction says which way is more ambitious.
void check_ambition(Faults& faults, const Commitment& commitment, const catalogue::Indicator* indicator)
{
    if (!commitment.national_target || !commitment.target_value || !indicator)
        return;
    bool weaker = (indicator->direction == catalogue::Direction::HigherIsBetter &&
                   *commitment.target_value < *commitment.national_target) ||
                  (indicator->direction == catalogue::Direction::LowerIsBetter &&
                   *commitment.target_value > *commitment.national_target);
    if (weaker)
        faults.add("target_value", "Valeur cible : l'objectif national est " +
                                       core::format_decimal(*commitment.national_target, indicator->decimals) + " (" +
                                       catalogue::label(indicator->direction) +
                                       ") ; une cible locale peut être plus ambitieuse, "
                                       "jamais moins : " +
                                       core::format_decimal(*commitment.target_value, indicator->decimals) +
                                       " est en deçà de l'objectif national.");
}

void check_text(Faults& faults, const char* field, const char* name, const std::string& text, std::size_t longest,
                bool required)
{
    auto trimmed = core::trim(text);
    if (required && trimmed.empty())
        faults.add(field, std::string(name) + " : obligatoire.");
    else if (!core::is_valid_utf8(text) || core::utf8_length(trimmed) > longest)
        faults.add(field, std::string(name) + " : " + core::format_integer(static_cast<std::int64_t>(longest)) +
                              " caractères au plus, en UTF-8.");
}

bool is_party(const Convention& convention, const std::string& slug)
{
    return std::any_of(convention.parties.begin(), convention.parties.end(),
                       [&](const Party& party) { return party.slug == slug; });
}

// Checks input onto commitment (which carries section, partner and the
// national target already). Returns the lead's id.
core::Result<std::int64_t> check(storage::Connection& connection, const catalogue::Catalogue& catalogue,
                                 const Convention& convention, const CommitmentInput& input, Commitment& commitment)
{
    Faults faults;
    std::vector<std::string> priorities;
    for (const auto& priority : framework::load_framework(connection).priorities)
        priorities.push_back(priority.code);
    commitment.priority = std::string(core::trim(input.priority));
    if (std::find(priorities.begin(), priorities.end(), commitment.priority) == priorities.end())
        faults.add("priority",
                   "Priorité : « " + commitment.priority + "» n'est pas une priorité du cadre national (P1 à P11).",
                   commitment.priority);
    check_text(faults, "title", "Intitulé", input.title, kLongestTitle, true);
    check_text(faults, "text", "Texte", input.text, kLongestText, false);
    commitment.title = std::string(core::trim(input.title));
    commitment.text = std::string(core::trim(input.text));

    commitment.lead = std::string(core::trim(input.lead));
    auto lead_id = store::organisation_id(connection, commitment.lead);
    if (commitment.lead.empty())
        faults.add("lead", "Pilote : obligatoire, l'organisation qui porte l'engagement.");
    else if (!lead_id)
        faults.add("lead", "Pilote : organisation « " + commitment.lead + " » inconnue de l'annuaire.",
                   commitment.lead);
    else if (!is_party(convention, commitment.lead))
        faults.add("lead", "Pilote : « " + commitment.lead + " » n'est pas partie à la convention.", commitment.lead);
    commitment.contributors.clear();
    for (const auto& slug : input.contributors) {
        auto trimmed = std::string(core::trim(slug));
        if (!store::organisation_id(connection, trimmed))
            faults.add("contributors", "Contributeurs : organisation « " + trimmed + " » inconnue de l'annuaire.",
                       trimmed);
        else if (std::find(commitment.contributors.begin(), commitment.contributors.end(), trimmed) ==
                 commitment.contributors.end())
            commitment.contributors.push_back(trimmed);
    }

    auto indicator_code = std::string(core::trim(input.indicator));
    const catalogue::Indicator* indicator = nullptr;
    if (commitment.section == Section::Socle && commitment.template_item_id && indicator_code != commitment.indicator)
        faults.add("indicator",
                   "Indicateur : celui du socle commun ne se change pas (« " + commitment.indicator + " »).");
    commitment.indicator = indicator_code;
    if (!indicator_code.empty()) {
        indicator = catalogue.find_indicator(indicator_code);
        if (!indicator)
            faults.add("indicator",
                       "Indicateur « " + indicator_code +
                           " » inconnu : vérifiez son code sur la page "
                           "Catalogue.",
                       indicator_code);
    }
    auto period_field = [&](const char* field, const char* name,
                            const std::string& text) -> std::optional<core::Period> {
        auto trimmed = std::string(core::trim(text));
        if (trimmed.empty())
            return std::nullopt;
        auto parsed = indicator ? core::Period::parse(trimmed, indicator->periodicity) : core::Period::parse(trimmed);
        if (!parsed.ok()) {
            faults.add(field, std::string(name) + " : " + parsed.error().message, trimmed);
            return std::nullopt;
        }
        return *parsed;
    };
    commitment.baseline_period = period_field("baseline_period", "Période de référence", input.baseline_period);
    commitment.deadline = period_field("deadline", "Échéance", input.deadline);
    commitment.baseline_value = input.baseline_value;
    commitment.target_value = input.target_value;
    for (auto [field, name, value] : {std::tuple{"baseline_value", "Valeur de référence", &input.baseline_value},
                                      std::tuple{"target_value", "Valeur cible", &input.target_value}})
        if (*value && (!std::isfinite(**value) || std::fabs(**value) > 1e15))
            faults.add(field, std::string(name) + " : un nombre fini est attendu, d'au plus 15 chiffres.");
    if (indicator_code.empty() && (commitment.target_value || commitment.baseline_value))
        faults.add("indicator", "Indicateur : une valeur de référence ou une cible suppose un indicateur.");
    if (commitment.target_value && core::trim(input.deadline).empty())
        faults.add("deadline", "Échéance : obligatoire avec une valeur cible.");
    if (commitment.deadline && (commitment.deadline->year_number() < convention.period_start ||
                                commitment.deadline->year_number() > convention.period_end))
        faults.add("deadline",
                   "Échéance : elle doit tomber dans la période de la convention (" +
                       period_text(convention.period_start, convention.period_end) + ").",
                   commitment.deadline->to_string());
    if (commitment.baseline_period.has_value() != commitment.baseline_value.has_value())
        faults.add(commitment.baseline_period ? "baseline_value" : "baseline_period",
                   "Référence : la période et la valeur de référence vont ensemble.");
    if (commitment.baseline_period && commitment.deadline &&
        commitment.baseline_period->type() == commitment.deadline->type() &&
        *commitment.deadline <= *commitment.baseline_period)
        faults.add("deadline", "Échéance : elle doit venir après la période de référence (" +
                                   commitment.baseline_period->label() + ").");
    check_ambition(faults, commitment, indicator);
    if (!faults.empty())
        return faults.error();
    return *lead_id;
}

void audit(storage::Connection& connection, const access::Principal& principal, const char* action,
           const Commitment* before, const Commitment& after)
{
    access::record_audit(
        connection, principal,
        {action, "convention_commitment", std::to_string(after.id),
         before ? std::optional<std::string>(to_json(*before).dump()) : std::nullopt, to_json(after).dump()});
}

// Says what the commitment is now, so that the person can compare it with
// what they were about to save before reloading.
core::Error stale(const Commitment& current, int expected_version)
{
    std::string now = "Texte actuel : « " + current.text + " »";
    if (current.target_value)
        now += ", cible " + core::format_decimal(*current.target_value, 2) +
               (current.deadline ? " à l'échéance " + current.deadline->to_string() : std::string());
    return core::Error::conflict("L'engagement « " + current.title + " » a été modifié par " + current.updated_by +
                                 " depuis votre lecture (version " + std::to_string(current.version) +
                                 ", vous partiez de la version " + std::to_string(expected_version) +
                                 ") : rechargez-le et refaites votre modification. " + now + ".");
}

core::Error commitment_not_found(std::int64_t convention_id, std::int64_t id)
{
    return core::Error::not_found("Engagement " + std::to_string(id) + " introuvable dans la convention n° " +
                                  std::to_string(convention_id) + " : rechargez la convention.");
}

}  // namespace

const char* to_string(Section section)
{
    switch (section) {
    case Section::Socle: return "socle";
    case Section::Partner: return "partner";
    default: return "local";
    }
}

const char* label(Section section)
{
    switch (section) {
    case Section::Socle: return "socle commun";
    case Section::Partner: return "volets partenaires";
    default: return "briques locales";
    }
}

core::Result<Section> parse_section(std::string_view text)
{
    if (text == "socle")
        return Section::Socle;
    if (text == "local")
        return Section::Local;
    if (text == "partner")
        return Section::Partner;
    return core::Error::invalid("Section : attendu « local » (briques locales) ou « partner » (volet partenaire).");
}

CommitmentInput input_of(const Commitment& commitment)
{
    return {to_string(commitment.section),
            commitment.partner,
            commitment.priority,
            commitment.title,
            commitment.text,
            commitment.lead,
            commitment.contributors,
            commitment.indicator,
            commitment.baseline_period ? commitment.baseline_period->to_string() : "",
            commitment.baseline_value,
            commitment.target_value,
            commitment.deadline ? commitment.deadline->to_string() : ""};
}

core::Result<Commitment> add_commitment(storage::Connection& connection, const access::Principal& principal,
                                        const catalogue::Catalogue& catalogue, std::int64_t convention_id,
                                        const CommitmentInput& input)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto convention = find_convention(connection, convention_id);
    if (!convention || !may_read(principal, *convention).ok())
        return store::not_found(convention_id);
    auto section = parse_section(core::trim(input.section));
    if (!section.ok() || *section == Section::Socle)
        return core::Error::invalid(
            "Section : attendu « local » (briques locales) ou « partner » (volet partenaire) ; le socle commun vient "
            "du modèle national.",
            {{"section", "Section « " + input.section + " » inconnue.", std::nullopt, input.section}});
    Commitment commitment;
    commitment.convention_id = convention_id;
    commitment.section = *section;
    std::optional<std::int64_t> partner_id;
    if (*section == Section::Partner) {
        commitment.partner = std::string(core::trim(input.partner));
        auto party = std::find_if(convention->parties.begin(), convention->parties.end(),
                                  [&](const Party& candidate) { return candidate.slug == commitment.partner; });
        if (party == convention->parties.end() || party->role != PartyRole::Partner)
            return core::Error::invalid(
                "Partenaire : « " + commitment.partner + " » n'a pas de volet dans cette convention.",
                {{"partner", "Partenaire inconnu de la convention.", std::nullopt, commitment.partner}});
        partner_id = party->organisation_id;
    }
    BOUSSOLE_TRY(may_edit(principal, *convention, commitment.section, commitment.partner));
    BOUSSOLE_TRY(editable(*convention));
    auto lead_id = check(connection, catalogue, *convention, input, commitment);
    if (!lead_id.ok())
        return std::move(lead_id).error();
    auto count = store::count_commitments(connection, convention_id);
    auto cap = commitment_cap(connection);
    if (count >= cap)
        return core::Error::invalid("La convention compte déjà " + core::format_integer(count) +
                                    " engagements pour un plafond national de " + core::format_integer(cap) +
                                    " : regroupez ou retirez un engagement avant d'en ajouter un.");
    auto saved = store::insert(connection, commitment, *lead_id, partner_id, Author::of(principal));
    audit(connection, principal, "create", nullptr, saved);
    return saved;
}

core::Result<Commitment> change_commitment(storage::Connection& connection, const access::Principal& principal,
                                           const catalogue::Catalogue& catalogue, std::int64_t convention_id,
                                           std::int64_t commitment_id, int expected_version,
                                           const CommitmentInput& input)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto convention = find_convention(connection, convention_id);
    if (!convention || !may_read(principal, *convention).ok())
        return store::not_found(convention_id);
    auto current = store::select_commitment(connection, convention_id, commitment_id);
    if (!current || current->deleted)
        return commitment_not_found(convention_id, commitment_id);
    BOUSSOLE_TRY(may_edit(principal, *convention, current->section, current->partner));
    BOUSSOLE_TRY(editable(*convention));
    if (current->version != expected_version)
        return stale(*current, expected_version);
    auto after = *current;
    auto lead_id = check(connection, catalogue, *convention, input, after);
    if (!lead_id.ok())
        return std::move(lead_id).error();
    if (to_json(after) == to_json(*current))
        return *current;
    auto saved = store::update(connection, after, *lead_id, current->version, Author::of(principal));
    if (!saved)
        return store::raced();
    audit(connection, principal, "update", &*current, *saved);
    return *saved;
}

core::Result<Commitment> delete_commitment(storage::Connection& connection, const access::Principal& principal,
                                           std::int64_t convention_id, std::int64_t commitment_id,
                                           std::optional<int> expected_version)
{
    BOUSSOLE_TRY(access::require_authenticated(principal));
    auto convention = find_convention(connection, convention_id);
    if (!convention || !may_read(principal, *convention).ok())
        return store::not_found(convention_id);
    auto current = store::select_commitment(connection, convention_id, commitment_id);
    if (!current || current->deleted)
        return commitment_not_found(convention_id, commitment_id);
    BOUSSOLE_TRY(may_edit(principal, *convention, current->section, current->partner));
    BOUSSOLE_TRY(editable(*convention));
    if (current->section == Section::Socle)
        return core::Error::invalid("« " + current->title +
                                    " » appartient au socle commun national : il ne peut pas être retiré de la "
                                    "convention (sa cible locale peut en revanche être plus ambitieuse).");
    if (expected_version && current->version != *expected_version)
        return stale(*current, *expected_version);
    auto after = *current;
    after.deleted = true;
    auto lead_id = store::organisation_id(connection, current->lead).value_or(0);
    auto saved = store::update(connection, after, lead_id, current->version, Author::of(principal));
    if (!saved)
        return store::raced();
    audit(connection, principal, "delete", &*current, *saved);
    return *saved;
}

std::vector<Commitment> list_commitments(storage::Connection& connection, std::int64_t convention_id,
                                         bool include_deleted)
{
    return store::select_commitments(connection, convention_id, include_deleted);
}

std::optional<Commitment> find_commitment(storage::Connection& connection, std::int64_t convention_id,
                                          std::int64_t commitment_id)
{
    return store::select_commitment(connection, convention_id, commitment_id);
}

}  // namespace boussole::conventions
