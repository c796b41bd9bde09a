#include "conventions/commitment_store.hpp"

#include "storage/connection.hpp"
#include "storage/database_error.hpp"

namespace boussole::conventions::store {

namespace {

using namespace std::string_literals;

constexpr const char* kColumns =
    "c.id, c.convention_id, c.section, p.slug AS partner_slug, c.template_item_id, c.priority_code, c.title, c.body, "
    "l.slug AS lead_slug, c.contributors, c.indicator_code, c.baseline_period, c.baseline_value, c.target_value, "
    "c.deadline, c.national_target, c.final_assessment, c.deleted, c.version, c.updated_at, c.updated_by";
constexpr const char* kFrom =
    " FROM convention_commitments c JOIN organisations l ON l.id = c.lead_id "
    "LEFT JOIN organisations p ON p.id = c.partner_id ";

// Sections in the order of the document: socle, briques locales, annexes.
const std::string kSelectAll = "SELECT "s + kColumns + kFrom +
                               "WHERE c.convention_id = $1 AND ($2 = 1 OR c.deleted = 0) "
                               "ORDER BY CASE c.section WHEN 'socle' THEN 0 WHEN 'local' THEN 1 ELSE 2 END, "
                               "p.slug, c.id";
const std::string kSelectOne = "SELECT "s + kColumns + kFrom + "WHERE c.convention_id = $1 AND c.id = $2";

constexpr const char* kCount =
    "SELECT COUNT(*) AS n FROM convention_commitments WHERE convention_id = $1 AND deleted = 0";
constexpr const char* kOrganisationId = "SELECT id FROM organisations WHERE slug = $1";
constexpr const char* kInsert =
    "INSERT INTO convention_commitments (convention_id, section, partner_id, template_item_id, priority_code, title, "
    "body, lead_id, contributors, indicator_code, baseline_period, baseline_value, target_value, deadline, "
    "national_target, deleted, version, created_at, updated_at, updated_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, 1, $16, $16, $17) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE convention_commitments SET priority_code = $1, title = $2, body = $3, lead_id = $4, contributors = $5, "
    "indicator_code = $6, baseline_period = $7, baseline_value = $8, target_value = $9, deadline = $10, "
    "final_assessment = $11, deleted = $12, version = version + 1, updated_at = $13, updated_by = $14 "
    "WHERE id = $15 AND version = $16";

std::optional<core::Period> period_of(const storage::Row& row, const char* column)
{
    auto text = row.optional_text(column);
    if (!text)
        return std::nullopt;
    auto period = core::Period::parse(*text);
    if (!period.ok())
        throw storage::DatabaseError(storage::DatabaseError::Kind::Schema,
                                     std::string("convention_commitments.") + column + " : " + period.error().message);
    return *period;
}

Commitment from_row(const storage::Row& row)
{
    Commitment commitment;
    commitment.id = row.integer("id");
    commitment.convention_id = row.integer("convention_id");
    if (auto section = parse_section(row.text("section")); section.ok())
        commitment.section = *section;
    commitment.partner = row.optional_text("partner_slug").value_or("");
    commitment.template_item_id = row.optional_integer("template_item_id");
    commitment.priority = row.text("priority_code");
    commitment.title = row.text("title");
    commitment.text = row.text("body");
    commitment.lead = row.text("lead_slug");
    auto contributors = nlohmann::json::parse(row.text("contributors"), nullptr, false);
    if (contributors.is_array())
        for (const auto& slug : contributors)
            if (slug.is_string())
                commitment.contributors.push_back(slug.get<std::string>());
    commitment.indicator = row.optional_text("indicator_code").value_or("");
    commitment.baseline_period = period_of(row, "baseline_period");
    commitment.baseline_value = row.optional_real("baseline_value");
    commitment.target_value = row.optional_real("target_value");
    commitment.deadline = period_of(row, "deadline");
    commitment.national_target = row.optional_real("national_target");
    commitment.final_assessment = row.text("final_assessment");
    commitment.deleted = row.boolean("deleted");
    commitment.version = static_cast<int>(row.integer("version"));
    commitment.updated_at = core::parse_iso8601(row.text("updated_at")).value_or(core::Timestamp{});
    commitment.updated_by = row.text("updated_by");
    return commitment;
}

std::optional<std::string> text_or_null(const std::string& text)
{
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

std::optional<std::string> period_or_null(const std::optional<core::Period>& period)
{
    return period ? std::optional<std::string>(period->to_string()) : std::nullopt;
}

}  // namespace

void insert_socle(storage::Connection& connection, std::int64_t convention_id, const Template& model,
                  std::int64_t lead_id, const Author& author)
{
    for (const auto& item : model.items) {
        Commitment commitment;
        commitment.convention_id = convention_id;
        commitment.section = Section::Socle;
        commitment.template_item_id = item.id;
        commitment.priority = item.priority;
        commitment.title = item.title;
        commitment.text = item.text;
        commitment.indicator = item.indicator;
        commitment.target_value = item.target_value;
        commitment.deadline = item.target_period;
        commitment.national_target = item.target_value;
        insert(connection, commitment, lead_id, std::nullopt, author);
    }
}

std::vector<Commitment> select_commitments(storage::Connection& connection, std::int64_t convention_id,
                                           bool include_deleted)
{
    std::vector<Commitment> commitments;
    for (auto row : connection.query(kSelectAll, {convention_id, include_deleted ? 1 : 0}))
        commitments.push_back(from_row(row));
    return commitments;
}

std::optional<Commitment> select_commitment(storage::Connection& connection, std::int64_t convention_id,
                                            std::int64_t id)
{
    auto rows = connection.query(kSelectOne, {convention_id, id});
    if (rows.empty())
        return std::nullopt;
    return from_row(rows.front());
}

std::int64_t count_commitments(storage::Connection& connection, std::int64_t convention_id)
{
    return connection.query(kCount, {convention_id}).front().integer("n");
}

std::optional<std::int64_t> organisation_id(storage::Connection& connection, std::string_view slug)
{
    auto rows = connection.query(kOrganisationId, {slug});
    if (rows.empty())
        return std::nullopt;
    return rows.front().integer("id");
}

Commitment insert(storage::Connection& connection, Commitment commitment, std::int64_t lead_id,
                  std::optional<std::int64_t> partner_id, const Author& author)
{
    commitment.id =
        connection
            .query(kInsert,
                   {commitment.convention_id, to_string(commitment.section), partner_id, commitment.template_item_id,
                    commitment.priority, commitment.title, commitment.text, lead_id,
                    nlohmann::json(commitment.contributors).dump(), text_or_null(commitment.indicator),
                    period_or_null(commitment.baseline_period), commitment.baseline_value, commitment.target_value,
                    period_or_null(commitment.deadline), commitment.national_target, author.at, author.name})
            .front()
            .integer("id");
    commitment.version = 1;
    commitment.updated_at = core::parse_iso8601(author.at).value_or(core::Timestamp{});
    commitment.updated_by = author.name;
    return commitment;
}

std::optional<Commitment> update(storage::Connection& connection, Commitment commitment, std::int64_t lead_id,
                                 int from_version, const Author& author)
{
    auto changed = connection.execute(
        kUpdate, {commitment.priority, commitment.title, commitment.text, lead_id,
                  nlohmann::json(commitment.contributors).dump(), text_or_null(commitment.indicator),
                  period_or_null(commitment.baseline_period), commitment.baseline_value, commitment.target_value,
                  period_or_null(commitment.deadline), commitment.final_assessment, commitment.deleted ? 1 : 0,
                  author.at, author.name, commitment.id, from_version});
    if (changed == 0)
        return std::nullopt;
    commitment.version = from_version + 1;
    commitment.updated_at = core::parse_iso8601(author.at).value_or(core::Timestamp{});
    commitment.updated_by = author.name;
    return commitment;
}

}  // namespace boussole::conventions::store
