#include "conventions/consultations.hpp"

#include "access/audit.hpp"
#include "conventions/author.hpp"
#include "conventions/commitments.hpp"
#include "conventions/convention.hpp"
#include "core/faults.hpp"
#include "core/text.hpp"
#include "storage/connection.hpp"

#include <chrono>

namespace boussole::conventions {

namespace {

constexpr const char* kSubject = "convention";
constexpr std::size_t kLongestText = 5000;

constexpr const char* kInsert =
    "INSERT INTO consultations (subject_kind, subject_id, subject_key, title, opens_on, closes_on, version, "
    "created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $8) RETURNING id";
constexpr const char* kInvite =
    "INSERT INTO consultation_invitations (consultation_id, organisation_id, position) VALUES ($1, $2, $3)";
constexpr const char* kSelect =
    "SELECT id, subject_kind, subject_id, subject_key, title, opens_on, closes_on, version, updated_at, updated_by "
    "FROM consultations WHERE id = $1";
constexpr const char* kSelectOfSubject =
    "SELECT id FROM consultations WHERE subject_kind = $1 AND subject_id = $2 AND subject_key = $3 "
    "ORDER BY opens_on DESC, id DESC";
constexpr const char* kSelectInvited =
    "SELECT o.id, o.slug, o.name FROM consultation_invitations i JOIN organisations o ON o.id = i.organisation_id "
    "WHERE i.consultation_id = $1 ORDER BY i.position";
constexpr const char* kOrganisation = "SELECT id, slug, name FROM organisations WHERE slug = $1";
constexpr const char* kContributionColumns =
    "SELECT c.id, c.consultation_id, o.slug, o.name, c.item_id, c.body, c.author, c.created_at, c.answer, "
    "c.answer_reason, c.answered_at, c.answered_by, c.version FROM consultation_contributions c "
    "JOIN organisations o ON o.id = c.organisation_id ";
constexpr const char* kInsertContribution =
    "INSERT INTO consultation_contributions (consultation_id, organisation_id, item_id, body, author, "
    "author_user_id, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id";
constexpr const char* kAnswer =
    "UPDATE consultation_contributions SET answer = $1, answer_reason = $2, answered_at = $3, answered_by = $4, "
    "version = version + 1 WHERE id = $5 AND consultation_id = $6 AND version = $7";

// A day written YYYY-MM-DD that exists in the calendar.
bool is_day(const std::string& text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    auto number = [&](std::size_t from, std::size_t length) {
        return core::parse_positive_integer(std::string_view(text).substr(from, length)).value_or(0);
    };
    std::chrono::year_month_day day{std::chrono::year(static_cast<int>(number(0, 4))),
                                    std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                    std::chrono::day(static_cast<unsigned>(number(8, 2)))};
    return number(0, 4) >= 2000 && day.ok();
}

Contribution contribution_of(const storage::Row& row)
{
    Contribution contribution;
    contribution.id = row.integer("id");
    contribution.consultation_id = row.integer("consultation_id");
    contribution.organisation = row.text("slug");
    contribution.organisation_name = row.text("name");
    contribution.commitment_id = row.optional_integer("item_id");
    contribution.text = row.text("body");
    contribution.author = row.text("author");
    contribution.created_at = core::parse_iso8601(row.text("created_at")).value_or(core::Timestamp{});
    if (auto answer = row.optional_text("answer"))
        if (auto parsed = parse_answer(*answer); parsed.ok())
            contribution.answer = *parsed;
    contribution.reason = row.text("answer_reason");
    if (auto at = row.optional_text("answered_at"))
        contribution.answered_at = core::parse_iso8601(*at);
    contribution.answered_by = row.optional_text("answered_by").value_or("");
    contribution.version = static_cast<int>(row.integer("version"));
    return contribution;
}

std::optional<Contribution> find_contribution(storage::Connection& connection, std::int64_t consultation_id,
                                              std::int64_t id)
{
    auto rows = connection.query(std::string(kContributionColumns) + "WHERE c.id = $1 AND c.consultation_id = $2",
                                 {id, consultation_id});
    if (rows.empty())
        return std::nullopt;
    return contribution_of(rows.front());
}

void audit(storage::Connection& connection, const access::Principal& principal, std::string_view action,
           std::string_view entity, std::int64_t id, std::optional<std::string> before, std::string after)
{
    access::record_audit(
        connection, principal,
        {std::string(action), std::string(entity), std::to_string(id), std::move(before), std::move(after)});
}

core::Error consultation_not_found(std::int64_t id)
{
    return core::Error::not_found("Consultation n° " + std::to_string(id) +
                                  " introuvable, ou hors du périmètre de votre organisation.");
}

}  // namespace

std::string Consultation::state_on(const std::string& day) const
{
    if (day < opens_on)
        return "upcoming";
    return day > closes_on ? "closed" : "open";
}

bool Consultation::invites(std::int64_t organisation_id) const
{
    for (const auto& invitee : invited)
        if (invitee.organisation_id == organisation_id)
            return true;
    return false;
}

const char* to_string(Answer answer)
{
    switch (answer) {
    case Answer::Taken: return "taken";
    case Answer::Partly: return "partly";
    case Answer::NotTaken: return "not_taken";
    }
    return "taken";
}

const char* label(Answer answer)
{
    switch (answer) {
    case Answer::Taken: return "pris en compte";
    case Answer::Partly: return "partiellement pris en compte";
    case Answer::NotTaken: return "non retenu";
    }
    return "pris en compte";
}

core::Result<Answer> parse_answer(std::string_view text)
{
    for (auto answer : {Answer::Taken, Answer::Partly, Answer::NotTaken})
        if (text == to_string(answer))
            return answer;
    return core::Error::invalid(
        "Réponse : « taken » (pris en compte), « partly » (partiellement) ou « not_taken » "
        "(non retenu) est attendu.",
        {{"answer", "Réponse : choisissez pris en compte, partiellement ou non retenu.", std::nullopt,
          std::string(text)}});
}

std::string today()
{
    return core::to_iso8601(core::now()).substr(0, 10);
}

nlohmann::json to_json(const Consultation& consultation, const std::string& day)
{
    nlohmann::json invited = nlohmann::json::array();
    for (const auto& invitee : consultation.invited)
        invited.push_back({{"organisation", invitee.slug}, {"name", invitee.name}});
    auto state = consultation.state_on(day);
    return {
        {"id", consultation.id},
        {"subject_kind", consultation.subject_kind},
        {"subject_id", consultation.subject_id},
        {"subject_key", consultation.subject_key.empty() ? nlohmann::json() : nlohmann::json(consultation.subject_key)},
        {"title", consultation.title},
        {"opens_on", consultation.opens_on},
        {"closes_on", consultation.closes_on},
        {"state", state},
        {"state_label", state == "open"     ? "ouverte"
                        : state == "closed" ? "close"
                                            : "à venir"},
        {"invited", invited},
        {"version", consultation.version},
        {"updated_at", core::to_iso8601(consultation.updated_at)},
        {"updated_by", consultation.updated_by}};
}

nlohmann::json to_json(const Contribution& contribution)
{
    return {{"id", contribution.id},
            {"consultation_id", contribution.consultation_id},
            {"organisation", contribution.organisation},
            {"organisation_name", contribution.organisation_name},
            {"commitment_id", contribution.commitment_id ? nlohmann::json(*contribution.commitment_id) : nullptr},
            {"item_id", contribution.commitment_id ? nlohmann::json(*contribution.commitment_id) : nullptr},
            {"text", contribution.text},
            {"author", contribution.author},
            {"created_at", core::to_iso8601(contribution.created_at)},
            {"answer", contribution.answer ? nlohmann::json(to_string(*contribution.answer)) : nullptr},
            {"answer_label", contribution.answer ? nlohmann::json(label(*contribution.answer)) : nullptr},
            {"reason", contribution.reason},
            {"answered_at",
             contribution.answered_at ? nlohmann::json(core::to_iso8601(*contribution.answered_at)) : nullptr},
            {"answered_by",
             contribution.answered_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(contribution.answered_by)},
            {"version", contribution.version}};
}

core::Result<Consultation> open_consultation(storage::Connection& connection, const access::Principal& principal,
                                             const Subject& subject, const ConsultationInput& input,
                                             const std::string& default_title)
{
    BOUSSOLE_TRY(subject.may_steer(principal, "ouvrir une consultation"));
    core::Faults faults;
    auto title = std::string(core::trim(input.title));
    if (title.empty())
        title = default_title;
    if (core::utf8_length(title) > 300 || !core::is_valid_utf8(title))
        faults.add("title", "Intitulé : 300 caractères au plus.");
    bool days = true;
    if (!is_day(input.opens_on)) {
        faults.add("opens_on", "Date d'ouverture : une date au format AAAA-MM-JJ est attendue (ex. 2026-03-02).",
                   input.opens_on);
        days = false;
    }
    if (!is_day(input.closes_on)) {
        faults.add("closes_on", "Date de clôture : une date au format AAAA-MM-JJ est attendue (ex. 2026-03-31).",
                   input.closes_on);
        days = false;
    }
    if (days && input.closes_on < input.opens_on)
        faults.add("closes_on", "Date de clôture : elle suit la date d'ouverture (" + input.opens_on + ").",
                   input.closes_on);
    else if (days && input.closes_on < today())
        faults.add("closes_on", "Date de clôture : elle est déjà passée ; choisissez une date à venir.",
                   input.closes_on);
    std::vector<Invitee> invited;
    for (const auto& slug : input.invited) {
        auto rows = connection.query(kOrganisation, {slug});
        if (rows.empty()) {
            faults.add("invited", "Organisations invitées : « " + slug + " » n'est pas dans l'annuaire.", slug);
            continue;
        }
        Invitee invitee{rows.front().integer("id"), rows.front().text("slug"), rows.front().text("name")};
        bool seen = false;
        for (const auto& other : invited)
            seen = seen || other.organisation_id == invitee.organisation_id;
        if (!seen)
            invited.push_back(invitee);
    }
    if (input.invited.empty())
        faults.add("invited", "Organisations invitées : invitez au moins une organisation de l'annuaire.");
    if (!faults.empty())
        return faults.error();
    auto author = Author::of(principal);
    Consultation consultation;
    consultation.subject_kind = subject.kind;
    consultation.subject_id = subject.id;
    consultation.subject_key = subject.key;
    consultation.title = title;
    consultation.opens_on = input.opens_on;
    consultation.closes_on = input.closes_on;
    consultation.invited = invited;
    consultation.updated_at = core::parse_iso8601(author.at).value_or(core::Timestamp{});
    consultation.updated_by = author.name;
    consultation.id = connection
                          .query(kInsert, {subject.kind, subject.id, subject.key, title, input.opens_on,
                                           input.closes_on, author.at, author.name})
                          .front()
                          .integer("id");
    int position = 0;
    for (const auto& invitee : invited)
        connection.execute(kInvite, {consultation.id, invitee.organisation_id, position++});
    audit(connection, principal, "consultation.open", "consultation", consultation.id, std::nullopt,
          to_json(consultation, today()).dump());
    return consultation;
}

std::optional<Consultation> find_consultation(storage::Connection& connection, std::int64_t id)
{
    auto rows = connection.query(kSelect, {id});
    if (rows.empty())
        return std::nullopt;
    const auto& row = rows.front();
    Consultation consultation;
    consultation.id = row.integer("id");
    consultation.subject_kind = row.text("subject_kind");
    consultation.subject_id = row.integer("subject_id");
    consultation.subject_key = row.text("subject_key");
    consultation.title = row.text("title");
    consultation.opens_on = row.text("opens_on");
    consultation.closes_on = row.text("closes_on");
    consultation.version = static_cast<int>(row.integer("version"));
    consultation.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    consultation.updated_by = row.text("updated_by");
    for (auto invited : connection.query(kSelectInvited, {id}))
        consultation.invited.push_back({invited.integer("id"), invited.text("slug"), invited.text("name")});
    return consultation;
}

std::vector<Consultation> list_consultations(storage::Connection& connection, std::int64_t convention_id)
{
    return list_consultations(connection, kSubject, convention_id, "");
}

std::vector<Consultation> list_consultations(storage::Connection& connection, const std::string& kind, std::int64_t id,
                                             const std::string& key)
{
    std::vector<Consultation> found;
    for (auto row : connection.query(kSelectOfSubject, {kind, id, key}))
        if (auto consultation = find_consultation(connection, row.integer("id")))
            found.push_back(std::move(*consultation));
    return found;
}

core::Status may_read(const access::Principal& principal, storage::Connection& connection,
                      const Consultation& consultation, const SubjectResolver& resolve)
{
    if (principal.organisation_id && consultation.invites(*principal.organisation_id))
        return {};
    auto subject = resolve(connection, consultation);
    if (!subject.ok())
        return std::move(subject).error();
    return subject->may_read(principal);
}

core::Result<Contribution> contribute(storage::Connection& connection, const access::Principal& principal,
                                      std::int64_t consultation_id, const ContributionInput& input,
                                      const SubjectResolver& resolve)
{
    auto consultation = find_consultation(connection, consultation_id);
    if (!consultation || !may_read(principal, connection, *consultation, resolve).ok())
        return consultation_not_found(consultation_id);
    if (principal.kind != access::PrincipalKind::User || !principal.organisation_id ||
        !consultation->invites(*principal.organisation_id))
        return core::Error::forbidden(
            "Votre organisation n'est pas invitée à cette consultation : seules les "
            "organisations invitées y contribuent.");
    auto state = consultation->state_on(today());
    if (state == "closed")
        return core::Error::conflict("La consultation est close depuis le " + consultation->closes_on +
                                     " au soir : elle ne reçoit plus de contributions.");
    if (state == "upcoming")
        return core::Error::conflict("La consultation ouvre le " + consultation->opens_on +
                                     " : les contributions sont reçues à partir de ce jour.");
    auto text = std::string(core::trim(input.text));
    core::Faults faults;
    if (text.empty() || !core::is_valid_utf8(text) || core::utf8_length(text) > kLongestText)
        faults.add("text", "Contribution : un texte de 5 000 caractères au plus est attendu.");
    if (input.commitment_id) {
        auto subject = resolve(connection, *consultation);
        if (!subject.ok())
            return std::move(subject).error();
        if (auto fault = subject->item_fault(connection, *input.commitment_id))
            faults.add(consultation->subject_kind == kSubject ? "commitment_id" : "action_id", *fault);
    }
    if (!faults.empty())
        return faults.error();
    auto author = Author::of(principal);
    auto id = connection
                  .query(kInsertContribution, {consultation_id, *principal.organisation_id, input.commitment_id, text,
                                               author.name, principal.user_id, author.at})
                  .front()
                  .integer("id");
    auto saved = find_contribution(connection, consultation_id, id);
    audit(connection, principal, "consultation.contribute", "consultation_contribution", id, std::nullopt,
          to_json(*saved).dump());
    return *saved;
}

std::vector<Contribution> list_contributions(storage::Connection& connection, std::int64_t consultation_id)
{
    std::vector<Contribution> found;
    for (auto row : connection.query(
             std::string(kContributionColumns) + "WHERE c.consultation_id = $1 ORDER BY c.created_at, c.id",
             {consultation_id}))
        found.push_back(contribution_of(row));
    return found;
}

core::Result<Contribution> answer_contribution(storage::Connection& connection, const access::Principal& principal,
                                               std::int64_t consultation_id, std::int64_t contribution_id,
                                               int expected_version, Answer answer, const std::string& reason,
                                               const SubjectResolver& resolve)
{
    auto consultation = find_consultation(connection, consultation_id);
    if (!consultation || !may_read(principal, connection, *consultation, resolve).ok())
        return consultation_not_found(consultation_id);
    auto subject = resolve(connection, *consultation);
    if (!subject.ok())
        return std::move(subject).error();
    BOUSSOLE_TRY(subject->may_steer(principal, "répondre aux contributions de cette consultation"));
    auto current = find_contribution(connection, consultation_id, contribution_id);
    if (!current)
        return core::Error::not_found("Contribution n° " + std::to_string(contribution_id) +
                                      " introuvable dans cette consultation.");
    auto trimmed = std::string(core::trim(reason));
    if (answer != Answer::Taken && trimmed.empty())
        return core::Error::invalid(
            std::string("Motif : obligatoire quand la contribution est « ") + label(answer) +
                " » ; dites à l'organisation ce qui n'a pas été repris et pourquoi.",
            {{"reason", "Motif : obligatoire pour une réponse « partiellement » ou « non retenu ».", std::nullopt,
              std::nullopt}});
    if (core::utf8_length(trimmed) > kLongestText || !core::is_valid_utf8(trimmed))
        return core::Error::invalid("Motif : 5 000 caractères au plus.",
                                    {{"reason", "Motif : 5 000 caractères au plus.", std::nullopt, std::nullopt}});
    if (current->version != expected_version)
        return core::Error::conflict(
            "La contribution a reçu une réponse de " +
            (current->answered_by.empty() ? std::string("quelqu'un d'autre") : current->answered_by) +
            " depuis votre lecture (version " + std::to_string(current->version) + ", vous partiez de la version " +
            std::to_string(expected_version) + ") : relisez-la avant de répondre de nouveau.");
    auto author = Author::of(principal);
    auto changed = connection.execute(kAnswer, {to_string(answer), trimmed, author.at, author.name, contribution_id,
                                                consultation_id, expected_version});
    if (changed == 0)
        return core::Error::conflict(
            "La contribution vient de recevoir une réponse de quelqu'un d'autre : relisez-la avant de répondre.");
    auto saved = find_contribution(connection, consultation_id, contribution_id);
    audit(connection, principal, "consultation.answer", "consultation_contribution", contribution_id,
          to_json(*current).dump(), to_json(*saved).dump());
    return *saved;
}

}  // namespace boussole::conventions
